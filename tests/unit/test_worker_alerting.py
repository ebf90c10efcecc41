"""Alerting without Kafka: hits from records, throttle/spike state per key, trend windows, rule reloads,
consumer lag arithmetic, the settings and topics, and the `streams alerts` line format."""

from __future__ import annotations

import asyncio
from collections import namedtuple
from pathlib import Path
from typing import Any

import orjson
import pytest

from streams.alerts import windows
from streams.alerts.alert_state import apply_hit
from streams.alerts.clock import to_epoch
from streams.alerts.hits import alert_hits
from streams.alerts.messages import Hit, Observation
from streams.alerts.rules import parse_rules
from streams.alerts.trends import apply_observation, apply_sweep, trend_kind, trend_record
from streams.cli.kafka_tools import describe
from streams.ops import metrics
from streams.settings import SettingsError, duration_seconds, load_settings
from streams.transport.topics import changelog_topic, internal_topics, topic_specs
from streams.worker.alerting import derive_outputs
from streams.worker.policy import ErrorPolicy
from streams.worker.processor import RawMessage, Result
from streams.worker.rules import RulesHolder
from streams.worker.worker import count_error

RULES = """
rules:
  - id: rus-prk-military
    severity: high
    throttle: 10m
    match: {roots: ["06", "07", "15", "18", "19"], dyad: [RUS, PRK], min_confidence: 0.5}
  - id: watch-iaea
    severity: low
    throttle: 1h
    match: {entities: ["igo:IAEA"]}
  - id: prk-spike
    severity: medium
    spike: {country: PRK, window: 1h, baseline_windows: 2, factor: 3, min_count: 3}
"""
T0 = "2024-06-19T08:00:00.000Z"


def rules() -> Any:
    return parse_rules(RULES, "rules.yaml")


def record(article_id: str = "a1", when: str = T0, *, events: bool = True, iaea: bool = False) -> dict[str, Any]:
    entities = [{"id": "country:PRK", "name": "North Korea", "type": "GPE", "country": "PRK"},
                {"id": "country:RUS", "name": "Russia", "type": "GPE", "country": "RUS"},
                {"id": "person:kim-jong-un", "name": "Kim Jong Un", "type": "PERSON", "country": "PRK"}]
    if iaea:
        entities.append({"id": "igo:IAEA", "name": "International Atomic Energy Agency", "type": "ORG", "igo": "IAEA"})
    evs = [{"id": "ev-1", "code": "072", "root": "07", "label": "Provide military aid", "confidence": 0.85,
            "factuality": "asserted",
            "source": {"entity_id": "country:PRK", "name": "North Korea", "country": "PRK", "igo": None},
            "target": {"entity_id": "country:RUS", "name": "Russia", "country": "RUS", "igo": None}}] if events else []
    return {"schema_version": 1, "article_id": article_id, "title": f"Title {article_id}", "url": f"https://x/{article_id}",
            "published_at": when, "reference_time": when, "time_basis": "published_at", "countries": ["PRK", "RUS"],
            "entities": entities, "events": evs, "processing": {}}


def hit_for(rec: dict[str, Any], rule_id: str) -> tuple[str, Hit]:
    # through bytes, as the alert agent reads it from the repartition topic
    return next((k, Hit.from_bytes(h.to_bytes())) for k, h in alert_hits(rec, rules()) if h.rule_id == rule_id)


def at(minutes: float) -> str:
    from streams.alerts.clock import iso_utc

    return iso_utc(to_epoch(T0) + minutes * 60)


# --------------------------------------------------------------------------------------------
# hits and observations derived from a record
# --------------------------------------------------------------------------------------------
def test_a_record_yields_hits_keyed_by_throttle_key() -> None:
    hits = dict(alert_hits(record(iaea=True), rules()))
    assert set(hits) == {"rus-prk-military|PRK|RUS", "watch-iaea|igo:IAEA", "prk-spike|country:PRK"}
    event_hit = hits["rus-prk-military|PRK|RUS"]
    assert event_hit.kind == "event" and event_hit.ts == to_epoch(T0)
    assert [e["id"] for e in event_hit.events] == ["ev-1"]
    assert event_hit.record["url"] == "https://x/a1" and "entities" not in event_hit.record
    assert hits["watch-iaea|igo:IAEA"].record["entities"][0]["id"] == "igo:IAEA", "only the matched entity travels"
    assert hits["prk-spike|country:PRK"].kind == "spike"


def test_derive_outputs_sends_hits_and_observations_to_the_repartition_topics() -> None:
    settings = load_settings({"STREAMS_GROUP_ID": "g"})
    ok = Result(RawMessage(b"{}"), record=record())
    dead = Result(RawMessage(b"x"), dead_letter={"error": "invalid_json"})
    policy = ErrorPolicy(count=count_error)
    outputs = derive_outputs([ok, dead], rules(), settings, policy, trends=True)
    by_topic: dict[str, list[bytes | None]] = {}
    for out in outputs:
        by_topic.setdefault(out.topic, []).append(out.key)
    assert set(by_topic) == {"g-alert-hits", "g-trend-obs"}
    assert sorted(by_topic["g-alert-hits"]) == [b"prk-spike|country:PRK", b"rus-prk-military|PRK|RUS"]
    assert sorted(by_topic["g-trend-obs"]) == [b"PRK|RUS", b"country:PRK", b"country:RUS", b"person:kim-jong-un"]
    obs = orjson.loads(next(o.value for o in outputs if o.key == b"country:PRK"))
    assert obs == {"ts": to_epoch(T0), "article_id": "a1", "v": 1}
    assert Observation.from_bytes(orjson.dumps(obs)) == Observation(to_epoch(T0), "a1")
    # no rules, no trends: nothing; an unusable record goes to the error policy: counted, skipped, not raised
    assert derive_outputs([ok], None, settings, policy, trends=False) == []
    before = metrics.ALERT_ERRORS.labels("derive")._value.get()
    skipped = metrics.WORKER_ERRORS.labels("derive", "skip")._value.get()
    broken = Result(RawMessage(b"{}"), record={"article_id": "b", "events": []})  # no clock at all
    assert derive_outputs([broken, ok], rules(), settings, policy, trends=True) == outputs, "the next record goes on"
    assert metrics.ALERT_ERRORS.labels("derive")._value.get() == before + 1
    assert metrics.WORKER_ERRORS.labels("derive", "skip")._value.get() == skipped + 1


# --------------------------------------------------------------------------------------------
# the alert agent's transition: throttle and spike state per key
# --------------------------------------------------------------------------------------------
def test_event_hits_are_throttled_and_the_next_alert_carries_the_count() -> None:
    state = None
    published = []
    for minutes, article_id in [(0, "a1"), (5, "a2"), (9, "a3"), (12, "a4"), (14, "a5")]:
        _, hit = hit_for(record(article_id, at(minutes)), "rus-prk-military")
        outcome = apply_hit(state, hit, rules())
        assert outcome.suppressed == (not outcome.alerts)
        state = orjson.loads(orjson.dumps(outcome.state))  # JSON-serialisable, as in the changelog
        published += [(a["article_ids"], a["suppressed_count"], a["time"]) for a in outcome.alerts]
    assert published == [(["a1"], 0, at(0)), (["a4"], 2, at(12))]
    assert state == {"throttle": {"last_published": to_epoch(at(12)), "suppressed": 1}}


def test_entity_hit_alert() -> None:
    _, hit = hit_for(record(iaea=True), "watch-iaea")
    outcome = apply_hit(None, hit, rules())
    [alert] = outcome.alerts
    assert alert["kind"] == "entity" and alert["throttle_key"] == "watch-iaea|igo:IAEA"
    assert alert["summary"].startswith("International Atomic Energy Agency (igo:IAEA) mentioned: Title a1")


def test_hits_of_a_rule_removed_by_a_reload_are_ignored() -> None:
    _, hit = hit_for(record(), "rus-prk-military")
    other = parse_rules("rules:\n  - id: rus-prk-military\n    severity: low\n    match: {entities: ['igo:IAEA']}\n")
    for ruleset in (None, parse_rules("rules: []"), other):  # gone, or now of another kind
        outcome = apply_hit({"throttle": {"last_published": 1.0, "suppressed": 0}}, hit, ruleset)
        assert outcome.ignored and not outcome.alerts
        assert outcome.state == {"throttle": {"last_published": 1.0, "suppressed": 0}}, "state untouched"


def test_spike_fires_once_per_window_with_sample_articles() -> None:
    state = None
    alerts = []
    for i, minutes in enumerate([0, 1, 2, 3, 4]):
        _, hit = hit_for(record(f"s{i}", at(minutes), events=False), "prk-spike")
        outcome = apply_hit(state, hit, rules(), now=to_epoch(at(60)))
        state = orjson.loads(orjson.dumps(outcome.state))
        alerts += outcome.alerts
    [alert] = alerts
    assert alert["window"] == {"start": "2024-06-19T08:00:00.000Z", "end": "2024-06-19T09:00:00.000Z", "count": 3,
                               "baseline": 0.0}
    assert alert["article_ids"] == ["s0", "s1", "s2"] and alert["urls"] == ["https://x/s0", "https://x/s1", "https://x/s2"]
    assert alert["time"] == at(2) and alert["throttle_key"] == "prk-spike|country:PRK"
    assert state["spike"]["counts"] == {str(int(to_epoch(T0) // 3600)): 5}


def test_spike_alerts_are_throttled_too() -> None:
    ruleset = parse_rules("rules:\n  - id: sp\n    severity: low\n    throttle: 3h\n"
                          "    spike: {country: PRK, window: 1h, baseline_windows: 1, factor: 1, min_count: 1}\n")
    state, published, suppressed = None, 0, 0
    for hours in (0, 1, 2, 3):
        hit = next(h for _, h in alert_hits(record("x", at(hours * 60), events=False), ruleset))
        outcome = apply_hit(state, hit, ruleset)
        state = outcome.state
        published += len(outcome.alerts)
        suppressed += outcome.suppressed
        if outcome.alerts and hours == 3:
            assert outcome.alerts[0]["suppressed_count"] == 2
    assert (published, suppressed) == (2, 2)


# --------------------------------------------------------------------------------------------
# the trend agent's transition
# --------------------------------------------------------------------------------------------
def test_trend_windows_are_published_when_a_later_window_starts() -> None:
    w = 900.0
    state, out = None, []
    for minutes in (0, 3, 14.9):  # window 08:00-08:15: three articles
        state, records, dropped = apply_observation(state, "country:PRK", to_epoch(at(minutes)), w, "15m")
        assert records == [] and dropped is None
    state, records, _ = apply_observation(state, "country:PRK", to_epoch(at(31)), w, "15m")  # 08:30 window
    assert records == [{"schema_version": 1, "key": "country:PRK", "kind": "country", "window": "15m",
                        "window_start": "2024-06-19T08:00:00.000Z", "window_end": "2024-06-19T08:15:00.000Z", "count": 3}]
    out += records
    # a late article of the 08:00 window corrects it at once; the 08:15 window (no article) was never published
    state, records, _ = apply_observation(state, "country:PRK", to_epoch(at(1)), w, "15m")
    assert [(r["window_start"], r["count"]) for r in records] == [("2024-06-19T08:00:00.000Z", 4)]
    state, records, _ = apply_observation(state, "country:PRK", to_epoch(at(20)), w, "15m")
    assert [(r["window_start"], r["count"]) for r in records] == [("2024-06-19T08:15:00.000Z", 1)]
    assert state is not None and windows.newest(state) == int(to_epoch(at(31)) // w)
    assert orjson.loads(orjson.dumps(state)) == state


def test_trend_observations_too_late_or_in_the_future_are_dropped() -> None:
    w = 60.0
    state, _, _ = apply_observation(None, "PRK|RUS", to_epoch(at(10)), w, "1m")
    same, records, dropped = apply_observation(state, "PRK|RUS", to_epoch(at(10 - 4)), w, "1m")  # 4 windows back: kept 3
    assert (same, records, dropped) == (state, [], "late")
    same, records, dropped = apply_observation(state, "PRK|RUS", to_epoch(at(200)), w, "1m", now=to_epoch(at(10)))
    assert (same, records, dropped) == (state, [], "future")
    # a new window size starts afresh
    fresh, records, dropped = apply_observation(state, "PRK|RUS", to_epoch(at(11)), 120.0, "2m")
    assert records == [] and dropped is None and fresh is not None and fresh["window_s"] == 120.0


def test_a_quiet_trend_key_publishes_its_last_window_and_leaves_the_table_a_day_later() -> None:
    w, day = 900.0, 24 * 60
    state, _, _ = apply_observation(None, "person:ada-obi", to_epoch(at(2)), w, "15m")
    state, _, _ = apply_observation(state, "person:ada-obi", to_epoch(at(5)), w, "15m")
    # an hour later the window is past the three kept ones, but another partition may still be behind: it stays
    assert apply_sweep(state, "person:ada-obi", to_epoch(at(61)), w, "15m") == (state, [])
    assert apply_sweep(state, "person:ada-obi", to_epoch(at(day)), w, "15m") == (state, [])
    # a day after its window it is final: published once, and the state goes
    gone, records = apply_sweep(state, "person:ada-obi", to_epoch(at(day + 16)), w, "15m")
    assert gone is None
    assert [(r["key"], r["window_start"], r["count"]) for r in records] == [("person:ada-obi", "2024-06-19T08:00:00.000Z", 2)]
    assert apply_sweep(None, "person:ada-obi", to_epoch(at(3 * day)), w, "15m") == (None, [])
    # an article of that final window arriving after the sweep is late: it would republish a count of 1
    wm = to_epoch(at(day + 16))
    assert apply_observation(None, "person:ada-obi", to_epoch(at(6)), w, "15m", watermark=wm) == (None, [], "late")
    # a key with state counts a late article of its own kept windows, whatever the watermark
    kept, records, dropped = apply_observation(state, "person:ada-obi", to_epoch(at(7)), w, "15m", watermark=wm)
    assert dropped is None and windows.count(kept, int(to_epoch(at(7)) // w)) == 3


def test_trend_handler_sweeps_only_final_keys_and_closes_them_through_its_topic() -> None:
    from streams.alerts.messages import TrendSweep, parse_trend_message
    from streams.worker.alerting import TrendHandler

    s = load_settings({})
    day = 24 * 60
    handler = TrendHandler(s, clock=lambda: to_epoch(at(0)) + 9 * 86400)
    table: dict[str, Any] = {}
    for key, minutes in (("country:PRK", 1), ("person:ada-obi", 2), ("country:PRK", day + 30)):
        obs = parse_trend_message(Observation(ts=to_epoch(at(minutes))).to_bytes())
        table[key] = handler.step(key, table.get(key), obs).state
    assert handler.watermark == to_epoch(at(day + 30))
    sweeps = handler.sweeps(table.items())
    assert [(o.topic, o.key) for o in sweeps] == [(s.topic_trend_obs, b"person:ada-obi")]
    sweep = parse_trend_message(sweeps[0].value)
    assert isinstance(sweep, TrendSweep)
    step = handler.step("person:ada-obi", table["person:ada-obi"], sweep)
    assert step.state is None and [orjson.loads(o.value)["count"] for o in step.outputs] == [1]
    # an observation of that closed window is dropped as late instead of reopening the key
    late = handler.step("person:ada-obi", None, Observation(ts=to_epoch(at(3))))
    assert late.state is None and late.outputs == []


def test_trend_kind() -> None:
    assert [trend_kind(k) for k in ("country:PRK", "RUS|PRK", "igo:IAEA", "person:kim-jong-un")] == [
        "country", "dyad", "entity", "entity"]


# --------------------------------------------------------------------------------------------
# rule file reloads
# --------------------------------------------------------------------------------------------
def test_reload_swaps_the_rules_and_keeps_them_on_error(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, "utf-8")
    holder = RulesHolder(str(path), 600.0)
    first = holder.load()
    assert len(first) == 3 and metrics.RULES_LOADED._value.get() == 3
    ok, error = metrics.RULES_RELOADS.labels("ok"), metrics.RULES_RELOADS.labels("error")
    n_ok, n_error = ok._value.get(), error._value.get()

    path.write_text("rules:\n  - id: only\n    severity: low\n    match: {entities: ['igo:IAEA']}\n", "utf-8")
    assert holder.reload() is True
    assert holder.rules is not None and [r.id for r in holder.rules] == ["only"]
    assert holder.rules.get("only").throttle_s == 600.0, "STREAMS_ALERT_THROTTLE is the default throttle"

    path.write_text("rules:\n  - id: only\n    severity: urgent\n    match: {entities: ['igo:IAEA']}\n", "utf-8")
    with caplog.at_level("ERROR", logger="streams.alerts"):
        assert holder.reload() is False
    assert [r.id for r in holder.rules] == ["only"], "the previous rules stay in effect"
    assert "rule 'only' (#1): severity: 'urgent' is not one of low, medium, high, critical" in caplog.text
    assert (ok._value.get(), error._value.get()) == (n_ok + 1, n_error + 1)

    assert RulesHolder("", 600.0).reload() is False, "no rule file: nothing to reload"


# --------------------------------------------------------------------------------------------
# consumer lag: highwater - (own position, else committed, else earliest)
# --------------------------------------------------------------------------------------------
TP = namedtuple("TP", "topic partition")


class FakeConsumer:
    def __init__(self, assignment: set[TP], highwaters: dict[TP, int], committed: dict[TP, int], earliest: dict[TP, int]):
        self._assignment, self._hw, self._committed_offset, self._earliest = assignment, highwaters, committed, earliest

    def assignment(self) -> set[TP]:
        return self._assignment

    async def highwaters(self, *tps: TP) -> dict[TP, int]:
        return {tp: self._hw[tp] for tp in tps}

    async def earliest_offsets(self, *tps: TP) -> dict[TP, int]:
        return {tp: self._earliest[tp] for tp in tps}


class CachingConsumer(FakeConsumer):
    """A consumer whose fetches brought back highwaters: the lag needs no request for those partitions."""

    def __init__(self, cached: dict[TP, int], *args: Any) -> None:
        super().__init__(*args)
        self.cached, self.asked = cached, []

    def highwater(self, tp: TP) -> int | None:
        return self.cached.get(tp)

    async def highwaters(self, *tps: TP) -> dict[TP, int]:
        self.asked += tps
        return await super().highwaters(*tps)


def test_consumer_lag_uses_the_fetched_highwaters() -> None:
    from streams.worker.lag import update_consumer_lag

    a, b = TP("raw", 0), TP("raw", 1)
    consumer = CachingConsumer({a: 120}, {a, b}, {a: 100, b: 50}, {}, {})
    asyncio.run(update_consumer_lag(consumer, {a: 100, b: 40}, {"raw"}, set()))
    assert consumer.asked == [b], "only the partition not fetched yet costs a request"
    assert metrics.CONSUMER_LAG.labels("raw", "0")._value.get() == 20
    assert metrics.CONSUMER_LAG.labels("raw", "1")._value.get() == 10


def test_consumer_lag_prefers_own_positions_then_committed_then_earliest() -> None:
    from streams.worker.lag import update_consumer_lag

    a, b, c, other = TP("raw", 0), TP("raw", 1), TP("g-alert-hits", 0), TP("g-alert-state-changelog", 0)
    consumer = FakeConsumer({a, b, c, other}, {a: 100, b: 50, c: 7, other: 999}, {a: 10, b: 20}, {c: 3})
    positions = {a: 90}
    labels: set[tuple[str, str]] = {("raw", "9")}
    metrics.CONSUMER_LAG.labels("raw", "9").set(5)
    asyncio.run(update_consumer_lag(consumer, positions, {"raw", "g-alert-hits"}, labels))

    def lag(topic: str, partition: str) -> float:
        return metrics.CONSUMER_LAG.labels(topic, partition)._value.get()

    assert (lag("raw", "0"), lag("raw", "1"), lag("g-alert-hits", "0")) == (10, 30, 4)
    assert labels == {("raw", "0"), ("raw", "1"), ("g-alert-hits", "0")}
    assert ("raw", "9") not in {tuple(s.labels.values()) for s in metrics.CONSUMER_LAG.collect()[0].samples}, (
        "series of partitions no longer held are removed")


# --------------------------------------------------------------------------------------------
# settings, topics, CLI format
# --------------------------------------------------------------------------------------------
def test_alert_settings() -> None:
    s = load_settings({})
    assert (s.rules_file, s.alert_throttle_s, s.topic_trends, s.trend_window_s) == ("", 600.0, "trends", 900.0)
    s = load_settings({"STREAMS_ALERT_THROTTLE": "1h30m", "STREAMS_TREND_WINDOW": "0s", "STREAMS_GROUP_ID": "g"})
    assert (s.alert_throttle_s, s.trend_window_s, s.topic_alert_hits, s.topic_trend_obs) == (5400.0, 0.0, "g-alert-hits", "g-trend-obs")
    with pytest.raises(SettingsError) as info:
        load_settings({"STREAMS_TREND_WINDOW": "15", "STREAMS_RULE_FILE": "x"})
    text = str(info.value)
    assert "STREAMS_TREND_WINDOW='15': Value error, '15' is not a duration like 30s, 10m, 2h or 1d" in text
    assert "STREAMS_RULE_FILE: unknown setting (did you mean STREAMS_RULES_FILE?)" in text
    assert duration_seconds("2d") == 172800.0
    assert s.with_topic_prefix("demo.").topic_trends == "demo.trends"


def test_topics_include_trends_and_the_internal_topics() -> None:
    s = load_settings({"STREAMS_GROUP_ID": "g", "STREAMS_PARTITIONS": "3"})
    specs = {spec.name: spec for spec in topic_specs(s)}
    assert {"trends", "g-alert-hits", "g-trend-obs", "g-alert-state-changelog", "g-trend-windows-changelog"} <= set(specs)
    assert internal_topics(s) == ["g-alert-hits", "g-trend-obs", "g-copy-check", "g-story-events",
                                  "g-alert-state-changelog", "g-trend-windows-changelog",
                                  "g-copy-index-changelog", "g-story-state-changelog"]
    one = {"g-copy-check", "g-copy-index-changelog"}  # the copy stage sees every article: one partition
    assert all(spec.partitions == (1 if name in one else 3) for name, spec in specs.items()), \
        "changelogs are partitioned like their sources"
    assert specs["stories"].config["cleanup.policy"] == specs["story-assignments"].config["cleanup.policy"] == "compact"
    assert specs[changelog_topic(s, "alert-state")].config == {"cleanup.policy": "compact"}


def test_alert_lines_for_streams_alerts() -> None:
    alert = {"rule_id": "rus-prk-military", "severity": "high", "time": T0, "suppressed_count": 2,
             "summary": "RUS|PRK 072 Provide military aid: North Korea -> Russia (article a1)", "urls": ["https://x/a1"]}
    line = describe("alerts", alert)
    assert line.startswith(f"{T0} [bold red]HIGH[/bold red] rus-prk-military: RUS|PRK 072 Provide military aid")
    assert "(+2 suppressed)" in line and line.endswith("\n    https://x/a1")
    trend = {"key": "country:PRK", "count": 3, "window": "15m", "window_start": T0, "window_end": "…"}
    assert describe("trends", trend) == f"[blue]country:PRK[/blue] 3 articles in 15m from {T0}"


def test_trend_records_match_the_shipped_schema():
    import json
    from importlib import resources

    from jsonschema import Draft202012Validator

    schema = json.loads(resources.files("streams").joinpath("contracts/schemas/trends.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for key in ("country:PRK", "person:vladimir-putin", "RUS|PRK"):
        errors = list(validator.iter_errors(trend_record(key, 1_900_000, 3, 900.0, "15m")))
        assert not errors, errors
    assert list(validator.iter_errors({**trend_record("country:PRK", 1, 3, 900.0, "15m"), "kind": "other"}))
