"""What the linker does once per article or per name, not once per token or per person (its time budget)."""

from __future__ import annotations

import pytest

import streams.enrich.linking.linker as linker_module
import streams.enrich.linking.name_spans as name_spans
import streams.enrich.linking.people as people
from streams.enrich.mentions import normalise, surface_key


def enrich(enricher, body: str) -> dict:
    return enricher.enrich({"id": "cost-" + str(abs(hash(body))), "title": "", "body": body,
                            "published_at": "2024-11-05T09:00:00Z"})


def test_surface_keys_are_computed_once_per_string() -> None:
    text = "the Kremlin\u2019s"
    assert surface_key(text) == "Kremlin"
    before = surface_key.cache_info().hits, normalise.cache_info().hits
    assert surface_key(text) == "Kremlin"
    assert surface_key.cache_info().hits == before[0] + 1


def test_lower_case_words_are_never_read_as_name_words(enricher, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = enricher.nlp("the talks were held over three long days and ended without any agreement at all, officials said")
    calls: list[str] = []
    real = name_spans._name_token
    monkeypatch.setattr(name_spans, "_name_token", lambda tok, is_gaz: calls.append(tok.text) or real(tok, is_gaz))
    assert name_spans._candidates(doc, lambda text: False) == []
    assert calls == []


def test_the_article_country_is_read_once_for_all_people_without_one(enricher, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = people._context_country
    monkeypatch.setattr(people, "_context_country", lambda ctx, templates: calls.append(1) or real(ctx, templates))
    record = enrich(enricher, "Kenya's economy grew last year. Amani Wekesa met Joseph Otieno and Peter Kamau in Nairobi "
                              "to discuss the budget for Kenya, Amani Wekesa said.")
    unsourced = [e for e in record["entities"] if e["type"] == "PERSON" and e.get("country_source") == "context"]
    assert len(unsourced) >= 2 and all(e["country"] == "KEN" for e in unsourced)
    assert len(calls) == 1


def test_the_title_resolver_is_built_once_while_no_person_is_assigned(enricher, monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    real = linker_module.Resolver

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(linker_module, "Resolver", Counting)
    enrich(enricher, "Kenyan finance minister Amani Wekesa met Ugandan trade minister Joseph Okello and "
                     "Tanzanian energy minister Peter Mwakyusa in Arusha on Monday.")
    assert len(built) == 1, built  # three unknown people with titles, one resolver (settle_people's is apart)
