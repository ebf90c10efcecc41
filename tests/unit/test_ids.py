"""Entity ids: each kind built and parsed back, the slug of names pinned, malformed ids refused."""

from __future__ import annotations

import pytest

from streams.contracts import ids
from streams.contracts.ids import EntityId
from streams.errors import InvalidEntityId, InvalidInput


@pytest.mark.parametrize(
    ("built", "kind", "value"),
    [
        (ids.country_id("PRK"), "country", "PRK"),
        (ids.igo_id("IAEA"), "igo", "IAEA"),
        (ids.person_id("Vladimir Putin"), "person", "vladimir-putin"),
        (ids.org_id("Russian Defence Ministry", "RUS"), "org", "russian-defence-ministry-rus"),
        (ids.org_id("Defence Ministry", None), "org", "defence-ministry"),
        (ids.group_id("protesters", "GEO"), "group", "protesters-geo"),
        (ids.group_id("gunmen", None), "group", "gunmen"),
        (ids.place_id(1871859), "place", "1871859"),
        (ids.place_id("Pyongyang"), "place", "pyongyang"),
    ],
)
def test_each_kind_round_trips(built: str, kind: str, value: str) -> None:
    assert built == f"{kind}:{value}"
    parsed = ids.parse(built)
    assert parsed == EntityId(kind, value)
    assert str(parsed) == built
    assert ids.kind_of(built) == kind
    assert ids.is_kind(built, kind) and ids.is_kind(built, "igo", kind)
    assert ids.ENTITY_ID_RE.fullmatch(built)


def test_every_kind_has_a_builder_tested_above() -> None:
    assert ids.KINDS == ("country", "igo", "person", "org", "group", "place")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vladimir Putin", "vladimir-putin"),
        ("José Martí", "jose-marti"),  # accents dropped
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("Müller-Lüdenscheidt", "muller-ludenscheidt"),
        ("O'Brien", "o-brien"),  # an apostrophe separates
        ("Ahmed al\u2019Sharaa", "ahmed-alsharaa"),  # a curly one is dropped (mentions are normalised to ' first)
        ("Jean-Yves Le Drian", "jean-yves-le-drian"),  # hyphens kept, one each
        ("  Kim  Jong--un ", "kim-jong-un"),  # runs of separators collapse, none at the ends
        ("U.S. Army", "u-s-army"),
        ("Łukasz", "ukasz"),  # no ASCII decomposition: the letter is lost
        ("Путин", "x"),  # nothing ASCII left
        ("", "x"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert ids.slug(name) == expected


def test_slug_is_still_importable_from_entities() -> None:
    from streams.enrich.entities import slug

    assert slug is ids.slug


@pytest.mark.parametrize(
    "text", ["", "PRK", "country:", "nation:PRK", "Country:PRK", "person:vladimir putin", ":x", "IGO:NATO"]
)
def test_parse_refuses_what_is_not_an_entity_id(text: str) -> None:
    with pytest.raises(InvalidEntityId, match=f"^{text!r} is not an entity id like country:PRK"):
        ids.parse(text)


def test_parse_error_is_a_value_error_to_skip() -> None:
    with pytest.raises(ValueError) as info:
        ids.parse(42)  # type: ignore[arg-type]
    assert isinstance(info.value, InvalidInput)
    assert "42 is not an entity id" in str(info.value)


def test_kind_of_reads_the_prefix_only() -> None:
    assert ids.kind_of("place:2643743") == "place"
    assert ids.kind_of("other:thing") is None
    assert ids.kind_of("vladimir-putin") is None
    assert ids.kind_of("") is None
    assert not ids.is_kind("IGO:NATO", "igo")  # an events-topic actor code, not an entity id
    assert not ids.is_kind("country:PRK", "place", "igo")
