"""Building ``alerts`` records (schema version 1, ``streams/contracts/schemas/alerts.schema.json``).

An alert's ``time`` is on the articles' clock (the triggering article's
``reference_time``). ``alert_id`` is a stable hash of the rule id, the throttle key,
the window start and the article ids: the same hit processed again (at-least-once
delivery, a replay) gives the same id, so consumers can de-duplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from streams.alerts.clock import iso_utc
from streams.alerts.rules import EntityRule, EventRule, Rule, SpikeRule
from streams.alerts.rules import throttle_key as rule_throttle_key
from streams.alerts.spike import SpikeResult
from streams.contracts.events import actor_code, dyad_key

SCHEMA_VERSION = 1
Kind = Literal["event", "entity", "spike"]
SUMMARY_MAX_CHARS = 300


def alert_id(rule_id: str, key: str, window_start: str | None = None, article_ids: Iterable[str] = ()) -> str:
    """``al-`` + 20 hex digits of sha256(rule id | throttle key | window start | sorted article ids)."""
    basis = "|".join([rule_id, key, window_start or "", ",".join(sorted(set(article_ids)))])
    return "al-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SUMMARY_MAX_CHARS else line[: SUMMARY_MAX_CHARS - 1] + "…"


def _window(window: SpikeResult | Mapping[str, Any] | None) -> dict[str, Any] | None:
    if window is None:
        return None
    if isinstance(window, SpikeResult):
        return window.as_window()
    missing = {"start", "end", "count", "baseline"} - set(window)
    if missing:
        raise ValueError(f"window needs start, end, count and baseline (missing {', '.join(sorted(missing))})")
    return {"start": iso_utc(window["start"]), "end": iso_utc(window["end"]), "count": int(window["count"]),
            "baseline": None if window["baseline"] is None else float(window["baseline"])}


def make_alert(
    rule: Rule,
    kind: Kind,
    now_iso: str | float | datetime,
    summary: str,
    events: Sequence[dict[str, Any]] = (),
    window: SpikeResult | Mapping[str, Any] | None = None,
    article_ids: Sequence[str] = (),
    urls: Sequence[str | None] = (),
    suppressed_count: int = 0,
    *,
    throttle_key: str | None = None,
) -> dict[str, Any]:
    """One ``alerts`` record.

    ``now_iso``: when the rule fired on the articles' clock (ISO string, datetime or
    epoch seconds; written as ``…Z``). ``throttle_key`` defaults to
    :func:`streams.alerts.rules.throttle_key` of the rule and the first event (event
    rules) or the rule alone (spike rules); entity rules must pass it. ``urls`` drops
    empty entries; ``article_ids`` and ``urls`` keep their order without duplicates.
    """
    if kind != rule.kind:
        raise ValueError(f"rule {rule.id!r} is of kind {rule.kind!r}, not {kind!r}")
    if suppressed_count < 0:
        raise ValueError("suppressed_count must not be negative")
    if throttle_key is None:
        if isinstance(rule, SpikeRule):
            throttle_key = rule_throttle_key(rule)
        elif isinstance(rule, EventRule) and events:
            throttle_key = rule_throttle_key(rule, events[0])
        else:
            raise ValueError(f"make_alert for {kind} rule {rule.id!r} needs throttle_key")
    win = _window(window)
    ids = list(dict.fromkeys(a for a in article_ids if a))
    return {
        "schema_version": SCHEMA_VERSION,
        "alert_id": alert_id(rule.id, throttle_key, win["start"] if win else None, ids),
        "rule_id": rule.id,
        "severity": rule.severity,
        "kind": kind,
        "time": iso_utc(now_iso),
        "summary": _one_line(summary),
        "events": [dict(e) for e in events],
        "window": win,
        "article_ids": ids,
        "urls": list(dict.fromkeys(u for u in urls if u)),
        "suppressed_count": int(suppressed_count),
        "throttle_key": throttle_key,
    }


# --------------------------------------------------------------------------------------------
# summaries
# --------------------------------------------------------------------------------------------
def _name(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    return str(actor.get("name") or actor_code(actor))


def event_summary(rule: EventRule, events: Sequence[dict[str, Any]], article_id: str | None = None) -> str:
    """``RUS|PRK 072 Provide military aid: North Korea -> Russia (article sample-002)``.

    The dyad is the rule's (as written) for ``dyad`` rules, else the event's ``SRC|TGT``.
    """
    if not events:
        raise ValueError("event_summary needs at least one event")
    ev = events[0]
    dyad = "|".join(rule.match.dyad) if rule.match.dyad is not None else dyad_key(ev)
    text = f"{dyad} {ev.get('code', '?')} {ev.get('label') or ''}".rstrip() + f": {_name(ev.get('source'))}"
    if ev.get("target"):
        text += f" -> {_name(ev.get('target'))}"
    extra = [f"article {article_id}"] if article_id else []
    if len(events) > 1:
        extra.append(f"+{len(events) - 1} more event{'s' if len(events) > 2 else ''}")
    return text + (f" ({', '.join(extra)})" if extra else "")


def entity_summary(entity: dict[str, Any], record: dict[str, Any]) -> str:
    """``International Atomic Energy Agency (igo:IAEA) mentioned: <title> (article sample-005)``."""
    name = entity.get("name") or entity.get("id")
    title = record.get("title")
    text = f"{name} ({entity.get('id')}) mentioned" + (f": {title}" if title else "")
    return text + f" (article {record.get('article_id')})"


def spike_summary(rule: SpikeRule, result: SpikeResult) -> str:
    """``PRK mentions spiked: 14 in 15m vs baseline 2.1`` (dyads: ``RUS|PRK events spiked: …``)."""
    spec = rule.spike
    label, noun = (spec.country, "mentions") if spec.country else (spec.entity, "mentions") if spec.entity else (spec.dyad, "events")
    return f"{label} {noun} spiked: {result.count} in {result.window} vs baseline {result.baseline:.1f}"


# --------------------------------------------------------------------------------------------
# one call per kind, from an enriched record
# --------------------------------------------------------------------------------------------
def event_alert(rule: EventRule, events: Sequence[dict[str, Any]], record: dict[str, Any], *,
                throttle_key: str | None = None, suppressed_count: int = 0) -> dict[str, Any]:
    """The alert for events of one record that matched an event rule (one :class:`~streams.alerts.rules.RuleMatch`)."""
    article_id = record.get("article_id")
    return make_alert(
        rule, "event", record.get("reference_time") or record["published_at"], event_summary(rule, events, article_id),
        events=events, article_ids=[article_id] if article_id else [], urls=[record.get("url")],
        suppressed_count=suppressed_count, throttle_key=throttle_key or rule_throttle_key(rule, events[0]),
    )


def entity_alert(rule: EntityRule, entity_id: str, record: dict[str, Any], *, suppressed_count: int = 0) -> dict[str, Any]:
    """The alert for a record mentioning an entity of an entity rule."""
    entity = next((e for e in record.get("entities") or () if e.get("id") == entity_id), {"id": entity_id})
    article_id = record.get("article_id")
    return make_alert(
        rule, "entity", record.get("reference_time") or record["published_at"], entity_summary(entity, record),
        article_ids=[article_id] if article_id else [], urls=[record.get("url")],
        suppressed_count=suppressed_count, throttle_key=rule_throttle_key(rule, entity_id),
    )


def spike_alert(rule: SpikeRule, result: SpikeResult, now_iso: str | float | datetime, *,
                article_ids: Sequence[str] = (), urls: Sequence[str | None] = (), suppressed_count: int = 0) -> dict[str, Any]:
    """The alert for a spike; ``now_iso`` is the triggering article's ``reference_time``.

    ``article_ids``/``urls``: a sample of the window's articles, if the caller keeps one
    (the spike state itself keeps counts only).
    """
    return make_alert(
        rule, "spike", now_iso, spike_summary(rule, result), window=result, article_ids=article_ids, urls=urls,
        suppressed_count=suppressed_count, throttle_key=rule_throttle_key(rule),
    )
