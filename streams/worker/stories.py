"""Copies and story events in the worker: the edges around :mod:`streams.stories`.

Data flow (topics created by :func:`streams.transport.topics.ensure_topics`)::

    enrich batch -- records published --> copy_outputs() --> <group>-copy-check (ONE partition, key: article id)
    copy agent   <-- <group>-copy-check, table "copy-index"  --> articles.enriched (a copy, again, with duplicate_of)
                                                            --> <group>-story-events (key: blocking key)
    story agent  <-- <group>-story-events, table "story-state" --> stories (key: story id; tombstones on merge)
                                                               --> story-assignments (key: event id)
                                                               --> alerts (per: story rules)

- The copy stage must see every article, and the raw topic is partitioned by article id,
  so it is one partition: one agent instance in the group sees all articles in one
  order. It does little per article (an LSH query and insert), because the signatures
  are computed in the enrich batches, which scale out.
- Records and events are published before any of this: clustering never delays them.
  A copy's record is published a second time, with ``duplicate_of`` and ``similarity``.
- Both agents are :class:`~streams.worker.keyed.KeyedStateAgent` instances, so they
  publish before they store and commit after the broker's acks. The copy index is
  one table entry per article (evicted entries are deleted); the in-memory LSH is
  rebuilt from the table after every rebalance (:meth:`CopyHandler.restore`).
- Stories close on the article clock: the story agent's newest clock is its watermark,
  and a timer (:meth:`StoryHandler.sweeps`) asks quiet keys to close their stories
  through the topic itself, because a table may only be written while processing a
  message of its partition.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from streams.errors import InvalidMessage
from streams.ops import metrics
from streams.settings import Settings
from streams.stories.copies import CopyIndex
from streams.stories.flow import copy_check, judge, marked_copy, story_events
from streams.stories.messages import CopyCheck, StoryEvent, StorySweep, parse_story_message
from streams.stories.story import Story, apply_event, apply_sweep
from streams.stories.story_alerts import story_alerts
from streams.worker.keyed import Step
from streams.worker.processor import Output, Result
from streams.worker.rules import RulesHolder

log = logging.getLogger("streams.stories")

COPY_STAGE, STORY_STAGE = "copy", "story"


def copy_outputs(results: Sequence[Result], settings: Settings) -> list[Output]:
    """One copy check per enriched record of a batch (runs in the enrich thread: the signatures cost ~2 ms each)."""
    outputs = []
    for result in results:
        if result.record is None:
            continue
        try:
            body = orjson.loads(result.message.value).get("body") or ""
        except orjson.JSONDecodeError:  # it was enriched, so it parsed once; never expected
            body = ""
        check = copy_check(result.record, str(body))
        outputs.append(Output(settings.topic_copy_check, check.article_id.encode("utf-8"), check.to_bytes()))
    return outputs


class CopyHandler:
    """One article of the single-partition copy stage: its copy verdict, then its events towards the stories."""

    stage = COPY_STAGE

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.index = CopyIndex(settings.copy_threshold, settings.copy_window_s, settings.copy_max_articles)

    def restore(self, items: Iterable[tuple[str, Any]]) -> None:
        self.index.restore((k, v) for k, v in items if isinstance(v, dict))
        log.info("copy index restored", extra={"status": f"{len(self.index)} articles"})

    def parse(self, data: bytes | None) -> CopyCheck:
        return CopyCheck.from_bytes(data)

    def step(self, key: str, state: Any, check: CopyCheck) -> Step:
        try:
            verdict = judge(self.index, check)
        except ValueError as exc:  # a malformed signature
            raise InvalidMessage(f"copy check of {check.article_id}: {exc}") from None
        s = self.settings
        outputs = [Output(s.topic_story_events, k.encode("utf-8"), m.to_bytes()) for k, m in story_events(check.record, verdict)]
        copy = marked_copy(check.record, verdict)
        if copy is not None:
            outputs.insert(0, Output(s.topic_enriched, check.article_id.encode("utf-8"), orjson.dumps(copy)))

        def published() -> None:
            if copy is not None and not verdict.again:
                metrics.COPIES_FOUND.inc()
            metrics.COPY_INDEX_SIZE.set(len(self.index))

        return Step(verdict.entry.to_json() if verdict.entry else state, outputs, published, evict=verdict.evicted)


class StoryHandler:
    """Events (and sweeps) of one blocking key: :func:`~streams.stories.story.apply_event` and per-story alerts."""

    stage = STORY_STAGE

    def __init__(self, settings: Settings, holder: RulesHolder) -> None:
        self.settings, self.holder = settings, holder
        self.watermark = float("-inf")  # the newest article clock this worker's story agent has seen

    def parse(self, data: bytes | None) -> StoryEvent | StorySweep:
        return parse_story_message(data)

    def step(self, key: str, state: Any, message: StoryEvent | StorySweep) -> Step:
        s = self.settings
        self.watermark = max(self.watermark, message.clock)
        if isinstance(message, StorySweep):
            outcome = apply_sweep(state, self.watermark, expiry_s=s.story_expiry_s)
        else:
            outcome = apply_event(state, key, message, window_days=s.story_window_s / 86400, expiry_s=s.story_expiry_s,
                                  max_open=s.story_max_open, watermark=self.watermark)
        if outcome.duplicate:
            return Step(state)
        rules = self.holder.rules.story_rules if self.holder.rules is not None else ()
        alerts = [a for story in outcome.changed for a in story_alerts(story, rules)]
        outputs = [self._story_output(story) for story in outcome.changed]
        outputs += [Output(s.topic_stories, sid.encode("utf-8"), None) for sid in outcome.tombstones]
        outputs += [Output(s.topic_story_assignments, eid.encode("utf-8"), orjson.dumps({"event_id": eid, "story_id": sid}))
                    for eid, sid in outcome.assignments]
        outputs += [Output(s.topic_alerts, a["rule_id"].encode("utf-8"), orjson.dumps(a)) for a in alerts]
        opened = sum(1 for story in outcome.changed if story.reports == 1 and not story.closed)

        def published() -> None:
            metrics.STORIES_OPENED.inc(opened)
            metrics.STORIES_CLOSED.inc(sum(1 for story in outcome.changed if story.closed))
            for a in alerts:
                metrics.ALERTS_PUBLISHED.labels(a["rule_id"], a["severity"]).inc()
                log.info("story alert published", extra={"status": a["rule_id"], "article_id": a["story"]["story_id"]})

        return Step(outcome.state, outputs, published)

    def _story_output(self, story: Story) -> Output:
        return Output(self.settings.topic_stories, story.story_id.encode("utf-8"), orjson.dumps(story.message()))

    def sweeps(self, items: Iterable[tuple[str, Any]]) -> list[Output]:
        """Sweep messages for the keys (of this worker's table) whose oldest open story is quiet past the expiry."""
        horizon = self.watermark - self.settings.story_expiry_s
        sweep = StorySweep(self.watermark).to_bytes()
        return [Output(self.settings.topic_story_events, key.encode("utf-8"), sweep) for key, state in items
                if isinstance(state, dict) and any(s.get("last_seen", horizon) < horizon for s in state.get("stories", ()))]
