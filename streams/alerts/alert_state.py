"""The alert agent's state transition (pure): one rule hit in, the key's new state and alerts out.

The state of a throttle key is a plain JSON value kept in a changelog-backed table::

    {"throttle": {...}, "spike": {...}, "samples": {"window": 1917401, "articles": [[id, url], ...]}}

``throttle`` is :mod:`streams.alerts.throttle`'s state, ``spike`` is
:mod:`streams.alerts.spike`'s (spike rules only) and ``samples`` the first articles
of the newest spike window, listed in the spike alert. Times are the articles'
clock, so a replay gives the same alerts; ``now`` (the wall clock) only refuses
articles dated far in the future from spike counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from streams.alerts import spike
from streams.alerts.alert import entity_alert, event_alert, spike_alert
from streams.alerts.messages import Hit
from streams.alerts.rules import EntityRule, EventRule, RuleSet, SpikeRule
from streams.alerts.throttle import decide

MAX_FUTURE_S = 3600.0  # articles dated further ahead of the wall clock are not counted in spikes
MAX_SPIKE_SAMPLES = 10  # article ids/urls kept per spike window for the alert

AlertState = dict[str, Any]


@dataclass(slots=True)
class HitOutcome:
    """What one hit did: the key's new state (store it), alerts to publish, and whether it was throttled."""

    state: AlertState | None
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


def _spike_hit(st: AlertState, hit: Hit, rule: SpikeRule, now: float | None) -> HitOutcome:
    st["spike"], result = spike.step(st.get("spike"), hit.ts, rule, now=now, max_future_s=MAX_FUTURE_S)
    st["samples"] = _samples(st.get("samples"), spike.window_index(hit.ts, rule.spike.window_s), hit.record)
    if result is None:
        return HitOutcome(st)
    publish, st["throttle"], suppressed = decide(st.get("throttle"), hit.ts, rule.throttle_s)
    if not publish:
        return HitOutcome(st, suppressed=True)
    samples = st["samples"]["articles"] if st["samples"] and st["samples"]["window"] == result.window_index else []
    when = hit.record.get("reference_time") or hit.ts
    alert = spike_alert(rule, result, when, article_ids=[a[0] for a in samples if a[0]],
                        urls=[a[1] for a in samples], suppressed_count=suppressed)
    return HitOutcome(st, [alert])


def apply_hit(state: AlertState | None, hit: Hit, rules: RuleSet | None, *, now: float | None = None) -> HitOutcome:
    """Throttle (and, for spike rules, count) one hit of a throttle key; the input state is not modified."""
    rule = rules.get(hit.rule_id) if rules is not None else None
    if rule is None or rule.kind != hit.kind:
        return HitOutcome(state, ignored="rule not loaded (removed by a reload?)")
    st = dict(state or {})
    if isinstance(rule, SpikeRule):
        return _spike_hit(st, hit, rule, now)
    publish, st["throttle"], suppressed = decide(st.get("throttle"), hit.ts, rule.throttle_s)
    if not publish:
        return HitOutcome(st, suppressed=True)
    if isinstance(rule, EventRule):
        alert = event_alert(rule, hit.events, hit.record, throttle_key=hit.throttle_key, suppressed_count=suppressed)
    else:
        assert isinstance(rule, EntityRule)
        alert = entity_alert(rule, hit.entity_id or "", hit.record, suppressed_count=suppressed)
    return HitOutcome(st, [alert])
