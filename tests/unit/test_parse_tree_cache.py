"""events.tree: children, sentences and text read once per document give what spaCy gives; the coder's token
columns cut entities as Doc.ents does (real model)."""

from __future__ import annotations

import threading

from spacy.strings import get_string_id

from streams.enrich.events.frames import TokenColumns
from streams.enrich.events.tree import doc_text, kids, sentence, sentences


def test_children_and_text_are_spacys_across_documents(model):
    first = model("Chile and Peru signed a border agreement in Lima on Monday. Talks resume on 3 June.")
    second = model("Bolivia recalled its ambassador to Argentina after the vote. It was a surprise.")
    for doc in (first, second, first):  # a document coded again after another is read afresh
        for tok in doc:
            assert [c.i for c in kids(tok)] == [c.i for c in tok.children]
            assert all(c.doc is doc for c in kids(tok))
            assert (sentence(tok).start, sentence(tok).end) == (tok.sent.start, tok.sent.end)
        assert [(s.start, s.end) for s in sentences(doc)] == [(s.start, s.end) for s in doc.sents]
        assert doc_text(doc) == doc.text


def test_each_thread_keeps_its_own_document(model):
    # thread A reads a document, the main thread another, then A again: A's children are still the ones it read
    # (a cache shared by threads would have been reset by the main thread's document)
    first, second = model("Kenya sent troops to Somalia."), model("The talks between Ghana and Togo ended.")
    read, other_done = threading.Event(), threading.Event()
    same: list[bool] = []

    def thread_a() -> None:
        before = kids(first[1])
        read.set()
        other_done.wait(10)
        same.append(kids(first[1]) is before)

    a = threading.Thread(target=thread_a)
    a.start()
    read.wait(10)
    kids(second[1])
    other_done.set()
    a.join(10)
    assert same == [True]


def test_token_columns_cut_entities_as_doc_ents_does(model):
    doc = model("On Monday morning, the United Nations said that 5 June 2024 and last week's talks in New York, "
                "held from 9am to noon, went well; the European Union agreed on Tuesday.")
    labels = frozenset(get_string_id(x) for x in ("DATE", "TIME"))
    want = [(e.start, e.end) for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    assert len(want) >= 3  # the sentence has dates and a time next to other entities
    assert TokenColumns(doc).entity_bounds(labels) == want
    every = frozenset(get_string_id(e.label_) for e in doc.ents)
    assert TokenColumns(doc).entity_bounds(every) == [(e.start, e.end) for e in doc.ents]
