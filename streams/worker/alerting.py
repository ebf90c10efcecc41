"""Alerts and trends in the worker: rule hits and trend observations, repartitioned by key, counted in Faust tables.

Data flow (all topics are created by :func:`streams.transport.topics.ensure_topics`)::

    enrich agent -- record published --> derive_outputs() --+--> <group>-alert-hits (key: throttle key)
                                                            +--> <group>-trend-obs  (key: trend key)
    alert agent  <-- <group>-alert-hits, table "alert-state" (throttle + spike state per throttle key) --> alerts
    trend agent  <-- <group>-trend-obs,  table "trend-windows" (window counts per trend key)            --> trends

- The input is keyed by article id, the state by throttle key or trend key: the
  enrich agent sends each hit and observation to a repartition topic keyed by its
  state key, as part of its batch's outputs (acknowledged before the input offset is
  committed). Every hit of one key then reaches one agent instance, on one worker,
  whatever input partition its article came from.
- Tables are Faust tables with changelog topics (``<group>-<table>-changelog``,
  partitioned like their repartition topic): a restarted or rebalanced worker
  recovers the state before it processes a hit.
- The agents publish first and update the table after the broker's ack; a crash in
  between re-publishes the same alert (same ``alert_id``) on restart: at-least-once.
- Everything here except :func:`install` is pure (no Faust, no Kafka) and
  unit-tested: state is plain JSON, times are the articles' clock
  (:func:`streams.alerts.clock.record_time`), so a replay gives the same output.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from streams.alerts import spike as spike_mod
from streams.alerts.alert import entity_alert, event_alert, spike_alert
from streams.alerts.clock import record_time
from streams.alerts.rules import EntityRule, EventRule, Rule, RulesError, RuleSet, SpikeRule, load_rules, throttle_key
from streams.alerts.throttle import decide
from streams.alerts.trends import trend_keys
from streams.ops import metrics
from streams.settings import Settings
from streams.worker.processor import Output, Result

log = logging.getLogger("streams.alerts")

SCHEMA_VERSION = 1
TREND_KEEP_WINDOWS = 3  # windows before the newest one that late articles still correct
MAX_FUTURE_S = 3600.0  # articles dated further ahead of the wall clock are not counted
MAX_SPIKE_SAMPLES = 10  # article ids/urls kept per spike window for the alert


# --------------------------------------------------------------------------------------------
# the rule file
# --------------------------------------------------------------------------------------------
class RulesHolder:
    """The rules in effect; :meth:`reload` swaps them atomically, keeping the old ones on error.

    Read from the enrich thread (one attribute read per batch) and the event loop.
    """

    def __init__(self, path: str, default_throttle_s: float) -> None:
        self.path = path
        self.default_throttle_s = default_throttle_s
        self.rules: RuleSet | None = None
        self.pending_reload = False  # a SIGHUP before the event loop took over (see run_worker)

    @property
    def enabled(self) -> bool:
        return bool(self.path)

    def load(self) -> RuleSet:
        """Load and validate the file; raise :class:`RulesError` (its message names the rule and field)."""
        rules = load_rules(self.path, default_throttle=self.default_throttle_s)
        self.rules = rules
        metrics.RULES_LOADED.set(len(rules))
        for rule in rules:  # series at 0 from the start, so that rate() and dashboards see them
            metrics.ALERTS_PUBLISHED.labels(rule.id, rule.severity)
            metrics.ALERTS_SUPPRESSED.labels(rule.id)
        return rules

    def reload(self) -> bool:
        """Reload the file (SIGHUP). On error the old rules stay in effect; the error is logged and counted."""
        if not self.enabled:
            log.warning("SIGHUP ignored: no rule file (STREAMS_RULES_FILE is empty)")
            return False
        try:
            rules = self.load()
        except RulesError as exc:
            metrics.RULES_RELOADS.labels("error").inc()
            log.error("rule file reload failed; the previous rules stay in effect: %s", exc,
                      extra={"error": "; ".join(exc.problems)[:2000]})
            return False
        metrics.RULES_RELOADS.labels("ok").inc()
        log.info("rule file reloaded: %d rules (version %s)", len(rules), rules.version)
        return True


# --------------------------------------------------------------------------------------------
# deriving hits and observations from a published record (pure; runs in the enrich thread)
# --------------------------------------------------------------------------------------------
SLIM_FIELDS = ("article_id", "title", "url", "source", "published_at", "reference_time", "time_basis")


def slim_record(record: dict[str, Any], entity_id: str | None = None) -> dict[str, Any]:
    """What an alert needs of its article: identity and clock, and the entity an entity rule matched."""
    out = {k: record.get(k) for k in SLIM_FIELDS}
    if entity_id is not None:
        out["entities"] = [e for e in record.get("entities") or () if isinstance(e, dict) and e.get("id") == entity_id][:1]
    return out


def alert_hits(record: dict[str, Any], rules: RuleSet) -> list[tuple[str, dict[str, Any]]]:
    """``(throttle key, hit)`` for each event/entity rule hit and each spike rule the record counts towards."""
    ts = record_time(record)
    out: list[tuple[str, dict[str, Any]]] = []
    for hit in rules.hits(record):
        out.append((hit.throttle_key, {
            "kind": hit.rule.kind, "rule_id": hit.rule.id, "throttle_key": hit.throttle_key, "ts": ts,
            "events": list(hit.events), "entity_id": hit.entity_id, "record": slim_record(record, hit.entity_id),
        }))
    for rule, _counted in rules.spike_hits(record):
        key = throttle_key(rule)
        out.append((key, {"kind": "spike", "rule_id": rule.id, "throttle_key": key, "ts": ts, "record": slim_record(record)}))
    return out


def trend_observations(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``(trend key, observation)`` once per key of the record (:func:`streams.alerts.trends.trend_keys`)."""
    ts = record_time(record)
    return [(key, {"ts": ts, "article_id": record.get("article_id")}) for key in trend_keys(record)]


def derive_outputs(results: Sequence[Result], rules: RuleSet | None, settings: Settings, *, trends: bool) -> list[Output]:
    """The repartition-topic messages of a batch's enriched records.

    A record the alerting code cannot handle is logged and counted
    (``streams_alert_errors_total{stage="derive"}``), never a reason to stop enrichment.
    """
    outputs: list[Output] = []
    for result in results:
        record = result.record
        if record is None:
            continue
        try:
            if rules is not None and len(rules):
                for key, hit in alert_hits(record, rules):
                    metrics.ALERT_HITS.labels(hit["rule_id"]).inc()
                    outputs.append(Output(settings.topic_alert_hits, key.encode("utf-8"), orjson.dumps(hit)))
            if trends:
                for key, obs in trend_observations(record):
                    outputs.append(Output(settings.topic_trend_obs, key.encode("utf-8"), orjson.dumps(obs)))
        except Exception:
            metrics.ALERT_ERRORS.labels("derive").inc()
            log.exception("cannot derive alert hits or trend observations", extra={"article_id": record.get("article_id")})
    return outputs


# --------------------------------------------------------------------------------------------
# the alert agent's state transition (pure)
# --------------------------------------------------------------------------------------------
@dataclass(slots=True)
class HitOutcome:
    """What one hit did: the key's new state (store it), alerts to publish, and whether it was throttled."""

    state: dict[str, Any] | None
    alerts: list[dict[str, Any]] = field(default_factory=list)
    suppressed: bool = False
    ignored: str | None = None  # why the hit was ignored (e.g. its rule is no longer loaded)


def _samples(previous: dict[str, Any] | None, window: int, record: dict[str, Any]) -> dict[str, Any] | None:
    """The first articles (id, url) of the key's newest spike window, for the alert."""
    entry = [record.get("article_id"), record.get("url")]
    if not previous or window > int(previous.get("window", window - 1)):
        return {"window": window, "articles": [entry]}
    if window == int(previous["window"]) and len(previous["articles"]) < MAX_SPIKE_SAMPLES:
        return {"window": window, "articles": [*previous["articles"], entry]}
    return previous


def apply_hit(state: dict[str, Any] | None, hit: dict[str, Any], rules: RuleSet | None, *,
              now: float | None = None) -> HitOutcome:
    """Throttle (and, for spike rules, count) one hit of a throttle key.

    ``state``: the key's table value, ``{"throttle": …, "spike": …, "samples": …}``
    (see :mod:`streams.alerts.throttle` and :mod:`streams.alerts.spike`); ``now``:
    the wall clock, only to ignore articles dated far in the future in spike counts.
    """
    rule: Rule | None = rules.get(str(hit.get("rule_id"))) if rules is not None else None
    if rule is None or rule.kind != hit.get("kind"):
        return HitOutcome(state, ignored="rule not loaded (removed by a reload?)")
    st = dict(state or {})
    ts = float(hit["ts"])
    record = hit["record"]
    when = record.get("reference_time") or ts
    if isinstance(rule, SpikeRule):
        spike_state, result = spike_mod.step(st.get("spike"), ts, rule, now=now, max_future_s=MAX_FUTURE_S)
        st["spike"] = spike_state
        st["samples"] = _samples(st.get("samples"), spike_mod.window_index(ts, rule.spike.window_s), record)
        if result is None:
            return HitOutcome(st)
        publish, st["throttle"], suppressed = decide(st.get("throttle"), ts, rule.throttle_s)
        if not publish:
            return HitOutcome(st, suppressed=True)
        samples = st["samples"]["articles"] if st["samples"] and st["samples"]["window"] == result.window_index else []
        alert = spike_alert(rule, result, when, article_ids=[a[0] for a in samples if a[0]],
                            urls=[a[1] for a in samples], suppressed_count=suppressed)
        return HitOutcome(st, [alert])
    publish, st["throttle"], suppressed = decide(st.get("throttle"), ts, rule.throttle_s)
    if not publish:
        return HitOutcome(st, suppressed=True)
    if isinstance(rule, EventRule):
        alert = event_alert(rule, hit["events"], record, throttle_key=hit["throttle_key"], suppressed_count=suppressed)
    else:
        assert isinstance(rule, EntityRule)
        alert = entity_alert(rule, hit["entity_id"], record, suppressed_count=suppressed)
    return HitOutcome(st, [alert])


# --------------------------------------------------------------------------------------------
# the trend agent's state transition (pure)
# --------------------------------------------------------------------------------------------
def trend_kind(key: str) -> str:
    if "|" in key:
        return "dyad"
    return "country" if key.startswith("country:") else "entity"


def trend_record(key: str, window: int, count: int, window_s: float, window_text: str) -> dict[str, Any]:
    """One ``trends`` message: the article count of ``key`` in window ``window`` (the articles' clock)."""
    start, end = spike_mod.window_bounds(window, window_s)
    return {"schema_version": SCHEMA_VERSION, "key": key, "kind": trend_kind(key), "window": window_text,
            "window_start": start, "window_end": end, "count": int(count)}


def apply_observation(
    state: dict[str, Any] | None, key: str, ts: float, window_s: float, window_text: str, *,
    now: float | None = None, keep: int = TREND_KEEP_WINDOWS,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], str | None]:
    """Count one article of ``key`` at ``ts``: ``(new state, trends records to publish, reason it was dropped)``.

    State: ``{"window_s": 900.0, "newest": 1917401, "counts": {"1917400": 3, "1917401": 1}}``.

    - the first observation of a later window closes the key's newest window: its
      count is published, and the new window becomes the newest;
    - an observation of one of the ``keep`` windows before the newest (a late
      article) corrects that window: its new count is published again at once
      (consumers keep the latest message per key and ``window_start``);
    - older observations, and ones dated over an hour after ``now``, are dropped;
    - a change of the window size starts the key afresh.
    """
    if now is not None and ts > now + MAX_FUTURE_S:
        return state, [], "future"
    idx = spike_mod.window_index(ts, window_s)
    if not state or float(state.get("window_s", 0)) != float(window_s):
        return {"window_s": float(window_s), "newest": idx, "counts": {str(idx): 1}}, [], None
    newest = int(state["newest"])
    counts = {str(k): int(v) for k, v in (state.get("counts") or {}).items()}
    if idx < newest - keep:
        return state, [], "late"
    out: list[dict[str, Any]] = []
    if idx > newest:
        out.append(trend_record(key, newest, counts.get(str(newest), 0), window_s, window_text))
        newest = idx
    counts[str(idx)] = counts.get(str(idx), 0) + 1
    if idx < newest:
        out.append(trend_record(key, idx, counts[str(idx)], window_s, window_text))
    counts = {k: v for k, v in counts.items() if int(k) >= newest - keep}
    return {"window_s": float(window_s), "newest": newest, "counts": counts}, out, None


# --------------------------------------------------------------------------------------------
# Faust wiring
# --------------------------------------------------------------------------------------------
Publish = Callable[[list[Output]], Awaitable[None]]


def install(app: Any, settings: Settings, holder: RulesHolder, state: Any, publish: Publish,
            on_fatal: Callable[[BaseException], Awaitable[None]]) -> dict[str, Any]:
    """Declare the alert and trend agents and their tables on ``app``; return the topics they consume.

    ``publish`` sends outputs and waits for the broker's acks (retrying); when it
    finally fails, ``on_fatal`` stops the worker without committing the message.
    """
    import faust

    from streams.transport.topics import ALERT_STATE_TABLE, TREND_TABLE

    def json_schema() -> Any:
        # str keys and plain-JSON values, in memory and in the changelog
        return faust.Schema(key_serializer="json", value_serializer="json")

    def raw_topic(name: str) -> Any:
        return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw",
                         partitions=settings.partitions)

    consumed: dict[str, Any] = {}

    def hold(event: Any) -> None:
        # as in the enrich agent: our own reference on the message, released by done() only
        # once its outputs are acknowledged; a failed publish never lets its offset commit
        event.message.incref()

    async def done(stream: Any, event: Any) -> None:
        await stream.ack(event)
        state.positions[event.message.tp] = event.message.offset + 1

    if holder.enabled:
        hits_topic = raw_topic(settings.topic_alert_hits)
        consumed[settings.topic_alert_hits] = hits_topic
        alert_table = app.Table(
            ALERT_STATE_TABLE, default=None, partitions=settings.partitions,
            schema=json_schema(),
            help="Throttle and spike state per throttle key (rule id + dyad, entity or counted key)",
        )

        @app.agent(hits_topic, name="alerts")
        async def alert_agent(stream: Any) -> None:
            async for event in stream.events():
                hold(event)
                key = (event.message.key or b"").decode("utf-8", "replace")
                previous = alert_table.get(key)
                try:
                    hit = orjson.loads(event.message.value)
                    outcome = apply_hit(previous, hit, holder.rules, now=time.time())
                except Exception:
                    metrics.ALERT_ERRORS.labels("hit").inc()
                    log.exception("cannot handle an alert hit; skipped", extra={"partition": event.message.partition,
                                                                                 "offset": event.message.offset})
                    await done(stream, event)
                    continue
                if outcome.ignored:
                    log.info("alert hit ignored: %s", outcome.ignored, extra={"status": hit.get("rule_id")})
                    await done(stream, event)
                    continue
                if outcome.alerts:
                    outputs = [Output(settings.topic_alerts, a["rule_id"].encode("utf-8"), orjson.dumps(a))
                               for a in outcome.alerts]
                    try:
                        await publish(outputs)  # acked before the state changes: at-least-once
                    except Exception as exc:
                        await on_fatal(exc)
                        return
                    for a in outcome.alerts:
                        metrics.ALERTS_PUBLISHED.labels(a["rule_id"], a["severity"]).inc()
                        log.info("alert published", extra={"status": a["rule_id"], "article_id": ",".join(a["article_ids"][:3])})
                if outcome.suppressed:
                    metrics.ALERTS_SUPPRESSED.labels(str(hit["rule_id"])).inc()
                if outcome.state != previous:
                    alert_table[key] = outcome.state
                await done(stream, event)

        app.streams_alert_agent = alert_agent

    if settings.trend_window_s > 0:
        obs_topic = raw_topic(settings.topic_trend_obs)
        consumed[settings.topic_trend_obs] = obs_topic
        trend_table = app.Table(
            TREND_TABLE, default=None, partitions=settings.partitions,
            schema=json_schema(),
            help="Article counts of the newest windows per trend key",
        )
        window_s, window_text = settings.trend_window_s, settings.trend_window

        @app.agent(obs_topic, name="trends")
        async def trend_agent(stream: Any) -> None:
            async for event in stream.events():
                hold(event)
                key = (event.message.key or b"").decode("utf-8", "replace")
                try:
                    obs = orjson.loads(event.message.value)
                    previous = trend_table.get(key)
                    new, records, dropped = apply_observation(previous, key, float(obs["ts"]), window_s, window_text,
                                                              now=time.time())
                except Exception:
                    metrics.ALERT_ERRORS.labels("trend").inc()
                    log.exception("cannot handle a trend observation; skipped",
                                  extra={"partition": event.message.partition, "offset": event.message.offset})
                    await done(stream, event)
                    continue
                if dropped:
                    metrics.TREND_OBSERVATIONS_DROPPED.labels(dropped).inc()
                if records:
                    try:
                        await publish([Output(settings.topic_trends, r["key"].encode("utf-8"), orjson.dumps(r))
                                       for r in records])
                    except Exception as exc:
                        await on_fatal(exc)
                        return
                    metrics.TRENDS_PUBLISHED.inc(len(records))
                if new != previous:
                    trend_table[key] = new
                await done(stream, event)

        app.streams_trend_agent = trend_agent

    return consumed


def init_metrics(alerting_enabled: bool, trends_enabled: bool) -> None:
    """Create the labelled series this worker can produce at 0 (absent series break rate() and alerts)."""
    if alerting_enabled:
        for result in ("ok", "error"):
            metrics.RULES_RELOADS.labels(result)
        metrics.ALERT_ERRORS.labels("hit")
    metrics.ALERT_ERRORS.labels("derive")
    if trends_enabled:
        metrics.ALERT_ERRORS.labels("trend")
        for reason in ("late", "future"):
            metrics.TREND_OBSERVATIONS_DROPPED.labels(reason)


async def measure_event_loop_lag(interval_s: float = 0.5) -> None:
    """Forever: sleep ``interval_s`` and record how much later than asked the loop woke up."""
    loop = asyncio.get_running_loop()
    while True:
        t0 = loop.time()
        await asyncio.sleep(interval_s)
        metrics.EVENT_LOOP_LAG.set(max(loop.time() - t0 - interval_s, 0.0))


__all__ = [
    "HitOutcome", "RulesHolder", "alert_hits", "apply_hit", "apply_observation", "derive_outputs", "install",
    "init_metrics", "measure_event_loop_lag", "slim_record", "trend_observations", "trend_record",
]
