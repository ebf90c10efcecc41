"""A third-party client (librdkafka, through confluent-kafka) reads what the worker wrote.

The issue's check is `kcat -C -b HOST:PORT -t articles.enriched -e`. Debian's kcat
(librdkafka 2.0) fails the embedded broker's ApiVersions handshake, so the same
librdkafka consumer path is exercised through the confluent-kafka wheel instead;
against Apache Kafka (docker-compose) kcat itself works.
"""

from __future__ import annotations

import orjson
import pytest
from conftest import Stack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]


def read_with_librdkafka(bootstrap: str, topic: str, expected: int) -> list[tuple[bytes | None, bytes]]:
    from confluent_kafka import Consumer, TopicPartition

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "third-party-reader", "enable.auto.commit": False})
    try:
        meta = consumer.list_topics(topic, timeout=15)
        partitions = list(meta.topics[topic].partitions)
        consumer.assign([TopicPartition(topic, p, 0) for p in partitions])  # like kcat -C -o beginning, no group
        out: list[tuple[bytes | None, bytes]] = []
        idle = 0
        while len(out) < expected and idle < 10:
            msg = consumer.poll(1.0)
            if msg is None:
                idle += 1
                continue
            assert not msg.error(), msg.error()
            out.append((msg.key(), msg.value()))
        return out
    finally:
        consumer.close()


def test_librdkafka_reads_enriched_and_deadletter(stack: Stack) -> None:
    worker = stack.start_worker()
    aid = f"{stack.prefix}-3p"
    stack.send([(aid.encode(), orjson.dumps({"id": aid, "title": "NATO summit", "body": "NATO leaders met in Vilnius.",
                                            "published_at": "2023-07-11T10:00:00Z"})),
                (b"bad", b"\xff\xfe not text")])
    stack.read_all(stack.topic_enriched, 1)
    stack.read_all(stack.topic_deadletter, 1)
    bootstrap = stack.settings.bootstrap_servers[0]

    enriched = read_with_librdkafka(bootstrap, stack.topic_enriched, 1)
    assert [(k, orjson.loads(v)["article_id"]) for k, v in enriched] == [(aid.encode(), aid)]
    dead = read_with_librdkafka(bootstrap, stack.topic_deadletter, 1)
    assert dead[0][0] == b"bad" and orjson.loads(dead[0][1])["error"] == "not_utf8"
    assert worker.stop() == 0
