"""Prometheus metrics of the worker (served on STREAMS_METRICS_PORT at /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

REGISTRY = CollectorRegistry(auto_describe=True)

ARTICLES_CONSUMED = Counter("streams_articles_consumed", "Raw messages consumed", registry=REGISTRY)
ARTICLES_ENRICHED = Counter("streams_articles_enriched", "Articles published to the enriched topic", registry=REGISTRY)
ARTICLES_DEADLETTERED = Counter(
    "streams_articles_deadlettered", "Raw messages published to the dead-letter topic", ["error"], registry=REGISTRY
)
EVENTS_PUBLISHED = Counter("streams_events_published", "Events published, by CAMEO root", ["root"], registry=REGISTRY)
END_TO_END_LATENCY = Histogram(
    "streams_end_to_end_latency_seconds",
    "From the raw message's Kafka timestamp to the broker's ack of the enriched record",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300),
    registry=REGISTRY,
)
STAGE_SECONDS = Histogram(
    "streams_stage_seconds", "Time per article in each enrichment stage", ["stage"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5), registry=REGISTRY,
)
BATCH_SIZE = Histogram(
    "streams_batch_size", "Messages per processed batch", buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256), registry=REGISTRY
)
PUBLISH_RETRIES = Counter("streams_publish_retries", "Output batches retried after a producer error", registry=REGISTRY)
MODEL_LOADED = Gauge("streams_model_loaded", "1 once the spaCy pipeline is loaded", registry=REGISTRY)
ASSIGNED_PARTITIONS = Gauge("streams_assigned_partitions", "Input partitions assigned to this worker", registry=REGISTRY)
BUILD_INFO = Info("streams_build", "Versions of the service, model and data", registry=REGISTRY)

# --- alerts, trends, rules ----------------------------------------------------
ALERTS_PUBLISHED = Counter(
    "streams_alerts_published", "Alerts published to the alerts topic, by rule and severity", ["rule_id", "severity"],
    registry=REGISTRY,
)
ALERTS_SUPPRESSED = Counter(
    "streams_alerts_suppressed", "Rule hits not published because their throttle key fired within the throttle window",
    ["rule_id"], registry=REGISTRY,
)
ALERT_HITS = Counter(
    "streams_alert_hits", "Rule hits and spike observations sent to the alert agent, by rule", ["rule_id"], registry=REGISTRY,
)
ALERT_ERRORS = Counter(
    "streams_alert_errors", "Records or hits the alerting code could not handle (logged), by stage", ["stage"],
    registry=REGISTRY,
)
RULES_RELOADS = Counter(
    "streams_rules_reloads", "Rule file loads on SIGHUP, by result (ok, error: the old rules stay)", ["result"],
    registry=REGISTRY,
)
RULES_LOADED = Gauge("streams_rules_loaded", "Alert rules in effect", registry=REGISTRY)
TRENDS_PUBLISHED = Counter("streams_trends_published", "Window counts published to the trends topic", registry=REGISTRY)
TREND_OBSERVATIONS_DROPPED = Counter(
    "streams_trend_observations_dropped",
    "Trend observations not counted: late (window no longer kept) or future (dated over an hour ahead)", ["reason"],
    registry=REGISTRY,
)

# --- copies and stories ----------------------------------------------------------
COPIES_FOUND = Counter("streams_copies_found", "Articles found to be near-copies of an earlier one (duplicate_of)", registry=REGISTRY)
COPY_INDEX_SIZE = Gauge("streams_copy_index_articles", "Articles in the copy stage's index (bounded by window and cap)", registry=REGISTRY)
STORIES_OPENED = Counter("streams_stories_opened", "Story events opened (an event that matched no open story)", registry=REGISTRY)
STORIES_CLOSED = Counter("streams_stories_closed", "Story events closed: quiet past the expiry, over the per-key cap, or merged", registry=REGISTRY)

# --- the worker's health --------------------------------------------------------
EVENT_LOOP_LAG = Gauge(
    "streams_event_loop_lag_seconds", "How late the event loop woke up from a 0.5 s sleep (last measurement)",
    registry=REGISTRY,
)
CONSUMER_LAG = Gauge(
    "streams_consumer_lag",
    "Messages not yet processed per assigned input partition: highwater minus the next offset to process",
    ["topic", "partition"], registry=REGISTRY,
)
WORKER_ERRORS = Counter(
    "streams_worker_errors",
    "Failures seen by the worker's error policy, by stage (enrich, derive, hit, trend, publish) and action taken "
    "(retry, skip: dead-lettered or skipped, crash: stopped without committing)",
    ["stage", "action"], registry=REGISTRY,
)
MODEL_PROCESS_RESTARTS = Counter(
    "streams_model_process_restarts",
    "Restarts of the worker's model process after a batch ran over its time budget or the process died",
    registry=REGISTRY,
)
