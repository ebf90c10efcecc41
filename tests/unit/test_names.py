"""Names in any spelling: script folding, spelling-tolerant keys, dated office-holders, fuzzy matches."""

from __future__ import annotations

from datetime import date

import pytest

from streams.enrich.linking.actors import Actor, ActorDictionary, Office, load_actors, parse_actors
from streams.enrich.linking.names import first_last_keys, name_key, similarity
from streams.enrich.mentions import fold_word, normalise

CYR = {"у": "\u0443", "с": "\u0441", "о": "\u043e", "в": "\u0432", "Р": "\u0420"}


@pytest.mark.parametrize(("word", "expected"), [
    # Latin word with only look-alike Cyrillic letters: a spoof, folded letter by letter
    (f"{CYR['Р']}utin", "Putin"),
    # Latin word with a Cyrillic letter that looks like nothing Latin (в): Cyrillic spelling, transliterated whole
    (f"Bilo{CYR['у']}{CYR['с']}{CYR['о']}{CYR['в']}", "Bilousov"),
    ("Білоусов", "Bilousov"),  # Ukrainian
    ("Зеленський", "Zelenskiy"),  # soft sign dropped, as news romanisation does
    ("Αθήνα", "Athina"),
    ("Belousov", "Belousov"),
])
def test_fold_word(word: str, expected: str) -> None:
    assert fold_word(word) == expected


def test_normalise_keeps_spaces_and_folds_each_word() -> None:
    assert normalise(f"Andrey  Bilo{CYR['у']}{CYR['с']}{CYR['о']}{CYR['в']}") == "Andrey Bilousov"


@pytest.mark.parametrize(("a", "b"), [
    ("Zelenskyy", "Zelensky"), ("Zelenskiy", "Zelensky"), ("Andrey", "Andrei"), ("Sergej", "Sergei"),
    ("Rachmaninoff", "Rachmaninov"), ("Khodorkovsky", "Hodorkovsky"), ("Qaddafi", "Qadhafi"), ("Yevgeny", "Evgeny"),
    ("Wladimir", "Vladimir"), ("Hamid al-Rashidi", "Hamid Al Rashidi"), ("Omar el-Fassi", "Omar al-Fassi"),
    ("Tunde Bako-Ade", "Tunde Bako Ade"),
])
def test_name_key_merges_romanisation_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Ivanov", "Ivanova"), ("Kim", "Kin"), ("Lee", "Li")])
def test_name_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_first_last_keys_cross_first_names_and_surnames() -> None:
    keys = first_last_keys(["Pavel Ostrov", "Pavlo Ostriv"])
    assert {"pavel ostrov", "pavlo ostriv", "pavel ostriv", "pavlo ostrov"} <= keys


def test_similarity_is_high_for_vowel_shifts_and_low_for_other_names() -> None:
    assert similarity("Bilousov", "Belousov") >= 80
    assert similarity("Gaddafi", "Qadhafi") >= 80
    assert similarity("Belousov", "Shoigu") < 50


# -- an invented dictionary: dated offices and affiliations ---------------------------------------
INVENTED = {"actors": [
    {"id": "person:pavel-ostrov", "name": "Pavel Ostrov", "aliases": ["Ostrov", "Pavlo Ostriv"], "country": "RUS",
     "offices": [{"office": "defence_minister", "role": "GOV", "title": "Defence Minister of Russia", "start": "2020-01-01"}]},
    {"id": "person:anna-berg", "name": "Anna Berg", "country": "NOR", "igo": "NATO",
     "offices": [{"office": "head_of_government", "role": "GOV", "title": "Prime Minister of Norway",
                  "start": "2010-01-01", "end": "2015-01-01"},
                 {"office": "igo_head", "role": "IGO", "title": "Secretary General of NATO", "start": "2016-01-01",
                  "end": "2020-01-01"},
                 {"office": "other", "role": "GOV", "title": "Finance Minister of Norway", "start": "2021-01-01"}]},
    {"id": "person:lea-marin", "name": "Lea Marin", "country": "FRA",
     "offices": [{"office": "igo_head", "role": "IGO", "title": "President of the Council", "igo": "EU",
                  "start": "2018-01-01", "end": "2019-01-01"}]},
]}


@pytest.fixture
def invented() -> ActorDictionary:
    from streams.enrich.linking.gazetteer import key

    actors = parse_actors(INVENTED, "invented")
    d = ActorDictionary("t", "t", {a.id: a for a in actors})
    for a in actors:
        for s in {a.name, *a.aliases}:
            d.by_surface.setdefault(key(s), []).append(a)
        for k in first_last_keys([a.name, *a.aliases]):
            d.by_key.setdefault(k, []).append(a)
    return d


@pytest.mark.parametrize(("day", "expected"), [
    (date(2012, 6, 1), ("NOR", None)),  # prime minister: her country
    (date(2017, 6, 1), (None, "NATO")),  # NATO chief: the body
    (date(2020, 6, 1), (None, "NATO")),  # no office that day: the latest one before it
    (date(2022, 6, 1), ("NOR", None)),  # back in national office
])
def test_affiliations_are_dated(invented: ActorDictionary, day: date, expected: tuple[str | None, str | None]) -> None:
    assert invented.actors["person:anna-berg"].affiliation_on(day) == expected


def test_an_office_can_name_its_own_body(invented: ActorDictionary) -> None:
    assert invented.actors["person:lea-marin"].affiliation_on(date(2018, 6, 1)) == (None, "EU")
    assert invented.actors["person:lea-marin"].affiliation_on(date(2017, 6, 1)) == ("FRA", None)


@pytest.mark.parametrize("surface", ["Pavel Ostrov", "Pavlo Ostrov", "Pavel Ostriv", "Pawel Ostroff"])
def test_lookup_by_spelling_variants(invented: ActorDictionary, surface: str) -> None:
    found = invented.lookup(surface, date(2024, 1, 1))
    assert found is not None and found.id == "person:pavel-ostrov"


def test_fuzzy_needs_the_office_or_country_to_agree(invented: ActorDictionary) -> None:
    day = date(2024, 1, 1)
    assert invented.lookup("Pavel Ostrev", day) is None  # not a known spelling
    found = invented.fuzzy("Pavel Ostrev", day, "RUS", "defence minister")
    assert found is not None and found.id == "person:pavel-ostrov"
    assert invented.fuzzy("Pavel Ostrev", day, "UKR", "defence minister") is None  # another country's minister
    assert invented.fuzzy("Pavel Ostrev", day, None, None) is None  # nothing in the text to agree with
    assert invented.fuzzy("Pavel Ostrov", date(2019, 1, 1), "RUS", "defence minister") is None  # not in office yet


def test_bundled_dictionary_resolves_the_mission_spelling() -> None:
    actors = load_actors()
    day = date(2024, 11, 29)
    mixed = normalise(f"Andrey Bilo{CYR['у']}{CYR['с']}{CYR['о']}{CYR['в']}")
    found = actors.lookup(mixed, day)
    assert isinstance(found, Actor) and found.id == "person:andrei-belousov" and found.country == "RUS"


def test_office_dataclass_defaults_to_no_body() -> None:
    assert Office("other", None, "x", None, None).igo is None


@pytest.mark.parametrize(("formal", "actor_id", "canonical"), [
    # the canonical name is the spelling English news uses on first reference; the formal one is an alias
    ("Edmundo González Urrutia", "person:edmundo-gonzalez-urrutia", "Edmundo González"),
    ("Bruno Rodriguez Parrilla", "person:bruno-rodriguez-parrilla", "Bruno Rodríguez"),
    ("Manuel Marrero Cruz", "person:manuel-marrero-cruz", "Manuel Marrero"),
    ("Faisal bin Farhan Al Saud", "person:faisal-bin-farhan-al-saud", "Faisal bin Farhan"),
    ("Farmaajo", "person:mohamed-abdullahi-farmaajo", "Mohamed Abdullahi Mohamed"),
    ("Moussa Faki", "person:moussa-faki", "Moussa Faki Mahamat"),
])
def test_bundled_canonical_names_are_the_news_spelling_and_ids_stay(formal: str, actor_id: str, canonical: str) -> None:
    found = load_actors().lookup(formal, date(2024, 9, 1))
    assert isinstance(found, Actor) and found.id == actor_id and found.name == canonical
