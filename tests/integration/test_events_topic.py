"""The events topic on the real broker: one message per asserted event, keyed by dyad."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from conftest import Stack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

STORY = {
    "title": "Putin and Kim sign partnership pact in Pyongyang",
    "body": (
        "In June, Vladimir Putin visited Pyongyang and signed a strategic partnership agreement with Kim Jong Un. "
        "Russian Defence Minister Andrei Belousov arrived in the DPRK on Friday. "
        "North Korean troops fought in the Kursk region. "
        "North Korea supplies Russia with ammunition and missiles. "
        "Vladimir Putin may visit Seoul next year, officials said."
    ),
    "published_at": "2024-11-30T06:00:00Z",
    "source": "test-wire",
}


def test_events_topic_has_one_message_per_event_keyed_by_dyad(stack: Stack) -> None:
    worker = stack.start_worker()
    article_id = f"{stack.prefix}-story"
    stack.send([(article_id.encode(), orjson.dumps({"id": article_id, **STORY}))])

    enriched = stack.read_all(stack.topic_enriched, 1)
    record: dict[str, Any] = orjson.loads(enriched[0].value)
    assert record["article_id"] == article_id
    codes = {(e["code"], e["source"]["country"], (e["target"] or {}).get("country")) for e in record["events"]}
    assert ("042", "RUS", "PRK") in codes and ("057", "RUS", "PRK") in codes and ("072", "PRK", "RUS") in codes, codes
    visit = next(e for e in record["events"] if e["code"] == "042" and e["source"]["entity_id"] == "person:vladimir-putin")
    assert visit["date"] == "2024-06" and visit["location"]["name"] == "Pyongyang"
    # the hedged visit is a claim, not an event
    assert any(c["factuality"] == "hedged" for c in record["claims"])
    assert all(e["factuality"] == "asserted" for e in record["events"])

    events = stack.read_all(stack.env["STREAMS_TOPIC_EVENTS"], len(record["events"]))
    assert len(events) == len(record["events"]), "one message per event, no claims, no duplicates"
    by_id = {e["id"]: e for e in record["events"]}
    for message in events:
        value = orjson.loads(message.value)
        assert value["article_id"] == article_id
        assert value["id"] in by_id, "event ids are the same in both topics"
        src = value["source"]["country"] or "-"
        tgt = (value["target"] or {}).get("country") or "-"
        if value["source"].get("igo"):
            src = f"IGO:{value['source']['igo']}"
        assert message.key.decode() == f"{src}|{tgt}"
        assert value["factuality"] == "asserted"
    assert {m.key.decode() for m in events} >= {"RUS|PRK", "PRK|RUS"}
    assert worker.stop() == 0
