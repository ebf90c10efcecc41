"""`streams topics create`, `streams tail` and `streams demo` against a real broker."""

from __future__ import annotations

import re
from typing import Any

import orjson
import pytest
from conftest import SAMPLES, Stack, clean_env, explain, run_cli

from streams.contracts.deadletter import dead_letter_record
from streams.transport.topics import ensure_topics

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]


def topic_names(stack: Stack) -> list[str]:
    return [stack.env[f"STREAMS_TOPIC_{kind}"] for kind in ("RAW", "ENRICHED", "DEADLETTER", "EVENTS", "ALERTS")]


def line_for(output: str, topic: str) -> str:
    lines = [ln for ln in output.splitlines() if ln.startswith(f"{topic}:")]
    assert len(lines) == 1, f"expected one line for {topic}:\n{output}"
    return lines[0]


def test_topics_create_cli(make_stack: Any) -> None:
    stack = make_stack(STREAMS_PARTITIONS="3")
    first = stack.cli("topics", "create")
    assert first.returncode == 0, explain(first)
    for topic in topic_names(stack):
        assert line_for(first.stdout, topic) == f"{topic}: created, 3 partitions"
        assert stack.partitions(topic) == {0, 1, 2}, f"{topic} was not created with STREAMS_PARTITIONS=3"

    second = stack.cli("topics", "create")
    assert second.returncode == 0, explain(second)
    for topic in topic_names(stack):
        assert line_for(second.stdout, topic) == f"{topic}: exists, 3 partitions"


def test_topics_create_reports_a_partition_mismatch(make_stack: Any) -> None:
    from kafka.admin import KafkaAdminClient, NewTopic

    stack = make_stack(STREAMS_PARTITIONS="2")
    alerts = stack.env["STREAMS_TOPIC_ALERTS"]
    admin = KafkaAdminClient(bootstrap_servers=stack.settings.bootstrap_servers)
    try:
        admin.create_topics([NewTopic(alerts, 1, 1)])
    finally:
        admin.close()

    result = stack.cli("topics", "create")
    assert result.returncode == 0, explain(result)
    line = line_for(result.stdout, alerts)
    assert line.startswith(f"{alerts}: exists, 1 partitions"), line
    assert "STREAMS_PARTITIONS asks for 2" in line, line
    assert stack.partitions(alerts) == {0}, "an existing topic is never altered"
    assert line_for(result.stdout, stack.topic_raw) == f"{stack.topic_raw}: created, 2 partitions"


def test_topics_create_without_a_broker_says_what_to_do() -> None:
    result = run_cli("topics", "create", env=clean_env(STREAMS_BROKER_URL="127.0.0.1:1"), timeout=120)
    assert result.returncode != 0, explain(result)
    assert "cannot reach the broker at 127.0.0.1:1 (STREAMS_BROKER_URL): is it running?" in result.stderr, explain(result)
    assert "Traceback" not in result.stderr


def test_tail_cli(stack: Stack, enricher: Any) -> None:
    ensure_topics(stack.settings)
    p = stack.prefix
    records = [
        enricher.enrich({"id": f"{p}-putin", "title": "Putin in Pyongyang",
                         "body": "Russian President Vladimir Putin arrived in Pyongyang for talks with Kim Jong Un."}),
        enricher.enrich({"id": f"{p}-paris", "body": "Emmanuel Macron spoke in Paris."}),
    ]
    stack.send([(r["article_id"].encode(), orjson.dumps(r)) for r in records], topic=stack.topic_enriched)
    letter = dead_letter_record(b'{"id": ', error="invalid_json", reason="payload is not JSON",
                                topic=stack.topic_raw, partition=0, offset=7)
    stack.send([orjson.dumps(letter)], topic=stack.topic_deadletter)

    as_json = stack.cli("tail", stack.topic_enriched, "--from-beginning", "--limit", "1", "--json", "--timeout", "20",
                        timeout=90)
    assert as_json.returncode == 0, explain(as_json)
    lines = as_json.stdout.splitlines()
    assert len(lines) == 1, f"--limit 1 prints exactly one line:\n{as_json.stdout}"
    assert orjson.loads(lines[0]) in records, "--json prints the value as it is on the topic"

    readable = stack.cli("tail", stack.topic_enriched, "--from-beginning", "--limit", "2", "--timeout", "20", timeout=90)
    assert readable.returncode == 0, explain(readable)
    assert f"{p}-putin" in readable.stdout and f"{p}-paris" in readable.stdout, readable.stdout
    assert "Putin (PERSON" in readable.stdout, f"entities are listed with their type:\n{readable.stdout}"

    dead = stack.cli("tail", stack.topic_deadletter, "--from-beginning", "--limit", "1", "--timeout", "20", timeout=90)
    assert dead.returncode == 0, explain(dead)
    assert "dead letter invalid_json: payload is not JSON" in dead.stdout, dead.stdout
    assert f"{stack.topic_raw}/0@7" in dead.stdout, dead.stdout


def test_tail_stops_after_the_idle_timeout(stack: Stack) -> None:
    ensure_topics(stack.settings)
    result = stack.cli("tail", stack.env["STREAMS_TOPIC_ALERTS"], "--from-beginning", "--timeout", "3", timeout=60)
    assert result.returncode == 0, explain(result)
    assert result.stdout.strip() == ""


def test_demo_runs() -> None:
    if not SAMPLES.exists():
        pytest.skip(f"{SAMPLES} does not exist yet: `streams demo` has no bundled samples to replay")
    result = run_cli("demo", env=clean_env(), timeout=300)
    assert result.returncode == 0, explain(result)
    assert "done:" in result.stdout, explain(result)
    match = re.search(r"done:\s*(\d+) outputs for (\d+) inputs", result.stdout)
    assert match and match.group(1) == match.group(2), f"every demo input comes out once:\n{result.stdout[-3000:]}"
    assert "dead letter invalid_json" in result.stdout and "dead letter missing_body" in result.stdout, result.stdout[-3000:]
