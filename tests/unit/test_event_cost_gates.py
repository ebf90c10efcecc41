"""What the event coder skips to stay cheap, and that it skips only what cannot be coded (real model).

The keeper refuses a predicate before its frame is built when the sentence cannot give it a slot the lexicon
requires; the enricher freezes its long-lived objects so that full garbage collections do not walk the model; and
coding an article leaves no reference cycle behind, so that its objects are freed at once and young collections stay
rare and short."""

from __future__ import annotations

import gc

from conftest import MODEL, SAMPLES

from streams.enrich.events.coder import EventCoder
from streams.enrich.events.tree import doc_text, kids, start_document


def _keep(coder: EventCoder, model, text: str):
    doc = model(text)
    coder._text, coder._sent_texts = text, {}  # what EventCoder.code sets for each article
    columns = coder._repair_lemmas(doc)
    sent = next(iter(doc.sents))
    return coder._keeper(sent, columns), coder._prep_words(sent, columns)


def test_an_infinitive_marker_is_no_preposition_for_the_gate(model):
    coder = EventCoder()
    # "travel" is coded only with a "to" phrase (042.travel.v.to); here "to" only marks infinitives
    keep, preps = _keep(coder, model, "The minister hopes to travel soon and wants to rest.")
    assert "to" not in preps
    assert not keep("travel", "verb", None, None)
    keep, preps = _keep(coder, model, "The minister will travel to Paris on Monday.")
    assert {"to", "on"} <= preps
    assert keep("travel", "verb", None, None)


def test_the_gate_counts_agents_datives_and_particles(model):
    coder = EventCoder()
    _, preps = _keep(coder, model, "The deal was brokered by Qatar, and Israel pulled out of Gaza.")
    assert {"by", "out", "of"} <= preps


def test_a_known_text_starts_the_document_without_joining_it(model):
    text = "Kenya sent troops to Somalia."
    doc = model(text)
    start_document(doc, text)
    assert doc_text(doc) is text
    assert [c.i for c in kids(doc[1])] == [c.i for c in doc[1].children]


def test_the_enricher_freezes_what_lives_as_long_as_the_process():
    from streams.enrich.pipeline import Enricher

    gc.unfreeze()
    Enricher(MODEL, link=False)
    assert gc.get_freeze_count() > 0  # the model's objects are out of the collector's generations


def test_object_class_patterns_are_compiled_at_start_up():
    from streams.enrich.events.lexicon import load_lexicon

    lex = load_lexicon.__wrapped__()  # a lexicon no article has used yet
    EventCoder(lexicon=lex)
    wanted = {e.obj for entries in lex.index.values() for e in entries if e.obj}
    assert wanted and wanted <= set(lex._patterns)  # no article pays for compiling one


def test_coding_articles_leaves_no_reference_cycles(enricher):
    """Every object the events stage makes for an article is freed by reference counting when the article is done
    (the keeper is no closure, and the discourse unhooks from the actor finder)."""
    import json

    articles = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line.strip()]
    gc.collect()
    gc.disable()
    try:
        events = sum(len(enricher.enrich(article)["events"]) for article in articles)
        assert events  # the sample's articles were coded
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        cyclic = [o for o in gc.garbage if type(o).__module__.startswith("streams.enrich.events")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert not cyclic, sorted({type(o).__name__ for o in cyclic})
