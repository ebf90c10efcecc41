"""What an enriched record sends to the alert and trend agents (pure): keyed hits and observations.

The input is keyed by article id, alert and trend state by throttle key and trend
key; the worker sends each ``(key, message)`` returned here to a repartition topic
keyed by ``key``, so that every message of one key reaches one agent instance.
"""

from __future__ import annotations

from typing import Any

from streams.alerts.clock import record_time
from streams.alerts.messages import Hit, Observation
from streams.alerts.rules import RuleSet, throttle_key
from streams.alerts.trends import trend_keys

SLIM_FIELDS = ("article_id", "title", "url", "source", "published_at", "reference_time", "time_basis")


def slim_record(record: dict[str, Any], entity_id: str | None = None) -> dict[str, Any]:
    """What an alert needs of its article: identity and clock, and the entity an entity rule matched."""
    out = {k: record.get(k) for k in SLIM_FIELDS}
    if entity_id is not None:
        out["entities"] = [e for e in record.get("entities") or () if isinstance(e, dict) and e.get("id") == entity_id][:1]
    return out


def alert_hits(record: dict[str, Any], rules: RuleSet) -> list[tuple[str, Hit]]:
    """``(throttle key, hit)`` for each event/entity rule hit and each spike rule the record counts towards."""
    ts = record_time(record)
    out: list[tuple[str, Hit]] = []
    for match in rules.hits(record):
        out.append((match.throttle_key, Hit(
            kind=match.rule.kind, rule_id=match.rule.id, throttle_key=match.throttle_key, ts=ts,
            events=list(match.events), entity_id=match.entity_id, record=slim_record(record, match.entity_id),
        )))
    for rule, _counted in rules.spike_hits(record):
        key = throttle_key(rule)
        out.append((key, Hit(kind="spike", rule_id=rule.id, throttle_key=key, ts=ts, record=slim_record(record))))
    return out


def trend_observations(record: dict[str, Any]) -> list[tuple[str, Observation]]:
    """``(trend key, observation)`` once per key of the record (:func:`streams.alerts.trends.trend_keys`)."""
    ts = record_time(record)
    return [(key, Observation(ts=ts, article_id=record.get("article_id"))) for key in trend_keys(record)]
