"""Names the small NER model misses or cuts, recovered from the frames that announce a name.

Contract: :func:`repair_person_spans` rewrites ``ctx.mentions`` before linking. A run of
2-4 capitalised name words (lower-case particles and hyphenated parts join them: "Tamim bin
Hamad al-Thani", "Babajide Sanwo-Olu") becomes one PERSON mention (replacing the mentions
inside it) when

- a title comes right before it: "President Amani Korir", "reporter Tom Haley";
- an apposition with a title follows it: "Jorge Salinas, Chile's former interior minister";
- an apposition with a title precedes it: "Chile's former interior minister, Jorge Salinas,";
- an age follows it: "Marta Quispe, 34,";

and a PERSON mention grows over adjacent name words that no mention holds ("Tom" + "Haley",
"Tamim bin Hamad" + "al-Thani"); two PERSON mentions a hyphen joins are one ("Dlamini-" + "Zuma").
Tokens that name a country, demonym or body (per ``is_gazetteer``),
title words, months and weekdays are never name tokens.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.strings import get_string_id
from spacy.symbols import PROPN

from streams.enrich.context import FIELDS, Context, Mention
from streams.enrich.linking.context_clues import TITLE_WORDS
from streams.enrich.linking.person_context import CLAUSE_PUNCT, has_person_noun, is_person_noun

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_NAME = 4
_CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
})
_NOT_NAMES = TITLE_WORDS | _CALENDAR | {"the", "a", "an", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "captain", "capt"}
# Head words of places, bodies and things: "Dnipro River", "Tahrir Square" are not people.
_NOT_NAME_HEADS = frozenset({
    "river", "sea", "ocean", "lake", "mountain", "mountains", "island", "islands", "valley", "bay", "gulf", "strait",
    "square", "street", "road", "bridge", "airport", "port", "province", "region", "state", "district", "county",
    "city", "university", "college", "school", "hospital", "party", "army", "forces", "front", "council", "court",
    "ministry", "agency", "bank", "company", "group", "news", "times", "post", "airlines", "airways", "corporation",
    "committee", "commission", "union", "league", "movement", "brigade", "brigades", "guard", "guards", "organisation",
    "organization", "institute", "foundation", "fund", "day", "war", "accord", "accords", "agreement", "treaty",
})


def _name_token(tok: Token, is_gazetteer: Callable[[str], bool]) -> bool:
    if tok.pos != PROPN:  # the integer first: most tokens stop here without a string being made
        return False
    text = tok.text
    return (text[:1].isupper() and not text.isupper() and any(c.isalpha() for c in text)
            and tok.lower_.rstrip(".") not in _NOT_NAMES and not is_person_noun(text) and not is_gazetteer(text))


# Lower-case particles inside names: "Tamim bin Hamad al-Thani", "Ursula von der Leyen".
PARTICLES = frozenset({"al", "el", "bin", "bint", "ibn", "ben", "abu", "de", "da", "di", "del", "della", "dos", "das",
                       "van", "von", "der", "den", "du", "le", "la"})
_PARTICLE_IDS = frozenset(get_string_id(p) for p in PARTICLES)  # spaCy's hashes, as ``Token.lower`` gives them


def _joined(doc: Doc, i: int) -> bool:
    """Is token ``i`` a hyphen that joins the words on either side ("Sanwo-Olu", "al-Thani")?"""
    return (0 < i < len(doc) - 1 and doc[i].text in {"-", "\u2010", "\u2011"} and not doc[i - 1].whitespace_
            and not doc[i].whitespace_)


def _word_end(doc: Doc, i: int, is_gazetteer: Callable[[str], bool]) -> int:
    """End of the name word starting at token ``i`` (``i`` when there is none): a name token, a particle
    before a name word ("bin Hamad", "al-Thani"), and hyphenated parts ("Dlamini-Zuma", "Abd-Rabbu")."""
    n = len(doc)
    if i >= n:
        return i
    tok = doc[i]
    if tok.is_lower and tok.lower in _PARTICLE_IDS:
        if i + 1 < n and _joined(doc, i + 1):
            nxt = _word_end(doc, i + 2, is_gazetteer)
            return nxt if nxt > i + 2 else i
        if not tok.whitespace_:
            return i
        nxt = _word_end(doc, i + 1, is_gazetteer)
        return nxt if nxt > i + 1 else i
    if not _name_token(tok, is_gazetteer) and not (tok.text[:1].isupper() and tok.is_alpha and i + 1 < n and _joined(doc, i + 1)):
        return i
    end = i + 1
    while end + 1 < n and _joined(doc, end) and (doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha):
        end += 2
    if end == i + 1 and not _name_token(tok, is_gazetteer):
        return i
    return end


def _name_run(doc: Doc, start: int, is_gazetteer: Callable[[str], bool]) -> int:
    """End of the run of name words starting at ``start`` (``start`` when there is none, or when
    the run ends in the head word of a place or body: "Dnipro River")."""
    end = start
    words = 0
    while words < MAX_NAME:
        nxt = _word_end(doc, end, is_gazetteer)
        if nxt == end:
            break
        words += doc[end].lower_ not in PARTICLES
        end = nxt
    if end < len(doc) and doc[end].lower_ in _NOT_NAME_HEADS or any(t.lower_ in _NOT_NAME_HEADS for t in doc[start:end]):
        return start
    return end


def _candidates(doc: Doc, is_gazetteer: Callable[[str], bool]) -> list[tuple[int, int]]:
    out = []
    # only a capitalised word or a particle can start a name word (what _word_end checks first); a word
    # that is not all lower case, no punctuation and no number is a superset of the former, read from
    # C-level token flags in one pass, with no strings made
    may_start = [(not tok.is_lower and not tok.is_punct and not tok.is_digit) or tok.lower in _PARTICLE_IDS for tok in doc]
    i = 0
    while i < len(doc):
        if not may_start[i] or _word_end(doc, i, is_gazetteer) == i or (i and (_name_token(doc[i - 1], is_gazetteer) or _joined(doc, i - 1))):
            i += 1
            continue
        end = _name_run(doc, i, is_gazetteer)
        whole = (end >= len(doc) or not _name_token(doc[end], is_gazetteer)) and not is_gazetteer(doc[i:end].text)
        if end - i >= 2 and whole and _announced(doc, i, end):
            out.append((i, end))
        i = max(end, i + 1)
    return out


def _announced(doc: Doc, start: int, end: int) -> bool:
    """Is the name run framed as a person's name: a title before it, or an apposition with a title on either side?"""
    prev = doc[start - 1] if start else None
    if prev is not None and (is_person_noun(prev.text) or (prev.is_title and prev.lower_.rstrip(".") in TITLE_WORDS)):
        return True
    if end < len(doc) - 2 and doc[end].text == "," and doc[end + 1].like_num and doc[end + 2].text == ",":
        return True  # "Marta Quispe, 34, joined": an age apposition
    if end < len(doc) - 1 and doc[end].text == ",":
        stop = end + 1
        while stop < min(len(doc), end + 10) and doc[stop].text not in CLAUSE_PUNCT and doc[stop].pos_ not in {"VERB", "AUX"}:
            stop += 1
        tail = doc[end + 1 : stop]
        # a description ("Chile's former interior minister"), not a new subject ("Defence Minister X said")
        if len(tail) and tail[0].pos_ in {"DET", "PROPN", "ADJ", "NOUN"} and has_person_noun(tail) and tail[-1].ent_type_ != "PERSON":
            return True
    if prev is not None and prev.text == "," and (end >= len(doc) or doc[end].text in {",", ".", ";"} or doc[end].pos_ in {"VERB", "AUX"}
                                                  or doc[end].lower_ == "and"):
        j = start - 2
        while j >= max(0, start - 12) and doc[j].text not in CLAUSE_PUNCT and doc[j].pos_ not in {"VERB", "AUX"}:
            j -= 1
        head: Span = doc[j + 1 : start - 1]
        if len(head) and has_person_noun(head):
            return True
    return False


def _mention(ctx_field: str, span: Span, sentence_index: int) -> Mention:
    return Mention(text=span.text, label="PERSON", field=ctx_field, start=span.start_char, end=span.end_char,
                   sentence_index=sentence_index, span=span)


def repair_person_spans(ctx: Context, is_gazetteer: Callable[[str], bool]) -> None:
    is_gazetteer = functools.lru_cache(maxsize=None)(is_gazetteer)  # one article asks about a word many times
    out: list[Mention] = []
    for field_name in FIELDS:
        doc = ctx.docs.get(field_name)
        mentions = [m for m in ctx.mentions if m.field == field_name]
        if doc is None:
            out.extend(mentions)
            continue
        mentions = _merge_hyphenated(mentions, doc)
        held = {i: m for m in mentions if m.span is not None for i in range(m.span.start, m.span.end)}
        drop: set[int] = set()
        added: list[Mention] = []
        for start, end in _candidates(doc, is_gazetteer):
            inside = {id(m): m for i in range(start, end) if (m := held.get(i)) is not None}
            if any(m.span is not None and (m.span.start < start or m.span.end > end) for m in inside.values()):
                continue  # part of a longer name of a body or place
            if any(m.label == "PERSON" and m.span is not None and (m.span.start, m.span.end) == (start, end) for m in inside.values()):
                continue
            if any(m.dateline for m in inside.values()):
                continue
            drop |= set(inside)
            first = next(iter(inside.values()), None)
            added.append(_mention(field_name, doc[start:end], first.sentence_index if first else _sentence_of(doc, start)))
        for m in mentions:
            if id(m) in drop:
                continue
            if m.label == "PERSON" and m.span is not None:
                _grow(m, doc, held, is_gazetteer)
            out.append(m)
        out.extend(added)
    order = {f: i for i, f in enumerate(FIELDS)}
    out.sort(key=lambda m: (order.get(m.field, 9), m.start))
    ctx.mentions = out


def _grow(m: Mention, doc: Doc, held: dict[int, Mention], is_gazetteer: Callable[[str], bool]) -> None:
    """ "Tom" + PERSON "Haley" -> "Tom Haley", "Tamim bin Hamad" + "al-Thani": free name words right
    beside a person's name join it; a name cut at a hyphen ("Nkosazana Dlamini-") takes its other part."""
    assert m.span is not None
    start, end = m.span.start, m.span.end
    while end > start + 1 and doc[end - 1].text == "-" and end < len(doc) and not doc[end - 1].whitespace_:
        end -= 1  # NER kept the hyphen and left the rest of the word
    while start > 0 and start - 1 not in held and _name_token(doc[start - 1], is_gazetteer) and end - start < MAX_NAME:
        start -= 1
    words = sum(1 for t in doc[start:end] if t.is_alpha and t.lower_ not in PARTICLES)
    while words < MAX_NAME:
        nxt = _word_end(doc, end, is_gazetteer) if not _joined(doc, end) else end
        if _joined(doc, end) and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
            nxt = _word_end(doc, end + 1, is_gazetteer)
            nxt = nxt if nxt > end + 1 else end + 2
        if nxt == end or any(i in held and held[i] is not m for i in range(end, nxt)):
            break
        words += doc[end].lower_ not in PARTICLES and doc[end].text != "-"
        end = nxt
    if (start, end) != (m.span.start, m.span.end):
        span = doc[start:end]
        m.span, m.text, m.start, m.end = span, span.text, span.start_char, span.end_char


def _merge_hyphenated(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """ "Nkosazana Dlamini-" + "Zuma": two PERSON mentions that a hyphen joins are one name."""
    spans = sorted((m for m in mentions if m.label == "PERSON" and m.span is not None), key=lambda m: m.start)
    gone: set[int] = set()
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.span is not None and b.span is not None
        if id(a) in gone:
            continue
        gap = b.span.start - a.span.end
        ends_in_hyphen = doc[a.span.end - 1].text == "-" and not doc[a.span.end - 1].whitespace_
        if (gap == 0 and ends_in_hyphen) or (gap == 1 and _joined(doc, a.span.end)):
            span = doc[a.span.start : b.span.end]
            b.span, b.text, b.start, b.end = span, span.text, span.start_char, span.end_char
            gone.add(id(a))
    return [m for m in mentions if id(m) not in gone]


def _sentence_of(doc: Doc, token_index: int) -> int:
    if not doc.has_annotation("SENT_START"):
        return 0
    return next((k for k, s in enumerate(doc.sents) if s.start <= token_index < s.end), 0)
