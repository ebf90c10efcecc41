"""Stage: CAMEO-coded events from the dependency parse of the body.

For each sentence, a trigger (a verb or noun lemma of the lexicon) is coded
with the actors its syntax gives it: subject -> source and object or
prepositional complement -> target (the agent and the patient swap in the
passive), subjects inherited across coordinated verbs ("visited Pyongyang and
signed ..."), possessors of nominal events ("Putin's visit to Pyongyang").
Actors are the linker's entities; a demonym with a head noun ("North Korean
troops") is its country with the noun's role. Asserted events go to
``events``; everything else to ``claims`` with its factuality.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from streams.contracts.ids import country_id, group_id, is_kind
from streams.enrich.context import Context, Entity, Mention
from streams.enrich.events import dates
from streams.enrich.events.factuality import ASSERTED, Factuality, assess
from streams.enrich.events.ontology import Ontology, Trigger, load_ontology
from streams.enrich.linking.gazetteer import Target, load_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Head nouns that give a country mention a role: "Russian troops", "Chinese officials".
ROLE_NOUNS = {
    "MIL": {"troops", "troop", "soldiers", "soldier", "forces", "force", "army", "military", "navy", "jets", "warplanes",
            "drones", "artillery", "units", "battalion", "brigade", "commanders", "commander", "generals", "marines", "warships",
            "fighters", "militaries"},
    "GOV": {"government", "officials", "official", "authorities", "ministry", "minister", "ministers", "leaders", "leader",
            "diplomats", "administration", "cabinet", "regime", "president", "envoy", "delegation", "negotiators"},
    "COP": {"police", "policemen", "officers", "security"},
    "REB": {"rebels", "militants", "insurgents", "fighters", "militia", "militias", "guerrillas", "gunmen", "jihadists"},
    "JUD": {"court", "judge", "judges", "prosecutors", "prosecutor", "tribunal"},
    "CVL": {"protesters", "protestors", "demonstrators", "rioters", "crowds", "crowd", "civilians", "citizens", "people", "residents", "villagers", "students", "workers"},
    "OPP": {"opposition", "dissidents", "activists"},
    "BUS": {"companies", "firms", "company", "firm", "businesses"},
}
NOUN_ROLE = {noun: role for role, nouns in ROLE_NOUNS.items() for noun in nouns}
INTENT_CODES = {"045": "039", "04": "036", "05": "032", "06": "031", "08": "035", "070": "033", "071": "0331", "072": "0332",
                "073": "0333", "074": "0334"}
SUBJECT = {"nsubj", "csubj"}
QUANTITY_NOUNS = frozenset({"thousands", "hundreds", "dozens", "scores", "tens", "millions", "crowds", "groups"})
CLAUSE_TARGET_ROOTS = frozenset({"02", "10", "11", "12", "13"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "from", "during", "off", "around"})
VICTIM_NOUNS = frozenset({"pupils", "students", "children", "villagers", "civilians", "people", "residents", "refugees",
                          "hostages", "prisoners", "worshippers", "passengers", "migrants", "journalists", "women", "men"})
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "08"})
THREAT_VERBS = frozenset({"threaten", "warn"})
AERIAL_WORDS = frozenset({"air", "airstrike", "airstrikes", "drone", "drones", "missile", "missiles", "jets", "jet", "warplanes",
                          "warplane", "bomb", "bombs", "bombed", "bombing", "aircraft", "helicopter", "helicopters", "rocket", "rockets"})
ARTILLERY_WORDS = frozenset({"artillery", "shelling", "shelled", "shells", "tank", "tanks", "mortar", "mortars", "howitzer"})
SMALL_ARMS_WORDS = frozenset({"gunfire", "gunmen", "rifles", "shot", "shooting", "sniper", "snipers"})
PASSIVE_SUBJECT = {"nsubjpass", "csubjpass"}


@dataclass(frozen=True, slots=True)
class Actor:
    entity_id: str
    name: str
    country: str | None
    igo: str | None
    role: str | None
    is_place: bool = False
    place_name: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id, "name": self.name, "country": self.country, "igo": self.igo, "role": self.role}


class EventCoder:
    def __init__(self, ontology: Ontology | None = None) -> None:
        self.onto = ontology or load_ontology()

    def versions(self) -> dict[str, str]:
        return {"ontology_version": self.onto.version}

    # -- the stage ----------------------------------------------------------------------
    def code(self, ctx: Context) -> None:
        doc = ctx.docs.get("body")
        if doc is None:
            return
        finder = _ActorFinder(ctx, doc)
        seen: set[str] = set()
        for sent_index, sent in enumerate(doc.sents):
            items: list[dict[str, Any]] = []
            for tok in sent:
                trigger = self._trigger(tok)
                if trigger is not None:
                    items += self._code_trigger(ctx, finder, tok, trigger, sent, sent_index)
            for item in _drop_generic_duplicates(items):
                if item["id"] in seen:
                    continue
                seen.add(item["id"])
                (ctx.events if item["factuality"] == ASSERTED else ctx.claims).append(item)

    def _trigger(self, tok: Token) -> Trigger | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            return self.onto.verbs.get(lemma)
        if tok.pos_ == "NOUN":
            return self.onto.nouns.get(lemma) or self.onto.nouns.get(tok.lower_)
        return None

    # -- one trigger -----------------------------------------------------------------------
    def _code_trigger(self, ctx: Context, finder: _ActorFinder, tok: Token, trig: Trigger, sent: Span, sent_index: int) -> list[dict[str, Any]]:
        nominal = tok.pos_ == "NOUN"
        passive = not nominal and any(c.dep_ in PASSIVE_SUBJECT or c.dep_ == "auxpass" for c in tok.children)

        theme_tokens = self._themes(tok, passive, nominal)
        object_words = [t.text for th in theme_tokens for t in th.subtree]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in {"with", "of", "in"}:
                object_words += [t.text for t in c.subtree]
        cls = self.onto.object_class(object_words)
        code = trig.objects.get(cls) if cls else None
        if code is None:
            if trig.needs_object:
                return []
            code = trig.code
        if code is None:
            return []

        sources = self._sources(finder, tok, passive, nominal)
        if not sources:
            return []
        targets: list[Actor] = []
        place: Actor | None = None
        if trig.target_from_object:
            for th in theme_tokens:
                targets += finder.actors(th) or finder.nested_actors(th)
        # complements of the trigger, and of its object ("signed an agreement with Kim")
        for head in [tok, *theme_tokens]:
            for c in head.children:
                if c.dep_ == "dative" and c.pos_ != "ADP":  # "gave Ukraine weapons"
                    targets += finder.actors(c)
                if c.dep_ in {"prep", "dative"} and c.lower_ in trig.target_preps:  # "sent shells to Russia"
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets += finder.actors(p, with_conj=True) or finder.nested_actors(p)
        if not targets and code[:2] in CLAUSE_TARGET_ROOTS:
            # "demanded that the US cancel ...", "urged Iran to ...": the subject of the complement clause
            for c in tok.children:
                if c.dep_ in {"ccomp", "xcomp"}:
                    for subj in c.children:
                        if subj.dep_ in SUBJECT | PASSIVE_SUBJECT:
                            targets += finder.actors(subj, with_conj=True)
        # a place as target ("visited Pyongyang") is its country, and the event's location
        resolved_targets: list[Actor] = []
        for t in targets:
            if t.is_place:
                place = place or t
                if t.country:
                    resolved_targets.append(Actor(country_id(t.country), country_name(t.country), t.country, None, None))
            else:
                resolved_targets.append(t)
        targets = _unique(resolved_targets) or []

        code = self._refine_violence(code, object_words, sent)
        words = {w.lower() for w in object_words} | {c.lower_ for c in tok.children}
        if code == "150" and "joint" in words:
            code = "062"  # joint exercises are military cooperation
        if code == "040" and words & {"phone", "telephone", "call", "video"} | {t.lower_ for t in tok.subtree} & {"phone", "telephone"}:
            code = "041"
        if not targets and code[:2] == "14":
            # a protest with no named target is aimed at the government where it happens
            for a in finder.places_in(sent):
                if a.country:
                    targets = [Actor(country_id(a.country), country_name(a.country), a.country, None, "GOV")]
                    break
        fact = assess(tok)
        if fact.value == "intended" and fact.governor is not None and fact.governor.lemma_.lower() in THREAT_VERBS:
            # "threatened to strike": the threat is the event (CAMEO 13x), not an intention
            code = "138" if code[:2] in {"15", "17", "18", "19", "20"} else "130"
            fact = Factuality(ASSERTED)
        reported_by = None
        if fact.reported_by is not None:
            rb = finder.actors(fact.reported_by)
            reported_by = rb[0].as_record() if rb else None
        location = self._location(ctx, finder, tok, sent, place)
        date = self._date(ctx, tok, sent)
        items = []
        pairs: list[tuple[Actor, Actor | None]]
        if not targets and len(sources) > 1 and code[:2] in SYMMETRIC_ROOTS:
            # "Israeli and Hamas negotiators held talks": each side acts on the other
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        else:
            dyad_targets: list[Actor | None] = list(targets) or [None]
            pairs = [(src, tgt) for src in sources for tgt in dyad_targets]
        for src, tgt in pairs:
            if tgt is not None and _same_actor(src, tgt):
                continue
            items.append(self._record(ctx, code, src, tgt, fact, reported_by, location, date, sent, sent_index, trig, tok))
        return items

    def _refine_violence(self, code: str, object_words: list[str], sent: Span) -> str:
        """Generic fighting (190) becomes aerial (195), artillery (194) or small arms (193) when the sentence says so."""
        if code != "190":
            return code
        words = {w.lower() for w in object_words} | {t.lower_ for t in sent}
        if words & AERIAL_WORDS:
            return "195"
        if words & ARTILLERY_WORDS:
            return "194"
        if words & SMALL_ARMS_WORDS:
            return "193"
        return code

    def _themes(self, tok: Token, passive: bool, nominal: bool) -> list[Token]:
        if nominal:
            return [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of"} for c in c.children if c.dep_ == "pobj"]
        deps = PASSIVE_SUBJECT if passive else {"dobj", "attr", "oprd"}
        themes = [c for c in tok.children if c.dep_ in deps]
        for th in list(themes):
            themes += [c for c in th.children if c.dep_ == "conj"]
        return themes

    def _sources(self, finder: _ActorFinder, tok: Token, passive: bool, nominal: bool) -> list[Actor]:
        if nominal:
            found: list[Actor] = []
            for c in tok.children:
                if c.dep_ in {"poss", "compound", "amod", "nmod"}:
                    found += finder.actors(c)
                if c.dep_ == "prep" and c.lower_ == "by":
                    found += [a for p in c.children if p.dep_ == "pobj" for a in finder.actors(p)]
            return [a for a in _unique(found) if not a.is_place]
        if passive:
            agents = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            found = [a for p in agents for a in finder.actors(p) if not a.is_place]
            return found or [a for p in agents if (a := finder.generic_actor(p)) is not None]
        verb: Token | None = tok
        for _ in range(5):  # inherit the subject across coordination, xcomp, "ready to" and relative clauses
            if verb is None:
                break
            subjects = [c for c in verb.children if c.dep_ in SUBJECT]
            if subjects:
                actors = [a for s in subjects for a in finder.actors(s, with_conj=True)]
                if not actors and all(s.tag_ == "PRP" for s in subjects):
                    actors = self._speaker(finder, verb)  # "Germany said it was ready to ..."
                if not actors:
                    actors = [a for s in subjects if (a := finder.generic_actor(s)) is not None]
                return [a for a in _unique(actors) if not a.is_place]
            if verb.dep_ == "relcl":
                return [a for a in finder.actors(verb.head) if not a.is_place]
            verb = verb.head if verb.dep_ in {"conj", "xcomp", "advcl", "acomp"} and verb.head is not verb else None
        return []

    def _speaker(self, finder: _ActorFinder, verb: Token) -> list[Actor]:
        """A pronoun subject in reported speech refers to the speaker: the nearest governing subject."""
        head = verb
        for _ in range(4):
            if head.dep_ not in {"ccomp", "conj", "xcomp", "acomp"} or head.head is head:
                return []
            head = head.head
            subjects = [c for c in head.children if c.dep_ in SUBJECT and c.tag_ != "PRP"]
            if subjects:
                return [a for s in subjects for a in finder.actors(s, with_conj=True)]
        return []

    def _location(self, ctx: Context, finder: _ActorFinder, tok: Token, sent: Span, place: Actor | None) -> dict[str, Any] | None:
        if place is not None:
            return {"name": place.place_name or place.name, "country": place.country}
        candidates = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "near", "outside", "inside"}]
        for prep in candidates:
            for p in prep.children:
                for a in finder.actors(p):
                    if a.is_place:
                        return {"name": a.place_name or a.name, "country": a.country}
        for a in finder.places_in(sent):
            return {"name": a.place_name or a.name, "country": a.country}
        return None

    def _date(self, ctx: Context, tok: Token, sent: Span) -> str:
        date_ents = [e for e in sent.ents if e.label_ in {"DATE", "TIME"}]
        clause = {t.i for t in tok.subtree}
        # an expression in the trigger's own clause wins ("said on Monday that ... in September"), then the nearest
        for ent in sorted(date_ents, key=lambda e: (e.root.i not in clause, abs(e.start - tok.i))):
            resolved = dates.resolve(ent.text, ctx.reference_time)
            if resolved:
                return resolved
        return ctx.reference_time.strftime("%Y-%m-%d")

    def _record(self, ctx: Context, code: str, src: Actor, tgt: Actor | None, fact: Factuality, reported_by: dict[str, Any] | None,
                location: dict[str, Any] | None, date: str, sent: Span, sent_index: int, trig: Trigger, tok: Token) -> dict[str, Any]:
        if fact.value == "intended" or (fact.value == "future" and code.startswith("04")):
            code = INTENT_CODES.get(code, INTENT_CODES.get(code[:2], code))
        c = self.onto.code(code)
        if location is None:
            anchor = tgt or src
            if anchor.country:
                location = {"name": country_name(anchor.country), "country": anchor.country}
        confidence = 0.55 + (0.2 if tgt else 0.0) + (0.1 if not trig.needs_object else 0.05) + (0.05 if src.role else 0.0)
        if reported_by:
            confidence -= 0.1
        src_key, tgt_key = src.entity_id, (tgt.entity_id if tgt else "-")
        digest = hashlib.sha256(f"{ctx.article.id}|{sent_index}|{code}|{src_key}|{tgt_key}".encode()).hexdigest()[:20]
        record: dict[str, Any] = {
            "id": f"ev-{digest}",
            "code": c.code, "root": c.root, "label": c.label, "quad_class": c.quad_class, "goldstein": c.goldstein,
            "plover": c.plover, "plover_mode": c.plover_mode,
            "source": src.as_record(), "target": tgt.as_record() if tgt else None,
            "location": location, "date": date,
            "evidence": sent.text.strip()[:400], "sentence_index": sent_index,
            "trigger": tok.text,
            "confidence": round(max(0.05, min(confidence, 0.95)), 2),
            "factuality": fact.value,
        }
        if reported_by:
            record["reported_by"] = reported_by
        return record


def _drop_generic_duplicates(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "threatened to strike Iran" yields 130 (the verb) and 138 (the threatened act): keep the
    specific one. A generic code is dropped when the same source has a more specific code of the
    same root in the sentence."""
    def src(e: dict[str, Any]) -> str:
        return str((e.get("source") or {}).get("entity_id"))

    out = []
    for e in items:
        generic = e["code"].endswith("0") and len(e["code"]) == 3
        if generic and any(o is not e and o["root"] == e["root"] and o["code"] != e["code"] and src(o) == src(e)
                           and o["factuality"] == e["factuality"] for o in items):
            continue
        out.append(e)
    return out


def country_name(code: str) -> str:
    # the linker names country entities from the same (cached) gazetteer
    return load_gazetteer().country_name(code)


def _same_actor(a: Actor, b: Actor) -> bool:
    """An actor acting on itself is no event ("Russia's army defended Russia")."""
    if a.entity_id == b.entity_id:
        return True
    return bool(a.country and a.country == b.country and not a.igo and not b.igo and a.role == b.role)


def _unique(actors: list[Actor]) -> list[Actor]:
    out: dict[str, Actor] = {}
    for a in actors:
        out.setdefault(a.entity_id, a)
    return list(out.values())


class _ActorFinder:
    """Maps tokens of the body to the linked entities their phrase names."""

    def __init__(self, ctx: Context, doc: Doc) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in ctx.entities}
        self.by_token: dict[int, Mention] = {}
        for m in ctx.mentions:
            if m.field == "body" and m.span is not None and m.key and not m.dateline:
                for i in range(m.span.start, m.span.end):
                    self.by_token[i] = m

    def _actor(self, m: Mention, head_noun: Token | None = None) -> Actor | None:
        e = self.entities.get(m.key or "")
        if e is None:
            return None
        is_place = is_kind(e.id, "place")
        role = e.role
        if isinstance(m.ref, Target) and m.ref.role:
            role = m.ref.role
        if head_noun is not None and head_noun.lower_ in NOUN_ROLE:
            role = NOUN_ROLE[head_noun.lower_]
        if e.type == "PERSON" or is_kind(e.id, "country", "igo") or is_place:
            return Actor(e.id, e.name, e.country, e.igo, role, is_place, e.name if is_place else None)
        if e.country:  # an organisation the linker gave a country
            return Actor(e.id, e.name, e.country, e.igo, role)
        return None

    def actors(self, tok: Token, with_conj: bool = False) -> list[Actor]:
        """The actor(s) a noun phrase headed by ``tok`` names, coordinated ones included if asked."""
        heads = [tok]
        if with_conj:
            heads += [c for c in tok.subtree if c.dep_ == "conj" and c.head.i in {h.i for h in heads}]
        found: list[Actor] = []
        for head in heads:
            found += self._phrase_actors(head)
        return _unique(found)

    def _phrase_actors(self, head: Token) -> list[Actor]:
        m = self.by_token.get(head.i)
        if m is not None:
            a = self._actor(m)
            return [a] if a else []
        found: list[Actor] = []
        # modifiers of the head: "North Korean troops", "Israeli and Hamas negotiators", "Russia's defence ministry"
        for child in head.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                for t in child.subtree:
                    mm = self.by_token.get(t.i)
                    if mm is not None and (a := self._actor(mm, head_noun=head)) is not None:
                        found.append(a)
        if found:
            return _unique(found)
        # "the government of Japan", "forces of Russia"
        if head.lower_ in NOUN_ROLE:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for p in prep.children:
                        mm = self.by_token.get(p.i)
                        if mm is not None and (a := self._actor(mm, head_noun=head)) is not None:
                            return [a]
        return []

    def nested_actors(self, tok: Token, depth: int = 4) -> list[Actor]:
        """An actor inside a phrase: "tankers in Russia's shadow fleet" -> Russia.

        A place reached through a locative preposition is where something happened, not
        who it happened to ("held talks in Doha"), unless the phrase names people
        ("pupils ... in Nigeria's Kaduna state": the victims are Nigeria's).
        """
        people = tok.lower_ in NOUN_ROLE or tok.lower_ in VICTIM_NOUNS
        frontier = [(tok, False)]
        for _ in range(depth):
            nxt = []
            for t, locative in frontier:
                for c in t.children:
                    if c.dep_ not in {"prep", "pobj", "poss", "compound", "amod", "nmod", "appos"}:
                        continue
                    via_locative = locative or (c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS)
                    found = [a for a in self._phrase_actors(c) if not (a.is_place and via_locative and not people)]
                    if found:
                        return found
                    nxt.append((c, via_locative))
            frontier = nxt
        return []

    def generic_actor(self, head: Token) -> Actor | None:
        """ "Protesters rallied in Tbilisi", "Gunmen abducted …": a group named by its role,
        of the country where the sentence happens (if any), else of no known country."""
        if head.lower_ in QUANTITY_NOUNS:  # "thousands of protesters"
            head = next((p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                         for p in prep.children if p.dep_ == "pobj"), head)
        role = NOUN_ROLE.get(head.lower_)
        if role is None or role == "GOV":
            return None  # "officials said" with no country is too vague to code
        places = self.places_in(head.sent)
        country = places[0].country if places else None
        return Actor(group_id(head.lower_, country), head.text, country, None, role)

    def places_in(self, sent: Span) -> list[Actor]:
        out = []
        for i in range(sent.start, sent.end):
            m = self.by_token.get(i)
            if m is not None and is_kind(m.key or "", "place"):
                a = self._actor(m)
                if a is not None:
                    out.append(a)
        return _unique(out)
