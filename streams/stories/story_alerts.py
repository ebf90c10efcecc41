"""Alerts per story: rules with ``per: story`` fire once per story, and again when it escalates.

A ``per: story`` event rule matches a story's canonical event
(:meth:`~streams.stories.story.Story.canonical_event`). It fires when the story reaches
``min_sources`` independent sources (default 1), once; it publishes an update when a
story that already alerted escalates: more independent sources, or a more specific
code. Per-rule throttling does not apply to these rules; closed and merged stories
never alert. The alert is an ``event`` alert of the alerts topic with two more fields:
``story`` (the story's ``stories`` message) and ``update`` (false for the first alert);
its ``events`` hold the event that opened the story, as coded.

Pure: :func:`story_alerts` returns the alerts and records the level each rule alerted
at in ``story.alerted``, which lives in the story state (so a replay does not alert twice).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from streams.alerts.alert import alert_id, event_summary, make_alert
from streams.alerts.rules import EventRule
from streams.stories.story import Story, _more_specific


def story_alerts(story: Story, rules: Iterable[EventRule]) -> list[dict[str, Any]]:
    if story.closed or story.merged_into:
        return []
    event = story.canonical_event()
    alerts = []
    for rule in rules:
        if rule.per != "story" or not rule.matches(event):
            continue
        sources = story.independent_sources
        if sources < (rule.min_sources or 1):
            continue
        level = story.alerted.get(rule.id)
        if level is not None and not (sources > level[0] or _more_specific(story.code, str(level[1]))):
            continue
        story.alerted[rule.id] = [sources, story.code]
        alerts.append(_alert(rule, story, event, level is not None))
    return alerts


def _alert(rule: EventRule, story: Story, event: dict[str, Any], update: bool) -> dict[str, Any]:
    key = f"{rule.id}|story:{story.story_id}"
    summary = (f"{event_summary(rule, [event])} (story {story.story_id}: {story.reports} reports, "
               f"{story.independent_sources} independent sources)")
    alert = make_alert(rule, "event", story.last_seen, summary, events=[story.first_event] if story.first_event else [],
                       article_ids=story.article_ids[:50], throttle_key=key)
    alert["alert_id"] = alert_id(rule.id, key, f"{story.independent_sources}:{story.code}")
    alert["story"] = story.message()
    alert["update"] = update
    return alert
