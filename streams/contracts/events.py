"""The ``events`` topic contract: one message per asserted event, keyed ``SRC|TGT``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def actor_code(actor: dict[str, Any] | None) -> str:
    """Country code, ``IGO:<code>`` for an international body, ``-`` when absent."""
    if not actor:
        return "-"
    if actor.get("igo"):
        return f"IGO:{actor['igo']}"
    return str(actor.get("country") or "-")


def dyad_key(event: dict[str, Any]) -> str:
    return f"{actor_code(event.get('source'))}|{actor_code(event.get('target'))}"


def event_messages(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The messages for the events topic: each event plus its article's identity (``outlet``: its ``source``)."""
    for event in record.get("events") or ():
        yield dyad_key(event), {
            "schema_version": record["schema_version"],
            **event,
            "article_id": record["article_id"],
            "url": record.get("url"),
            "outlet": record.get("source"),
            "published_at": record.get("published_at"),
            "time_basis": record.get("time_basis"),
        }
