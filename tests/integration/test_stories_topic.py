"""Story events end to end: several reports of one event, a syndicated copy, per-story alerts, a restart.

Real broker, real model, worker subprocesses; outputs read back from Kafka.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
import pytest
from conftest import Stack, assert_valid, schema_validator

pytestmark = [pytest.mark.integration, pytest.mark.timeout(420)]

RULES = """rules:
  - id: putin-in-pyongyang
    severity: high
    per: story
    match: {roots: ["04"], dyad: [RUS, PRK]}
  - id: confirmed-visit
    severity: critical
    per: story
    min_sources: 3
    match: {roots: ["04"], dyad: [RUS, PRK]}
"""
VISIT = ("Russian President Vladimir Putin visited Pyongyang on Wednesday. He held talks with North Korean leader Kim Jong Un "
         "at the Kumsusan guest house, state media reported, and the two leaders discussed trade, energy and transport links "
         "between their countries.")
REPORTS = {  # name: (outlet, body); "copy" is the agency text republished with small edits
    "wire": ("Sample Wire", VISIT),
    "copy": ("Harbour Post", VISIT.replace("state media reported", "the official KCNA news agency reported")
             + " The visit was his first in 24 years."),
    "herald": ("Valley Herald", "Vladimir Putin arrived in Pyongyang on Wednesday for a state visit, the Kremlin said. It is "
               "the Russian leader's first trip to North Korea since 2000, and officials in Seoul and Washington were watching closely."),
    # after the restart
    "times": ("Capital Times", "North Korean leader Kim Jong Un welcomed Russian President Vladimir Putin to Pyongyang on "
              "Wednesday with a ceremony in Kim Il Sung Square, as the Russian leader made a state visit to North Korea."),
    "copy2": ("Coast Daily", VISIT + " Analysts in Seoul said the talks went on for several hours."),
}


def article(stack: Stack, name: str, minute: int) -> tuple[bytes, bytes]:
    outlet, body = REPORTS[name]
    article_id = f"{stack.prefix}-{name}"
    value = {"id": article_id, "title": "Putin in Pyongyang", "body": body, "source": outlet,
             "url": f"https://example.com/{stack.prefix}/{name}", "published_at": f"2026-06-17T09:{minute:02d}:00Z"}
    return article_id.encode(), orjson.dumps(value)


def latest_by_key(messages: list[Any]) -> dict[bytes, Any]:
    """What a compacted topic keeps: the last value per key (None: a tombstone)."""
    out: dict[bytes, Any] = {}
    for m in messages:
        out[m.key] = None if m.value is None else orjson.loads(m.value)
    return out


def test_reports_of_one_event_make_one_story_one_alert_and_survive_a_restart(make_stack: Callable[..., Stack]) -> None:
    stack = make_stack()
    (stack.tmp / "rules.yaml").write_text(RULES, "utf-8")
    stack.env["STREAMS_RULES_FILE"] = str(stack.tmp / "rules.yaml")
    env = stack.env
    topics = [env["STREAMS_TOPIC_STORIES"], env["STREAMS_TOPIC_ALERTS"], env["STREAMS_TOPIC_STORY_ASSIGNMENTS"],
              stack.topic_enriched, env["STREAMS_TOPIC_EVENTS"]]

    def story_state(messages: list[Any]) -> list[dict[str, Any]]:
        return [v for v in latest_by_key([m for m in messages if m.topic == topics[0]]).values() if v is not None]

    def alerts(messages: list[Any], rule_id: str) -> list[dict[str, Any]]:
        return [a for m in messages if m.topic == topics[1] for a in [orjson.loads(m.value)] if a["rule_id"] == rule_id]

    worker = stack.start_worker()
    # the copy stage calls the first article it sees of a family the original: the agency text comes first
    stack.send([article(stack, "wire", 0)])
    stack.collect(topics, lambda ms: any(s["reports"] == 1 for s in story_state(ms)), what="the first report's story")
    stack.send([article(stack, name, i) for i, name in enumerate(("copy", "herald"), start=1)])
    messages = stack.collect(topics, lambda ms: any(s["reports"] == 3 for s in story_state(ms)),
                             what="a story with three reports")
    [story] = story_state(messages)
    assert (story["reports"], story["independent_sources"], story["copies"]) == (3, 2, 1), story
    assert story["outlets"] == ["Sample Wire", "Valley Herald"] and story["root"] == "04" and not story["closed"]
    assert story["key"] == "04|PRK|RUS" and story["date_start"] == story["date_end"] == "2026-06-17"
    assert_valid(schema_validator("stories.schema.json"), story)

    # the copy: its record again, with duplicate_of; its events still publish, with their outlet
    copy_id = f"{stack.prefix}-copy"
    marked = [r for m in messages if m.topic == stack.topic_enriched for r in [orjson.loads(m.value)]
              if r["article_id"] == copy_id and r.get("duplicate_of")]
    assert len(marked) == 1 and marked[0]["duplicate_of"] == f"{stack.prefix}-wire" and marked[0]["similarity"] >= 0.5
    assert_valid(schema_validator("articles.enriched.schema.json"), marked[0])
    events = [orjson.loads(m.value) for m in messages if m.topic == topics[4]]
    assert {e["outlet"] for e in events if e["article_id"] == copy_id} == {"Harbour Post"}
    # every event has its assignment to the one story
    assignments = latest_by_key([m for m in messages if m.topic == topics[2]])
    assert {e["id"].encode() for e in events} == set(assignments)
    assert {a["story_id"] for a in assignments.values()} == {story["story_id"]}

    # one per-story alert at once, then an update when a second independent source (not the copy) came;
    # the min_sources: 3 rule waits for a third
    first, update = alerts(messages, "putin-in-pyongyang")
    assert first["update"] is False and first["story"]["story_id"] == story["story_id"]
    assert (update["update"], update["story"]["independent_sources"]) == (True, 2)
    assert alerts(messages, "confirmed-visit") == []
    assert_valid(schema_validator("alerts.schema.json"), first)

    # a restart in the middle: the stories and the copy index live in changelog-backed tables
    assert worker.stop() == 0
    stack.start_worker()
    stack.send([article(stack, name, 10 + i) for i, name in enumerate(("times", "copy2"))])
    messages = stack.collect(topics, lambda ms: any(s["reports"] == 5 for s in story_state(ms)),
                             what="the story with five reports after the restart")
    [story_after] = story_state(messages)
    assert story_after["story_id"] == story["story_id"]
    assert (story_after["reports"], story_after["independent_sources"], story_after["copies"]) == (5, 3, 2), story_after
    copies = {r["article_id"]: r["duplicate_of"] for m in messages if m.topic == stack.topic_enriched
              for r in [orjson.loads(m.value)] if r.get("duplicate_of")}
    assert copies == {copy_id: f"{stack.prefix}-wire", f"{stack.prefix}-copy2": f"{stack.prefix}-wire"}

    # still one first alert, and one escalation per new independent source (the second copy adds none);
    # the confirmed rule fired once, when the third source came
    story_alerts = alerts(messages, "putin-in-pyongyang")
    assert [(a["update"], a["story"]["independent_sources"]) for a in story_alerts] == [(False, 1), (True, 2), (True, 3)]
    [confirmed] = alerts(messages, "confirmed-visit")
    assert confirmed["update"] is False and confirmed["story"]["independent_sources"] == 3
