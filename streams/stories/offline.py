"""The copy and story stages over records in order, in one process: for the evaluation and the tests.

Same steps and transitions as the worker's stages (:mod:`streams.worker.stories`),
without Kafka: every record goes through :class:`~streams.stories.copies.CopyIndex`,
every event through :func:`~streams.stories.story.apply_event` with the state of its
blocking key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from streams.alerts.rules import EventRule
from streams.stories.copies import CopyIndex
from streams.stories.flow import copy_check, judge, story_events
from streams.stories.messages import CopyCheck
from streams.stories.story import apply_event
from streams.stories.story_alerts import story_alerts


@dataclass(slots=True)
class StoryParams:
    window_days: float = 2.0
    expiry_s: float = 7 * 86400.0
    max_open: int = 30
    copy_threshold: float = 0.5
    copy_window_s: float = 3 * 86400.0
    copy_max_articles: int = 20_000


@dataclass(slots=True)
class Clustering:
    copies: dict[str, tuple[str | None, float | None]] = field(default_factory=dict)  # article id -> verdict
    assignments: dict[str, str] = field(default_factory=dict)  # event id -> story id
    stories: dict[str, dict[str, Any]] = field(default_factory=dict)  # story id -> last stories message
    alerts: list[dict[str, Any]] = field(default_factory=list)


def cluster(checks: Iterable[CopyCheck], params: StoryParams | None = None,
            rules: Sequence[EventRule] = ()) -> Clustering:
    p = params or StoryParams()
    index = CopyIndex(p.copy_threshold, p.copy_window_s, p.copy_max_articles)
    state: dict[str, dict[str, Any] | None] = {}
    out = Clustering()
    watermark = float("-inf")
    for check in checks:
        verdict = judge(index, check)
        out.copies[check.article_id] = (verdict.duplicate_of, verdict.similarity)
        for key, msg in story_events(check.record, verdict):
            watermark = max(watermark, msg.clock)
            outcome = apply_event(state.get(key), key, msg, window_days=p.window_days, expiry_s=p.expiry_s,
                                  max_open=p.max_open, watermark=watermark)
            state[key] = outcome.state
            out.assignments.update(outcome.assignments)
            for story in outcome.changed:
                out.alerts += story_alerts(story, rules)
                out.stories[story.story_id] = story.message()
            for absorbed in outcome.tombstones:
                out.stories.pop(absorbed, None)
    return out


def cluster_records(pairs: Iterable[tuple[dict[str, Any], str]], params: StoryParams | None = None,
                    rules: Sequence[EventRule] = ()) -> Clustering:
    """``(enriched record, body)`` pairs in arrival order."""
    return cluster((copy_check(record, body) for record, body in pairs), params, rules)


__all__ = ["Clustering", "StoryParams", "cluster", "cluster_records"]
