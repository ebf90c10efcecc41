"""The attribute table annotates exactly as the model's stock attribute_ruler does (streams/enrich/attribute_rules.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from streams.enrich.attribute_rules import AttributeTableComponent, compile_attribute_ruler

SAMPLES = Path(__file__).resolve().parents[2] / "streams" / "samples" / "articles.jsonl"
# words and shapes the stock patterns single out: contractions, "gon na", "y'all", "let's", expletive
# "there is", "but" as an adverb, pronouns by case, auxiliaries, subordinators, a regex ("nothin'"), spaces
TRICKY = [
    "I'd say he ain't gonna win, but y'all gotta see it. Let's go, c'mon!",
    "There is a deal, and there were talks. Nothin' came of it, but it was all but over.",
    "Whether the US did it or not, I did.  Everyone asked me, and I told them that they had.",
    "  \n\n Something's wrong with anybody who'd do that \t to you.",
    "",
]


def texts() -> list[str]:
    out = list(TRICKY)
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        out += [article["title"], article["body"]]
    return out


def annotations(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def stock(model: Any) -> Any:
    """The same package loaded by spaCy alone, with its stock attribute_ruler."""
    import spacy

    return spacy.load(f"{model.meta['lang']}_{model.meta['name']}")


def test_the_loaded_model_runs_the_table_in_place_of_the_stock_ruler(model: Any) -> None:
    assert model.pipe_names.index("attribute_ruler") < model.pipe_names.index("lemmatizer")
    assert isinstance(model.get_pipe("attribute_ruler"), AttributeTableComponent)


def test_the_table_sets_the_same_tags_pos_morphology_and_lemmas_as_the_stock_ruler(model: Any, stock: Any) -> None:
    want = [annotations(d) for d in stock.pipe(texts())]
    got = [annotations(d) for d in model.pipe(texts())]
    assert sum(len(d) for d in want) > 1000
    for w, g in zip(want, got, strict=True):
        assert g == w


def test_a_pattern_the_table_cannot_express_keeps_the_stock_ruler(stock: Any) -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": {">": 3}}]], {"POS": "NOUN"})
    assert compile_attribute_ruler(ruler) is None
    assert compile_attribute_ruler(stock.get_pipe("attribute_ruler")) is not None
