"""Entity ids (``country:PRK``, ``igo:IAEA``, ``person:vladimir-putin``): built and parsed here only.

An entity id is ``<kind>:<value>``, the kind one of :data:`KINDS`; records carry them
in ``entities[].id``, events in ``source.id`` / ``target.id``, rules and trend keys
name them. The builders give the forms the enricher has always produced, so that
ids stay stable across versions (alert throttle state and trends are keyed by them):

- ``country:<ISO alpha-3>`` and ``igo:<code>``: the code as given (upper case);
- ``person:<slug of the name>`` (a dictionary actor's id is its file's ``id``);
- ``org:<slug of the name>-<country, lower case>``;
- ``group:<noun>-<country, lower case>`` (``group:protesters-geo``): the noun as given;
- ``place:<geonames id>``, or ``place:<slug of the name>`` for a place geonames lacks.

:func:`parse` validates (``<kind>:<value>``, a known kind, no white space) and raises
:class:`streams.errors.InvalidEntityId`, a ``ValueError``, naming the text.
:func:`kind_of` and :func:`is_kind` only read the prefix, as cheap tests on ids the
enricher built itself. :func:`slug` is the one slug of names used in ids.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from streams.errors import InvalidEntityId

KINDS = ("country", "igo", "person", "org", "group", "place")
ENTITY_ID_RE = re.compile(rf"({'|'.join(KINDS)}):\S+")


@dataclass(frozen=True, slots=True)
class EntityId:
    """An entity id taken apart; ``str()`` gives it back."""

    kind: str
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


def slug(text: str) -> str:
    """ASCII lower-case words joined by ``-``: accents dropped, anything else a separator; ``x`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def _of_country(value: str, country: str | None) -> str:
    return f"{value}-{country.lower()}" if country else value


def country_id(code: str) -> str:
    return str(EntityId("country", code))


def igo_id(code: str) -> str:
    return str(EntityId("igo", code))


def person_id(name: str) -> str:
    """The id of a person the actors dictionary does not know: ``person:<slug of the name>``."""
    return str(EntityId("person", slug(name)))


def org_id(name: str, country: str | None) -> str:
    """A body of a country: ``org:russian-defence-ministry-rus``."""
    return str(EntityId("org", _of_country(slug(name), country)))


def group_id(noun: str, country: str | None) -> str:
    """A group named by its role noun, of a country if known: ``group:protesters-geo``, ``group:gunmen``."""
    return str(EntityId("group", _of_country(noun, country)))


def place_id(ref: int | str) -> str:
    """``place:<geonames id>`` for a geonames id, ``place:<slug>`` for a place name."""
    return str(EntityId("place", str(ref) if isinstance(ref, int) else slug(ref)))


def parse(text: str) -> EntityId:
    """``"country:PRK"`` -> ``EntityId("country", "PRK")``; raises :class:`InvalidEntityId` if it is not an entity id."""
    if not isinstance(text, str) or not ENTITY_ID_RE.fullmatch(text):
        raise InvalidEntityId(f"{text!r} is not an entity id like country:PRK, igo:IAEA or person:vladimir-putin")
    kind, _, value = text.partition(":")
    return EntityId(kind, value)


def kind_of(text: str) -> str | None:
    """The kind an id's prefix names (``"place"`` for ``place:2643743``); None when it names no kind."""
    kind, sep, _ = text.partition(":")
    return kind if sep and kind in KINDS else None


def is_kind(text: str, *kinds: str) -> bool:
    """Whether ``text`` is an id of one of ``kinds`` (by its prefix): ``is_kind(e.id, "country", "igo")``."""
    return kind_of(text) in kinds


__all__ = [
    "ENTITY_ID_RE", "KINDS", "EntityId", "country_id", "group_id", "igo_id", "is_kind", "kind_of", "org_id", "parse",
    "person_id", "place_id", "slug",
]
