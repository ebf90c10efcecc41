"""The nastiest inputs through a real worker on the embedded broker: each comes out, as a schema-valid
enriched record or a dead letter with the expected class, and the worker keeps going.

The fuzzing itself is in ``tests/unit/test_hostile_input.py``; this is the end-to-end check that a
message too large for the dead-letter cap, undecodable bytes, pathological JSON and text, and an
article in another language all leave ``articles.raw`` through Kafka.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
import pytest
from conftest import Stack, assert_valid, schema_validator

from streams.contracts.deadletter import MAX_RECORD_BYTES, dead_letter_key, original_payload
from streams.transport.clients import make_producer

pytestmark = pytest.mark.integration

GERMAN = ("Der Bundeskanzler reiste am Montag nach Paris, um mit dem französischen Präsidenten über die Lage in der "
          "Ukraine zu sprechen. Die Gespräche dauerten mehrere Stunden.")
HTML = '<p>Putin visited <b>Pyongyang</b> &amp; met Kim.</p><script>alert("x")</script>{{7*7}} %s%n {0} ${jndi:x}'
EMOJI = "".join(chr(c) for c in range(0x1F300, 0x1F400)) + "👨‍👩‍👧‍👦🏳️‍🌈"


def nasty(p: str) -> dict[bytes, tuple[bytes, str]]:
    """key -> (value, expected outcome: 'enriched' or a dead-letter class)."""

    def art(name: str, body: Any, **fields: Any) -> tuple[bytes, bytes]:
        key = f"{p}-{name}".encode()
        return key, orjson.dumps({"id": key.decode(), "title": name, "body": body, **fields})

    cases: dict[bytes, tuple[bytes, str]] = {}

    def add(pair: tuple[bytes, bytes], outcome: str) -> None:
        cases[pair[0]] = (pair[1], outcome)

    add(art("3mb", "word " * 630_000), "too_large")
    add((f"{p}-not-utf8".encode(), b'{"body": "caf\xe9 \xff\xfe"}'), "not_utf8")
    add((f"{p}-nul-json".encode(), b"\x00" * 1000), "invalid_json")
    add((f"{p}-deep".encode(), b'{"body": ' + b"[" * 5000 + b"]" * 5000 + b"}"), "invalid_json")
    add((f"{p}-surrogate".encode(), b'{"body": "\\ud800 lone"}'), "invalid_json")
    add((f"{p}-huge-key-".encode() + b"k" * 100_000, b"{not json"), "invalid_json")
    add((f"{p}-950k-key-".encode() + b"k" * 950_000, b"{not json"), "invalid_json")  # no room left for a dead letter
    add(art("wrong-types", {"nested": [1, 2, {"x": None}]}), "invalid_field")
    add(art("edge-date", "Putin visited Pyongyang.", published_at="0001-01-01T00:30:00+01:00"), "invalid_field")
    add(art("german", GERMAN), "unsupported_language")
    add(art("german-hinted-en", GERMAN, language="en"), "unsupported_language")
    add(art("one-100k-token", "a" * 100_000), "enriched")
    add(art("nul-bytes", "Putin\x00visited\x00Pyongyang on Monday.\x00" * 10), "enriched")
    add(art("html", HTML * 20), "enriched")
    add(art("emoji", EMOJI * 4), "enriched")
    add(art("rtl-hinted-en", "Putin met \u202eKim\u202c in \u05e4\u05d9\u05d5\u05e0\u05d2\u05d9\u05d0\u05e0\u05d2 today.",
            language="en"), "enriched")
    add(art("after-them", "Russian President Vladimir Putin arrived in Pyongyang on Wednesday."), "enriched")
    return cases


def test_the_nastiest_inputs_come_out_of_a_real_worker(make_stack: Any) -> None:
    stack: Stack = make_stack(STREAMS_PARTITIONS="1")
    cases = nasty(stack.prefix)
    worker = stack.start_worker(ready_timeout_s=300)  # a loaded machine can take minutes to load the model

    producer = make_producer(stack.settings, max_request_size=8_000_000)
    try:
        futures = [producer.send(stack.topic_raw, key=key, value=value) for key, (value, _) in cases.items()]
        producer.flush()
        for f in futures:
            f.get(timeout=60)
    finally:
        producer.close()

    # an output's key is its raw key (a dead letter's is cut to dead_letter_key: the huge key is)
    raw_key = {dead_letter_key(key): key for key in cases}
    assert len(raw_key) == len(cases)

    def key_of(m: Any) -> bytes:
        return raw_key.get(m.key, m.key)

    topics = [stack.topic_enriched, stack.topic_deadletter]
    messages = stack.collect(topics, lambda ms: {key_of(m) for m in ms} >= set(cases), timeout_s=180, linger_s=2.0,
                             what=f"an output for each of {len(cases)} hostile inputs")
    enriched_schema = schema_validator("articles.enriched.schema.json")
    deadletter_schema = schema_validator("articles.deadletter.schema.json")
    outcomes: dict[bytes, list[str]] = {}
    for m in messages:
        value = orjson.loads(m.value)
        if m.topic == stack.topic_enriched:
            assert_valid(enriched_schema, value)
            outcomes.setdefault(m.key, []).append("enriched")
        else:
            assert_valid(deadletter_schema, value)
            assert len(m.value) + len(m.key or b"") <= MAX_RECORD_BYTES
            raw = cases[key_of(m)][0]
            assert value["payload_len"] == len(raw) and value["payload_sha256"] == hashlib.sha256(raw).hexdigest()
            assert raw.startswith(original_payload(value))
            outcomes.setdefault(key_of(m), []).append(value["error"])
    summary = {k[:60]: v for k, v in outcomes.items()}
    for key, (_, expected) in cases.items():
        assert outcomes.get(key) == [expected], f"{key[:60]!r}: expected {expected}, got {outcomes.get(key)}; all: {summary}"

    big = next(orjson.loads(m.value) for m in messages if m.key == f"{stack.prefix}-3mb".encode())
    assert big["truncated"] is True and big["payload_len"] > 3_000_000
    huge = next(m for m in messages if m.key.startswith(f"{stack.prefix}-huge-key-".encode()))
    huge_key = orjson.loads(huge.value)
    assert huge_key["key_truncated"] is True and len(huge_key["key"]) == 1024 and huge_key["key_len"] > 100_000
    assert len(huge.key) == 1024, "the dead letter's Kafka key is the raw key cut"
    assert worker.process.poll() is None, "the worker is still running"
    assert worker.stop() == 0, worker.describe()
