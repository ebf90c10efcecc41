"""Stage: CAMEO-coded events from the dependency parse of the body, in three layers.

Contract: :meth:`EventCoder.code` fills ``ctx.events`` (asserted) and ``ctx.claims``
(hedged, denied, negated, future, hypothetical, intended) of an article whose entities
are linked. For each sentence:

1. :mod:`~streams.enrich.events.frames` turns the parse into predicate–argument frames
   (coordination, passives, relative clauses, light verbs already normalised);
2. :mod:`~streams.enrich.events.lexicon` codes each frame by a dictionary lookup of its
   lemma plus slot checks, and says which slots give the source and the target;
3. :mod:`~streams.enrich.events.discourse` resolves pronouns and definite descriptions
   and supplies a missing party from the article; :mod:`~streams.enrich.events.factuality`
   decides asserted or not.

Before coding, a verb whose lemma the model's tables got wrong ("staged" -> "stag") gets the lexicon's lemma
back on the Doc (:func:`~streams.enrich.events.lexicon.repair_lemma`); nothing after this stage reads lemmas.
Every event carries the ``lexicon_id`` of the entry that coded it. Compound actors give
one event per (source, target) pair; mutual acts (roots 03-06, 08) between the members
of one compound give one event per pair. An event noun with no party of its own in a
clause's "after"/"in" phrase borrows the clause's parties (:meth:`EventCoder._borrow_parties`).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from spacy.strings import get_string_id

from streams.enrich.context import Context
from streams.enrich.events import dates
from streams.enrich.events.actors import LOCATIVE_PREPS, Actor, ActorFinder, country_actor, unique
from streams.enrich.events.discourse import Discourse
from streams.enrich.events.factuality import APPEAL_VERBS, ASSERTED, Factuality, assess
from streams.enrich.events.frames import (
    ARG_SLOTS,
    Frame,
    TokenColumns,
    build_frames,
    candidate_tokens,
    compound_agent,
    expand,
    verb_frame,
)
from streams.enrich.events.lexicon import Entry, Lexicon, load_lexicon, repair_lemma
from streams.enrich.events.ontology import Ontology, load_ontology
from streams.enrich.events.tree import kids, sentences, start_document
from streams.enrich.linking.gazetteer import load_gazetteer

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

INTENT_CODES = {"045": "039", "04": "036", "05": "032", "06": "031", "08": "035", "070": "033", "071": "0331", "072": "0332",
                "073": "0333", "074": "0334"}
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06", "08"})
# roots whose missing target is the actor of the act being reacted to ("condemned the strikes")
REACTIVE_ROOTS = frozenset({"02", "09", "10", "11", "12", "13", "16"})
# roots whose agentless passive is done by the authorities of the place ("was detained in Minsk")
PLACE_SOURCE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
THREAT_VERBS = frozenset({"threaten", "warn"})
COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "08", "19"})
# what a mediator brokers or hosts: its parties are the parties of that act ("Brazil hosted the negotiations")
MEDIATED_OBJECTS = frozenset({"talks", "agreement", "ceasefire"})
# the ids of a preposition's POS and dependency labels (a string's id is its hash in every vocabulary)
_ADP, _PRT = get_string_id("ADP"), get_string_id("prt")
_PREP_DEPS = frozenset(get_string_id(d) for d in ("prep", "dative", "agent"))
_DATE_LABELS = frozenset(get_string_id(d) for d in ("DATE", "TIME"))
# the memo of candidate_tokens' answers is keyed by every word form the worker meets: cleared at this size, so that a
# long-running worker's memory stays flat (about 5 MB at the cap, 250 bytes an entry; the common words are back in
# the next article)
WANTED_MEMO_MAX = 20_000



class EventCoder:
    def __init__(self, ontology: Ontology | None = None, lexicon: Lexicon | None = None, lexicon_file: str = "") -> None:
        self.onto = ontology or load_ontology()
        self._wanted: dict[tuple[int, int, int], bool] = {}  # candidate_tokens' lexicon answers by string hash
        self._repairs: dict[tuple[int, int], str | None] = {}  # _repair_lemmas' mended verb lemma by (form, lemma) hash
        self.lex = lexicon or load_lexicon(lexicon_file)
        self.lex.compile_class_patterns()  # at start-up: the first articles would pay for them
        c = self.lex.classes
        self.light_verbs = self.lex.words("light_verbs")
        self._discourse_tables = Discourse.tables(self.lex.classes)
        self.light_preps = {str(k).lower(): frozenset(str(p).lower() for p in v)
                            for k, v in (c.get("light_preps") or {}).items()}
        self.occurrence = self.lex.words("occurrence_verbs")
        self.mediation = self.lex.words("mediation_predicates")
        self.event_refs = self.lex.words("event_reference_nouns")
        self.force_refs = self.lex.words("force_reference_nouns")
        self.verb_lemmas = frozenset(lemma for lemma, pos in self.lex.index if pos == "verb") | self.light_verbs
        self.after_preps = self.lex.words("after_preps")
        self.internal_targets = self.lex.words("internal_target_nouns")
        self.generic_people = self.lex.words("generic_people_nouns")
        self.follow_suit = {str(k).lower(): frozenset(str(w).lower() for w in v)
                            for k, v in (c.get("repeat_predicates") or {}).items()}
        # meeting and talking verbs take a party, not something that merely mentions one ("met with a hostile
        # reception ... from Greek lawyers")
        self.consult_no_nested = self.lex.words("partner_only_predicates")
        self.role_nouns = {str(w).lower(): str(role) for role, words in (c.get("role_nouns") or {}).items() for w in words}
        self.quantity = self.lex.words("quantity_nouns")
        self.victims = self.lex.words("victim_nouns")
        self.crowd = frozenset(str(w).lower() for w in (c.get("object_classes") or {}).get("crowd") or [])
        self.refine = {str(k): {str(cls): str(code) for cls, code in v.items()} for k, v in (c.get("refine") or {}).items()}
        w = c.get("weights") or {}
        self.w_inferred_target = float(w.get("inferred_target", -0.15))
        self.w_inferred_source = float(w.get("inferred_source", -0.1))
        self.w_reported = float(w.get("reported", -0.05))

    def versions(self) -> dict[str, str]:
        return {"ontology_version": f"{self.onto.version}+lexicon-{self.lex.version}"}

    # -- the stage ----------------------------------------------------------------------
    def code(self, ctx: Context) -> None:
        doc = ctx.docs.get("body")
        if doc is None:
            return
        finder = ActorFinder(ctx, doc, self.role_nouns, self.quantity, self.victims)
        self._text = ctx.text_of("body")  # the parsed text (Doc.text would rebuild it token by token)
        start_document(doc, self._text)
        self._has_quotes = any(q in self._text for q in QUOTES)
        self._sent_texts: dict[int, str] = {}
        self._sent_words: dict[int, set[str]] = {}  # lower-case words of a sentence, for refining codes
        self._default_date = ctx.reference_time.strftime("%Y-%m-%d")
        if len(self._wanted) > WANTED_MEMO_MAX:
            self._wanted.clear()
        if len(self._repairs) > WANTED_MEMO_MAX:
            self._repairs.clear()
        columns = self._repair_lemmas(doc)
        # dates once per document, as (start, head index, text): Doc.ents would make a span of every entity, and
        # Span.root walks the span on every call
        self._dates = [(ent.start, ent.root.i, ent.text) for ent in
                       (doc[a:b] for a, b in columns.entity_bounds(_DATE_LABELS))]
        candidates = candidate_tokens(doc, self.lex.wants, self._wanted, columns)
        disc = Discourse.for_article(finder, self._discourse_tables)
        try:
            self._code_sentences(ctx, doc, finder, disc, columns, candidates)
        finally:
            disc.close()  # the finder and the discourse refer to each other: unlinked, the article's objects go at once

    def _code_sentences(self, ctx: Context, doc: Doc, finder: ActorFinder, disc: Discourse, columns: TokenColumns,
                        candidates: list[int]) -> None:
        """The article's sentences in order, each coded into ``ctx.events`` / ``ctx.claims``."""
        seen: set[str] = set()
        last_event: dict[str, Any] | None = None
        for sent_index, sent in enumerate(sentences(doc)):
            disc.enter(sent, sent_index)
            lights: set[int] = set()
            # the sentence's candidates: a slice of the sorted document list (no keeper for a sentence without one)
            here = candidates[bisect_left(candidates, sent.start):bisect_left(candidates, sent.end)]
            frames = build_frames(sent, self.lex.wants, self.light_verbs, self.light_preps, here,
                                  self._keeper(sent, columns), lights) if here else []
            coded: list[tuple[Frame, Entry]] = []
            for f in frames:
                self._borrow_parties(f)
                e = self.lex.match(f)
                if e is not None and self._codable(f):
                    coded.append((f, e))
            coded = self._arbitrate(coded, frames, lights)
            items: list[dict[str, Any]] = []
            # a mediator's "X-brokered deal" after the deal itself, whose parties it mediated between
            for f, e in sorted(coded, key=lambda fe: fe[0].compound_agent):
                items += self._code_frame(ctx, finder, disc, f, e, sent, sent_index)
            items = _drop_results(items)
            if not items and last_event is not None:
                items = self._follow_suit(ctx, finder, sent, sent_index, last_event)
            for item in _drop_generic_duplicates(items):
                # one event per code and dyad of countries or bodies in a sentence ("US" and "US drama" are one party)
                dyad = f"{sent_index}|{item['code']}|{_key(item['source'])}|{_key(item['target'])}"
                # one mutual act is one event whichever party is named first (but "Hamas freed hostages, and Israel
                # released prisoners" are two acts, of two predicates)
                mutual = dyad
                if item["root"] in MUTUAL_ROOTS:
                    pair = sorted([_key(item["source"]), _key(item["target"])])
                    mutual = f"{sent_index}|{item['code']}|{item['trigger']}|{pair[0]}|{pair[1]}"
                if item["id"] in seen or dyad in seen or mutual in seen:
                    continue
                seen.update((item["id"], dyad, mutual))
                (ctx.events if item["factuality"] == ASSERTED else ctx.claims).append(item)
                if item["factuality"] == ASSERTED:
                    last_event = item

    def _sent_text(self, sent: Span) -> str:
        """The sentence's text, cut from the parsed text once (``Span.text`` rebuilds it token by token)."""
        got = self._sent_texts.get(sent.start)
        if got is None:
            got = self._sent_texts[sent.start] = self._text[sent.start_char:sent.end_char]
        return got

    def _follow_suit(self, ctx: Context, finder: ActorFinder, sent: Span, sent_index: int,
                     last: dict[str, Any]) -> list[dict[str, Any]]:
        """ "Canada, Brazil and Colombia quickly followed suit" / "did the same": the last asserted act again,
        by the subject's actors, towards the same target."""
        out: list[dict[str, Any]] = []
        low = self._sent_text(sent).lower()
        if not any(w in low for words in self.follow_suit.values() for w in words):
            return out  # no "suit", no "same": no need to look at the tokens
        for v in sent:
            if v.pos_ not in {"VERB", "AUX"} or v.lemma_.lower() not in self.follow_suit:
                continue
            obj = [c for c in kids(v) if c.dep_ in {"dobj", "attr"}]
            if not obj or obj[0].lower_ not in self.follow_suit[v.lemma_.lower()]:
                continue
            if assess(v).value != ASSERTED:
                continue
            tgt = last.get("target") or {}
            subj = [c for c in kids(v) if c.dep_ in {"nsubj", "nsubjpass"}]
            actors = unique([a for s in subj for x in expand(s) for a in finder.phrase_actors(x)])
            for a in actors:
                if not a.key or a.key == _key(last.get("source")) or a.key == _key(tgt):
                    continue
                item = {**last, "source": a.as_record(), "evidence": self._sent_text(sent).strip()[:400], "sentence_index": sent_index,
                        "trigger": f"{v.text} {obj[0].text}", "confidence": round(max(0.05, last["confidence"] - 0.1), 2)}
                digest = hashlib.sha256(f"{ctx.article.id}|{sent_index}|{item['code']}|{a.entity_id}|{tgt.get('entity_id', '-')}"
                                        .encode()).hexdigest()[:20]
                item["id"] = f"ev-{digest}"
                item.pop("reported_by", None)
                out.append(item)
        return out

    def _keeper(self, sent: Span, columns: TokenColumns) -> Callable[[str, str, str | None, str | None], bool]:
        """Whether a predicate of the sentence can still be coded, asked before its frame is built: the lexicon's
        particle and light-verb requirements are checked exactly; a preposition it requires must head a
        prepositional phrase (or be a particle) somewhere in the sentence, and an object class it requires must at
        least occur in the sentence's text (a frame's phrases and object words all come from its sentence: the
        parser's trees never cross a sentence boundary)."""
        return _Keeper(self.lex, self._sent_text(sent).lower(), self._prep_words(sent, columns)).keep

    def _prep_words(self, sent: Span, columns: TokenColumns) -> set[str]:
        """The words that may key a frame's prepositional slot in the sentence (``columns``: the document's, from
        :meth:`_repair_lemmas`): adpositions attached as ``prep``, ``dative`` or ``agent``, and particles (a particle
        left without its object takes the next verb's, see frames._raised_object)."""
        strings = sent.doc.vocab.strings
        poses, lowers, deps = columns.pos, columns.lower, columns.dep
        return {strings[lowers[i]] for i in range(sent.start, sent.end)
                if (poses[i] == _ADP and deps[i] in _PREP_DEPS) or deps[i] == _PRT}

    def _arbitrate(self, coded: list[tuple[Frame, Entry]], frames: list[Frame],
                   lights: set[int] | None = None) -> list[tuple[Frame, Entry]]:
        """A light verb and its event noun code one event: the verb's when its entry asks for that object
        ("lifted sanctions": ease, not impose), else the noun's ("held talks", "launched strikes"). A light
        verb whose object is an event noun never codes on its own sense ("held a meeting" is not a detention).
        ``lights``: the light verbs of event nouns that got no frame."""
        specific_verbs = {f.pred.i for f, e in coded if f.pos == "verb" and (e.obj or e.prt)}
        noun_lights = {f.clause.i for f in frames if f.pos == "noun" and f.light is not None} | (lights or set())
        out = []
        for f, e in coded:
            if f.pos == "noun" and f.light is not None and f.clause.i in specific_verbs:
                continue
            if f.pos == "verb" and f.pred.i in noun_lights and f.pred.i not in specific_verbs and f.lemma not in self.mediation:
                continue  # a mediator's verb ("the accord was brokered by X") codes whatever its event noun is
            out.append((f, e))
        return out

    def _borrow_parties(self, f: Frame) -> None:
        """An event noun with no party of its own, in a clause's "after"/"in" phrase, takes the clause's subject:
        "X and Y reached a deal after talks" (the co-subjects negotiated); of a passive clause, its patient is the
        partner's target ("soldiers were killed in a clash with Chinese troops": the troops fought them). Only with
        a partner named ("with") or two co-subjects."""
        if f.pos != "noun" or f.light is not None or f.subj or f.poss or f.preps.get("between") or f.preps.get("by"):
            return
        n = _measured(f.pred)
        if n.dep_ != "pobj" or n.head.dep_ != "prep" or n.head.head.pos_ not in {"VERB", "AUX"}:
            return
        prep = n.head.lower_
        if prep not in self.after_preps and prep != "in":
            return
        gov = verb_frame(n.head.head)
        subj = gov.obj if gov.passive else gov.subj
        partners = f.preps.get("with")
        if gov.passive and subj and partners:
            # "soldiers were killed in a clash with Chinese troops": who did it to them is the partner
            f.subj, f.preps["with"], f.inferred_subj = list(partners), list(subj), True
        elif subj and (partners or (len(subj) >= 2 and prep in self.after_preps)):
            f.subj, f.inferred_subj = list(subj), True
        if f.subj and prep not in self.after_preps:
            f.clause = gov.clause  # "after talks" says they happened, whatever the clause ("agreed to X after talks")

    def _after_phrase(self, n: Token) -> bool:
        """The event noun heads (or is measured in) an "after"/"following" phrase: "after (two days of) talks"."""
        n = _measured(n)
        return n.dep_ == "pobj" and n.head.lower_ in self.after_preps

    def _codable(self, f: Frame) -> bool:
        """An event noun is an event when a light verb governs it, it has its own actors, or a verb of
        occurrence says it happened ("the truce took effect"); a bare mention ("condemned the strikes") is not."""
        if f.pos == "verb" and f.pred.dep_ == "acl" and f.pred.tag_ == "VBG" and "agreement" in self.lex.classes_of([f.pred.head.lower_]):
            return False  # "signed agreements establishing relations with X": what the agreement says, not an act
        if f.pos == "verb" or f.light is not None:
            return True
        if f.clause is not f.pred and f.clause.lemma_.lower() in self.occurrence:
            return True
        if f.subj:
            return True  # a bare event noun has a subject only borrowed from its clause (see _borrow_parties)
        own = bool(f.poss or f.preps.get("between") or f.preps.get("by"))
        if own and f.pred.dep_ == "pobj" and f.pred.head.lower_ in self.after_preps:
            return True  # "after talks between X and Y": reported as past
        if own and f.pred.dep_ == "dobj" and f.pred.head.lemma_.lower() in self.occurrence:
            return True  # "the deal followed talks between X and Y", "ended the talks between ..."
        return own and f.pred.dep_ in {"nsubj", "nsubjpass", "ROOT", "appos"}

    # -- one frame -----------------------------------------------------------------------------
    def _code_frame(self, ctx: Context, finder: ActorFinder, disc: Discourse, f: Frame, e: Entry, sent: Span,
                    sent_index: int) -> list[dict[str, Any]]:
        if f.compound_agent and f.lemma not in self.mediation:
            return []  # "Iran-backed militias", "UN-led missions": a description of who they are, not an act reported
        code = e.code
        root = code[:2]
        fact = assess(self._fact_token(f))
        if fact.value == "intended" and f.pos == "noun" and f.light is None and self._after_phrase(f.pred):
            # "reached a deal to end the fighting after all-night talks": the talks happened, whatever was intended
            fact = Factuality(ASSERTED)
        if fact.value == "intended" and fact.governor is not None and fact.governor.lemma_.lower() in THREAT_VERBS:
            # "threatened to strike": the threat is the event (CAMEO 13x), not an intention
            code = "138" if root in {"15", "17", "18", "19", "20"} else ("1312" if code == "163" else "130")
            root = "13"
            fact = Factuality(ASSERTED)
        if root == "03" and fact.value == ASSERTED:
            fact = Factuality("intended")  # CAMEO 03x "express intent" is a claim by design
        code = self._refined(code, f, sent)
        root = code[:2]

        if self._has_quotes and (_in_quote(self._text, f.pred.idx) or self._sent_text(sent).rstrip().endswith(QUOTES)) and any(t.tag_ in {"PRP", "PRP$"} or t.lower_ in self.generic_people for t in f.subj + f.obj):
            # inside a direct quotation "we", "they", "it", "people" are whoever the speaker means: no actor to code
            return []
        if "\n\n" in self._sent_text(sent).strip() or any(t.lower_ in SPEAKER_PRONOUNS for t in f.obj):
            # a sentence the parser ran across paragraphs (lists, tables, fixtures); "it struck me", "helped us"
            return []
        sources, src_inferred = self._sources(finder, disc, f, e, sent, root, fact.reported_by)
        # an actor of no known country or body codes nothing; nor does a private person (a person with no
        # political role: athletes, artists): political events have political actors
        sources = [a for a in sources if a.key and not (a.kind == "person" and a.role is None)]
        if root in DIPLOMATIC_ROOTS:
            # companies, clubs and federations sign deals and meet, but not as states
            sources = [a for a in sources if not (a.kind == "org" and a.role is None)]
        if e.src in {"official", "state"}:
            # travel, talk: people do it, so a bare country name is a team or a figure of speech ("Italy travel to
            # Edinburgh"); host, share, appeal: a state named as itself acts
            sources = [a for a in sources if a.kind == "igo" or a.role in OFFICIAL_ROLES or (a.kind == "person" and a.role)
                       or (e.src == "state" and a.kind == "country" and not a.via_modifier)]
        elif e.src == "armed":
            sources = [a for a in sources if a.role in ARMED_ROLES]
        if root in {"18", "19"} and sources and all(a.role == "CVL" for a in sources):
            code, root = "145", "14"  # protesters storming or stoning: a violent protest
        if code == "057" and sources and all(a.role == "BUS" for a in sources):
            code, root = "061", "06"  # companies signing a deal or memorandum: economic cooperation, not a treaty
        tgt_from_article = home_event = home_protest = False
        between = self._slot(finder, disc, f, "between", target=True)
        if not sources and len(between) >= 2:
            sources, between = between[:1], between[1:]
        if not sources or (e.joint and len({a.key for a in sources}) < 2):
            return []  # an act done together needs its partners ("X and Y agreed to ..."), not one of them alone
        targets = self._targets(finder, disc, f, e, between, root)
        if root == "14":
            # a protest outside a country's embassy is against that country ("rallied outside the French embassy")
            targets = [country_actor(a.country) for a in self._embassies(finder, f) if a.country and a.country not in
                       {s.country for s in sources}][:1] or targets
        if root in REACTIVE_ROOTS and f.pos == "verb":
            # "vetoed a US-drafted resolution", "rejected the Egyptian-brokered plan": the act's author is the target
            targets = self._hyphen_authors(finder, f, sources) or targets
        if f.compound_agent:  # the object "a Russian-brokered deal" holds its own agent: not a party
            targets = [t for t in targets if not any(t.key == s.key or (t.country and t.country == s.country) for s in sources)]
        if root in {"18", "19"} and sources and all(a.role in FORCE_ROLES for a in sources) and self._at_crowd(f):
            # police or soldiers firing on or charging protesters: violent repression of their own people
            # (CAMEO 175), not a party the sentence names in passing
            code, root = "175", "17"
            own = {a.country for a in sources if a.country}
            if not targets and len(own) == 1:  # "Polish police fired on Belarusian protesters" keeps its target
                c = own.pop()
                targets = [country_actor(c)]
        if targets and root in VERBAL_ROOTS:
            # praising, accusing or rejecting a private person of one's own country (an athlete, an actor) is no
            # political act: "police praised the singer"
            src_countries = {a.country for a in sources}
            public = [t for t in targets if not (t.kind == "person" and t.role is None and t.country in src_countries)]
            if not public:
                return []
            targets = public
        if not targets and root in REACTIVE_ROOTS and f.pos == "verb" and f.obj:
            targets = [a for a in _appeal_addressees(finder, f) if a.key not in {s.key for s in sources}]
        # what a reaction is to: a verb's object, an event noun's phrases ("concern at the decision")
        reacted = f.obj if f.pos == "verb" else [t for p in e.target if p not in ARG_SLOTS for t in f.preps.get(p, [])]
        if not targets and (root in REACTIVE_ROOTS or code == "051") and reacted and all(
                o.lemma_.lower() in self.event_refs or o.lower_ in self.event_refs for o in reacted):
            # the object is an act ("condemned the strikes", "rejected the demand"): the target is who did it,
            # named with the act ("the attack by X", "X's decision") or the actor of the act reported before
            targets = self._act_agents(finder, reacted, sources)
            if not targets:
                force = any(o.lemma_.lower() in self.force_refs or o.lower_ in self.force_refs for o in reacted)
                targets = [a for a in disc.antecedent_event(sources[0], force=force) if a.key != sources[0].key]
            if not targets and root in REACTIVE_ROOTS:
                # no act of another party coded before ("condemned the violence" after a clash the coder missed):
                # the act is the article's main country's
                main = disc.main_country(exclude={a.key for a in sources if a.key}, agents=True)
                targets = [main] if main is not None else []
                tgt_from_article = bool(targets)
            if not targets:
                return []
        if not targets and e.target[:1] == ("obj",) and f.obj and f.pos == "verb" and not f.passive and not any(
                o.tag_ in {"PRP", "PRP$"} for o in f.obj) and not (len(sources) > 1 and root in MUTUAL_ROOTS) and not (
                f.lemma in self.mediation and self.lex.classes_of(f.obj_words) & MEDIATED_OBJECTS):
            # the object is a thing, not a party ("received a ban", "released an album"): no political act,
            # unless it is somewhere ("attacked positions in southern Lebanon": the place's country)
            toks = [t for o in f.obj for t in o.subtree] if root in PLACE_SOURCE_ROOTS else []
            if root == "14" or (root in {"18", "19", "20"} and any(a.role in {"MIL", "REB", "COP"} for a in sources)):
                # armed forces striking something in a place: "attacked positions in southern Lebanon"; protesters
                # storming a building somewhere ("stormed parliament in Yerevan")
                toks += [t for p in ("in", "near", "at", "across", "inside") for x in f.preps.get(p, []) for t in x.subtree]
            inside = [a for t in toks if (m := finder.by_token.get(t.i)) is not None
                      and (a := finder.actor_of(m)) is not None and a.is_place and a.country]
            # "police fired tear gas to disperse the crowd": repression is of the forces' own people
            # ("hundreds of politicians and activists": a quantity of them counts too)
            people = root in INTERNAL_ROOTS and (any(o.lower_ in self.internal_targets for o in f.obj) or code == "175" or (
                any(o.lower_ in self.quantity for o in f.obj) and any(w in self.internal_targets for w in f.obj_words)))
            # "Nicaragua released 222 political prisoners": prisoners of no named country are the state's own
            people = people or (code == "0841" and "detainee" in self.lex.classes_of(f.obj_words))
            if not inside and people and sources[0].country and (sources[0].role in FORCE_ROLES or sources[0].kind == "country"):
                # "authorities in Minsk arrested a dissident journalist": the state against its own people
                c = sources[0].country
                inside = [country_actor(c)]
                home_event = code == "0841"  # an event of one country, as coercion at home is
            if not inside:
                return []
            targets = inside[:1]
        place: Actor | None = None
        resolved: list[Actor] = []
        for t in targets:
            if t.is_place:
                place = place or t
                if t.country:
                    resolved.append(country_actor(t.country))
            else:
                resolved.append(t)
        targets = [t for t in unique(resolved) if t.key]
        if root == "14" and targets and all(t.country and not t.igo and t.country in {a.country for a in sources}
                                            for t in targets):
            # a protest at home has no other party: neither where it is held ("rallied in Lima") nor whom it is
            # against there ("stormed the president's residence")
            targets, home_protest = [], True
        if place is not None and max(len(sources), len(f.subj)) > 1 and root in MUTUAL_ROOTS and len(resolved) == 1:
            targets = []  # "Armenia and Azerbaijan agreed to a ceasefire in Shusha": where, not with whom
        if len({a.country for a in sources}) > 1 and root in MUTUAL_ROOTS and targets and all(
                t.country in {a.country for a in sources} for t in targets):
            targets = []  # "X and Y held a summit between leaders of their two countries": the co-subjects are the parties
        tgt_inferred = tgt_from_article
        pairs: list[tuple[Actor, Actor | None]]
        home = self._home_parties(finder, f, sources) if not targets and root in MUTUAL_ROOTS and not code.startswith("045") else None
        if home is not None:
            # "Yemen's government and the Houthi movement agreed to a ceasefire": two parties of one country
            pairs, home_event = [home], True
        elif not targets and len(sources) > 1 and root in MUTUAL_ROOTS and not code.startswith("045"):
            # "Israeli and Hamas negotiators held talks": each pair once (the scorer and readers take either direction)
            # (two actors of one country are one party: "the ministers of Greece and Macedonia, Kotzias and Dimitrov")
            pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:] if not (a.country and a.country == b.country)]
        else:
            if not targets and code[:3] in {"072", "074"} and "troops" in self.lex.classes_of(f.obj_words):
                # "sent warships and marines to the Caribbean": forces sent to no named recipient are deployed
                code, root = "154", "15"
            if not targets and root in POSTURE_ROOTS:
                # a show of force or a deployment has a party only where the sentence names one ("drills near Taiwan"):
                # "fired three missiles" has none, whoever else the sentence mentions
                targets = self._posture_targets(finder, f, sources)
            elif not targets and not home_protest:
                targets, tgt_inferred = self._missing_target(finder, disc, f, sources, sent, root, place)
            if not targets and root in DIRECTED_ROOTS:
                return []  # an appeal, accusation, rejection or threat against nobody that can be named is no event
            dyad_targets: list[Actor | None] = list(targets) or [None]
            pairs = [(s, t) for s in sources for t in dyad_targets]
        reported_by = None
        if fact.reported_by is not None:
            rb = finder.phrase_actors(fact.reported_by)
            reported_by = rb[0].as_record() if rb else None
        location = self._location(finder, f, sent, place)
        date = self._date(ctx, f.clause, sent)
        items = []
        for src, tgt in pairs:
            if tgt is not None and _same_actor(src, tgt) and not _internal(src, tgt, root) and not home_event:
                continue
            if tgt is not None and code in VISIT_CODES and src.country and src.country == tgt.country:
                continue  # "the president returned to Burundi": a visit is to another country
            conf = e.weight + (self.w_inferred_target if tgt_inferred else 0.0) + (self.w_inferred_source if src_inferred else 0.0)
            if reported_by:
                conf += self.w_reported
            items.append(self._record(ctx, code, src, tgt, fact, reported_by, location, date, sent, sent_index, e, f, conf))
            if fact.value == ASSERTED:
                disc.note_event(src, tgt, root, code)
        return items

    def _home_parties(self, finder: ActorFinder, f: Frame, sources: list[Actor]) -> tuple[Actor, Actor] | None:
        """Coordinated subjects that all name one country ("Yemen's government and the Houthi movement",
        "Santos and FARC commander Londono"): the mutual act is between two parties of that country."""
        if len(f.subj) < 2 or len({a.country for a in sources}) != 1 or not sources[0].country:
            return None
        country = sources[0].country
        # a party named by its role alone ("the army and the rebels") is of that country too
        heads = [finder.phrase_actors(t) or [g for g in [finder.generic_actor(t, country)] if g] for t in f.subj]
        if not all(len(h) == 1 and h[0].country == country for h in heads):
            return None
        return heads[0][0], heads[1][0]

    def _armed_group(self, t: Token, roles: frozenset[str] | None = None) -> bool:
        """A party named only by an armed role noun ("rebels", "dozens of militants", "troops"), or one of ``roles``."""
        if t.lower_ in self.quantity:
            t = next((p for prep in kids(t) if prep.dep_ == "prep" and prep.lower_ == "of"
                      for p in kids(prep) if p.dep_ == "pobj"), t)
        return self.role_nouns.get(t.lower_) in (ARMED_ROLES if roles is None else roles)

    def _at_crowd(self, f: Frame) -> bool:
        """The act is aimed at a crowd ("opened fire on demonstrators", "charged at crowds of voters")."""
        heads = f.obj + f.preps.get("on", []) + f.preps.get("at", []) + f.preps.get("into", [])
        return any(h.lower_ in self.crowd or h.lemma_.lower() in self.crowd for h in heads)

    def _act_agents(self, finder: ActorFinder, acts: list[Token], sources: list[Actor]) -> list[Actor]:
        """Who did the act a noun names: "the attack by X", "X's decision", "the Russian strikes"."""
        keys = {a.key for a in sources}
        found: list[Actor] = []
        for n in acts:
            heads = [p for c in kids(n) if c.dep_ == "prep" and c.lower_ == "by" for p in kids(c) if p.dep_ == "pobj"]
            heads += [c for c in kids(n) if c.dep_ == "poss"]
            for h in heads:
                for x in expand(h):
                    found += finder.phrase_actors(x)
            if not heads:
                for c in kids(n):
                    if c.dep_ in {"amod", "compound", "nmod"}:
                        found += [a for t in c.subtree if (m := finder.by_token.get(t.i)) is not None
                                  and (a := finder.actor_of(m)) is not None and not a.is_place]
        return [a for a in unique(found) if a.key and a.key not in keys]

    def _fact_token(self, f: Frame) -> Token:
        """The verb whose clause decides factuality; for "the truce is due to take effect", the innermost verb."""
        tok = f.clause
        if f.pos == "noun" and tok is not f.pred:
            for _ in range(3):
                nxt = next((c for c in kids(tok) if c.dep_ in {"xcomp", "acomp"}), None)
                if nxt is None:
                    break
                inner = next((c for c in kids(nxt) if c.dep_ == "xcomp"), None) if nxt.dep_ == "acomp" else nxt
                if inner is None:
                    break
                tok = inner
        return tok

    def _refined(self, code: str, f: Frame, sent: Span) -> str:
        """Generic codes made specific by the sentence's words (classes.refine): 190 with missiles -> 195."""
        table = self.refine.get(code)
        if not table:
            return code
        sent_words = self._sent_words.get(sent.start)
        if sent_words is None:
            sent_words = self._sent_words[sent.start] = {t.lower_ for t in sent}
        words = set(f.obj_words) | sent_words
        classes = self.lex.classes_of(sorted(words))
        for cls, better in table.items():
            if cls in classes:
                return better
        return code

    # -- actors of the slots -----------------------------------------------------------------------
    def _slot(self, finder: ActorFinder, disc: Discourse, f: Frame, slot: str, target: bool = False,
              group_roles: frozenset[str] | None = None, reported_by: Token | None = None) -> list[Actor]:
        found: list[Actor] = []
        generic: list[Token] = []
        for t in f.slot(slot):
            if t.lower_ in SPEAKER_PRONOUNS:
                continue  # "helped me", "speak to you": the speaker or the reader, not a party
            got = finder.phrase_actors(t)
            if not got and target and f.lemma not in self.consult_no_nested:
                got = finder.nested_actors(t)
            if not got and (slot in {"subj", "by"} if not target else self._armed_group(t, group_roles)):
                generic.append(t)  # "Protesters rallied", "clashed with jihadists", "arrested dozens of militants"
            found += got
        if generic and not found:
            # "Protesters rallied in Tbilisi"; but in "Chinese warships and fighter jets" the jets are Chinese too;
            # "the commerce ministry accused Washington": officials do not act on their own state; but forces,
            # protesters and rebels act at home ("soldiers detained Malian President Keita")
            others = set() if target else {a.country for a in self._named_parties(finder, f) if a.country}
            # "a Kenyan military spokesman said troops had repelled the assault": the reporter's own forces
            reporter = None if target or reported_by is None else _state_of(finder, reported_by)
            for t in generic:
                exclude = others if self.role_nouns.get(t.lower_) == "GOV" else set()
                fallback = reporter if reporter and reporter not in exclude else disc.setting_country(exclude=exclude)
                g = finder.generic_actor(t, fallback, exclude)
                found += [g] if g else []
        if not target:
            found = [a for a in found if not a.is_place]
        return unique(found)

    def _repair_lemmas(self, doc: Any) -> TokenColumns:
        """Verbs whose lemma the model's tables get wrong ("staged" -> "stag") get the lexicon's lemma back.
        Returns the document's token columns (:class:`TokenColumns`), mended lemmas included, for
        :func:`candidate_tokens` to read without a second pass."""
        strings = doc.vocab.strings
        verb = strings["VERB"]
        columns = TokenColumns(doc)
        lemmas, lowers = columns.lemma, columns.lower
        # the answer kept per (form, lemma): a Token only for a lemma to mend
        for i, pos in enumerate(columns.pos):
            if pos != verb:
                continue
            lemma, lower = lemmas[i], lowers[i]
            fixed = self._repairs.get((lower, lemma), "")
            if fixed == "":
                old = strings[lemma]
                fixed = self._repairs[(lower, lemma)] = (
                    None if old in self.verb_lemmas or (new := repair_lemma(strings[lower], old.lower(), self.verb_lemmas)) == old
                    else new)
            if fixed is not None:
                doc[i].lemma_ = fixed
                lemmas[i] = strings.add(fixed)
        return columns

    def _hyphen_authors(self, finder: ActorFinder, f: Frame, sources: list[Actor]) -> list[Actor]:
        """The agents written before a hyphenated participle on the object ("a US-drafted resolution")."""
        keys = {a.key for a in sources}
        found = [a if a.kind == "igo" or not a.country else country_actor(a.country, "GOV")
                 for o in f.obj for c in kids(o) for t in compound_agent(c) for a in finder.phrase_actors(t)]
        return [a for a in unique(found) if a.key and a.key not in keys]

    def _embassies(self, finder: ActorFinder, f: Frame) -> list[Actor]:
        """The countries whose embassy or consulate a phrase of the frame names ("outside the French embassy")."""
        return [a for p in PROTEST_SITE_PREPS for t in f.preps.get(p, []) if t.lower_ in EMBASSY_NOUNS
                for a in finder.phrase_actors(t, resolve=False)]

    def _posture_targets(self, finder: ActorFinder, f: Frame, sources: list[Actor]) -> list[Actor]:
        """Whom a show of force or a deployment is aimed at: a country its own phrases name ("near China", "to the
        border with Algeria", "around Taiwan"), not one named elsewhere in the sentence."""
        own = {a.country for a in sources}
        for prep in POSTURE_PREPS:
            for t in f.preps.get(prep, []):
                got = finder.phrase_actors(t, resolve=False) or finder.nested_actors(t)
                found = unique([country_actor(a.country) if a.is_place and a.country else a for a in got if a.country or a.igo])
                found = [a for a in found if a.country not in own or a.igo]
                if found:
                    return found
        return []

    def _named_parties(self, finder: ActorFinder, f: Frame) -> list[Actor]:
        """Actors the frame's object and its non-locative prepositional phrases name (a capital names its state)."""
        heads = f.obj + f.dative + [t for p, toks in f.preps.items() if p not in LOCATIVE_PREPS - {"at"} for t in toks]
        return [a for t in heads for a in finder.phrase_actors(t, resolve=False)]

    def _sources(self, finder: ActorFinder, disc: Discourse, f: Frame, e: Entry, sent: Span, root: str,
                 reported_by: Token | None = None) -> tuple[list[Actor], bool]:
        if f.compound_agent:
            # "a Russian-brokered deal", "US-brokered talks": the state (or the body) did it
            got = [a if a.kind == "igo" or not a.country else country_actor(a.country, "GOV")
                   for t in f.subj for a in finder.phrase_actors(t)]
            return unique([a for a in got if a.key]), False
        for slot in e.source:
            got = self._slot(finder, disc, f, slot, reported_by=reported_by)
            if got:
                return got, f.inferred_subj and slot == "subj"
        if f.pos == "verb" and f.passive and not f.subj and root in PLACE_SOURCE_ROOTS and self._political_patient(finder, f):
            for a in finder.places_in(sent):
                if a.country:
                    return [country_actor(a.country, "GOV")], True
        return [], False

    def _political_patient(self, finder: ActorFinder, f: Frame) -> bool:
        """ "Protesters were detained in Minsk" (a political act by the place's authorities), not "the singer was
        arrested in a London hotel": the patient of an agentless passive is a group, an official or a body."""
        for o in f.obj:
            low = o.lower_
            if low in self.internal_targets or low in self.role_nouns or low in self.victims or low in self.quantity:
                return True
            for a in finder.phrase_actors(o, resolve=False):
                if a.kind in {"country", "igo", "org", "group"} or (a.kind == "person" and a.role):
                    return True
        return False

    def _targets(self, finder: ActorFinder, disc: Discourse, f: Frame, e: Entry, between: list[Actor], root: str) -> list[Actor]:
        # protesters, activists, rescued people are a party of words and aid; of force, only armed groups are
        groups = GROUP_TARGET_ROLES if root in GROUP_TARGET_ROOTS else None
        for slot in e.target:
            got = between if slot == "between" else self._slot(finder, disc, f, slot, target=True, group_roles=groups)
            if got:
                return got
        return []

    def _missing_target(self, finder: ActorFinder, disc: Discourse, f: Frame, sources: list[Actor], sent: Span, root: str,
                        place: Actor | None) -> tuple[list[Actor], bool]:
        src = sources[0]
        if root == "04" and f.lemma in self.mediation:
            got = disc.parties(src, COOPERATIVE_ROOTS)
            if got:
                return got, True
        if root in REACTIVE_ROOTS or root == "04":
            # the object or its "to" refers to an act: "condemned the move", "demanded a halt to the aggression"
            refers = any(w in self.event_refs for w in f.obj_words) or f.lemma in self.event_refs or any(
                t.lower_ in self.event_refs or t.lemma_.lower() in self.event_refs for t in f.preps.get("to", []))
            if refers or root in REACTIVE_ROOTS:
                force = any(w in self.force_refs for w in f.obj_words)
                got = [a for a in disc.antecedent_event(src, force=force) if a.key != src.key]
                if got and refers:
                    return got, True
        if place is not None and place.country and place.country == src.country and root in INTERNAL_ROOTS and src.role in FORCE_ROLES:
            # police or troops acting in their own country ("riot police fired tear gas at crowds in Barcelona")
            return [country_actor(place.country)], True
        if place is not None and place.country and place.country != src.country:
            return [country_actor(place.country)], True
        other = disc.other_party(src, sent)
        # in a country's act at home, not a co-subject: "Armenia and Azerbaijan declared martial law" is two acts
        # with no target (where "troops from both sides fought", they fought each other)
        co_subjects = {s.key for s in sources} if root in INTERNAL_ROOTS else {src.key}
        if other is not None and other.key not in co_subjects:
            return [other], True
        return [], False

    def _location(self, finder: ActorFinder, f: Frame, sent: Span, place: Actor | None) -> dict[str, Any] | None:
        if place is not None:
            return {"name": place.place_name or place.name, "country": place.country}
        for prep in ("in", "at", "near", "outside", "inside"):
            for p in f.preps.get(prep, []):
                for a in finder.phrase_actors(p, resolve=False):
                    if a.is_place:
                        return {"name": a.place_name or a.name, "country": a.country}
        for a in finder.places_in(sent):
            return {"name": a.place_name or a.name, "country": a.country}
        return None

    def _date(self, ctx: Context, tok: Token, sent: Span) -> str:
        date_ents = [e for e in self._dates if sent.start <= e[0] < sent.end]
        if date_ents:
            lo, hi = tok.left_edge.i, tok.right_edge.i  # the trigger's clause (the parse is projective)
            # an expression in the trigger's own clause wins ("said on Monday that ... in September"), then the nearest
            for _start, _root, text in sorted(date_ents, key=lambda e: (not lo <= e[1] <= hi, abs(e[0] - tok.i))):
                resolved = dates.resolve(text, ctx.reference_time)
                if resolved:
                    return resolved
        return self._default_date

    def _record(self, ctx: Context, code: str, src: Actor, tgt: Actor | None, fact: Factuality, reported_by: dict[str, Any] | None,
                location: dict[str, Any] | None, date: str, sent: Span, sent_index: int, e: Entry, f: Frame,
                confidence: float) -> dict[str, Any]:
        if fact.value == "intended" or (fact.value == "future" and code.startswith("04")):
            code = INTENT_CODES.get(code, INTENT_CODES.get(code[:2], code))
        c = self.onto.code(code)
        if location is None:
            anchor = tgt or src
            if anchor.country:
                location = {"name": country_name(anchor.country), "country": anchor.country}
        src_key, tgt_key = src.entity_id, (tgt.entity_id if tgt else "-")
        digest = hashlib.sha256(f"{ctx.article.id}|{sent_index}|{code}|{src_key}|{tgt_key}".encode()).hexdigest()[:20]
        trigger = f.pred.text if f.light is None else f"{f.clause.text} {f.pred.text}"
        record: dict[str, Any] = {
            "id": f"ev-{digest}",
            "code": c.code, "root": c.root, "label": c.label, "quad_class": c.quad_class, "goldstein": c.goldstein,
            "plover": c.plover, "plover_mode": c.plover_mode,
            "source": src.as_record(), "target": tgt.as_record() if tgt else None,
            "location": location, "date": date,
            "evidence": self._sent_text(sent).strip()[:400], "sentence_index": sent_index,
            "trigger": trigger, "lexicon_id": e.id,
            "confidence": round(max(0.05, min(confidence, 0.95)), 2),
            "factuality": fact.value,
        }
        if reported_by:
            record["reported_by"] = reported_by
        if f.pos == "verb" and f.pred.dep_ in {"advcl", "conj", "xcomp"} and f.pred.tag_ == "VBG" and c.root in VIOLENT_ROOTS:
            record["_result"] = True
        return record


VIOLENT_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})


def _drop_results(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "launched missiles at Kyiv, killing 14 people": the participle is the attack's result, not a second event."""
    out = []
    for e in items:
        if e.get("_result") and any(o is not e and o["root"] in VIOLENT_ROOTS and not o.get("_result")
                                    and o["source"]["entity_id"] == e["source"]["entity_id"] for o in items):
            continue
        out.append(e)
    for e in out:
        e.pop("_result", None)
    return out


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


INTERNAL_ROOTS = frozenset({"17"})
EMBASSY_NOUNS = frozenset({"embassy", "embassies", "consulate", "consulates"})
PROTEST_SITE_PREPS = ("outside", "at", "near", "to", "into", "in", "around", "before")
POSTURE_ROOTS = frozenset({"15"})  # show of force, alert, mobilisation: a party only where the sentence names one
POSTURE_PREPS = ("near", "around", "along", "off", "toward", "towards", "to", "at", "over", "into", "across", "within", "on",
                 "against", "with")
VISIT_CODES = frozenset({"042", "043"})
# roots whose act is always aimed at someone: no target found, no event
DIRECTED_ROOTS = frozenset({"02", "09", "10", "11", "12", "13", "16"})
DIPLOMATIC_ROOTS = frozenset({"04", "05"})
VERBAL_ROOTS = frozenset({"04", "05", "10", "11", "12", "13"})
GROUP_TARGET_ROOTS = VERBAL_ROOTS | {"02", "07"}  # words, appeals and aid: a group named by role may be their party
OFFICIAL_ROLES = frozenset({"GOV", "MIL", "COP", "JUD"})
ARMED_ROLES = frozenset({"MIL", "COP", "REB"})
# groups named by role alone that can be the target of words or aid: armed ones, and protesters, activists, the
# people helped ("called the rioters fascist fanatics", "appealed to the protesters", "rescued dozens of people")
GROUP_TARGET_ROLES = ARMED_ROLES | {"CVL", "OPP"}
SPEAKER_PRONOUNS = frozenset({"me", "you", "us", "myself", "yourself", "ourselves", "yourselves", "i", "we"})
QUOTES = ('"', "\u201c", "\u201d")


def _in_quote(text: str, at: int) -> bool:
    """Inside a direct quotation: an odd number of quotation marks before ``at`` in its paragraph."""
    start = text.rfind("\n", 0, at) + 1
    return sum(text.count(q, start, at) for q in QUOTES) % 2 == 1
FORCE_ROLES = frozenset({"COP", "MIL", "GOV"})


def _internal(src: Actor, tgt: Actor, root: str) -> bool:
    """Coercion by a state's forces of its own people ("police detained protesters in Minsk"): an event of one country."""
    return root in INTERNAL_ROOTS and src.role in FORCE_ROLES and tgt.role != src.role


def _key(a: dict[str, Any] | None) -> str:
    if not a:
        return "-"
    return str(a.get("country") or a.get("igo") or a.get("entity_id"))


def _state_of(finder: ActorFinder, reporter: Token) -> str | None:
    """The country of who reports a clause (factuality's ``reported_by``: "Kenya's army said [...]"), if a state's."""
    got = [a for a in finder.phrase_actors(reporter, resolve=False) if a.country and not a.igo and not a.is_place]
    return got[0].country if got else None


def _measured(n: Token) -> Token:
    """The measure noun standing for an event noun in its phrase: "days" in "after two days of talks"."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN":
        return n.head.head
    return n


def _same_actor(a: Actor, b: Actor) -> bool:
    """An actor acting on itself is no event ("Russia's army defended Russia"); two different actors of one
    country are ("Zimbabwe's army detained President Mugabe")."""
    if a.entity_id == b.entity_id:
        return True
    if a.igo or b.igo:
        return a.igo == b.igo and a.country == b.country
    if a.country and a.country == b.country:
        return a.kind == b.kind == "country" or (a.kind in {"country", "group"} and b.kind in {"country", "group"} and a.role == b.role)
    return False


def _appeal_addressees(finder: ActorFinder, f: Frame) -> list[Actor]:
    """Who an appeal coordinated with this verb addresses: in "criticised the treatment of the refugees and
    urged Budapest to respect their rights", the criticised act is the addressee's (Hungary's)."""
    v = f.pred
    siblings = [c for c in kids(v) if c.dep_ == "conj" and c.pos_ == "VERB"] + ([v.head] if v.dep_ == "conj" else [])
    for verb in siblings:
        if verb.lemma_.lower() not in APPEAL_VERBS:
            continue
        addressees = [o for o in kids(verb) if o.dep_ == "dobj"]
        addressees += [p for c in kids(verb) if c.dep_ == "prep" and c.lower_ == "on" for p in kids(c) if p.dep_ == "pobj"]
        found = [a for o in addressees for a in finder.actors(o, with_conj=True) if a.country or a.igo]
        if found:  # "urged Budapest": a capital addressed stands for its country's government
            return [country_actor(a.country) if a.is_place and a.country else a for a in found]
    return []


class _Keeper:
    """One sentence's :meth:`EventCoder._keeper`. A class rather than nested functions: compiled closures share one
    environment object that refers to each of them, a reference cycle per sentence that only the cyclic collector
    frees; a bound method does not refer back."""

    def __init__(self, lex: Lexicon, low: str, preps: set[str]) -> None:
        self.lex = lex
        self.low = low  # the sentence's text, lower-cased
        self.preps = preps
        self.seen: dict[tuple[str, ...], bool] = {}

    def possible(self, slot: str) -> bool:
        return slot == "by" or slot in self.preps  # an agent is the "by" slot whatever its word

    def obj_possible(self, classes: tuple[str, ...]) -> bool:
        got = self.seen.get(classes)
        if got is None:
            got = self.seen[classes] = self.lex.class_pattern(classes).search(self.low) is not None
        return got

    def keep(self, lemma: str, pos: str, particle: str | None, light: str | None) -> bool:
        return self.lex.may_match(lemma, pos, particle, light, self.possible, self.obj_possible)

