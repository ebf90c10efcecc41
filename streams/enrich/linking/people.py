"""The country (or international body) of every person in an article, and where it came from.

Contract: after the linker has resolved countries, bodies, institutions and dictionary
people, :func:`settle_people` gives each PERSON entity a ``country`` or an ``igo`` and
records ``country_source`` in its ``extra``:

- ``dictionary``: the actors dictionary, for an office held on the article's date
  (an IGO office makes ``igo`` the body, ``country`` null, ``nationality`` their country);
- ``title`` / ``apposition`` / ``institution``: the person's own words
  (:mod:`streams.enrich.linking.person_context`), first mention that has them;
- ``context``: neither of those — the country the article is about: the most mentioned one
  (a headline mention counts three times), with a bonus for the story's subject, the first
  country of the headline (else of the lead sentence). News names the people of the country it
  is about without saying so ("President X", "police chief Y"); a country in the person's own
  sentence is as often the other party ("X, who accuses Haiti of ...") and is not used.

A person with no clue to a country keeps the role its title before the name says
("Opposition leader X": OPP). A dictionary person with no office on the date yields to their words in the text
("EU negotiator X" for a former minister).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from streams.contracts.ids import kind_of
from streams.enrich.linking import context_clues as clues
from streams.enrich.linking.gazetteer import COUNTRY, DEMONYM, IGO, INSTITUTION, SEAT, Gazetteer, Target
from streams.enrich.linking.person_context import PERSON_FOUND, PLACE_FOUND, Found, clue_for
from streams.enrich.linking.places import Place

if TYPE_CHECKING:
    from spacy.tokens import Span

    from streams.enrich.context import Context, Entity, Mention

DICTIONARY = "dictionary"
CONTEXT = "context"
_KINDS = {COUNTRY, DEMONYM, SEAT, INSTITUTION, IGO}


class Resolver:
    """Countries and bodies named by words of a title: linked mentions first, then the gazetteer."""

    def __init__(self, ctx: Context, gaz: Gazetteer, templates: dict[str, Entity]) -> None:
        self.gaz = gaz
        self.by_token: dict[tuple[str, int], tuple[Found, int]] = {}
        for m in ctx.mentions:
            if m.span is None or m.key is None or m.label == "PERSON":
                continue
            found = _found_of(m, templates)
            if found is not None:
                for i in range(m.span.start, m.span.end):
                    self.by_token[(m.field, i)] = (found, m.span.end - i)
        # people's tokens: "Trump's envoy X", "an aide to Y" take the country that person has by then
        self.person_at: dict[tuple[str, int], tuple[str, int]] = {}
        for m in ctx.mentions:
            if m.span is not None and m.label == "PERSON" and m.key:
                for i in range(m.span.start, m.span.end):
                    self.person_at[(m.field, i)] = (m.key, m.span.end - i)
        self.templates = templates
        self.field_of = {id(doc): f for f, doc in ctx.docs.items()}

    def __call__(self, phrase: Span, i: int) -> tuple[Found, int] | None:
        tok = phrase[i]
        field_name = self.field_of.get(id(phrase.doc), "body")
        hit = self.by_token.get((field_name, tok.i))
        if hit is not None and not (hit[0].kind == PLACE_FOUND and tok.lower_ in self.gaz.title_readings):
            return hit[0], min(hit[1], len(phrase) - i)
        person = self.person_at.get((field_name, tok.i))
        if person is not None:
            entity = self.templates.get(person[0])
            if entity is not None and (entity.country or entity.igo):
                found = Found(country=entity.country, igo=None if entity.country else entity.igo, kind=PERSON_FOUND)
                return found, min(person[1], len(phrase) - i)
            # no country (yet): the words may still name one ("Macedonian" that NER took for a name)
        for n in (3, 2, 1):
            if i + n > len(phrase):
                continue
            words = phrase[i : i + n]
            if not (words[0].is_title or words[0].is_upper):
                continue
            text = words.text
            reading = self.gaz.title_readings.get(text.lower())
            if reading is not None:  # "Guinean President X": the state, inside a title
                return Found(country=reading, demonym=text.lower().endswith(("n", "ese"))), n
            if self.gaz.lookup(text) and text.lower() not in self.gaz.ambiguous:
                target = min(self.gaz.lookup(text), key=lambda t: _ORDER.get(t.kind, 9))
                if target.kind in _KINDS:
                    return _found_of_target(target), n
        return None


_ORDER = {COUNTRY: 0, DEMONYM: 1, SEAT: 2, INSTITUTION: 3, IGO: 4}


def _found_of_target(t: Target) -> Found:
    if t.kind == IGO:
        return Found(igo=t.code, kind=t.kind)
    return Found(country=t.code, institution=t.kind == INSTITUTION, demonym=t.kind == DEMONYM, kind=t.kind)


def _found_of(m: Mention, templates: dict[str, Entity]) -> Found | None:
    if isinstance(m.ref, Target):
        return _found_of_target(m.ref)
    if isinstance(m.ref, Place) and m.ref.country:  # "Lagos governor X", "the Texas senator"
        return Found(country=m.ref.country, kind=PLACE_FOUND)
    entity = templates.get(m.key or "")
    if kind_of(m.key or "") == "org" and entity is not None and entity.country:
        return Found(country=entity.country, institution=True)
    return None


def settle_people(ctx: Context, templates: dict[str, Entity], gaz: Gazetteer, dated: set[str]) -> None:
    """Give every person entity a country or body and its ``country_source`` (see the module's docstring)."""
    resolve = Resolver(ctx, gaz, templates)
    persons = [m for m in ctx.mentions if m.label == "PERSON" and m.key in templates]
    spans_by_field: dict[str, list[Span]] = {}
    for m in persons:
        if m.span is not None:
            spans_by_field.setdefault(m.field, []).append(m.span)
    settled = {eid for eid in dated if eid in templates}
    for eid in settled:
        templates[eid].extra["country_source"] = DICTIONARY
    for m in sorted(persons, key=lambda m: (m.field != "title", m.start)):
        entity = templates[m.key or ""]
        if entity.id in settled or m.span is None:
            continue
        clue = clue_for(m.span, resolve, spans_by_field.get(m.field, []))
        if clue is None:
            # a title with no country in it still says what the person does: "Opposition leader X",
            # "Catalan leader X" (the country comes from the article below)
            entity.role = entity.role or _title_role(m.span)
            continue
        own_country = entity.country  # the dictionary's, for a known person the text shows acting for a body
        entity.country, entity.igo = clue.country, clue.igo
        entity.role = clue.role or entity.role
        entity.extra["country_source"] = clue.source
        entity.extra.setdefault("title", clue.title)
        if clue.nationality or (clue.igo and own_country):
            entity.extra["nationality"] = clue.nationality or own_country
        elif clue.igo is None:
            entity.extra.pop("nationality", None)  # a dictionary IGO affiliation the text contradicts
        settled.add(entity.id)
    about: list[str | None] | None = None
    for entity in templates.values():
        if entity.type == "PERSON":
            surfaces = [_as_written(m.text) for m in persons if m.key == entity.id]
            if surfaces:  # the fullest name as written: "Andrey Biloусов" for Andrei Belousov
                entity.extra["surface"] = max(surfaces, key=lambda s: len(s.split()))
        if entity.type != "PERSON" or entity.id in settled:
            continue
        if entity.country or entity.igo:
            entity.extra.setdefault("country_source", DICTIONARY)
            continue
        if about is None:  # the same for every person of the article (people's countries do not count): once
            about = [_context_country(ctx, templates)]
        country = about[0]
        if country:
            entity.country = country
            entity.extra["country_source"] = CONTEXT


def _title_role(span: Span) -> str | None:
    """The role the title right before a name says, without a country: "Opposition leader X" (OPP), "Catalan
    leader X" (GOV). A bare "leader" counts only after a proper adjective or name ("Kurdish", "Hamas"), since
    "race leader" and "team leader" are no office."""
    title = clues.left_context(span, max_tokens=4)
    phrase = clues.role_phrase(title.text)
    if phrase is None:
        return None
    if phrase == "leader" and (len(title) < 2 or title[-1].lower_ != "leader" or (
            title[-2].pos_ not in {"ADJ", "PROPN"} and title[-2].ent_type_ not in {"NORP", "ORG", "GPE"})):
        return None
    return clues.TITLE_ROLES[phrase]


def _as_written(text: str) -> str:
    """A mention's text without a possessive ending, in its own script and spelling."""
    text = " ".join(text.split())
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def _context_country(ctx: Context, templates: dict[str, Entity]) -> str | None:
    """The country the article is about (see the module's docstring)."""
    countries = [m for m in ctx.mentions if m.label != "PERSON" and kind_of(m.key or "") in {"country", "place", "org"}]
    country_of = {e.id: e.country for e in templates.values() if e.country}

    def country(m: Mention) -> str | None:
        if isinstance(m.ref, Target) and m.ref.kind != IGO:
            return m.ref.code
        return country_of.get(m.key or "")

    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    subject: dict[str, str] = {}  # field -> the first country of the headline / of the lead sentence
    for o in sorted(countries, key=lambda o: (o.field != "title", o.start)):
        c = country(o)
        if not c:
            continue
        counts[c] += 3 if o.field == "title" else 1
        first.setdefault(c, len(first))
        if o.field == "title" or o.sentence_index == 0:
            subject.setdefault(o.field, c)
    if not counts:
        return None
    lead = subject.get("title") or subject.get("body")
    if lead is not None:
        counts[lead] += SUBJECT_BONUS
    return min(counts, key=lambda c: (-counts[c], first[c]))


SUBJECT_BONUS = 3
