"""Reading an article's geography for the linker: its context, "Town, State" frames, untagged toponyms.

Contract (pure functions over a :class:`Context` and the indexes; the linker calls them):

- :func:`prescan` — a first :class:`GeoContext` from the mentions alone (countries,
  demonyms, seats, institutions, first-level divisions and big cities), the dateline's
  country, before anything is linked. It decides names that are a country and a division
  elsewhere ("Georgia" among Atlanta and Ohio is the US state) and tells the place step
  which countries the article is about;
- :func:`frame_hint` — in "Paris, Texas" or "Kamloops, B.C." the second name (a division
  or country) is where the first one is;
- :func:`dateline_mention` — the place of an upper-case wire dateline NER left untagged
  ("TORRINGTON —", "LONDON, Ky. (WKYT) -"), as a place mention to geocode;
- :func:`untagged_places` — capitalised runs that NER left untagged but the gazetteer knows,
  kept only where precision holds: in a country the article names, after a locative
  preposition, or in a "Town, State" frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from streams.enrich.context import FIELDS, Context, Mention
from streams.enrich.linking.context_clues import TITLE_WORDS, acts
from streams.enrich.linking.gazetteer import COUNTRY, DEMONYM, INSTITUTION, SEAT, Gazetteer, key
from streams.enrich.linking.places import COMMON_WORD_CITIES, DIVISION, SUBDIVISION, GeoContext, Place, PlaceIndex
from streams.enrich.mentions import dateline_end, surface_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

BIG_CITY = 100_000
LONE_PLACE = 50_000
UNTAGGED_MIN_POPULATION = 15_000
LOCATIVE = frozenset({"in", "near", "at", "outside", "from", "around", "across", "to", "into", "of"})
_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "may", "june", "july", "august", "september", "october",
                       "november", "december"})
MAX_RUN = 3
# the name that opens a dateline: upper-case words before a comma, a bracket or a dash
_DATELINE_NAME = re.compile(r"^\s*([A-Z][A-Z.'\- ]{1,40}?)\s*(?:,|\(|-|--|:|\u2013|\u2014)")
# a dateline after a headline line or sentence that the body starts with: "... assault. BANTAM — A mason ..."
_LATE_DATELINE = re.compile(r"(?:\n|[.!?]\s)\s*([A-Z][A-Z'\-]{2,}(?: [A-Z][A-Z'\-]+){0,2})"
                            r"(?:,\s*[A-Z][A-Za-z.]{1,15})?\s*(?:\([^)\n]{0,40}\)\s*)?(?:-|--|\u2013|\u2014)\s")
DATELINE_WINDOW = 300  # characters of the body a late dateline may start in


def prescan(ctx: Context, gaz: Gazetteer, places: PlaceIndex, homonyms: frozenset[str]) -> GeoContext:
    geo = GeoContext()
    for m in ctx.mentions:
        if m.label == "PERSON":
            continue
        surface = surface_key(m.text)
        k = key(surface)
        if k in homonyms:
            continue  # "Georgia" is what is being decided
        targets = [t for t in gaz.lookup(surface) if t.kind in {COUNTRY, DEMONYM, SEAT, INSTITUTION}]
        if targets and targets[0].kind == SEAT and (not (m.span is not None and acts(m.span))
                                                    or len(places.sizeable_countries(surface)) > 1):
            # "a London rally": a capital that does not act is a place to resolve, not evidence; nor is
            # one whose name a sizeable city abroad bears ("London police" may be London, Ontario's)
            targets = []
        if targets and k not in gaz.ambiguous:
            geo.countries[targets[0].code] += 1
            if m.dateline:
                geo.dateline = targets[0].code
            continue
        if (gaz.lookup(surface) and not any(t.kind == SEAT for t in gaz.lookup(surface))) or m.label not in {"GPE", "LOC", "FAC"}:
            continue
        place = places.unambiguous(surface)
        if place is not None and (place.kind == DIVISION or place.population >= BIG_CITY):
            geo.add_place(place)
            if m.dateline:
                geo.dateline = place.country
    return geo


def dateline_mention(ctx: Context, places: PlaceIndex) -> Mention | None:
    """A place mention for the name that opens the body's dateline when no mention holds it and the
    index knows it ("DETROIT (AP) —", or after a headline line: "Mason charged. BANTAM — A ...");
    its sentence index is 0 and ``dateline`` is set."""
    body = ctx.article.body or ""
    doc = ctx.docs.get("body")
    if doc is None:
        return None
    match = _DATELINE_NAME.match(body) if dateline_end(body) else _LATE_DATELINE.search(body[:DATELINE_WINDOW])
    if match is None:
        return None
    start, end = match.span(1)
    name = body[start:end].rstrip(" .") if not body[start:end].endswith(("CO.", "ST.")) else body[start:end]
    end = start + len(name)
    held = [m for m in ctx.mentions if m.field == "body" and m.start < end and start < m.end]
    for m in held:
        if (m.start, m.end) == (start, end) and m.label not in {"GPE", "LOC", "FAC", "PERSON"} and places.candidates(name):
            m.label, m.dateline = "GPE", True  # "DETROIT (AP) —" tagged as an organisation
    if held:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not places.candidates(name):
        return None
    return Mention(span.text, "GPE", "body", span.start_char, span.end_char, 0, span=span, dateline=True)


def division_homonyms(gaz: Gazetteer, places: PlaceIndex) -> frozenset[str]:
    """Country names that are also a first-level division of another country ("georgia")."""
    keys = [k for k, targets in gaz.index.items() if any(t.kind == COUNTRY for t in targets)]
    out = set()
    for k in places.known(keys):
        codes = {t.code for t in gaz.index[k] if t.kind == COUNTRY}
        if any(p.kind == DIVISION and p.country not in codes for p in places.candidates(k)):
            out.add(k)
    return frozenset(out)


def lone_place_name(m: Mention, persons: list[Mention], places: PlaceIndex) -> bool:
    """A one-word PERSON mention that is a big place and no one's name in the article ("entered Kherson")."""
    span = m.span
    if span is None or len(span) != 1 or (span.start and span.doc[span.start - 1].lower_.rstrip(".") in TITLE_WORDS):
        return False
    word = span.text.lower()
    if any(p is not m and word in p.text.lower().split() and len(p.text.split()) > 1 for p in persons):
        return False
    return any(p.kind == DIVISION or p.population >= LONE_PLACE for p in places.candidates(span.text))


def persons_surname(m: Mention, persons: list[Mention], places: PlaceIndex) -> bool:
    """A one-word place mention that is a word of a full name in the article and no big place
    ("Bingham said" after "Mayor Ryan Bingham"; "Palma" after "Jenny Palma"): the person."""
    span = m.span
    if span is None or len(span) != 1 or m.dateline:
        return False
    word = span.text.lower()
    if not any(word in p.text.lower().split() and len(p.text.split()) > 1 for p in persons):
        return False
    return not any(p.kind == DIVISION or p.population >= LONE_PLACE for p in places.candidates(span.text))


def division_wins(surface: str, country: str, geo: GeoContext, places: PlaceIndex) -> Place | None:
    """The division a country-and-division name means: when the article places things inside that
    division (Atlanta, in Georgia) or names two other divisions of its country (Ohio, Florida), and
    nothing else in it points at the country ("Georgia" and Tbilisi)."""
    if geo.countries.get(country, 0):
        return None
    for d in places.candidates(surface):
        if d.kind != DIVISION or d.country == country or not d.country:
            continue
        inside = (d.country, d.admin1 or "") in geo.places_in
        siblings = geo.division_count.get(d.country, 0) >= 2
        if inside or siblings:
            return d
    return None


def frame_hint(m: Mention, resolve_second: Callable[[str], Place | None]) -> Place | None:
    """The place after "<m>, " when it is a division or a country: where ``m`` is."""
    span = m.span
    if span is None:
        return None
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    run = _capitalised_run(doc, span.end + 1)
    for end in range(run, span.end + 1, -1):
        second = resolve_second(doc[span.end + 1 : end].text)
        if second is not None and second.kind in {DIVISION, SUBDIVISION, -1}:
            return second
    return None


def _capitalised_run(doc: Doc, start: int) -> int:
    end = start
    while end < len(doc) and end - start < MAX_RUN and (doc[end].is_title or doc[end].is_upper or doc[end].text == "."):
        end += 1
    return end


def _free_tokens(doc: Doc, held: set[int]) -> list[bool]:
    """Per token: a title-case proper noun no mention holds that is no title word or month (one pass over the doc)."""
    return [tok.i not in held and tok.is_title and tok.pos_ == "PROPN" and tok.is_alpha and tok.lower_ not in TITLE_WORDS
            and tok.lower_ not in _CALENDAR for tok in doc]


def untagged_places(ctx: Context, places: PlaceIndex, geo: GeoContext, gaz: Gazetteer) -> list[tuple[Mention, Place]]:
    """New place mentions for gazetteer names NER did not tag (see the module's docstring)."""
    found: list[tuple[Mention, Place]] = []
    for field_name in FIELDS:
        doc = ctx.docs.get(field_name)
        if doc is None:
            continue
        held = {i for m in ctx.mentions if m.field == field_name and m.span is not None for i in range(m.span.start, m.span.end)}
        free = _free_tokens(doc, held)
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(doc):
            if not free[i]:
                i += 1
                continue
            j = i
            while j < len(doc) and j - i < MAX_RUN and free[j]:
                j += 1
            runs.extend((i, e) for e in range(j, i, -1))  # the longest name first
            i = j
        if not runs:
            continue
        keys = {(a, b): key(doc[a:b].text) for a, b in runs}
        known = places.known(sorted(set(keys.values())))
        taken: set[int] = set()
        for (a, b), k in keys.items():
            if k not in known or k in COMMON_WORD_CITIES or gaz.lookup(k) or any(t in taken for t in range(a, b)):
                continue
            span = doc[a:b]
            place = _accept(span, places, geo)
            if place is None:
                continue
            taken.update(range(a, b))
            sent = next((n for n, s in enumerate(doc.sents) if s.start <= a < s.end), 0) if doc.has_annotation("SENT_START") else 0
            found.append((Mention(span.text, "GPE", field_name, span.start_char, span.end_char, sent, span=span), place))
    return found


def _accept(span: Span, places: PlaceIndex, geo: GeoContext) -> Place | None:
    doc = span.doc
    sentence_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    if span.start == sentence_start and len(span) == 1:
        return None  # a capitalised first word is no evidence of a name
    prev = doc[span.start - 1].lower_ if span.start else ""
    honorific = span.start > 0 and doc[span.start - 1].is_title and prev.rstrip(".") in TITLE_WORDS
    if honorific or (span.end < len(doc) and doc[span.end].pos_ == "NOUN" and doc[span.end].is_lower):
        return None  # "Mr Paterson"; "Reston ebolavirus": a name used as a modifier
    hint = frame_hint(_as_mention(span), lambda text: _division_or_none(places, text, geo))
    place = places.resolve(span.text, geo, hint)
    if place is None:
        return None
    in_named_country = geo.countries.get(place.country or "", 0) > 0
    if hint is not None and hint.country == place.country:
        return place
    if place.kind == SUBDIVISION:
        return place if in_named_country and len(span) > 1 else None  # "Adair County", not a bare word
    if prev in LOCATIVE and (in_named_country or place.kind == DIVISION or place.population >= UNTAGGED_MIN_POPULATION):
        return place
    if in_named_country and place.kind == DIVISION:
        return place
    return None


def _division_or_none(places: PlaceIndex, text: str, geo: GeoContext) -> Place | None:
    p = places.resolve(text, geo)
    return p if p is not None and p.kind == DIVISION else None


def _as_mention(span: Span) -> Mention:
    return Mention(span.text, "GPE", "body", span.start_char, span.end_char, 0, span=span)

