"""Places resolved like a geoparser: divisions, the article's context, "Town, State" frames, untagged names.

The scoring tests use an invented index in a temporary SQLite file (no geonames data), so
they say what the rules do; the last tests run the real model and gazetteer on invented stories.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from streams.enrich.linking.place_index import CITY, DIVISION, DIVISION_POPULATION, SUBDIVISION, PlaceDB, division_names
from streams.enrich.linking.places import GeoContext, Place, PlaceIndex

# name key, (name, country, population, kind, admin1)
INVENTED = [
    ("avalon", ("Avalon", "USA", DIVISION_POPULATION, DIVISION, "AV")),  # a US state (as the build stores divisions)
    ("avalon", ("Avalon", "COL", 40_000, CITY, "05")),  # a town abroad of the same name
    ("marbury", ("Marbury", "GBR", 2_000_000, CITY, "ENG")),
    ("marbury", ("Marbury", "CAN", 300_000, CITY, "08")),
    ("marbury", ("Marbury", "USA", 8_000, CITY, "AV")),
    ("quillon", ("Quillon", "CAN", DIVISION_POPULATION, DIVISION, "QN")),
    ("quillon", ("Quillon", "USA", 150_000, CITY, "CA")),
    ("tern county", ("Tern County", "USA", 0, SUBDIVISION, "AV")),
    # a name that is a division of two countries, and also a big city of the second
    ("zorna", ("Zorna", "MOZ", DIVISION_POPULATION, DIVISION, "G")),
    ("zorna", ("Zorna", "PSE", DIVISION_POPULATION, DIVISION, "GZA")),
    ("zorna", ("Zorna", "PSE", 400_000, CITY, "GZ")),
    # a big city with an accent, a short form and an exonym of another language
    ("port velmé city", ("Port Velmé City", "FRA", 1_500_000, CITY, "11")),
    ("port velme city", ("Port Velmé City", "FRA", 1_500_000, CITY, "11")),
    ("port velmé", ("Port Velmé City", "FRA", 1_500_000, CITY, "11")),
    ("velmenburg", ("Port Velmé City", "FRA", 1_500_000, CITY, "11")),
]


@pytest.fixture
def index(tmp_path: Path) -> PlaceIndex:
    path = tmp_path / "places.sqlite"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, lat REAL, lon REAL, "
                     "geonames_id INTEGER, population INTEGER, kind INTEGER, admin1 TEXT);"
                     "CREATE TABLE names (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;")
    for i, (k, (name, country, pop, kind, admin1)) in enumerate(INVENTED, start=1):
        db.execute("INSERT INTO places VALUES (?, ?, ?, NULL, NULL, ?, ?, ?, ?)", (i, name, country, 1000 + i, pop, kind, admin1))
        db.execute("INSERT INTO names VALUES (?, ?)", (k, i))
    db.commit()
    db.close()
    return PlaceIndex(PlaceDB(path), {"GBR": frozenset({"IRL"})})


def test_a_first_level_division_beats_a_same_named_town_abroad(index: PlaceIndex) -> None:
    place = index.resolve("Avalon", GeoContext())
    assert place is not None and (place.country, place.kind) == ("USA", DIVISION)


def test_the_ruler_takes_english_forms_of_names_not_exonyms(index: PlaceIndex) -> None:
    names = {p.name for p in index.ruler_names(100_000)}
    # canonical, without its accent, and the short form of a city of a million or more
    assert {"Port Velmé City", "Port Velme City", "Port Velmé"} <= names
    # another language's name for it would overrule the model on a person called so
    assert "Velmenburg" not in names


def test_population_is_a_prior_and_one_named_country_outweighs_it(index: PlaceIndex) -> None:
    alone = index.resolve("Marbury", GeoContext())
    in_canada = index.resolve("Marbury", GeoContext(countries=Counter({"CAN": 1})))
    assert alone is not None and alone.country == "GBR"
    assert in_canada is not None and in_canada.country == "CAN"


def test_a_named_division_picks_its_own_town(index: PlaceIndex) -> None:
    ctx = GeoContext(countries=Counter({"USA": 1, "GBR": 1}), divisions={("USA", "AV")})
    place = index.resolve("Marbury", ctx)
    assert place is not None and (place.country, place.admin1) == ("USA", "AV")


def test_a_town_far_smaller_than_its_namesake_needs_local_evidence(index: PlaceIndex) -> None:
    # a US story (country named, dateline) mentioning Marbury: the metropolis, not the 8,000-people town
    us_story = GeoContext(countries=Counter({"USA": 4}), dateline="USA", support=Counter({"USA": 3}))
    assert index.resolve("Marbury", us_story).country == "GBR"  # type: ignore[union-attr]
    # its state named, or another place of that state: the town
    in_avalon = GeoContext(countries=Counter({"USA": 4}), towns_in={("USA", "AV")})
    assert index.resolve("Marbury", in_avalon).country == "USA"  # type: ignore[union-attr]


def test_a_division_that_is_also_a_big_city_of_its_country_wins_the_tie(index: PlaceIndex) -> None:
    assert index.resolve("Zorna", GeoContext()).country == "PSE"  # type: ignore[union-attr]


def test_frame_hint_town_state(index: PlaceIndex) -> None:
    avalon = index.resolve("Avalon", GeoContext())
    place = index.resolve("Marbury", GeoContext(), hint=avalon)  # "Marbury, Avalon"
    assert place is not None and place.country == "USA"


def test_other_names_of_the_article_support_a_country(index: PlaceIndex) -> None:
    # "Marbury" and "Quillon" in one story: both can be in Canada
    ctx = GeoContext(support=Counter({"CAN": 1, "USA": 1}))
    place = index.resolve("Marbury", ctx)
    assert place is not None and place.country in {"GBR", "CAN"}
    ctx = GeoContext(countries=Counter({"CAN": 1}), support=Counter({"CAN": 1}))
    assert index.resolve("Marbury", ctx).country == "CAN"  # type: ignore[union-attr]


def test_unambiguous_and_region_suffix(index: PlaceIndex) -> None:
    assert index.unambiguous("Marbury") is None  # sizeable candidates in three countries
    assert index.unambiguous("Tern County") is not None
    assert index.candidates("the Avalon state")  # "the X state/region/province" is X


@pytest.mark.parametrize(("name", "expected"), [
    ("Central Luzon (Region III)", {"Central Luzon"}),
    ("Anhui Sheng", {"Anhui Sheng", "Anhui"}),
    ("Wales [Cymru GB-CYM]", {"Wales"}),
])
def test_division_names_are_cleaned(name: str, expected: set[str]) -> None:
    assert expected <= division_names(name)


# -- the real gazetteer and model -----------------------------------------------------------------------
def places_of(enricher: Any, body: str) -> dict[str, str | None]:
    record = enricher.enrich({"body": body, "published_at": "2024-11-05T09:00:00Z"})
    return {m["text"]: e["country"] for e in record["entities"] if e["id"].startswith(("place:", "country:"))
            for m in e["mentions"]}


@pytest.mark.parametrize(("body", "name", "country"), [
    # US states and Canadian provinces, not same-named places abroad
    ("Storms flooded roads in West Virginia and Florida on Monday.", "West Virginia", "USA"),
    ("Storms flooded roads in West Virginia and Florida on Monday.", "Florida", "USA"),
    ("Officials in New Mexico and Arizona closed the trails.", "New Mexico", "USA"),
    ("Voters in New Jersey lined up early.", "New Jersey", "USA"),
    ("Wildfires forced evacuations across Alberta and Saskatchewan.", "Alberta", "CAN"),
    # Georgia: the US state among US places, the country among its own
    ("Voters in Atlanta and Savannah lined up for hours as Georgia counted ballots.", "Georgia", "USA"),
    ("Georgia accused Russia of moving troops near Tbilisi.", "Georgia", "GEO"),
    # ambiguous towns by their context and frames
    ("Police in Dublin, Ohio, said the suspect fled toward Columbus.", "Dublin", "USA"),
    ("The fire spread from London, Ontario, to nearby towns, Canadian officials said.", "London", "CAN"),
    ("Prime Minister Keir Starmer spoke in London on Monday.", "London", "GBR"),
    ("Flights from Chicago and Boston to Paris were cancelled, US airlines said.", "Paris", "FRA"),
    ("Israeli air strikes hit Gaza overnight, medics said.", "Gaza", "PSE"),
    # a name a state holds today, tagged as a place with no local frame
    ("Protesters in Macedonia blocked roads on Monday.", "Macedonia", "MKD"),
    ("Police in Macedonia, Ohio, closed the road.", "Macedonia", "USA"),
    # an upper-case dateline NER left untagged or took for a body
    ("TORRINGTON — The mayor said the city would open a shelter.", "TORRINGTON", "USA"),
    ("DETROIT (AP) — Auto workers walked out on Monday.", "DETROIT", "USA"),
    ("The plant near Lexington, Ky., closed after the storm.", "Ky.", "USA"),
    # a small town NER did not tag, after a locative preposition in a named country
    ("Residents of Innisfail, in Queensland, were told to evacuate.", "Innisfail", "AUS"),
    # a town beside another place of the article, not the larger namesake abroad
    ("An Edmonton man was taken to a hospital in east London after the assault, police said.", "Edmonton", "GBR"),
    # the place a local body is named after places the article
    ("Enfield Council said on Tuesday that a new park will open in Edmonton next spring.", "Edmonton", "GBR"),
    # a town far from the capital named in passing stays where the article is
    ("Officials in Edmonton and Calgary met on Monday before the minister flew to London for talks.", "Edmonton", "CAN"),
])
def test_places_in_context(enricher: Any, body: str, name: str, country: str) -> None:
    found = places_of(enricher, body)
    assert found.get(name) == country, found


def test_capitalised_words_that_are_towns_are_not_tagged_without_a_frame(enricher: Any) -> None:
    found = places_of(enricher, "Mr Paterson said the Western blot test was positive, officials in Texas said.")
    assert found.get("Paterson") is None and found.get("Western") is None, found  # not geocoded
    assert found["Texas"] == "USA"


def test_a_first_name_that_is_a_foreign_name_of_a_city_is_no_place(enricher: Any) -> None:
    # "Adem" is one of Aden's names in another language: not a pattern that overrules the model
    found = places_of(enricher, "The winning goal came from Adem Yildiz in the second half.")
    assert found == {}, found


def test_a_headline_surname_is_the_person_and_a_late_dateline_is_a_place(enricher: Any) -> None:
    found = places_of(enricher, "Bingham to open new library.\nNEW MILFORD — Mayor Ellen Bingham will open the library on Monday.")
    assert "Bingham" not in found, found
    assert found.get("NEW MILFORD") == "USA", found


def test_a_capital_geocoded_elsewhere_is_that_place_in_every_mention(enricher: Any) -> None:
    record = enricher.enrich({"body": "London police said a man was arrested near the river in London, Ont., on Friday.",
                              "published_at": "2024-11-05T09:00:00Z"})
    countries = {e["country"] for e in record["entities"] for m in e["mentions"] if m["text"] == "London"}
    assert countries == {"CAN"}, record["entities"]


def test_a_local_body_named_after_a_place_gets_its_country(enricher):
    record = enricher.enrich({"id": "body-of-place", "title": "", "published_at": "2024-03-01T00:00:00Z",
                              "body": "A Kentucky man was lodged in the Pike County Detention Center on Friday, "
                                      "and the Pike County Sheriff's Office said more arrests were likely."})
    bodies = [e for e in record["entities"] if e["id"].startswith("org:") and "Pike County" in e["name"]]
    assert bodies and all(e["country"] == "USA" for e in bodies), [(e["id"], e.get("country")) for e in record["entities"]]


def test_a_body_head_after_a_place_name_makes_it_a_local_body():
    from streams.enrich.linking.linker import BODY_HEADS

    assert {"sheriff", "police", "council", "court", "jail", "detention"} <= BODY_HEADS
    assert not {"river", "university", "museum"} & BODY_HEADS  # a place's features and landmarks are not its bodies


def test_a_town_ner_took_for_a_body_after_a_locative_word_is_the_place(enricher):
    record = enricher.enrich({"id": "locative-org", "title": "", "published_at": "2024-03-01T00:00:00Z",
                              "body": "Firefighters in Connecticut said the fire began in Torrington and spread. "
                                      "Crews from Danbury helped in Torrington on Monday."})
    danbury = [e for e in record["entities"] if any(m["text"] == "Danbury" for m in e["mentions"])]
    assert danbury and danbury[0]["id"].startswith("place:") and danbury[0]["country"] == "USA", danbury


def test_a_candidate_near_another_name_of_the_article_is_local_evidence() -> None:
    from streams.enrich.linking.places import score

    big = Place("Marbury", "GBR", 51.5, -0.1, 1, 2_000_000)
    small = Place("Marbury", "CAN", 45.0, -75.0, 2, 300_000)
    alone = GeoContext()
    assert score(big, alone, largest=2_000_000) > score(small, alone, largest=2_000_000)
    beside = GeoContext(spots=[(45.1, -75.2)])  # another name of the article has a sizeable place ~20 km away
    assert score(small, beside, largest=2_000_000) > score(big, beside, largest=2_000_000)
    far = GeoContext(spots=[(49.0, -75.0)])  # ~450 km away: no evidence
    assert score(big, far, largest=2_000_000) > score(small, far, largest=2_000_000)


