"""Alerting logic (pure: no Kafka, no Faust): rules, matching, throttling, spikes, trends, alert records.

- :mod:`~streams.alerts.rules`: the rule file, validated, and matching records against it;
- :mod:`~streams.alerts.hits`: what a record sends to the agents, as the typed
  messages of :mod:`~streams.alerts.messages` (``Hit``, ``Observation``);
- state transitions: :mod:`~streams.alerts.alert_state` (one hit: throttle via
  :mod:`~streams.alerts.throttle`, spikes via :mod:`~streams.alerts.spike`) and
  :mod:`~streams.alerts.trends` (one observation), both counting windows with
  :mod:`~streams.alerts.windows`;
- :mod:`~streams.alerts.alert`: the ``alerts`` records.

All state is plain JSON values meant for changelog-backed key-value tables. Times are
the articles' clock (``reference_time``), so a replay produces the same alerts as
the live run. The Faust agents that run these transitions are in :mod:`streams.worker`.
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
from streams.alerts.alert_state import HitOutcome, apply_hit
from streams.alerts.clock import iso_utc, record_time, to_epoch
from streams.alerts.hits import alert_hits, slim_record, trend_observations
from streams.alerts.messages import MESSAGE_VERSION, Hit, Observation
from streams.alerts.rules import (
    DEFAULT_THROTTLE,
    SEVERITIES,
    SEVERITY_RANK,
    EntityRule,
    EventRule,
    Rule,
    RuleMatch,
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
from streams.alerts.trends import apply_observation, record_keys, trend_keys, trend_record

__all__ = [
    "DEFAULT_THROTTLE", "MESSAGE_VERSION", "SCHEMA_VERSION", "SEVERITIES", "SEVERITY_RANK",
    "EntityRule", "EventRule", "Hit", "HitOutcome", "Observation", "Rule", "RuleMatch", "RuleSet", "RulesError",
    "SpikeResult", "SpikeRule", "alert_hits", "alert_id", "apply_hit", "apply_observation", "decide", "entity_alert", "entity_summary", "evaluate", "event_alert", "event_summary",
    "iso_utc", "load_rules", "make_alert", "observe", "parse_duration", "parse_rules", "record_keys", "record_time",
    "slim_record", "spike_alert", "spike_summary", "step", "throttle_key", "to_epoch", "trend_keys", "trend_observations",
    "trend_record", "window_bounds", "window_index",
]
