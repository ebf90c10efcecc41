"""The ``articles.deadletter`` record: why a message was rejected, and the message itself.

A dead letter always fits in a Kafka message, whatever it carries: the payload is cut
(``payload_len`` and ``payload_sha256`` describe the whole original), and so is the raw
key, both in the record (``key``, ``key_truncated``) and as the dead letter's own Kafka
key (:func:`dead_letter_key`); ``key_len`` and ``key_sha256`` describe the whole raw key.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timezone
from typing import Any

MAX_PAYLOAD_BYTES = 1_000_000  # DESIGN.md: at most the first 1 MB of the original payload
# A dead letter must itself fit in a Kafka message (1 MB by default): base64 and
# JSON escaping grow the payload, so the kept part shrinks until the record fits.
MAX_RECORD_BYTES = 900_000
# The raw key is the dead letter's Kafka key too: the record keeps its first characters only,
# and the Kafka key its first bytes (a raw key near the message cap would not leave room for
# the dead letter itself).
MAX_KEY_CHARS = 1024
MAX_KEY_BYTES = 1024


def dead_letter_key(key: bytes | None) -> bytes | None:
    """The dead letter's Kafka key: the raw message's key, its first MAX_KEY_BYTES bytes when longer."""
    return key[:MAX_KEY_BYTES] if key is not None else None


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def dead_letter_record(
    payload: bytes,
    *,
    error: str,
    reason: str,
    topic: str | None,
    partition: int | None,
    offset: int | None,
    key: bytes | None = None,
    received_at: str | None = None,
    article_id: str | None = None,
    max_payload: int = MAX_PAYLOAD_BYTES,
) -> dict[str, Any]:
    """Build a dead letter. The payload is kept as text when it is UTF-8, else base64."""
    kept = payload[:max_payload]
    key_text = key.decode("utf-8", "backslashreplace") if key is not None else None
    record: dict[str, Any] = {
        "schema_version": 1,
        "error": error,
        "reason": reason,
        "topic": topic,
        "partition": partition,
        "offset": offset,
        "key": key_text[:MAX_KEY_CHARS] if key_text is not None else None,
        "received_at": received_at or utc_now_iso(),
        "payload_len": len(payload),
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
        "truncated": len(kept) < len(payload),
    }
    if key is not None:
        record["key_len"] = len(key)
        record["key_sha256"] = hashlib.sha256(key).hexdigest()
    if key_text is not None and len(key_text) > MAX_KEY_CHARS:
        record["key_truncated"] = True
    if article_id:
        record["article_id"] = article_id
    try:
        # a cut can split a multi-byte character: keep such a payload as bytes
        record["payload"] = kept.decode("utf-8")
    except UnicodeDecodeError:
        record["payload_b64"] = base64.b64encode(kept).decode("ascii")
    return record


def original_payload(record: dict[str, Any]) -> bytes:
    """The (possibly truncated) original bytes of a dead letter."""
    if "payload_b64" in record:
        return base64.b64decode(record["payload_b64"])
    return str(record["payload"]).encode("utf-8")


def bounded_dead_letter(payload: bytes, **fields: Any) -> tuple[dict[str, Any], bytes]:
    """A dead letter and its JSON bytes, cut so that the message (its Kafka key, :func:`dead_letter_key` of the raw
    key, included) stays under MAX_RECORD_BYTES. JSON escaping (``\\u0000`` for a NUL byte) and base64 grow the kept payload: it shrinks
    until the record fits."""
    import orjson

    key = dead_letter_key(fields.get("key"))
    budget = MAX_RECORD_BYTES - (len(key) if key else 0)
    limit = MAX_PAYLOAD_BYTES
    while True:
        record = dead_letter_record(payload, max_payload=limit, **fields)
        data = orjson.dumps(record)
        if len(data) <= budget or limit < 1024:
            return record, data
        limit = int(limit * budget / len(data) * 0.95) if budget > 0 else 0
