"""STREAMS_LANGUAGES: which articles are enriched, which are dead-lettered as unsupported_language, and the hint."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from conftest import assert_valid, schema_validator

from streams.contracts.article import UNSUPPORTED_LANGUAGE, Article, InvalidArticle
from streams.contracts.language import DETECTABLE, LanguageGate, detector, language_verdict, normalise_hint, sample
from streams.settings import SettingsError, load_settings
from streams.worker.processor import BatchProcessor, RawMessage

EN = frozenset({"en"})
GERMAN = ("Der Bundeskanzler reiste am Montag nach Paris, um mit dem französischen Präsidenten über die Lage in der "
          "Ukraine zu sprechen. Die Gespräche dauerten mehrere Stunden.")
RUSSIAN = "Министр обороны России прибыл в Пхеньян во главе военной делегации, сообщили северокорейские государственные СМИ."
CHINESE = "朝鲜官方媒体报道，俄罗斯国防部长率领军事代表团抵达平壤，这是两国近期一系列高层访问中的最新一次。"
ARABIC = "وصل وزير الدفاع الروسي إلى بيونغ يانغ على رأس وفد عسكري، حسبما أفادت وسائل الإعلام الرسمية الكورية الشمالية."
SPANISH = "El presidente del Gobierno viajó el lunes a Bruselas para reunirse con los líderes europeos."
ENGLISH = ("Russian Defence Minister Andrei Belousov arrived in the DPRK on Friday at the head of a military delegation, "
           "North Korean state media reported.")
SHORT_ENGLISH = ["Putin visited Pyongyang.", "Merkel met Macron.", "Iran tested a missile.", "John Cornyn, U.S. Senator (R-Texas)",
                 "Sales rose 2.8% to 14.96bn euros.", "Inbev brands include Bass, Stella Artois, Hoegaarden and Staropramen."]


def test_the_detectable_languages_are_the_models_labels() -> None:
    assert set(detector().labels) == DETECTABLE


@pytest.mark.parametrize(("hint", "code"), [
    ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("en_us", "en"), (" de-AT ", "de"), ("eng", "en"), ("deu", "de"),
    ("English", "en"), ("german", "de"), ("haw", "haw"), ("", None), ("  ", None), (None, None), ("-", None),
    ("not a language at all", None), ("x" * 10_000, None), ("\x00\u202e", None),
])
def test_hints_are_read_as_tags_codes_or_names(hint: str | None, code: str | None) -> None:
    assert normalise_hint(hint) == code


@pytest.mark.parametrize("text", [GERMAN, RUSSIAN, CHINESE, ARABIC, SPANISH])
def test_text_clearly_in_another_language_is_unsupported_whatever_the_hint(text: str) -> None:
    for hint in (None, "de", "ru"):
        verdict = language_verdict(text, hint, EN)
        assert not verdict.supported, (text[:20], hint, verdict)
        assert "STREAMS_LANGUAGES=en" in verdict.reason
    # a wrong allowed hint is overruled when the detector is very sure: a paragraph is enough
    paragraph = f"{text} {text} {text}"
    verdict = language_verdict(paragraph, "en", EN)
    assert not verdict.supported and "the article says 'en'" in verdict.reason, verdict


def test_an_allowed_hint_keeps_a_short_text_with_a_foreign_script_name() -> None:
    # byte n-grams weigh the non-Latin letters heavily: without a hint these look Hebrew and Russian
    for text in ("Putin met Kim in \u05e4\u05d9\u05d5\u05e0\u05d2\u05d9\u05d0\u05e0\u05d2 today.",
                 "The minister, \u0421\u0435\u0440\u0433\u0435\u0439 \u041b\u0430\u0432\u0440\u043e\u0432, said so."):
        assert language_verdict(text, "en", EN).supported, text
        assert not language_verdict(text, None, EN).supported, text


@pytest.mark.parametrize("text", [ENGLISH, *SHORT_ENGLISH])
def test_english_is_enriched_short_or_long(text: str) -> None:
    assert language_verdict(text, None, EN).supported
    assert language_verdict(text, "en", EN).supported


def test_when_the_detector_is_not_sure_the_hint_decides() -> None:
    unsure = "Putin visited Pyongyang."  # too short to be sure of anything
    assert language_verdict(unsure, None, EN).supported
    assert language_verdict(unsure, "en-GB", EN).supported
    verdict = language_verdict(unsure, "de", EN)
    assert not verdict.supported and "the article says it is in 'de'" in verdict.reason


def test_a_sure_detection_overrules_a_wrong_hint() -> None:
    assert language_verdict(ENGLISH, "de", EN).supported  # an English article tagged German by its feed
    assert not language_verdict(GERMAN, "en", EN).supported


def test_several_languages_and_all() -> None:
    assert language_verdict(GERMAN, None, frozenset({"en", "de"})).supported
    assert not language_verdict(RUSSIAN, None, frozenset({"en", "de"})).supported
    everything = language_verdict(RUSSIAN, "ru", frozenset({"*"}))
    assert everything.supported and everything.detected is None  # no detection at all


def test_featureless_text_is_not_rejected() -> None:
    for text in ("12345 678", "😀🎉🌍", "<p></p>", "...", "x"):
        assert language_verdict(text, None, EN).supported, text


def test_the_sample_is_the_title_and_the_start_of_the_body() -> None:
    assert sample("T", "b" * 5000) == "T\n" + "b" * 1000
    assert sample(None, "body") == "body"


def test_the_gate_fills_in_the_language_when_it_is_sure() -> None:
    gate = LanguageGate(EN)
    article = gate.check(Article(id="a", body=ENGLISH))
    assert article.language == "en"
    hinted = gate.check(Article(id="a", body=ENGLISH, language="en-GB"))
    assert hinted.language == "en-GB", "a hint is kept as given"
    unsure = gate.check(Article(id="a", body="Putin visited Pyongyang."))
    assert unsure.language is None
    with pytest.raises(InvalidArticle) as info:
        gate.check(Article(id="a", body=GERMAN))
    assert info.value.error == UNSUPPORTED_LANGUAGE


@pytest.mark.parametrize(("value", "expected"), [("en", "en"), ("EN, de ,en", "en,de"), ("*", "*"), ("en,*", "*")])
def test_the_setting_is_read_and_normalised(value: str, expected: str) -> None:
    s = load_settings({"STREAMS_LANGUAGES": value})
    assert s.languages == expected
    assert s.language_codes == frozenset(expected.split(","))


def test_the_default_is_english() -> None:
    assert load_settings({}).language_codes == EN


@pytest.mark.parametrize("value", ["", " , ", "english", "xx", "en;de"])
def test_a_malformed_setting_is_named(value: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings({"STREAMS_LANGUAGES": value})
    assert "STREAMS_LANGUAGES" in str(info.value)


class NoEnricher:
    def enrich_many(self, items: list[Any]) -> list[dict[str, Any]]:
        return [{"article_id": a.id, "language": a.language} for a, _ in items]


def test_the_processor_dead_letters_other_languages_with_a_valid_dead_letter() -> None:
    processor = BatchProcessor(load_settings({}), NoEnricher())  # type: ignore[arg-type]
    messages = [RawMessage(orjson.dumps({"id": "de", "body": GERMAN}), key=b"de", topic="articles.raw", partition=0, offset=0),
                RawMessage(orjson.dumps({"id": "en", "body": ENGLISH}), key=b"en", topic="articles.raw", partition=0, offset=1)]
    german, english = processor.process(messages)
    assert german.dead_letter is not None and german.dead_letter["error"] == "unsupported_language"
    assert "'de'" in german.dead_letter["reason"]
    assert_valid(schema_validator("articles.deadletter.schema.json"), german.dead_letter)
    assert english.record == {"article_id": "en", "language": "en"}
    everything = BatchProcessor(load_settings({"STREAMS_LANGUAGES": "*"}), NoEnricher())  # type: ignore[arg-type]
    assert all(r.record is not None for r in everything.process(messages))
