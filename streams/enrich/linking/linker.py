"""Stage: resolve every mention to a canonical actor (country, IGO, person) or a place.

Order matters: countries and bodies first (they give people and places their
context), then people (dictionary, titles, short forms), then places, then
office phrases ("the French president") resolved by the article's date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from streams.contracts.ids import country_id, igo_id, org_id, person_id, place_id
from streams.enrich.context import Context, Entity, Mention
from streams.enrich.linking import context_clues as clues
from streams.enrich.linking.actors import Actor, ActorDictionary, load_actors
from streams.enrich.linking.gazetteer import (
    COUNTRY,
    DEMONYM,
    IGO,
    INSTITUTION,
    SEAT,
    Gazetteer,
    Target,
    key,
    load_gazetteer,
)
from streams.enrich.linking.places import Place, PlaceIndex, load_places
from streams.enrich.mentions import surface_key

RULER_NAME = "streams_gazetteer"
RULER_CITY_POPULATION = 100_000
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Cities that, acting, stand for an international body seated there rather than their country.
SEATS_OF_BODIES = {"brussels": "EU"}


class Linker:
    def __init__(self, gazetteer: Gazetteer, actors: ActorDictionary, places: PlaceIndex) -> None:
        self.gaz = gazetteer
        self.actors = actors
        self.places = places

    @classmethod
    def default(cls, actors_file: str = "") -> Linker:
        return cls(load_gazetteer(), load_actors(actors_file), load_places())

    def versions(self) -> dict[str, str]:
        return {
            "actors_version": self.actors.version,
            "actors_valid_until": self.actors.valid_until,
            "gazetteer_version": self.gaz.version,
        }

    # -- pipeline set-up ---------------------------------------------------------
    def install(self, nlp: Any) -> None:
        """Add an EntityRuler before NER so gazetteer names get the right label ("DPRK" GPE, "Kursk" GPE)."""
        if RULER_NAME in nlp.pipe_names:
            # the pipeline is shared (cached per model): add only what this linker knows beyond it,
            # e.g. the names of a user actors file
            ruler = nlp.get_pipe(RULER_NAME)
            known = {p["pattern"] for p in ruler.patterns}
            extra = [{"label": "PERSON", "pattern": s, "id": a.id} for s, a in self.actors.names() if s not in known]
            if extra:
                ruler.add_patterns(extra)
            return
        ruler = nlp.add_pipe(
            "entity_ruler", name=RULER_NAME, before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False}
        )
        patterns = self.gaz.ruler_patterns()
        known = {p["pattern"] for p in patterns}
        names = self.actors.names()
        for surface, actor in names:
            if surface not in known:
                patterns.append({"label": "PERSON", "pattern": surface, "id": actor.id})
                known.add(surface)
        person_words = {key(w) for surface, _ in names for w in surface.split()}
        for place in self.places.ruler_names(RULER_CITY_POPULATION, exclude=person_words):
            if place.name not in known:
                patterns.append({"label": "GPE", "pattern": place.name, "id": _place_id(place)})
                known.add(place.name)
        ruler.add_patterns(patterns)

    # -- the stage -----------------------------------------------------------------
    def link(self, ctx: Context) -> None:
        day = ctx.reference_time.date()
        templates: dict[str, Entity] = {}
        persons: list[Mention] = []
        deferred_places: list[Mention] = []

        for m in ctx.mentions:
            if m.label == "PERSON":
                persons.append(m)
                continue
            actor = self._dictionary_person(m, day, strict=True)
            if actor is not None:
                self._assign_person(m, actor, day, templates)
                continue
            if not self._link_gazetteer(m, templates) and m.label in PLACE_LABELS:
                deferred_places.append(m)

        article_countries = {e.country for e in templates.values() if e.country}
        self._link_persons(ctx, persons, day, templates)
        for m in ctx.mentions:
            if m.key is None and m.label in {"ORG", "NORP"}:
                self._link_organisation(m, templates)
        article_countries |= {e.country for e in templates.values() if e.country}
        for m in deferred_places:
            self._link_place(ctx, m, article_countries, templates)
        self._office_phrases(ctx, day, templates)
        ctx.entities = list(templates.values())

    # -- countries, bodies, seats --------------------------------------------------------
    def _link_gazetteer(self, m: Mention, templates: dict[str, Entity]) -> bool:
        surface = surface_key(m.text)
        targets = self.gaz.lookup(surface)
        if not targets:
            return False
        target = _pick(targets, m.label)
        if key(surface) in self.gaz.ambiguous and m.label not in PLACE_LABELS and not (m.label == "NORP" and target.kind == DEMONYM):
            return False  # "Jordan" the person, "Chad" the name; "Indian" as a nationality is fine
        if target.kind == SEAT and (m.dateline or (m.span is not None and not clues.acts(m.span))):
            return False  # "visited Pyongyang": a place, geocoded later
        if target.kind == SEAT and key(surface) in SEATS_OF_BODIES and SEATS_OF_BODIES[key(surface)] in self.gaz.igos:
            target = Target(IGO, SEATS_OF_BODIES[key(surface)])  # "Brussels adopted sanctions": the EU
        if target.kind == IGO:
            info = self.gaz.igos[target.code]
            m.key = igo_id(info.code)
            templates.setdefault(m.key, Entity(m.key, info.name, "ORG", [], igo=info.code, extra={"kind": info.kind}))
        else:
            m.key = country_id(target.code)
            templates.setdefault(m.key, Entity(m.key, self.gaz.country_name(target.code), "GPE", [], country=target.code))
        m.ref = target
        return True

    # -- people ----------------------------------------------------------------------
    def _dictionary_person(self, m: Mention, day: date, strict: bool = False) -> Actor | None:
        span = clues.strip_titles(m.span) if m.span is not None and m.label == "PERSON" else None
        surface = span.text if span is not None else m.text
        actor = self.actors.lookup(surface, day)
        if actor is not None and strict and len(surface_key(surface).split()) < 2:
            return None  # a single word tagged as a place or body is not taken for a person
        return actor

    def _assign_person(self, m: Mention, actor: Actor, day: date, templates: dict[str, Entity]) -> None:
        m.key = actor.id
        m.label = "PERSON"
        m.ref = actor
        if m.key not in templates:
            office = actor.office_on(day)
            extra: dict[str, Any] = {"title": office.title} if office else {}
            country = actor.country
            if actor.igo:
                # the head of an international body acts for it, not for their country
                extra["nationality"] = actor.country
                country = None
            templates[m.key] = Entity(
                actor.id, actor.name, "PERSON", [], country=country, igo=actor.igo,
                role=office.role if office else None, extra=extra,
            )

    def _link_persons(self, ctx: Context, persons: list[Mention], day: date, templates: dict[str, Entity]) -> None:
        unresolved: list[Mention] = []
        for m in persons:
            actor = self._dictionary_person(m, day)
            if actor is not None:
                self._assign_person(m, actor, day, templates)
            else:
                unresolved.append(m)

        # full names first, so that short forms can join them
        unresolved.sort(key=lambda m: -len(_name_of(m).split()))
        for m in unresolved:
            name = _name_of(m)
            full = self._short_form_of(name, templates)
            if full is not None:
                m.key = full.id
                self._learn_person_context(m, full)
                continue
            m.key = person_id(name)
            entity = templates.get(m.key)
            if entity is None:
                entity = templates[m.key] = Entity(m.key, name, "PERSON", [])
            self._learn_person_context(m, entity)

    def _short_form_of(self, name: str, templates: dict[str, Entity]) -> Entity | None:
        """ "Kim" or "Kraev" -> the article's "Kim Jong Un" / "Alexander Kraev"."""
        words = name.split()
        candidates = []
        for entity in templates.values():
            if entity.type != "PERSON":
                continue
            full = entity.name.split()
            if len(full) > len(words) and _contains(full, words):
                candidates.append(entity)
        # a surname shared by two people in the article stays unresolved
        return candidates[0] if len(candidates) == 1 else None

    def _learn_person_context(self, m: Mention, entity: Entity) -> None:
        """Country and role from "Russian Defence Minister X" or "X, Russia's defence minister"."""
        if m.span is None or (entity.country and entity.role):
            return
        for context in (clues.left_context(m.span), clues.appositive(m.span), clues.of_phrase(m.span)):
            if context is None or not len(context):
                continue
            country = self._country_in(context.text)
            role = clues.role_from_text(context.text)
            if country and not entity.country:
                entity.country = country
            if role and not entity.role:
                entity.role = role
                if country or entity.country:
                    entity.extra.setdefault("title", context.text.strip(" ,"))

    def _link_organisation(self, m: Mention, templates: dict[str, Entity]) -> None:
        """ "Russian Defence Ministry", "Rwanda's defence ministry": a body of a country."""
        if m.span is None:
            return
        context = clues.left_context(m.span, max_tokens=3)
        text = f"{context.text} {m.text}" if len(context) else m.text
        country = self._country_in(text)
        if country is None:
            return
        name = surface_key(m.text)
        m.key = org_id(name, country)
        role = clues.role_from_text(text) or ("GOV" if any(w in name.lower() for w in ("ministry", "government", "cabinet")) else None)
        m.ref = Target(INSTITUTION, country, role, name)
        templates.setdefault(m.key, Entity(m.key, name, "ORG", [], country=country, role=role))

    def _country_in(self, text: str) -> str | None:
        words = text.replace("'s", " 's").replace("-", " ").split()
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                for target in self.gaz.lookup(" ".join(words[i : i + n])):
                    if target.kind in {COUNTRY, DEMONYM, SEAT}:
                        return target.code
        return None

    # -- places ------------------------------------------------------------------------
    def _link_place(self, ctx: Context, m: Mention, article_countries: set[str], templates: dict[str, Entity]) -> None:
        surface = surface_key(m.text)
        if key(surface) in _COMMON and m.label not in PLACE_LABELS:
            return
        place = self.places.resolve(surface, article_countries)
        if place is None:
            # a seat not acting, unknown to geonames: still its country's place
            seat = next((t for t in self.gaz.lookup(surface) if t.kind == SEAT), None)
            if seat is None:
                return
            m.key = place_id(surface)
            templates.setdefault(m.key, Entity(m.key, surface, "GPE", [], country=seat.code))
            return
        m.key = _place_id(place)
        m.ref = place
        if m.key not in templates:
            templates[m.key] = Entity(m.key, place.name, m.label if m.label in PLACE_LABELS else "GPE", [],
                                      country=place.country, extra={"geonames_id": place.geonames_id})
            ctx.locations.append(place.as_record())

    # -- "the French president" ---------------------------------------------------------------
    def _office_phrases(self, ctx: Context, day: date, templates: dict[str, Entity]) -> None:
        added = []
        for m in ctx.mentions:
            if m.span is None or not isinstance(m.ref, Target) or m.ref.kind not in {COUNTRY, DEMONYM}:
                continue
            phrase = clues.office_phrase_after(m.span)
            if phrase is None:
                continue
            actor = self.actors.holder(m.ref.code, phrase.text, day)
            if actor is None:
                continue
            mention = Mention(
                text=phrase.text, label="PERSON", field=m.field, start=phrase.start_char, end=phrase.end_char,
                sentence_index=m.sentence_index, span=phrase,
            )
            self._assign_person(mention, actor, day, templates)
            added.append(mention)
        ctx.mentions.extend(added)


_COMMON = frozenset({"state", "region", "city"})


def _place_id(place: Place) -> str:
    """``place:<geonames id>`` (every place of the index has one; else its name's slug)."""
    return place_id(place.geonames_id if place.geonames_id is not None else place.name)


def _name_of(m: Mention) -> str:
    if m.span is not None:
        return surface_key(clues.strip_titles(m.span).text)
    return surface_key(m.text)


def _contains(full: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(full[i : i + n] == part for i in range(len(full) - n + 1))


def _pick(targets: list[Target], label: str) -> Target:
    """Prefer the reading NER's label supports: a demonym for NORP, a body for ORG."""
    order = {
        "NORP": (DEMONYM, COUNTRY, SEAT, INSTITUTION, IGO),
        "ORG": (IGO, INSTITUTION, COUNTRY, SEAT, DEMONYM),
    }.get(label, (COUNTRY, SEAT, INSTITUTION, IGO, DEMONYM))
    return min(targets, key=lambda t: order.index(t.kind) if t.kind in order else 99)
