"""Entity linking on written examples: countries, capitals, IGOs, dated office-holders, places."""

from __future__ import annotations

import pytest

STORY = (
    "In June, Vladimir Putin visited Pyongyang and signed a strategic partnership agreement with Kim Jong Un. "
    "Russian Defence Minister Andrei Belousov arrived in the DPRK on Friday for talks with Kim Jong Un's generals. "
    "North Korean troops fought in the Kursk region, Ukrainian officials said. "
    "Pyongyang said the cooperation was lawful, and Moscow sent a delegation. Kim thanked Belousov."
)


def enrich(enricher, body: str, published_at: str = "2024-11-05T09:00:00Z", title: str = "", **extra) -> dict:
    return enricher.enrich({"id": "lk-" + str(abs(hash((body, published_at)))), "title": title, "body": body,
                            "published_at": published_at, **extra})


def entity(record: dict, entity_id: str) -> dict:
    found = [e for e in record["entities"] if e["id"] == entity_id]
    assert found, f"{entity_id} not in {[e['id'] for e in record['entities']]}"
    return found[0]


def test_story_countries_people_and_places(enricher):
    record = enrich(enricher, STORY)
    prk = entity(record, "country:PRK")
    rus = entity(record, "country:RUS")
    # one entity per country, every mention under it
    assert {"DPRK", "North Korean", "Pyongyang"} <= {m["text"] for m in prk["mentions"]}
    assert {"Russian", "Moscow"} <= {m["text"] for m in rus["mentions"]}
    assert [e["id"] for e in record["entities"]].count("country:PRK") == 1
    for pid, country in [("person:vladimir-putin", "RUS"), ("person:kim-jong-un", "PRK"), ("person:andrei-belousov", "RUS")]:
        person = entity(record, pid)
        assert person["country"] == country and person["role"] == "GOV", person
    # short forms and possessives join their full form
    kim = [m["text"] for m in entity(record, "person:kim-jong-un")["mentions"]]
    assert "Kim" in kim and len(kim) >= 3, kim  # "Kim Jong Un", "Kim Jong Un('s)", "Kim"
    assert "Belousov" in {m["text"] for m in entity(record, "person:andrei-belousov")["mentions"]}
    places = {loc["name"]: loc for loc in record["locations"]}
    assert places["Pyongyang"]["country"] == "PRK" and places["Pyongyang"]["geonames_id"] == 1871859
    assert places["Kursk"]["country"] == "RUS" and places["Kursk"]["lat"] == pytest.approx(51.73, abs=0.05)
    assert set(record["countries"]) >= {"PRK", "RUS", "UKR"}
    assert record["processing"]["actors_version"] and record["processing"]["actors_valid_until"]


def test_capital_acting_is_the_country_visited_is_a_place(enricher):
    record = enrich(enricher, "Beijing warned Manila on Monday. Later, the minister visited Beijing.")
    chn = entity(record, "country:CHN")
    assert [m["text"] for m in chn["mentions"]] == ["Beijing"]  # the acting one only
    assert "Beijing" in {loc["name"] for loc in record["locations"]}
    assert "PHL" in record["countries"]


@pytest.mark.parametrize(("published", "expected"), [
    ("2019-06-01T00:00:00Z", "person:donald-trump"),
    ("2022-06-01T00:00:00Z", "person:joe-biden"),
])
def test_office_phrases_resolve_by_the_article_date(enricher, published, expected):
    record = enrich(enricher, "The American president spoke to reporters on Monday.", published_at=published)
    assert expected in {e["id"] for e in record["entities"]}, [e["id"] for e in record["entities"]]


def test_titles_and_demonyms_give_unknown_people_a_country_and_role(enricher):
    record = enrich(enricher, "North Korean general Kim Yong Bok met Russian Colonel Ivan Petrovsky near the border.")
    people = {e["name"]: e for e in record["entities"] if e["type"] == "PERSON"}
    assert people["Kim Yong Bok"]["country"] == "PRK" and people["Kim Yong Bok"]["role"] == "MIL"
    assert people["Ivan Petrovsky"]["country"] == "RUS" and people["Ivan Petrovsky"]["role"] == "MIL"


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Opposition leader Tomas Verhaal spoke in Prague on Monday.", "Tomas Verhaal", "OPP"),
    ("Kurdish leader Rezan Dilan spoke in Erbil on Monday.", "Rezan Dilan", "GOV"),
    # a bare "leader" after a common noun is no office
    ("Race leader Tomas Verhaal won in Prague on Monday.", "Tomas Verhaal", None),
])
def test_a_title_without_a_country_still_gives_the_role(enricher, text, name, role):
    people = {e["name"]: e for e in enrich(enricher, text)["entities"] if e["type"] == "PERSON"}
    assert people[name]["role"] == role, people


def test_homoglyphs_and_transliterations(enricher):
    cyrillic_p = "\u0420"  # Cyrillic capital er, looks like a Latin P
    record = enrich(enricher, f"Vladimir {cyrillic_p}utin met Volodymyr Zelenskiy's envoy. Zelenskyy later said little.")
    ids = {e["id"] for e in record["entities"]}
    assert "person:vladimir-putin" in ids
    zel = [e for e in record["entities"] if e["country"] == "UKR" and e["type"] == "PERSON"]
    assert len(zel) == 1, [e["id"] for e in zel]


def test_international_bodies(enricher):
    record = enrich(enricher, "The IAEA and NATO met in Vienna. The U.N. Security Council voted on Friday.")
    ids = {e["id"] for e in record["entities"]}
    assert {"igo:IAEA", "igo:NATO"} <= ids
    assert any(i.startswith("igo:UN") for i in ids)
    assert all(e["igo"] for e in record["entities"] if e["id"].startswith("igo:"))


def test_an_ocean_is_no_town_of_its_name(enricher):
    # Pacific, Missouri and an article about the United States: the ocean still belongs to no country
    record = enrich(enricher, "The United States and Japan sent warships to the Pacific on Monday. "
                              "Washington said the Pacific nation of Palau had asked for help.")
    pacific = [e for e in record["entities"] if e["name"] == "Pacific"]
    assert pacific and all(e["country"] is None for e in pacific), pacific


def test_gazetteer_corrects_ner_labels(enricher):
    record = enrich(enricher, "Fighting continued near Kursk on Sunday.")
    kursk = [e for e in record["entities"] if e["name"] == "Kursk"]
    assert kursk and kursk[0]["type"] == "GPE" and kursk[0]["country"] == "RUS"


def test_user_actors_file_is_merged(tmp_path, model):
    from streams.enrich.pipeline import Enricher

    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - id: person:ana-example\n"
        "    name: Ana Example\n"
        "    aliases: [Examplova]\n"
        "    country: MDA\n"
        "    offices:\n"
        "      - {office: foreign_minister, role: GOV, title: Minister of Foreign Affairs of Moldova, start: '2024-01-01', end: null}\n",
        encoding="utf-8",
    )
    enricher = Enricher(actors_file=str(path))
    record = enricher.enrich({"id": "u1", "body": "Ana Example met reporters in Chisinau.", "published_at": "2024-05-01T00:00:00Z"})
    person = next(e for e in record["entities"] if e["id"] == "person:ana-example")
    assert person["country"] == "MDA" and person["role"] == "GOV"
    assert record["processing"]["actors_version"].endswith("+mine.yaml")


def test_broken_actors_file_names_the_problem(tmp_path):
    from streams.enrich.linking.actors import ActorsFileError, load_actors

    path = tmp_path / "bad.yaml"
    path.write_text("actors:\n  - id: person:x\n    name: X\n    offices: [{office: other, start: 'June 2020'}]\n", encoding="utf-8")
    with pytest.raises(ActorsFileError, match=r"bad.yaml: actors\[0\]\.offices\[0\]\.start"):
        load_actors(str(path))


def test_of_phrase_gives_a_country(enricher):
    record = enrich(enricher, "King Hassan of Morocco received the envoy in Rabat.")
    hassan = next(e for e in record["entities"] if e["type"] == "PERSON" and "Hassan" in e["name"])
    assert hassan["country"] == "MAR" and hassan["role"] == "GOV"


def test_dictionary_person_is_named_canonically_and_mentions_keep_the_surface(enricher):
    record = enrich(enricher, "Cuban Foreign Minister Bruno Rodríguez Parrilla met diplomats in Havana on Monday.",
                    published_at="2024-05-06T09:00:00Z")
    person = entity(record, "person:bruno-rodriguez-parrilla")  # the id of the entry, unchanged
    assert person["name"] == "Bruno Rodríguez" and person["country"] == "CUB"
    assert [m["text"] for m in person["mentions"]] == ["Bruno Rodríguez Parrilla"]
