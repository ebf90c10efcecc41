"""Alerts and trends in the worker: the edges around the pure logic of :mod:`streams.alerts`.

Data flow (all topics are created by :func:`streams.transport.topics.ensure_topics`)::

    enrich batch -- records published --> derive_outputs() --+--> <group>-alert-hits (key: throttle key)
                                                             +--> <group>-trend-obs  (key: trend key)
    alert agent  <-- <group>-alert-hits, table "alert-state"   --> alerts   (AlertHandler)
    trend agent  <-- <group>-trend-obs,  table "trend-windows" --> trends   (TrendHandler)

Both agents are :class:`~streams.worker.keyed.KeyedStateAgent` instances; the
handlers here parse the typed messages (:mod:`streams.alerts.messages`), call the
pure transitions (:func:`streams.alerts.alert_state.apply_hit`,
:func:`streams.alerts.trends.apply_observation`), shape the outputs and count them
in Prometheus once they are published.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import orjson

from streams.alerts.alert_state import apply_hit
from streams.alerts.hits import alert_hits, trend_observations
from streams.alerts.messages import Hit, Observation, TrendSweep, parse_trend_message
from streams.alerts.rules import RuleSet
from streams.alerts.trends import apply_observation, is_quiet
from streams.alerts.trends import apply_sweep as apply_trend_sweep
from streams.errors import Action
from streams.ops import metrics
from streams.settings import Settings
from streams.worker.keyed import Step
from streams.worker.policy import ErrorPolicy
from streams.worker.processor import Output, Result
from streams.worker.rules import RulesHolder

log = logging.getLogger("streams.alerts")

# error-policy stages of the alerting code; also the label of streams_alert_errors_total
DERIVE_STAGE, HIT_STAGE, TREND_STAGE = "derive", "hit", "trend"


def derive_outputs(results: Sequence[Result], rules: RuleSet | None, settings: Settings, policy: ErrorPolicy, *,
                   trends: bool) -> list[Output]:
    """The repartition-topic messages of a batch's enriched records (runs in the enrich thread).

    A record the alerting code cannot handle goes to the error policy (logged, counted,
    skipped): alerting never stops enrichment.
    """
    outputs: list[Output] = []
    for result in results:
        record = result.record
        if record is None:
            continue
        try:
            outputs += _record_outputs(record, rules, settings, trends)
        except Exception as exc:
            if policy.on_error(DERIVE_STAGE, exc, article_id=record.get("article_id")) is not Action.SKIP:
                raise
    return outputs


def _record_outputs(record: dict[str, Any], rules: RuleSet | None, settings: Settings, trends: bool) -> list[Output]:
    hits = alert_hits(record, rules) if rules is not None and len(rules) else []
    observations = trend_observations(record) if trends else []
    for _key, hit in hits:
        metrics.ALERT_HITS.labels(hit.rule_id).inc()
    return ([Output(settings.topic_alert_hits, key.encode("utf-8"), hit.to_bytes()) for key, hit in hits]
            + [Output(settings.topic_trend_obs, key.encode("utf-8"), obs.to_bytes()) for key, obs in observations])


class AlertHandler:
    """Rule hits of one throttle key: throttle, spike counts, alerts (:func:`~streams.alerts.alert_state.apply_hit`)."""

    stage = HIT_STAGE

    def __init__(self, settings: Settings, holder: RulesHolder, clock: Callable[[], float] = time.time) -> None:
        self.topic, self.holder, self.clock = settings.topic_alerts, holder, clock

    def parse(self, data: bytes | None) -> Hit:
        return Hit.from_bytes(data)

    def step(self, key: str, state: Any, hit: Hit) -> Step:
        outcome = apply_hit(state, hit, self.holder.rules, now=self.clock())
        if outcome.ignored:
            log.info("alert hit ignored: %s", outcome.ignored, extra={"status": hit.rule_id})
        outputs = [Output(self.topic, a["rule_id"].encode("utf-8"), orjson.dumps(a)) for a in outcome.alerts]

        def published() -> None:
            for a in outcome.alerts:
                metrics.ALERTS_PUBLISHED.labels(a["rule_id"], a["severity"]).inc()
                log.info("alert published", extra={"status": a["rule_id"], "article_id": ",".join(a["article_ids"][:3])})
            if outcome.suppressed:
                metrics.ALERTS_SUPPRESSED.labels(hit.rule_id).inc()

        return Step(outcome.state, outputs, published)


class TrendHandler:
    """Observations and sweeps of one trend key: window counts, ``trends`` records (:mod:`streams.alerts.trends`).

    ``watermark`` is the newest article clock this worker's trend agent has counted; a
    window before its :func:`~streams.alerts.trends.closing_point` (a day, and at least
    three windows, behind it) is final. :meth:`sweeps` asks the keys whose newest window
    is final to publish it and leave the table, through the topic itself (a table may only
    be written while processing a message of its partition).
    """

    stage = TREND_STAGE

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.time) -> None:
        self.topic, self.obs_topic, self.clock = settings.topic_trends, settings.topic_trend_obs, clock
        self.window_s, self.window_text = settings.trend_window_s, settings.trend_window
        self.watermark: float | None = None  # none counted yet (since start-up)

    def parse(self, data: bytes | None) -> Observation | TrendSweep:
        return parse_trend_message(data)

    def step(self, key: str, state: Any, message: Observation | TrendSweep) -> Step:
        if isinstance(message, TrendSweep):
            new, records = apply_trend_sweep(state, key, message.clock, self.window_s, self.window_text)
            dropped = None
        else:
            new, records, dropped = apply_observation(state, key, message.ts, self.window_s, self.window_text,
                                                      now=self.clock(), watermark=self.watermark)
            if dropped is None:
                self.watermark = message.ts if self.watermark is None else max(self.watermark, message.ts)
        outputs = [Output(self.topic, r["key"].encode("utf-8"), orjson.dumps(r)) for r in records]

        def published() -> None:
            if dropped:
                metrics.TREND_OBSERVATIONS_DROPPED.labels(dropped).inc()
            if records:
                metrics.TRENDS_PUBLISHED.inc(len(records))

        return Step(new, outputs, published)

    def sweeps(self, items: Iterable[tuple[str, Any]]) -> list[Output]:
        """Sweep messages for the keys (of this worker's table) whose newest window is final."""
        if self.watermark is None:
            return []
        sweep = TrendSweep(self.watermark).to_bytes()
        return [Output(self.obs_topic, key.encode("utf-8"), sweep) for key, state in items
                if isinstance(state, dict) and is_quiet(state, self.watermark, self.window_s)]


def init_metrics(alerting_enabled: bool, trends_enabled: bool) -> None:
    """Create the labelled series this worker can produce at 0 (absent series break rate() and alerts)."""
    if alerting_enabled:
        for result in ("ok", "error"):
            metrics.RULES_RELOADS.labels(result)
        metrics.ALERT_ERRORS.labels(HIT_STAGE)
    metrics.ALERT_ERRORS.labels(DERIVE_STAGE)
    if trends_enabled:
        metrics.ALERT_ERRORS.labels(TREND_STAGE)
        for reason in ("late", "future"):
            metrics.TREND_OBSERVATIONS_DROPPED.labels(reason)
