"""Assembling the ``articles.enriched`` record (schema version 1) from a finished context."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from streams.enrich.context import Context, Entity, Mention

SCHEMA_VERSION = 1


def iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def mention_record(m: Mention) -> dict[str, Any]:
    return {"text": m.text, "field": m.field, "start": m.start, "end": m.end, "sentence_index": m.sentence_index}


def entity_record(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id, "name": e.name, "type": e.type, "country": e.country, "igo": e.igo,
        "role": e.role, "salience": e.salience,
        "mentions": [mention_record(m) for m in e.mentions],
        **e.extra,
    }


def countries_by_salience(entities: list[Entity]) -> list[str]:
    weight: dict[str, float] = {}
    for e in entities:
        if e.country:
            weight[e.country] = weight.get(e.country, 0.0) + e.salience
    return sorted(weight, key=lambda c: (-weight[c], c))


def build_record(ctx: Context, processing: dict[str, Any]) -> dict[str, Any]:
    a = ctx.article
    return {
        "schema_version": SCHEMA_VERSION,
        "article_id": a.id,
        "title": a.title,
        "url": a.url,
        "source": a.source,
        "published_at": a.published_at,
        "language": a.language or processing.get("language", "en"),
        "entities": [entity_record(e) for e in ctx.entities],
        "countries": countries_by_salience(ctx.entities),
        "locations": ctx.locations,
        "events": ctx.events,
        "claims": ctx.claims,
        "time_basis": ctx.time_basis,
        "reference_time": iso(ctx.reference_time),
        "processing": processing,
    }
