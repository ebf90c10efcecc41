"""Alerting logic (pure: no Kafka, no Faust): rules, matching, throttling, spikes, alert records, trend keys.

All state is plain JSON values meant for changelog-backed key-value tables:
throttle state per throttle key (:mod:`streams.alerts.throttle`) and spike counts per
spike rule and key (:mod:`streams.alerts.spike`). Times are the articles' clock
(``reference_time``), so a replay produces the same alerts as the live run.
"""

from streams.alerts.alert import (
    SCHEMA_VERSION,
    alert_id,
    entity_alert,
    entity_summary,
    event_alert,
    event_summary,
    make_alert,
    spike_alert,
    spike_summary,
)
from streams.alerts.clock import iso_utc, record_time, to_epoch
from streams.alerts.rules import (
    DEFAULT_THROTTLE,
    SEVERITIES,
    SEVERITY_RANK,
    EntityRule,
    EventRule,
    Hit,
    Rule,
    RulesError,
    RuleSet,
    SpikeRule,
    load_rules,
    parse_duration,
    parse_rules,
    throttle_key,
)
from streams.alerts.spike import SpikeResult, evaluate, observe, step, window_bounds, window_index
from streams.alerts.throttle import decide
from streams.alerts.trends import record_keys, trend_keys

__all__ = [
    "DEFAULT_THROTTLE", "SCHEMA_VERSION", "SEVERITIES", "SEVERITY_RANK",
    "EntityRule", "EventRule", "Hit", "Rule", "RuleSet", "RulesError", "SpikeResult", "SpikeRule",
    "alert_id", "decide", "entity_alert", "entity_summary", "evaluate", "event_alert", "event_summary",
    "iso_utc", "load_rules", "make_alert", "observe", "parse_duration", "parse_rules", "record_keys", "record_time",
    "spike_alert", "spike_summary", "step", "throttle_key", "to_epoch", "trend_keys", "window_bounds", "window_index",
]
