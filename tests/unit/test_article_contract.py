"""The ``articles.raw`` input contract: every malformed message gets its exact, stable error class."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import orjson
import pytest

from streams.contracts.article import (
    INVALID_FIELD,
    INVALID_JSON,
    MISSING_BODY,
    NOT_AN_OBJECT,
    NOT_UTF8,
    TOO_LARGE,
    Article,
    InvalidArticle,
    decode_article,
)

LIMITS = {"max_bytes": 10_000, "max_body_chars": 1_000}


def decode(payload: bytes, **limits: int) -> Article:
    return decode_article(payload, **{**LIMITS, **limits})


def error_of(payload: bytes, **limits: int) -> InvalidArticle:
    with pytest.raises(InvalidArticle) as info:
        decode(payload, **limits)
    assert info.value.reason, "every rejection carries a readable reason"
    return info.value


def obj(**fields: object) -> bytes:
    return orjson.dumps(fields)


def test_error_classes_are_the_documented_stable_names() -> None:
    # consumers of articles.deadletter switch on these strings: they must never change
    assert (NOT_UTF8, INVALID_JSON, NOT_AN_OBJECT, MISSING_BODY, INVALID_FIELD, TOO_LARGE) == (
        "not_utf8", "invalid_json", "not_an_object", "missing_body", "invalid_field", "too_large",
    )


@pytest.mark.parametrize(
    "payload",
    [
        b"\xff\xfe{}",
        b'{"body": "caf\xe9"}',  # Latin-1 e-acute inside otherwise valid JSON
        b'{"body": "\xed\xa0\x80"}',  # an encoded surrogate is not UTF-8
        "{\"body\": \"\u00e9\"}".encode("utf-8")[:-3],  # cut inside a multi-byte character
    ],
    ids=["binary", "latin1", "surrogate", "cut-multibyte"],
)
def test_not_utf8(payload: bytes) -> None:
    assert error_of(payload).error == NOT_UTF8


@pytest.mark.parametrize(
    "payload",
    [b'{"id": "x", "title": ', b"", b"   ", b"{'body': 'single quotes'}", b'{"body": "x"} trailing', b"NaN"],
    ids=["truncated", "empty", "blank", "single-quotes", "trailing-garbage", "nan"],
)
def test_invalid_json(payload: bytes) -> None:
    assert error_of(payload).error == INVALID_JSON


@pytest.mark.parametrize(
    "payload",
    [b'[{"body": "an article in a list"}]', b'"just a string"', b"42", b"3.5", b"true", b"null"],
    ids=["array", "string", "integer", "float", "boolean", "null"],
)
def test_not_an_object(payload: bytes) -> None:
    assert error_of(payload).error == NOT_AN_OBJECT


@pytest.mark.parametrize(
    "payload",
    [obj(id="a", title="No body"), obj(id="a", body=""), obj(id="a", body="   \n\t "), obj(id="a", body=None)],
    ids=["absent", "empty", "whitespace-only", "null"],
)
def test_missing_body(payload: bytes) -> None:
    err = error_of(payload)
    assert err.error == MISSING_BODY
    assert "body" in err.reason


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (obj(body=123), "body"),
        (obj(body=["a", "list"]), "body"),
        (obj(body="text", title=42), "title"),
        (obj(body="text", id=7), "id"),
        (obj(body="text", url={"href": "x"}), "url"),
        (obj(body="text", published_at="yesterday"), "published_at"),
        (obj(body="text", published_at="2024-13-45T00:00:00Z"), "published_at"),
        (obj(body="text", published_at=1718784000), "published_at"),
    ],
    ids=["body-number", "body-array", "title-number", "id-number", "url-object",
         "published-words", "published-impossible-date", "published-epoch-number"],
)
def test_invalid_field(payload: bytes, field: str) -> None:
    err = error_of(payload)
    assert err.error == INVALID_FIELD
    assert field in err.reason, f"the reason should name the field {field!r}: {err.reason!r}"


def test_too_large_message_bytes() -> None:
    payload = obj(id="big", body="x" * 200)
    assert len(payload) > 100
    err = error_of(payload, max_bytes=100)
    assert err.error == TOO_LARGE
    assert "STREAMS_MAX_MESSAGE_BYTES" in err.reason


def test_too_large_is_checked_before_decoding() -> None:
    # an oversized message is too_large even if it is also not UTF-8 / not JSON
    assert error_of(b"\xff" * 101, max_bytes=100).error == TOO_LARGE


def test_message_at_the_byte_limit_is_accepted() -> None:
    payload = obj(id="edge", body="y" * 50)
    assert decode(payload, max_bytes=len(payload)).body == "y" * 50


def test_too_large_body_chars() -> None:
    err = error_of(obj(id="long", body="z" * 1_001), max_body_chars=1_000)
    assert err.error == TOO_LARGE
    assert "STREAMS_MAX_BODY_CHARS" in err.reason
    # the limit counts characters, not bytes: 1000 two-byte characters fit
    assert decode(obj(id="ok", body="\u00e9" * 1_000), max_body_chars=1_000).body == "\u00e9" * 1_000


# --------------------------------------------------------------------------------------------
# valid articles
# --------------------------------------------------------------------------------------------
def test_valid_article_keeps_its_fields() -> None:
    article = decode(obj(
        id="a-1", title="Putin visits Pyongyang", body="Vladimir Putin arrived in Pyongyang.",
        url="https://example.com/a-1", source="example", published_at="2024-06-19T08:00:00Z", language="en",
        extra_field="ignored",
    ))
    assert article == Article(
        id="a-1", body="Vladimir Putin arrived in Pyongyang.", title="Putin visits Pyongyang",
        url="https://example.com/a-1", source="example", published_at="2024-06-19T08:00:00Z", language="en",
    )
    assert article.published == datetime(2024, 6, 19, 8, 0, tzinfo=timezone.utc)


def test_utf8_text_survives_decoding() -> None:
    body = "Le pr\u00e9sident a dit \u00ab non \u00bb \u2014 \u5317\u671d\u9c9c \U0001f30d"
    assert decode(obj(id="u", body=body)).body == body


def test_id_derived_from_url_is_stable_and_ignores_the_text() -> None:
    a = decode(obj(url="https://example.com/story", title="First title", body="First body."))
    b = decode(obj(url="https://example.com/story", title="Updated title", body="Updated body."))
    c = decode(obj(url="https://example.com/other-story", title="First title", body="First body."))
    assert a.id and a.id == b.id, "the same url must give the same id (a corrected article stays one article)"
    assert a.id != c.id
    assert decode(obj(url="https://example.com/story", body="again")).id == a.id


def test_id_derived_from_text_when_there_is_no_url() -> None:
    a = decode(obj(title="T", body="Some body text."))
    again = decode(obj(title="T", body="Some body text."))
    other_body = decode(obj(title="T", body="Another body text."))
    other_title = decode(obj(title="T2", body="Some body text."))
    assert a.id and a.id == again.id
    assert len({a.id, other_body.id, other_title.id}) == 3


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_id_and_url_are_treated_as_absent(blank: str | None) -> None:
    without = decode(obj(title="T", body="Body."))
    assert decode(obj(id=blank, url=blank, title="T", body="Body.")).id == without.id


def test_explicit_id_wins_over_url() -> None:
    assert decode(obj(id="given", url="https://example.com/x", body="b")).id == "given"


def test_naive_published_at_is_utc() -> None:
    article = decode(obj(id="n", body="b", published_at="2024-06-19T08:00:00"))
    assert article.published == datetime(2024, 6, 19, 8, 0, tzinfo=timezone.utc)
    assert article.published.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("value", "expected_utc"),
    [
        ("2024-06-19T08:00:00Z", datetime(2024, 6, 19, 8, 0, tzinfo=timezone.utc)),
        ("2024-06-19T10:00:00+02:00", datetime(2024, 6, 19, 8, 0, tzinfo=timezone.utc)),
        ("2024-06-19T08:00:00.123456z", datetime(2024, 6, 19, 8, 0, 0, 123456, tzinfo=timezone.utc)),
        ("2024-06-19", datetime(2024, 6, 19, 0, 0, tzinfo=timezone.utc)),
    ],
)
def test_published_at_iso_forms(value: str, expected_utc: datetime) -> None:
    assert decode(obj(id="p", body="b", published_at=value)).published == expected_utc
