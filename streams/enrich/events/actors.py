"""Event actors: the linked entities a noun phrase of the body names.

Contract: :class:`ActorFinder` maps a head token to the :class:`Actor` (s) its phrase
names — the linked mention itself, an actor-like modifier ("North Korean troops",
"Russia's defence ministry", "Israeli and Hamas negotiators"), "the government of
Japan", an apposition ("Moraes, the Brazilian justice"), or a group named by its role
noun ("protesters", "gunmen"). Pronouns and definite descriptions are left to
:mod:`streams.enrich.events.discourse` through the ``resolver`` hook. Role nouns come
from the lexicon's data (``classes.role_nouns``), not from code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from streams.contracts.ids import group_id, is_kind
from streams.enrich.context import Context, Entity, Mention
from streams.enrich.events.tree import kids, sentence
from streams.enrich.linking.gazetteer import Target

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# "a spokesman for the Algerian government" speaks for it; most role nouns with "for" do not belong to
# what follows ("troops for Ukraine", "the minister for Europe")
SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative", "representatives"})
SIDE_ADJECTIVES = frozenset({"loyal", "allied", "faithful", "affiliated", "aligned", "close", "linked", "belonging"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "from", "during", "off", "around", "across", "along"})


@dataclass(frozen=True, slots=True)
class Actor:
    entity_id: str
    name: str
    country: str | None
    igo: str | None
    role: str | None
    is_place: bool = False
    place_name: str | None = None
    kind: str = "other"  # person, country, igo, org, group, place
    via_modifier: bool = False  # named by a modifier of a head that is no actor noun ("French film", "a Brazilian midfielder")

    def as_record(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id, "name": self.name, "country": self.country, "igo": self.igo, "role": self.role}

    @property
    def key(self) -> str | None:
        """What the event's dyad is about: the country, or IGO:<code>."""
        if self.igo:
            return f"IGO:{self.igo}"
        return self.country


# participles after a hyphen that name a supporter or a place, not who the head is: "the UN-backed government",
# "Iran-backed militias", "the Washington-based lender" (where "the Saudi-led coalition" is Saudi)
SUPPORTER_PARTICIPLES = frozenset({"backed", "based", "born", "allied", "funded", "sponsored", "supported", "armed", "trained",
                                   "financed", "aligned", "affiliated", "linked", "inspired", "friendly", "recognised",
                                   "recognized", "installed", "appointed", "headquartered"})


def _supporter(m: Mention) -> bool:
    """The mention is the left part of a hyphenated supporter participle: "UN" in "the UN-backed government"."""
    if m.span is None:
        return False
    doc, end = m.span.doc, m.span.end
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in SUPPORTER_PARTICIPLES


def unique(actors: list[Actor]) -> list[Actor]:
    out: dict[str, Actor] = {}
    for a in actors:
        out.setdefault(a.entity_id, a)
    return list(out.values())


class ActorFinder:
    """Maps tokens of the body to the linked entities their phrase names."""

    def __init__(self, ctx: Context, doc: Doc, role_nouns: dict[str, str], quantity_nouns: frozenset[str],
                 victim_nouns: frozenset[str]) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in ctx.entities}
        self.by_token: dict[int, Mention] = {}
        self.noun_role = role_nouns
        self.quantity_nouns = quantity_nouns
        self.victim_nouns = victim_nouns
        self.resolver: Callable[[Token], list[Actor]] | None = None
        self._actors: dict[tuple[str, str | None, str | None], Actor | None] = {}
        for m in ctx.mentions:
            if m.field == "body" and m.span is not None and m.key and not m.dateline:
                for i in range(m.span.start, m.span.end):
                    self.by_token[i] = m

    def actor_of(self, m: Mention, head_noun: Token | None = None) -> Actor | None:
        noun = head_noun.lower_ if head_noun is not None and head_noun.lower_ in self.noun_role else None
        ref_role = m.ref.role if isinstance(m.ref, Target) and m.ref.role else None
        # what the actor depends on: every mention of an entity in the same role is one (immutable) actor
        entity_id = m.key or ""
        key = (entity_id, ref_role, noun)
        if key in self._actors:
            return self._actors[key]
        got = self._actors[key] = self._actor_of(entity_id, ref_role, noun)
        return got

    def _actor_of(self, entity_id: str, ref_role: str | None, head_noun: str | None) -> Actor | None:
        e = self.entities.get(entity_id)
        if e is None:
            return None
        is_place = is_kind(e.id, "place")
        role = e.role
        if ref_role:
            role = ref_role
        if head_noun is not None:
            role = self.noun_role[head_noun]
        if is_place:
            return Actor(e.id, e.name, e.country, e.igo, role, True, e.name, "place")
        if e.type == "PERSON":
            return Actor(e.id, e.name, e.country, e.igo, role, kind="person")
        if is_kind(e.id, "country"):
            return Actor(e.id, e.name, e.country, e.igo, role, kind="country")
        if is_kind(e.id, "igo"):
            return Actor(e.id, e.name, e.country, e.igo, role, kind="igo")
        if e.country or e.igo:  # an organisation the linker gave a country
            return Actor(e.id, e.name, e.country, e.igo, role, kind="org")
        return None

    def actors(self, tok: Token, with_conj: bool = False) -> list[Actor]:
        """The actor(s) a noun phrase headed by ``tok`` names, coordinated ones included if asked."""
        heads = [tok]
        if with_conj:
            heads += [c for c in tok.subtree if c.dep_ == "conj" and c.head.i in {h.i for h in heads}]
        found: list[Actor] = []
        for head in heads:
            found += self.phrase_actors(head)
        return unique(found)

    def phrase_actors(self, head: Token, resolve: bool = True) -> list[Actor]:
        m = self.by_token.get(head.i)
        if m is not None:
            if _lone_demonym(head):
                return []  # "the Russian fought back", "a Swiss won": one person of that nationality, not the state
            a = self.actor_of(m)
            return [a] if a else []
        # "diplomats from seven Latin American countries, including Argentina, Chile and Peru": the members named
        # (before the modifiers, which describe the whole group)
        for prep in kids(head):
            if prep.dep_ == "prep" and prep.lower_ == "including":
                got = unique([a for p in kids(prep) if p.dep_ == "pobj" for x in _coordinated(p)
                              for a in self.phrase_actors(x, resolve=False)])
                if got:
                    return got
        found: list[Actor] = []
        named: list[Mention] = []
        # modifiers of the head: "North Korean troops", "Israeli and Hamas negotiators", "Russia's defence ministry"
        for child in kids(head):
            if child.dep_ == "amod" and child.i > head.i and child.lower_ not in SIDE_ADJECTIVES:
                # an adjective phrase after the noun says what they are about ("protesters angry over X's crisis"),
                # unless it says whose side they are on ("soldiers loyal to X")
                continue
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                for t in child.subtree:
                    mm = self.by_token.get(t.i)
                    if mm is not None and not _supporter(mm) and (a := self.actor_of(mm, head_noun=head)) is not None \
                            and a.key:  # "the Pacific nation": a region of no country is no party
                        found.append(a)
                        if mm not in named:
                            named.append(mm)
                if not found and child.dep_ == "poss" and child.tag_ == "PRP$" and resolve and self.resolver:
                    role = self.noun_role.get(head.lower_)
                    found += [_with_role(a, role) for a in self.resolver(child)]  # "its army", "their leaders"
        if len(named) == 2 and _stacked(named[0], named[1], head):
            # "Kosovo Serb protesters", "Bosnian Serb police": a people of the place named first, one party
            place_first = self.actor_of(named[0], head_noun=head)
            found = [a for a in found if place_first is not None and a.key == place_first.key]
        if found:
            if head.pos_ in {"NOUN", "PROPN"} and head.lower_ not in self.noun_role and head.lower_ not in self.quantity_nouns:
                found = [_via_modifier(a) for a in found]
            return unique(found)
        # "the government of Japan", "forces of Russia", "leaders of the two countries"
        if head.lower_ in self.noun_role or head.lower_ in self.quantity_nouns:
            for prep in kids(head):
                # "the government of Japan", "forces from Chad", "police in Brazil" (a country's own forces there)
                if prep.dep_ == "prep" and (prep.lower_ in {"of", "from"} or (prep.lower_ == "for" and head.lower_ in SPEAKS_FOR) or (
                        prep.lower_ == "in" and self.noun_role.get(head.lower_) in {"COP", "GOV", "CVL", "OPP", "MIL"})):
                    for p in kids(prep):
                        if p.dep_ == "pobj":
                            # "the foreign ministers of Greece and Macedonia": every coordinated country
                            got = unique([a for x in _coordinated(p) for a in self.phrase_actors(x, resolve)])
                            if got:
                                role = self.noun_role.get(head.lower_)
                                # "police in Tbilisi": the forces of the place's country
                                return unique([_place_country(a, role) if a.is_place and role in PLACE_ROLES else _with_role(a, role)
                                               for a in got])
        # "Alexandre de Moraes, the Brazilian Supreme Court justice"
        for child in kids(head):
            if child.dep_ == "appos":
                got = self.phrase_actors(child, resolve=False)
                if got:
                    return got
        if resolve and self.resolver is not None:
            return self.resolver(head)
        return []

    def nested_actors(self, tok: Token, depth: int = 4) -> list[Actor]:
        """An actor inside a phrase: "tankers in Russia's shadow fleet" -> Russia.

        A place reached through a locative preposition is where something happened, not
        who it happened to ("held talks in Doha"), unless the phrase names people
        ("pupils ... in Nigeria's Kaduna state": the victims are Nigeria's).
        """
        people = tok.lower_ in self.noun_role or tok.lower_ in self.victim_nouns
        frontier = [(tok, False)]
        for _ in range(depth):
            nxt = []
            for t, locative in frontier:
                for c in kids(t):
                    if c.dep_ not in {"prep", "pobj", "poss", "compound", "amod", "nmod", "appos", "acl"}:
                        continue
                    via_locative = locative or (c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS)
                    found = [a for a in self.phrase_actors(c, resolve=False) if not (a.is_place and via_locative and not people)]
                    if found:
                        return found
                    nxt.append((c, via_locative))
            frontier = nxt
        return []

    def generic_actor(self, head: Token, fallback_country: str | None = None,
                      exclude: set[str] | frozenset[str] = frozenset()) -> Actor | None:
        """ "Protesters rallied in Tbilisi", "Gunmen abducted …": a group named by its role noun,
        of the country where the sentence happens (if any), else of the article's main country."""
        if head.lower_ in self.quantity_nouns:  # "thousands of protesters"
            head = next((p for prep in kids(head) if prep.dep_ == "prep" and prep.lower_ == "of"
                         for p in kids(prep) if p.dep_ == "pobj"), head)
        role = self.noun_role.get(head.lower_)
        if role is None:
            return None
        places = [p for p in self.places_in(sentence(head)) if p.country not in exclude]  # not the party acted on
        country = places[0].country if places else fallback_country
        if country is None:
            return None
        return Actor(group_id(head.lower_, country), head.text, country, None, role, kind="group")

    def places_in(self, sent: Span) -> list[Actor]:
        out = []
        for i in range(sent.start, sent.end):
            m = self.by_token.get(i)
            if m is not None and is_kind(m.key or "", "place"):
                a = self.actor_of(m)
                if a is not None:
                    out.append(a)
        return unique(out)

    def sentence_actors(self, sent: Span) -> list[tuple[int, Actor]]:
        """(token index, actor) of every linked mention in the sentence, places included, in order."""
        out: list[tuple[int, Actor]] = []
        last: Mention | None = None
        for i in range(sent.start, sent.end):
            m = self.by_token.get(i)
            if m is None or m is last:
                continue
            last = m
            a = self.actor_of(m)
            if a is not None and not _supporter(m):  # "the Washington-based lender" names no party
                out.append((i, a))
        return out


def _stacked(first: Mention, second: Mention, head: Token) -> bool:
    """Two names stacked right before the head with nothing between them ("Kosovo Serb protesters"): no "and",
    no comma, no hyphen, the second a people's name."""
    if first.span is None or second.span is None:
        return False
    return (first.span.end == second.span.start and second.span.end == head.i and second.label == "NORP"
            and first.span.start < second.span.start)


def _via_modifier(a: Actor) -> Actor:
    return Actor(a.entity_id, a.name, a.country, a.igo, a.role, a.is_place, a.place_name, a.kind, True)


def _lone_demonym(tok: Token) -> bool:
    """A singular nationality word standing alone as a noun phrase ("the Russian", "the 24-year-old Swiss")."""
    return (tok.ent_type_ == "NORP" and tok.tag_ in {"NNP", "NN", "JJ", "NNPS"}
            and (not tok.lower_.endswith("s") or tok.lower_.endswith("ss"))
            and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos"}
            and any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in kids(tok)))


def _coordinated(tok: Token) -> list[Token]:
    out = [tok]
    for t in out:
        out += [c for c in kids(t) if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN"} and c not in out]
    return out


PLACE_ROLES = frozenset({"COP", "GOV", "MIL"})


def country_actor(code: str, role: str | None = None) -> Actor:
    """The country ``code`` as an actor (named from the gazetteer, as the linker names country entities)."""
    from streams.contracts.ids import country_id
    from streams.enrich.linking.gazetteer import load_gazetteer

    return Actor(country_id(code), load_gazetteer().country_name(code), code, None, role, kind="country")


def _place_country(a: Actor, role: str | None) -> Actor:
    """The country of a place, acting through its forces or officials there ("police in Tbilisi")."""
    return country_actor(a.country, role) if a.country else a


def _with_role(a: Actor, role: str | None) -> Actor:
    if role is None or a.is_place:
        return a
    return Actor(a.entity_id, a.name, a.country, a.igo, role, a.is_place, a.place_name, a.kind, a.via_modifier)
