"""Frames from parses the small model gets wrong: a hand-built parse, so the test does not depend on the model."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from streams.enrich.events.frames import expand


def test_a_first_name_hung_on_the_last_as_a_compound_with_and_inside_is_a_head_of_its_own() -> None:
    # the en_core_web_sm parse of "President Ana Ruiz and ELN commander Luis Vega signed ...": "Ruiz" is a compound of
    # "Vega", and "and" and "commander" hang on "Ruiz"
    words = ["President", "Ana", "Ruiz", "and", "ELN", "commander", "Luis", "Vega", "signed"]
    heads = [2, 2, 7, 2, 5, 2, 7, 8, 8]
    deps = ["compound", "compound", "compound", "cc", "compound", "conj", "compound", "nsubj", "ROOT"]
    pos = ["PROPN", "PROPN", "PROPN", "CCONJ", "PROPN", "NOUN", "PROPN", "PROPN", "VERB"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=["O", "B-PERSON", "I-PERSON", "O", "B-ORG", "O",
                                                                           "B-PERSON", "I-PERSON", "O"])
    assert [t.text for t in expand(doc[7])] == ["Ruiz", "Vega"]


def test_a_plain_compound_name_is_one_head() -> None:
    words = ["President", "Ana", "Ruiz", "signed"]
    doc = Doc(Vocab(), words=words, heads=[2, 2, 3, 3], deps=["compound", "compound", "nsubj", "ROOT"],
              pos=["PROPN", "PROPN", "PROPN", "VERB"], ents=["O", "B-PERSON", "I-PERSON", "O"])
    assert [t.text for t in expand(doc[2])] == ["Ruiz"]


def test_a_name_in_apposition_to_a_title_hung_as_a_compound_with_and_inside_is_a_head() -> None:
    # the en_core_web_sm parse of "President, Ana Ruiz and leader Luis Vega held ...": "President" is a compound of
    # "Vega", "Ruiz" its apposition, and "and" and "leader" hang on "Ruiz"
    words = ["President", "Ana", "Ruiz", "and", "leader", "Luis", "Vega", "held"]
    heads = [6, 2, 0, 2, 2, 6, 7, 7]
    deps = ["compound", "compound", "appos", "cc", "conj", "compound", "nsubj", "ROOT"]
    pos = ["PROPN", "PROPN", "PROPN", "CCONJ", "NOUN", "PROPN", "PROPN", "VERB"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=["O", "B-PERSON", "I-PERSON", "O", "O",
                                                                           "B-PERSON", "I-PERSON", "O"])
    assert [t.text for t in expand(doc[6])] == ["Ruiz", "Vega"]
