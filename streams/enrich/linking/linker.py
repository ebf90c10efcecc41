"""Stage: resolve every mention to a canonical actor (country, IGO, person) or a place.

Order matters: countries and bodies first (they give people and places their
context), then people (dictionary, titles, short forms), then places, then
office phrases ("the French president") resolved by the article's date.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from streams.contracts.ids import country_id, igo_id, is_kind, org_id, person_id, place_id
from streams.enrich.context import FIELDS, Context, Entity, Mention
from streams.enrich.linking import context_clues as clues
from streams.enrich.linking import geo as geography
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
from streams.enrich.linking.name_spans import repair_person_spans
from streams.enrich.linking.people import Resolver, settle_people
from streams.enrich.linking.person_context import clue_for
from streams.enrich.linking.places import COMMON_WORD_CITIES, DIVISION, SEAS_AND_REGIONS, GeoContext, Place, PlaceIndex, load_places
from streams.enrich.mentions import surface_key

RULER_NAME = "streams_gazetteer"
RULER_CITY_POPULATION = 100_000
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BODY_LABELS = frozenset({"ORG", "FAC"})
# Head words of a local body named after its place ("Laurel County Detention Center", "Danbury Police").
BODY_HEADS = frozenset({
    "sheriff", "police", "department", "council", "court", "jail", "detention", "fire", "ems", "coroner", "office",
    "hospital", "schools", "board", "commission", "prosecutor", "attorney", "library", "borough", "constabulary",
    "magistrates", "assembly", "legislature", "city", "township", "municipality", "government", "administration",
})
# Cities that, acting, stand for an international body seated there rather than their country.
SEATS_OF_BODIES = {"brussels": "EU"}


class Linker:
    def __init__(self, gazetteer: Gazetteer, actors: ActorDictionary, places: PlaceIndex) -> None:
        self.gaz = gazetteer
        self.actors = actors
        self.places = places
        self._homonyms: frozenset[str] | None = None

    @property
    def homonyms(self) -> frozenset[str]:
        """Country names that are also another country's first-level division ("Georgia"), found once."""
        if self._homonyms is None:
            self._homonyms = geography.division_homonyms(self.gaz, self.places)
        return self._homonyms

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
        # spaCy's SpanRuler in entity mode ("future_entity_ruler"): the classic EntityRuler counts all its
        # 20,000 patterns on every call (__len__), which cost more than the matching itself
        ruler = nlp.add_pipe(
            "future_entity_ruler", name=RULER_NAME, before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False}
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
        self._dated: set[str] = set()  # dictionary people holding an office on the article's date
        repair_person_spans(ctx, self._names_a_country)
        geo = geography.prescan(ctx, self.gaz, self.places, self.homonyms)
        tagged_persons = [m for m in ctx.mentions if m.label == "PERSON"]
        dateline = geography.dateline_mention(ctx, self.places)
        if dateline is not None and geo.dateline is None:
            place = self.places.unambiguous(surface_key(dateline.text))
            if place is not None:
                geo.dateline = place.country
                geo.add_place(place)

        for m in ctx.mentions:
            if m.label == "PERSON" and key(surface_key(m.text)) in self.gaz.title_readings:
                m.label = "NORP"  # "Macedonian Prime Minister X": NER took the demonym for a name
            if m.label == "PERSON":
                if self.actors.lookup(m.text, day) is None and geography.lone_place_name(m, tagged_persons, self.places):
                    m.label = "GPE"  # "entered Kherson": NER took the town for a surname
                    deferred_places.append(m)
                    continue
                persons.append(m)
                continue
            actor = self._dictionary_person(m, day, strict=True)
            if actor is not None:
                self._assign_person(m, actor, day, templates)
                continue
            if m.label in PLACE_LABELS and not self.gaz.lookup(m.text) and geography.persons_surname(m, tagged_persons, self.places):
                m.label = "PERSON"  # "Bingham said": the article's Ryan Bingham, not a town
                persons.append(m)
                continue
            if not self._link_gazetteer(m, templates, geo) and m.label in PLACE_LABELS:
                deferred_places.append(m)

        if dateline is not None:
            ctx.mentions.append(dateline)
            deferred_places.append(dateline)
        for m in ctx.mentions:
            if m.key is None and m.label in {"ORG", "NORP"}:
                self._link_organisation(m, templates)
        self._link_persons(ctx, persons, day, templates)
        self._link_places(ctx, deferred_places, geo, templates)
        self._office_phrases(ctx, day, templates)
        settle_people(ctx, templates, self.gaz, self._dated)
        ctx.entities = list(templates.values())

    # -- countries, bodies, seats --------------------------------------------------------
    def _names_a_country(self, word: str) -> bool:
        """A word that is a country, demonym, seat or body name (never a person's name token)."""
        return bool(self.gaz.lookup(word)) and key(word) not in self.gaz.ambiguous

    def _link_gazetteer(self, m: Mention, templates: dict[str, Entity], geo: GeoContext) -> bool:
        surface = surface_key(m.text)
        targets = self.gaz.lookup(surface)
        if not targets:
            return False
        target = _pick(targets, m.label)
        if (target.kind == COUNTRY and key(surface) in self.homonyms
                and geography.division_wins(surface, target.code, geo, self.places) is not None):
            return False  # "Georgia" in a story about Atlanta: the US state, geocoded with the places
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
            country, igo = actor.affiliation_on(day)
            if igo:
                # an official of an international body acts for it; their own country is kept apart
                extra["nationality"] = actor.country
            if office is not None:
                self._dated.add(actor.id)
            templates[m.key] = Entity(
                actor.id, actor.name, "PERSON", [], country=country, igo=igo,
                # out of office that day, a politician of the actors file is still one: CAMEO's elite (ELI),
                # so that "Trump praised the decision" weeks before his term is a political act
                role=office.role if office else ("ELI" if actor.offices else None), extra=extra,
            )

    def _link_persons(self, ctx: Context, persons: list[Mention], day: date, templates: dict[str, Entity]) -> None:
        unresolved: list[Mention] = []
        resolver: list[Resolver] = []  # built once, again only after a person was assigned (all it reads)
        for m in persons:
            actor = self._dictionary_person(m, day) or self._respelt_person(ctx, m, persons, day, templates, resolver)
            if actor is not None:
                self._assign_person(m, actor, day, templates)
                resolver.clear()
            else:
                unresolved.append(m)

        # full names first, so that short forms can join them
        unresolved.sort(key=lambda m: -len(_name_of(m).split()))
        for m in unresolved:
            name = _name_of(m)
            full = self._short_form_of(name, templates)
            if full is not None:
                m.key = full.id
                continue
            m.key = person_id(name)
            if m.key not in templates:
                templates[m.key] = Entity(m.key, name, "PERSON", [])

    def _respelt_person(self, ctx: Context, m: Mention, persons: list[Mention], day: date,
                        templates: dict[str, Entity], resolver: list[Resolver]) -> Actor | None:
        """A dictionary office-holder spelt differently ("Russian Defence Minister Andrey Bilusov"),
        accepted only when the person's own title or apposition names the holder's country (and office)."""
        if m.span is None or len(_name_of(m).split()) < 2:
            return None
        spans = [p.span for p in persons if p.span is not None and p.field == m.field]
        if not resolver:
            resolver.append(Resolver(ctx, self.gaz, templates))
        clue = clue_for(m.span, resolver[0], spans)
        if clue is None or clue.country is None:
            return None
        return self.actors.fuzzy(_name_of(m), day, clue.country, clues.office_in(clue.title))

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
    def _link_places(self, ctx: Context, deferred: list[Mention], geo: GeoContext, templates: dict[str, Entity]) -> None:
        """Two passes: the places resolved first (and every linked country) become context for the second."""
        names = {key(surface_key(m.text)) for m in deferred}
        # a capital's name the article also uses as a place ("London police" and "in London") is no
        # evidence for its country: which London it is, is what the place step decides
        seat_only = {m.key for m in ctx.mentions if _seat_named(m, names)}
        seat_only -= {m.key for m in ctx.mentions if m.key and not _seat_named(m, names)}
        for e in templates.values():
            if e.country and not is_kind(e.id, "person") and e.id not in seat_only:
                geo.countries[e.country] += 1
        geo.neighbours = self.places.neighbours_of(list(geo.countries))
        # the place a local body is named after ("Enfield Council") says where the article is, too
        bodies = {_body_place_key(m) for m in ctx.mentions if m.key is None and m.label == "ORG"} - names - COMMON_WORD_CITIES - {""}
        where = {k: self.places.support_of(k) for k in names | bodies}
        total: Counter[str] = Counter()
        for support in where.values():
            total.update(support)
        for m in deferred:
            place = self.places.confident(surface_key(m.text), geo)
            if place is not None:
                geo.add_place(place)
        # where the article's other names could be, per name (once per article, not per mention)
        spots = {k: self.places.spots_of(k) for k in names | bodies}
        others = {own: [xy for k, xys in spots.items() if k != own for xy in xys] for own in names}
        for m in deferred:
            own = key(surface_key(m.text))
            geo.support = total - where[own]  # the other names' support only
            geo.spots = others[own]
            place = self._resolve_place(m, geo)
            if not self._state_of_the_name(m, place, geo, templates):
                self._link_place(ctx, m, place, templates)
        geo.support = total
        geo.spots = []
        for mention, place in geography.untagged_places(ctx, self.places, geo, self.gaz):
            ctx.mentions.append(mention)
            if not self._state_of_the_name(mention, place, geo, templates):
                self._link_place(ctx, mention, place, templates)
        for m in list(ctx.mentions):
            if m.key is None and m.label in BODY_LABELS:
                self._body_of_a_place(ctx, m, geo, templates)
        _same_name_same_place(ctx)
        ctx.mentions.sort(key=lambda m: (FIELDS.index(m.field), m.start))

    def _body_of_a_place(self, ctx: Context, m: Mention, geo: GeoContext, templates: dict[str, Entity]) -> None:
        """ "Metcalfe County Sheriff's Office", "Enfield Council", "Litchfield Superior Court": a local body
        named after a place (the words before its head word) belongs to that place's country, when the
        article names that country or the place is a first-level division. A place name NER took for
        a body right after a locative word ("born in Churchill", "the town of Karak") is that place when
        it lies in a division the article already places things in."""
        words = surface_key(m.text).split()
        if m.span is not None and m.span.start and m.label == "ORG":
            doc = m.span.doc
            after = doc[m.span.end].lower_ if m.span.end < len(doc) else ""
            if after in BODY_HEADS:
                words.append(after)  # "Danbury police": the head follows the mention
            elif doc[m.span.start - 1].lower_ in geography.LOCATIVE and not self.gaz.lookup(surface_key(m.text)):
                place = self.places.resolve(surface_key(m.text), geo)
                if place is not None and place.country and (place.country, place.admin1 or "") in geo.divisions | geo.places_in:
                    m.label = "GPE"  # only inside a division the article already places things in
                    self._link_place(ctx, m, place, templates)
                    return
        for n in range(len(words) - 1, 0, -1):
            if words[n].lower().removesuffix("'s") not in BODY_HEADS:
                continue
            place = self.places.resolve(" ".join(words[:n]), geo)
            if place is None or not place.country or not (geo.countries.get(place.country, 0) > 0 or place.kind == DIVISION):
                continue
            name = surface_key(m.text)
            m.key = org_id(name, place.country)
            m.ref = Target(INSTITUTION, place.country, None, name)
            templates.setdefault(m.key, Entity(m.key, name, "ORG", [], country=place.country))
            return

    def _state_of_the_name(self, m: Mention, place: Place | None, geo: GeoContext, templates: dict[str, Entity]) -> bool:
        """A place-tagged name that a state holds today ("Macedonia") is that state, unless the article
        places it in a country it names (Macedonia, Ohio in a story about Ohio)."""
        code = self.gaz.title_readings.get(key(surface_key(m.text)))
        if code is None or m.label not in PLACE_LABELS or (place is not None and place.country == code):
            return False
        if place is not None and ((place.country or "", place.admin1 or "") in geo.divisions or any(
                e.country == place.country and not is_kind(e.id, "person") and key(e.name) != key(place.name)
                for e in templates.values())):
            return False
        m.key = country_id(code)
        m.ref = Target(COUNTRY, code)
        templates.setdefault(m.key, Entity(m.key, self.gaz.country_name(code), "GPE", [], country=code))
        return True

    def _resolve_place(self, m: Mention, geo: GeoContext) -> Place | None:
        surface = surface_key(m.text)
        if key(surface) in _COMMON and m.label not in PLACE_LABELS:
            return None
        if m.label == "LOC" and key(surface) in SEAS_AND_REGIONS:
            return None  # "the Pacific nation": the ocean, not Pacific, Missouri
        if m.span is not None and m.span.start and m.span.doc[m.span.start - 1].lower_.rstrip(".") in HONORIFICS:
            return None  # "Mr Paterson": a person NER took for a town
        hint = geography.frame_hint(m, lambda text: self._division_or_country(text, geo))
        return self.places.resolve(surface, geo, hint)

    def _division_or_country(self, text: str, geo: GeoContext) -> Place | None:
        country = next((t for t in self.gaz.lookup(text) if t.kind == COUNTRY), None)
        if country is not None:
            return Place(text, country.code, None, None, None, 0, -1)  # kind -1: a country as a frame hint
        place = self.places.resolve(text, geo)
        return place if place is not None and place.kind == DIVISION else None

    def _link_place(self, ctx: Context, m: Mention, place: Place | None, templates: dict[str, Entity]) -> None:
        surface = surface_key(m.text)
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
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})


def _body_place_key(m: Mention) -> str:
    """The name key of the place a body's name opens with ("Enfield Council's" -> "enfield"), or ""."""
    words = surface_key(m.text).split()
    if len(words) < 2 or words[-1].lower().removesuffix("'s").removesuffix("’s") not in BODY_HEADS:
        return ""
    return key(" ".join(words[:-1]))


def _seat_named(m: Mention, names: set[str]) -> bool:
    """Is ``m`` a capital acting for its country under a name that the article also uses as a place?"""
    return isinstance(m.ref, Target) and m.ref.kind == SEAT and key(surface_key(m.text)) in names


def _same_name_same_place(ctx: Context) -> None:
    """A capital's name that the article geocodes elsewhere ("London" in an article set in London,
    Ontario) is that place in every mention, also where it acts ("London police said")."""
    placed: dict[str, Mention] = {}
    for m in ctx.mentions:
        if isinstance(m.ref, Place) and m.ref.country and m.key:
            placed.setdefault(key(surface_key(m.text)), m)
    for m in ctx.mentions:
        if isinstance(m.ref, Target) and m.ref.kind == SEAT:
            other = placed.get(key(surface_key(m.text)))
            if other is not None and isinstance(other.ref, Place) and other.ref.country != m.ref.code:
                m.key, m.ref = other.key, other.ref


def _place_id(place: Place) -> str:
    """``place:<geonames id>`` (every place of the index has one; else its name's slug)."""
    if place.geonames_id is not None:
        return place_id(place.geonames_id)
    # a division or county without a GeoNames id: its country keeps same-named ones apart
    return place_id(f"{place.name}-{place.country or ''}-{place.admin1 or ''}")


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
