"""events.tree: children and text read once per document give what spaCy gives (real model)."""

from __future__ import annotations

import threading

from streams.enrich.events.tree import doc_text, kids


def test_children_and_text_are_spacys_across_documents(model):
    first = model("Chile and Peru signed a border agreement in Lima on Monday.")
    second = model("Bolivia recalled its ambassador to Argentina after the vote.")
    for doc in (first, second, first):  # a document coded again after another is read afresh
        for tok in doc:
            assert [c.i for c in kids(tok)] == [c.i for c in tok.children]
            assert all(c.doc is doc for c in kids(tok))
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
