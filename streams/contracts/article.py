"""The input contract of ``articles.raw``: raw bytes in, a validated :class:`Article` out.

Every way a message can fail raises :class:`InvalidArticle` with a stable error
class (the dead-letter ``error`` field) and a readable reason. Nothing here knows
about Kafka: the worker and ``streams enrich`` both call :func:`decode_article`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import orjson

from streams.errors import InvalidInput

# Stable error classes: consumers of the dead-letter topic switch on these.
NOT_UTF8 = "not_utf8"
INVALID_JSON = "invalid_json"
NOT_AN_OBJECT = "not_an_object"
MISSING_BODY = "missing_body"
INVALID_FIELD = "invalid_field"
TOO_LARGE = "too_large"
ENRICH_FAILED = "enrich_failed"
TIMEOUT = "timeout"
UNSUPPORTED_LANGUAGE = "unsupported_language"  # not in STREAMS_LANGUAGES (streams.contracts.language)

STRING_FIELDS = ("id", "title", "url", "source", "published_at", "language")


class InvalidArticle(InvalidInput):
    """A raw message that is not a usable article (a ``ValueError``): ``error`` is its stable class, ``reason`` says why."""

    def __init__(self, error: str, reason: str) -> None:
        super().__init__(f"{error}: {reason}")
        self.error = error
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    body: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    language: str | None = None

    @property
    def published(self) -> datetime | None:
        return parse_timestamp(self.published_at) if self.published_at else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "body": self.body, "url": self.url,
            "source": self.source, "published_at": self.published_at, "language": self.language,
        }


def parse_timestamp(value: str) -> datetime:
    """ISO 8601 (``Z`` allowed) to an aware datetime; naive times are taken as UTC."""
    dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def derive_id(url: str | None, title: str | None, body: str) -> str:
    """A stable id for an article that came without one: hash of its url, else its text."""
    basis = url.strip() if url and url.strip() else f"{title or ''}\n{body}"
    return "sha256-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def decode_article(payload: bytes, *, max_bytes: int, max_body_chars: int) -> Article:
    """Decode and validate one raw message; raise :class:`InvalidArticle` on any fault."""
    if len(payload) > max_bytes:
        raise InvalidArticle(TOO_LARGE, f"message is {len(payload)} bytes, the limit is {max_bytes} (STREAMS_MAX_MESSAGE_BYTES)")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidArticle(NOT_UTF8, f"payload is not UTF-8: {exc.reason} at byte {exc.start}") from None
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise InvalidArticle(INVALID_JSON, f"payload is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidArticle(NOT_AN_OBJECT, f"payload is a JSON {json_type(data)}, expected an object")
    return article_from_dict(data, max_body_chars=max_body_chars)


def article_from_dict(data: dict[str, Any], *, max_body_chars: int = 10**9) -> Article:
    body = data.get("body")
    if body is None or (isinstance(body, str) and not body.strip()):
        raise InvalidArticle(MISSING_BODY, "field 'body' is missing or empty")
    if not isinstance(body, str):
        raise InvalidArticle(INVALID_FIELD, f"field 'body' must be a string, got {json_type(body)}")
    if len(body) > max_body_chars:
        raise InvalidArticle(TOO_LARGE, f"body is {len(body)} characters, the limit is {max_body_chars} (STREAMS_MAX_BODY_CHARS)")
    fields: dict[str, str | None] = {}
    for name in STRING_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise InvalidArticle(INVALID_FIELD, f"field {name!r} must be a string or null, got {json_type(value)}")
        fields[name] = value if value is None or value.strip() else None
    if fields["published_at"] is not None:
        try:
            # to UTC as the enricher will: a time at the edge of the calendar must fail here, not there
            parse_timestamp(fields["published_at"]).astimezone(timezone.utc)
        except (ValueError, OverflowError):
            raise InvalidArticle(INVALID_FIELD, f"field 'published_at' is not an ISO 8601 date-time: {fields['published_at'][:64]!r}") from None
    article_id = fields.pop("id") or derive_id(fields["url"], fields["title"], body)
    return Article(id=article_id, body=body, **fields)


def json_type(value: Any) -> str:
    return {type(None): "null", bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}.get(type(value), type(value).__name__)
