"""Which trend keys an enriched record counts towards (pure; used for windowed trend counts and spikes).

Keys have the form of the ``trends`` topic's key (DESIGN.md): ``country:PRK``, an
entity id (``person:vladimir-putin``, ``igo:IAEA``, ``org:…``) or a dyad ``SRC|TGT``
as on the ``events`` topic. A record counts once per key, however often it
mentions it: trend counts are counts of articles.
"""

from __future__ import annotations

from typing import Any

from streams.contracts.events import dyad_key

TREND_ENTITY_TYPES = frozenset({"PERSON", "ORG"})


def _event_dyads(record: dict[str, Any]) -> list[str]:
    """Directed dyads of the record's events whose source and target are both known (no ``-``)."""
    out = []
    for event in record.get("events") or ():
        key = dyad_key(event)
        if "-" not in key.split("|"):
            out.append(key)
    return out


def _unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def trend_keys(record: dict[str, Any]) -> list[str]:
    """The keys a record contributes to, each once, in a stable order.

    ``country:XXX`` for each of ``record["countries"]``; the ids of its PERSON and
    ORG entities (IGOs included: ``igo:IAEA``); ``SRC|TGT`` for the dyads of its
    events. Events with an unknown side (``PRK|-``) make no dyad key: "North Korea
    did something to nobody in particular" is not a relationship to trend.
    """
    keys = [f"country:{c}" for c in record.get("countries") or () if c]
    keys += [e["id"] for e in record.get("entities") or () if isinstance(e, dict) and e.get("id") and e.get("type") in TREND_ENTITY_TYPES]
    keys += _event_dyads(record)
    return _unique(keys)


def record_keys(record: dict[str, Any]) -> set[str]:
    """Every key a spike rule can count: the trend keys plus the ids of all entities (places, groups too)."""
    keys = set(trend_keys(record))
    keys.update(e["id"] for e in record.get("entities") or () if isinstance(e, dict) and e.get("id"))
    return keys
