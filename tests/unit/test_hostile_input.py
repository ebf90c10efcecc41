"""Hostile input at the decoding and validation boundary, fuzzed with hypothesis.

Every input ends as a valid record or a dead letter with its reason, each valid
against its shipped JSON Schema; nothing raises. Three layers:

- :func:`decode_article` alone: an :class:`Article` or :class:`InvalidArticle` with a known class;
- :func:`bounded_dead_letter`: any payload and key give a schema-valid dead letter that fits the cap,
  with the length and sha256 of the whole message;
- :meth:`BatchProcessor.process` with an enricher that builds real records without spaCy (and fails
  on some articles, as a poison article would), then a few nasty texts through the real model.

``make test`` runs a derandomized profile (the same examples every run); ``make fuzz``
runs ``HYPOTHESIS_PROFILE=fuzz``: 10,000 examples for each boundary test.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from datetime import datetime, timezone
from typing import Any

import orjson
import pytest
from conftest import SCHEMA_DIR, assert_valid, schema_validator
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from streams.contracts.article import Article, InvalidArticle, decode_article
from streams.contracts.deadletter import MAX_RECORD_BYTES, bounded_dead_letter, dead_letter_key, original_payload
from streams.enrich.context import Context, Provenance
from streams.enrich.record import build_record, iso
from streams.settings import load_settings
from streams.worker.processor import BatchProcessor, RawMessage

settings.register_profile(
    "ci", max_examples=60, derandomize=True, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ = settings(settings.get_profile(PROFILE))
# through spaCy: each example costs tens of milliseconds to seconds
MODEL_FUZZ = settings(settings.get_profile(PROFILE), max_examples=8 if PROFILE == "ci" else 300)

ERROR_CLASSES = set(json.loads((SCHEMA_DIR / "articles.deadletter.schema.json").read_text())["properties"]["error"]["enum"])
MAX_BYTES = 1_000_000
MAX_BODY = 200_000


# ---------------------------------------------------------------------------------------------
# strategies
# ---------------------------------------------------------------------------------------------
def every_script_sample(step: int = 37) -> str:
    """Every ``step``-th assigned, printable code point of Unicode: every script, symbols and emoji."""
    chars = []
    for cp in range(0x20, 0x323B0, step):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if unicodedata.category(c) not in ("Cn", "Co", "Cs"):
            chars.append(c)
    return "".join(chars)


EMOJI = "".join(chr(c) for c in range(0x1F300, 0x1F650)) + "👨‍👩‍👧‍👦🏳️‍🌈🇺🇦🧑🏽‍🚀" + "".join(chr(c) for c in range(0x1F900, 0x1FA00))
RTL = ("שר ההגנה הרוסי הגיע לפיונגיאנג. وصل وزير الدفاع الروسي إلى بيونغ يانغ. "
       "\u202eevil override\u202c \u200f\u200e \u2067isolate\u2069 ")
HTML = ('<html><head><script>alert("x")</script><style>p{}</style></head><body><p>Putin visited '
        '<b>Pyongyang</b> &amp; met Kim &lt;Jong Un&gt;.</p><!-- comment --><![CDATA[ x ]]><img src=x onerror=alert(1)>'
        "{{7*7}} ${jndi:ldap://x} %s%n%x {0} {body!r} \\1 (?P<x>a+)+$ ../../etc/passwd\x00</body></html>")

nasty_text = st.one_of(
    st.text(),  # any code point but surrogates
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300),
    st.sampled_from([EMOJI, RTL, HTML, every_script_sample(), "\x00" * 50, "\u0301" * 500, "\ufeff\u2028\u2029",
                     "a" * 5000, " \t\n\r\x0b\x0c " * 20]),
    st.builds(lambda a, b: a + b, st.sampled_from([EMOJI, RTL, HTML]), st.text(max_size=50)),
)
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), nasty_text)
json_value = st.recursive(json_scalar, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                          max_leaves=12)
timestamps = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(["2024-06-19T08:00:00Z", "2024-06-19", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
                     "2024-13-45T99:99:99Z", "yesterday", "", "  ", "2024-06-19T08:00:00.123456789Z", "2024-06-19T08:00:00+25:00"]),
    nasty_text,
)
# the article fields with values of the right type, the wrong type, or hostile text
field_value = st.one_of(nasty_text, json_value)
article_dicts = st.fixed_dictionaries(
    {},
    optional={
        "id": field_value, "title": field_value, "body": st.one_of(nasty_text, nasty_text, json_value),
        "url": field_value, "source": field_value, "published_at": st.one_of(timestamps, json_value),
        "language": st.one_of(st.sampled_from(["en", "EN-gb", "de", "eng", "English", "xx-YY", "", "zz"]), field_value),
        "extra": json_value,
    },
)


def to_json(value: Any, ascii_only: bool = False) -> bytes:
    """Any generated JSON value as bytes: integers of any size, astral characters as escaped surrogate pairs or not."""
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")


json_documents = st.builds(to_json, json_value, st.booleans())
article_documents = st.builds(to_json, article_dicts, st.booleans())


def deep(depth: int, open_: bytes = b"[", close: bytes = b"]") -> bytes:
    return open_ * depth + close * depth


def with_invalid_utf8(data: bytes, position: int, junk: bytes) -> bytes:
    position %= len(data) + 1
    return data[:position] + junk + data[position:]


payloads = st.one_of(
    st.binary(max_size=2000),  # random bytes
    article_documents,  # JSON objects, valid or not as articles
    json_documents,  # any JSON value
    st.builds(with_invalid_utf8, article_documents, st.integers(0, 10_000),
              st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80"])),
    st.builds(deep, st.integers(1, 3000), st.sampled_from([b"[", b'{"a":[']), st.sampled_from([b"]", b"]}"])),
    st.builds(lambda d: b'{"body": ' + deep(d) + b"}", st.integers(1, 2000)),
    st.builds(lambda body: b'{"body": "' + body + b'"}',
              st.sampled_from([b"\\ud800", b"\\udfff x", b"\\u0000", b"caf\\u00e9", b"\\", b'\\"', b"\x00\x01\x1f"])),
    st.sampled_from([b"", b" ", b"null", b"[]", b"{}", b'""', b"1e999", b"NaN", b"1" * 400, b'{"body": 1e400}',
                     b'{"body": "x", "body": ""}', b"\xef\xbb\xbf{\"body\": \"BOM\"}", b'{"body": "x"} trailing']),
)


# ---------------------------------------------------------------------------------------------
# decode_article
# ---------------------------------------------------------------------------------------------
def decode(payload: bytes) -> Article | InvalidArticle:
    try:
        return decode_article(payload, max_bytes=MAX_BYTES, max_body_chars=MAX_BODY)
    except InvalidArticle as exc:
        return exc


@FUZZ
@given(payloads)
@example(b"\x00" * 100)
@example(b'{"body": "\\ud83d\\ude00 emoji by escapes"}')
@example(b'{"body": "x", "published_at": "0001-01-01T00:30:00+01:00"}')
def test_decode_article_returns_an_article_or_a_known_error(payload: bytes) -> None:
    outcome = decode(payload)
    if isinstance(outcome, InvalidArticle):
        assert outcome.error in ERROR_CLASSES, outcome.error
        assert outcome.reason and len(outcome.reason) < 1000
        return
    assert isinstance(outcome.body, str) and outcome.body.strip() and len(outcome.body) <= MAX_BODY
    assert isinstance(outcome.id, str) and outcome.id
    for name in ("title", "url", "source", "published_at", "language"):
        value = getattr(outcome, name)
        assert value is None or (isinstance(value, str) and value.strip())
    if outcome.published_at is not None:
        assert outcome.published is not None
        iso(outcome.published)  # the enricher's conversion to UTC must work on every accepted date
    # every accepted text field can be written back as UTF-8 JSON (no lone surrogate got through)
    orjson.dumps(outcome.as_dict()).decode("utf-8")


@FUZZ
@given(article_dicts, st.booleans())
def test_wrong_types_and_hostile_fields_are_named(data: dict[str, Any], ascii_only: bool) -> None:
    outcome = decode(to_json(data, ascii_only))
    if isinstance(outcome, InvalidArticle):
        assert outcome.error in {"missing_body", "invalid_field"}, outcome
        if outcome.error == "invalid_field":
            assert "field '" in outcome.reason
    else:
        assert outcome.body == data["body"]


def test_decoding_edge_cases_by_name() -> None:
    cases = {
        b"\xff\xfe": "not_utf8",
        deep(5000): "invalid_json",
        b'{"body": ' + deep(5000) + b"}": "invalid_json",
        b'{"body": "\\ud800"}': "invalid_json",
        b"[1, 2]": "not_an_object",
        b'{"title": "no body"}': "missing_body",
        b'{"body": "   \\n\\t "}': "missing_body",
        b'{"body": ["list"]}': "invalid_field",
        b'{"body": "x", "id": 7}': "invalid_field",
        b'{"body": "x", "published_at": "9999-12-31T23:59:59-01:00"}': "invalid_field",
        orjson.dumps({"body": "a" * (MAX_BODY + 1)}): "too_large",
        b" " * (MAX_BYTES + 1): "too_large",
    }
    for payload, error in cases.items():
        outcome = decode(payload)
        assert isinstance(outcome, InvalidArticle) and outcome.error == error, (payload[:60], outcome)
    ok = decode(orjson.dumps({"body": "Putin\x00visited\x00Pyongyang", "title": RTL, "published_at": "2024-06-19T08:00:00+02:00"}))
    assert isinstance(ok, Article) and "\x00" in ok.body


# ---------------------------------------------------------------------------------------------
# bounded_dead_letter
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def deadletter_schema() -> Any:
    return schema_validator("articles.deadletter.schema.json")


@pytest.fixture(scope="module")
def enriched_schema() -> Any:
    return schema_validator("articles.enriched.schema.json")


def check_dead_letter(record: dict[str, Any], data: bytes, payload: bytes, key: bytes | None, validator: Any) -> None:
    assert len(data) + len(dead_letter_key(key) or b"") <= MAX_RECORD_BYTES
    travelled = orjson.loads(data)  # as a consumer reads it
    assert travelled == record
    assert_valid(validator, travelled)
    if key is not None:
        assert travelled["key_len"] == len(key) and travelled["key_sha256"] == hashlib.sha256(key).hexdigest()
    assert travelled["payload_len"] == len(payload)
    assert travelled["payload_sha256"] == hashlib.sha256(payload).hexdigest()
    kept = original_payload(travelled)
    assert payload.startswith(kept)
    assert travelled["truncated"] is (len(kept) < len(payload))


@FUZZ
@given(payload=payloads, key=st.one_of(st.none(), st.binary(max_size=3000)),
       error=st.sampled_from(sorted(ERROR_CLASSES)), reason=st.text(max_size=300))
def test_any_payload_and_key_make_a_valid_dead_letter(payload: bytes, key: bytes | None, error: str, reason: str,
                                                      deadletter_schema: Any) -> None:
    record, data = bounded_dead_letter(payload, error=error, reason=reason, topic="articles.raw", partition=0, offset=7, key=key)
    check_dead_letter(record, data, payload, key, deadletter_schema)


@pytest.mark.parametrize(
    "payload",
    [
        orjson.dumps({"id": "big", "body": "word " * 630_000}),  # 3 MB of JSON
        b"\x00" * 3_000_000,  # 3 MB that grows six-fold when escaped in JSON
        bytes(range(256)) * 12_000,  # 3 MB of binary: kept as base64
        "\u00e9".encode() * 1_500_000,  # 3 MB of two-byte characters
    ],
    ids=["3mb-json", "3mb-nul", "3mb-binary", "3mb-multibyte"],
)
def test_a_3mb_message_is_a_too_large_dead_letter_cut_to_the_cap(payload: bytes, deadletter_schema: Any) -> None:
    assert len(payload) >= 3_000_000
    outcome = decode(payload)
    assert isinstance(outcome, InvalidArticle) and outcome.error == "too_large"
    assert f"{len(payload)} bytes" in outcome.reason
    key = b"k" * 5000
    record, data = bounded_dead_letter(payload, error=outcome.error, reason=outcome.reason, topic="articles.raw",
                                       partition=1, offset=2, key=key)
    assert len(data) + len(key) <= MAX_RECORD_BYTES
    assert record["truncated"] is True and record["key_truncated"] is True and len(record["key"]) == 1024
    assert len(original_payload(record)) > 100_000, "the cut keeps as much of the message as fits"
    check_dead_letter(record, data, payload, key, deadletter_schema)


# ---------------------------------------------------------------------------------------------
# BatchProcessor.process
# ---------------------------------------------------------------------------------------------
class RecordingEnricher:
    """Builds real ``articles.enriched`` records (record.py) without spaCy; raises on some articles."""

    model_name = "fake"

    def enrich_many(self, items: list[tuple[Article, Provenance]]) -> list[dict[str, Any]]:
        now = datetime.now(timezone.utc)
        records = []
        for article, provenance in items:
            if hashlib.sha256(article.body.encode("utf-8")).digest()[0] < 16:  # about 1 in 16: a poison article
                raise RuntimeError(f"poison article {article.id[:20]}")
            published = article.published
            reference, basis = (published, "published_at") if published else (provenance.timestamp or now, "processing_time")
            ctx = Context(article, provenance, reference, basis)
            processing = {"model": "fake", "model_version": "0", "pipeline_version": "0", "ms": 0.0, "stages_ms": {},
                          "source": {"topic": provenance.topic, "partition": provenance.partition, "offset": provenance.offset},
                          "ingested_at": iso(provenance.timestamp), "processed_at": iso(now)}
            records.append(build_record(ctx, processing))
        return records


def check_results(messages: list[RawMessage], results: Any, deadletter_schema: Any, enriched_schema: Any) -> None:
    assert [r.message for r in results] == messages, "one result per message, in order"
    for result in results:
        assert (result.record is None) != (result.dead_letter is None), "a record or a dead letter, never both or neither"
        assert result.outputs, "every message has an output"
        if result.dead_letter is not None:
            assert result.dead_letter["error"] in ERROR_CLASSES
            dl = [o for o in result.outputs if o.topic == "articles.deadletter"]
            assert len(dl) == 1 and dl[0].key == dead_letter_key(result.message.key)
            check_dead_letter(result.dead_letter, dl[0].value, result.message.value, result.message.key, deadletter_schema)
        else:
            assert result.record is not None
            out = [o for o in result.outputs if o.topic == "articles.enriched"]
            assert len(out) == 1 and out[0].key == result.record["article_id"].encode("utf-8")
            assert_valid(enriched_schema, orjson.loads(out[0].value))


@pytest.fixture(scope="module")
def processors() -> dict[str, BatchProcessor]:
    enricher: Any = RecordingEnricher()
    return {
        "en": BatchProcessor(load_settings({}), enricher),
        "*": BatchProcessor(load_settings({"STREAMS_LANGUAGES": "*"}), enricher),
    }


@FUZZ
@given(batch=st.lists(st.tuples(payloads, st.one_of(st.none(), st.binary(max_size=64))), min_size=1, max_size=6),
       languages=st.sampled_from(["en", "*"]))
def test_every_message_of_a_batch_ends_as_a_record_or_a_dead_letter(
    batch: list[tuple[bytes, bytes | None]], languages: str, processors: dict[str, BatchProcessor],
    deadletter_schema: Any, enriched_schema: Any,
) -> None:
    messages = [RawMessage(value=v, key=k, topic="articles.raw", partition=0, offset=i, timestamp=1718784000.0)
                for i, (v, k) in enumerate(batch)]
    results = processors[languages].process(messages)
    check_results(messages, results, deadletter_schema, enriched_schema)


NASTY_BODIES = {
    "one-100k-token": "a" * 100_000,
    "100k-token-of-a-name": "Putin" * 20_000,
    "every-script": every_script_sample(),
    "emoji": EMOJI * 3,
    "right-to-left": RTL * 20,
    "html-and-markup": HTML * 10,
    "nul-bytes": "Putin\x00visited\x00Pyongyang.\x00" * 20,
    "combining-marks": "e" + "\u0301" * 20_000,
    "control-characters": "".join(chr(c) for c in range(32)) * 50,
}


def test_nasty_bodies_through_the_real_model(enricher: Any, deadletter_schema: Any, enriched_schema: Any) -> None:
    """The named nasty texts through spaCy (STREAMS_LANGUAGES=*, so none is stopped by the language check)."""
    processor = BatchProcessor(load_settings({"STREAMS_LANGUAGES": "*"}), enricher)
    messages = [RawMessage(value=orjson.dumps({"id": name, "title": name, "body": body}), key=name.encode(),
                           topic="articles.raw", partition=0, offset=i) for i, (name, body) in enumerate(NASTY_BODIES.items())]
    results = processor.process(messages)
    check_results(messages, results, deadletter_schema, enriched_schema)
    assert all(r.record is not None for r in results), [r.dead_letter for r in results if r.dead_letter]


@MODEL_FUZZ
@given(items=st.lists(st.tuples(nasty_text.filter(lambda t: bool(t.strip())), st.one_of(st.none(), nasty_text)), min_size=1, max_size=4))
def test_hostile_text_through_the_real_model(items: list[tuple[str, str | None]], enricher: Any,
                                             deadletter_schema: Any, enriched_schema: Any) -> None:
    processor = BatchProcessor(load_settings({"STREAMS_LANGUAGES": "*"}), enricher)
    messages = [RawMessage(value=orjson.dumps({"id": f"a{i}", "title": title, "body": body}), topic="articles.raw",
                           partition=0, offset=i) for i, (body, title) in enumerate(items)]
    check_results(messages, processor.process(messages), deadletter_schema, enriched_schema)
