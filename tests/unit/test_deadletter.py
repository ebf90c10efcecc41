"""Dead letters keep the original message byte for byte (up to 1 MB), after a JSON round trip."""

from __future__ import annotations

import hashlib

import orjson
import pytest

from streams.contracts.deadletter import (
    MAX_KEY_BYTES,
    MAX_PAYLOAD_BYTES,
    MAX_RECORD_BYTES,
    bounded_dead_letter,
    dead_letter_key,
    dead_letter_record,
    original_payload,
)


def through_json(payload: bytes, **kwargs: object) -> dict:
    """Build a dead letter and send it through JSON, as it travels on the dead-letter topic."""
    record = dead_letter_record(
        payload, error=kwargs.pop("error", "invalid_json"), reason=kwargs.pop("reason", "test"),  # type: ignore[arg-type]
        topic="articles.raw", partition=3, offset=1234, **kwargs,  # type: ignore[arg-type]
    )
    return orjson.loads(orjson.dumps(record))


def assert_describes(record: dict, payload: bytes) -> None:
    assert record["payload_len"] == len(payload)
    assert record["payload_sha256"] == hashlib.sha256(payload).hexdigest()


@pytest.mark.parametrize(
    "payload",
    [
        b'{"id": "x", "title": ',
        "{\"body\": \"caf\u00e9 \u2014 \u5317\u671d\u9c9c \U0001f30d\"".encode(),
        b'line one\r\nline two\ttab \x00 nul \x1b escape "quotes" \\backslash',
        "\u2028\u2029\ufeff separators and BOM".encode(),
        b"",
    ],
    ids=["truncated-json", "multilingual", "control-chars", "unicode-separators", "empty"],
)
def test_utf8_payload_round_trips_as_text(payload: bytes) -> None:
    record = through_json(payload)
    assert "payload" in record and "payload_b64" not in record, "UTF-8 payloads are kept as readable text"
    assert original_payload(record) == payload
    assert record["truncated"] is False
    assert_describes(record, payload)


@pytest.mark.parametrize(
    "payload",
    [b"\xff\xfe\x00\x01binary", b'{"body": "caf\xe9"}', bytes(range(256))],
    ids=["binary", "latin1", "all-bytes"],
)
def test_non_utf8_payload_round_trips_as_base64(payload: bytes) -> None:
    record = through_json(payload, error="not_utf8")
    assert "payload_b64" in record and "payload" not in record
    assert original_payload(record) == payload
    assert record["truncated"] is False
    assert_describes(record, payload)


def test_payload_over_1mb_is_truncated_but_described_in_full() -> None:
    payload = orjson.dumps({"id": "big", "body": "word " * 300_000})  # about 1.5 MB
    assert len(payload) > MAX_PAYLOAD_BYTES == 1_000_000
    record = through_json(payload, error="too_large")
    assert record["truncated"] is True
    kept = original_payload(record)
    assert kept == payload[:MAX_PAYLOAD_BYTES]
    assert_describes(record, payload)  # length and hash of the FULL original


def test_truncation_inside_a_multibyte_character_keeps_exact_bytes() -> None:
    # 1 + 2k bytes: the 1 MB cut falls in the middle of a two-byte character
    payload = b"a" + "\u00e9".encode() * 600_000
    record = through_json(payload, error="too_large")
    assert record["truncated"] is True
    assert original_payload(record) == payload[:MAX_PAYLOAD_BYTES]
    assert_describes(record, payload)


def test_payload_of_exactly_1mb_is_not_truncated() -> None:
    payload = b"x" * MAX_PAYLOAD_BYTES
    record = through_json(payload)
    assert record["truncated"] is False
    assert original_payload(record) == payload


def test_fields_of_a_dead_letter() -> None:
    record = through_json(b"[1]", error="not_an_object", reason="payload is a JSON list", key=b"article-7",
                          received_at="2024-06-19T08:00:00.000Z")
    assert record["error"] == "not_an_object"
    assert record["reason"] == "payload is a JSON list"
    assert (record["topic"], record["partition"], record["offset"]) == ("articles.raw", 3, 1234)
    assert record["key"] == "article-7"
    assert record["key_len"] == 9 and record["key_sha256"] == hashlib.sha256(b"article-7").hexdigest()
    assert "key_truncated" not in record
    assert record["received_at"] == "2024-06-19T08:00:00.000Z"
    assert record["schema_version"] == 1


def test_received_at_defaults_to_now_in_utc() -> None:
    record = through_json(b"x")
    assert record["received_at"].endswith("Z")


def test_dead_letter_matches_its_json_schema_if_shipped() -> None:
    from conftest import assert_valid, schema_validator

    validator = schema_validator("articles.deadletter.schema.json")
    assert_valid(validator, through_json(b'{"id": "x"', key=b"k"))
    assert_valid(validator, through_json(b"\xff\xfe", error="not_utf8"))


def test_a_message_without_a_key_has_no_key_fields() -> None:
    record = through_json(b"x")
    assert record["key"] is None and not {"key_len", "key_sha256", "key_truncated"} & set(record)
    assert dead_letter_key(None) is None


@pytest.mark.parametrize("key_len", [950_000, MAX_RECORD_BYTES, 3_000_000])
def test_a_key_near_or_over_the_message_cap_is_cut_and_the_dead_letter_fits(key_len: int) -> None:
    """The dead letter's Kafka key is the raw key: a raw key of ~900 kB left no room for the dead letter."""
    from conftest import assert_valid, schema_validator

    key = (b"k\xff\x00" * key_len)[:key_len]
    payload = b"{not json " * 300_000  # 3 MB
    record, data = bounded_dead_letter(payload, error="too_large", reason="3 MB", topic="articles.raw", partition=0,
                                       offset=9, key=key)
    kafka_key = dead_letter_key(key)
    assert kafka_key == key[:MAX_KEY_BYTES]
    assert len(data) + len(kafka_key or b"") <= MAX_RECORD_BYTES
    travelled = orjson.loads(data)
    assert travelled["key_len"] == key_len and travelled["key_sha256"] == hashlib.sha256(key).hexdigest()
    assert travelled["key_truncated"] is True and len(travelled["key"]) == 1024
    assert len(original_payload(travelled)) > 500_000, "a cut key leaves the payload most of the message"
    assert_valid(schema_validator("articles.deadletter.schema.json"), travelled)


def test_a_key_up_to_the_limit_is_the_dead_letter_s_kafka_key_unchanged() -> None:
    key = b"a" * MAX_KEY_BYTES
    assert dead_letter_key(key) == key
    assert dead_letter_key(b"article-7") == b"article-7"
