"""Children of a parse token, its sentence and the document's text, read once per document.

Contract: ``kids(tok)`` returns the same tokens, in the same order, as ``tok.children``,
``sentence(tok)`` the same span as ``tok.sent``, ``sentences(doc)`` those of ``doc.sents``, and
``doc_text(doc)`` the same string as ``doc.text``. spaCy walks a token's left and right
children on every ``.children`` call (to the sentence's edges on every ``.sent``, and joins the
text on every ``.text``), and the coder walks the same predicates' children many times (subject,
objects, prepositions, factuality, actors), so all are kept until the next document. Only the
latest document is held, per thread.
``start_document(doc, text)`` starts it with the text the caller parsed (no join at all).
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class _ChildrenCache:
    """One thread's cache: the document, its tokens' children by index, its sentences, its text."""

    def __init__(self) -> None:
        self.doc: Doc | None = None
        self.by_index: dict[int, tuple[Token, ...]] = {}
        self.sents: list[Span] | None = None
        self.starts: list[int] = []  # the sentences' first token indices, for bisecting
        self.text: str | None = None


# one cache per thread: two enrichers in two threads never read each other's document. A plain
# threading.local holding it, not a subclass of one: mypyc compiles a subclass's attributes as fields
# of a native class, which all threads would share.
_LOCAL = threading.local()


def _cache() -> _ChildrenCache:
    got: _ChildrenCache | None = getattr(_LOCAL, "cache", None)
    if got is None:
        got = _LOCAL.cache = _ChildrenCache()
    return got


def _for(doc: Doc) -> _ChildrenCache:
    """This thread's cache, started on ``doc`` unless it holds it already."""
    cache = _cache()
    if cache.doc is not doc:  # identity, not equality: a new document starts a new cache
        start_document(doc)
    return cache


def kids(tok: Token) -> tuple[Token, ...]:
    """``tuple(tok.children)``, built once per token of the current document."""
    cache = _for(tok.doc)
    got = cache.by_index.get(tok.i)
    if got is None:
        got = cache.by_index[tok.i] = tuple(tok.children)
    return got


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, listed once per document."""
    cache = _for(doc)
    got = cache.sents
    if got is None:
        got = cache.sents = list(doc.sents)
        cache.starts = [s.start for s in got]
    return got


def sentence(tok: Token) -> Span:
    """``tok.sent``: the document's sentence that holds the token."""
    sents = sentences(tok.doc)
    return sents[bisect_right(_cache().starts, tok.i) - 1]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document (spaCy joins every token's text on each call)."""
    cache = _for(doc)
    if cache.text is None:
        cache.text = doc.text
    return cache.text


def start_document(doc: Doc, text: str | None = None) -> None:
    """Start the cache on ``doc``; ``text`` is the string it was parsed from, when the caller has it
    (spaCy keeps every character, so ``doc.text`` equals it and need not be joined)."""
    cache = _cache()
    cache.doc = doc
    cache.by_index = {}
    cache.sents = None
    cache.starts = []
    cache.text = text

