"""Creating the service's topics with the configured settings, and checking existing ones."""

from __future__ import annotations

from dataclasses import dataclass

from streams.settings import Settings
from streams.transport.clients import common_config, make_consumer


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    partitions: int
    replication_factor: int
    config: dict[str, str]


@dataclass(frozen=True, slots=True)
class TopicStatus:
    spec: TopicSpec
    created: bool
    partitions: int  # actual partition count

    @property
    def mismatch(self) -> bool:
        return self.partitions != self.spec.partitions

    def describe(self) -> str:
        state = "created" if self.created else "exists"
        note = ""
        if self.mismatch:
            note = (
                f" - has {self.partitions} partitions, STREAMS_PARTITIONS asks for {self.spec.partitions}:"
                " keyed order and parallelism follow the existing count; change one of them to match"
            )
        return f"{self.spec.name}: {state}, {self.partitions} partitions{note}"


# Faust tables of the worker (streams.worker.alerting); their changelog topics are
# ``<group id>-<table>-changelog`` and must have as many partitions as the
# repartition topic that feeds the table.
ALERT_STATE_TABLE = "alert-state"
TREND_TABLE = "trend-windows"
COPY_TABLE = "copy-index"  # one partition, like its input topic
STORY_TABLE = "story-state"


def changelog_topic(settings: Settings, table: str) -> str:
    return f"{settings.group_id}-{table}-changelog"


def internal_topics(settings: Settings) -> list[str]:
    """The worker's internal topics: the repartition topics and the tables' changelogs."""
    return [
        settings.topic_alert_hits, settings.topic_trend_obs, settings.topic_copy_check, settings.topic_story_events,
        changelog_topic(settings, ALERT_STATE_TABLE), changelog_topic(settings, TREND_TABLE),
        changelog_topic(settings, COPY_TABLE), changelog_topic(settings, STORY_TABLE),
    ]


def topic_specs(settings: Settings) -> list[TopicSpec]:
    base = {"retention.ms": str(settings.retention_ms)}

    def spec(name: str, **extra: str) -> TopicSpec:
        return TopicSpec(name, settings.partitions, settings.replication_factor, {**base, **extra})

    def changelog(table: str, partitions: int = settings.partitions) -> TopicSpec:
        # table state: the latest value per key is all that recovery needs
        return TopicSpec(changelog_topic(settings, table), partitions, settings.replication_factor,
                         {"cleanup.policy": "compact"})

    return [
        spec(settings.topic_raw, **{"cleanup.policy": "delete"}),
        # keyed by article id: compaction keeps the latest record per article if asked for
        spec(settings.topic_enriched, **{"cleanup.policy": settings.enriched_cleanup_policy}),
        spec(settings.topic_deadletter, **{"cleanup.policy": "delete"}),
        spec(settings.topic_events, **{"cleanup.policy": "delete"}),
        spec(settings.topic_alerts, **{"cleanup.policy": "delete"}),
        spec(settings.topic_trends, **{"cleanup.policy": "delete"}),
        # internal: rule hits and trend observations repartitioned by their key, and the
        # changelogs of the tables they feed (same partition count: partition i of a
        # changelog holds the state of partition i of its repartition topic)
        spec(settings.topic_alert_hits, **{"cleanup.policy": "delete"}),
        spec(settings.topic_trend_obs, **{"cleanup.policy": "delete"}),
        changelog(ALERT_STATE_TABLE),
        changelog(TREND_TABLE),
        # stories: keyed by story id / event id, the latest value per key is the truth
        spec(settings.topic_stories, **{"cleanup.policy": "compact"}),
        spec(settings.topic_story_assignments, **{"cleanup.policy": "compact"}),
        # the copy stage sees every article in one order: ONE partition (see streams.worker.stories)
        TopicSpec(settings.topic_copy_check, 1, settings.replication_factor, {**base, "cleanup.policy": "delete"}),
        changelog(COPY_TABLE, partitions=1),
        spec(settings.topic_story_events, **{"cleanup.policy": "delete"}),
        changelog(STORY_TABLE),
    ]


def ensure_topics(settings: Settings, timeout_s: float = 30.0) -> list[TopicStatus]:
    """Create missing topics; report the partition count of every topic."""
    from kafka.admin import KafkaAdminClient, NewTopic
    from kafka.errors import TopicAlreadyExistsError

    specs = topic_specs(settings)
    admin = KafkaAdminClient(client_id="streams-admin", request_timeout_ms=int(timeout_s * 1000), **common_config(settings))
    created: set[str] = set()
    try:
        for s in specs:
            # one request per topic: an existing topic must not fail the others
            try:
                admin.create_topics(
                    [NewTopic(s.name, s.partitions, s.replication_factor, topic_configs=s.config)],
                    timeout_ms=int(timeout_s * 1000),
                )
                created.add(s.name)
            except TopicAlreadyExistsError:
                pass
    finally:
        admin.close()
    counts = partition_counts(settings, [s.name for s in specs])
    return [TopicStatus(s, s.name in created, counts.get(s.name, 0)) for s in specs]


def partition_counts(settings: Settings, names: list[str]) -> dict[str, int]:
    # Metadata through a consumer: kafka-python's admin describe_topics fails to
    # parse the embedded broker's authorized_operations field.
    consumer = make_consumer(settings)
    try:
        return {name: len(consumer.partitions_for_topic(name) or ()) for name in names}
    finally:
        consumer.close()
