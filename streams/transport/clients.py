"""kafka-python clients for the CLI tools (produce, tail, topics, demo) and tests.

kafka-python is pinned to 2.3.x: 3.x consumer groups never join on the embedded
(Tansu) broker. The worker itself uses Faust (aiokafka).
"""

from __future__ import annotations

from typing import Any

from streams.settings import Settings


def common_config(settings: Settings) -> dict[str, Any]:
    """Bootstrap servers and security (TLS, SASL: :func:`streams.transport.security.kafka_python_config`)."""
    from streams.transport.security import kafka_python_config

    return {"bootstrap_servers": settings.bootstrap_servers, **kafka_python_config(settings)}


def max_request_bytes(settings: Settings) -> int:
    """The producers' largest request: room for a raw message over STREAMS_MAX_MESSAGE_BYTES (it is dead-lettered)."""
    return max(settings.max_message_bytes * 2, 1_048_576)


def make_producer(settings: Settings, **overrides: Any) -> Any:
    from kafka import KafkaProducer

    config = common_config(settings)
    config.update(
        acks="all",
        retries=5,
        linger_ms=5,
        compression_type=None if settings.producer_compression == "none" else settings.producer_compression,
        enable_idempotence=settings.producer_idempotence,
        max_request_size=max_request_bytes(settings),
    )
    config.update(overrides)
    return KafkaProducer(**config)


def make_consumer(settings: Settings, *topics: str, **overrides: Any) -> Any:
    from kafka import KafkaConsumer

    config = common_config(settings)
    config.update(auto_offset_reset="earliest", enable_auto_commit=False)
    config.update(overrides)
    return KafkaConsumer(*topics, **config)
