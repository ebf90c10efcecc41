"""Layer 1 of the event coder: clauses of a parsed sentence as predicate–argument frames.

Contract: :func:`build_frames` takes a sentence (a spaCy ``Span`` of the sm parse) and a
predicate filter, and returns one :class:`Frame` per verb or event noun the filter wants,
with its arguments already normalised, so that coding never looks at dependency labels:

- ``subj``: who acts. The active subject, the passive ``by`` agent, the antecedent of a
  relative pronoun ("North Korea, which supplies ..."), the head noun of a reduced
  relative ("a delegation led by ..." -> agent; "troops fighting ..." -> subject), the
  agent before a hyphenated participle ("a Russian-brokered deal", flagged ``compound_agent``), the
  subject inherited across coordinated verbs, control verbs ("agreed to ...") and
  participial adjuncts (", calling ..."), the object of an object-control verb
  ("urged Iran to ...", "accused X of firing ...").
- ``obj``: what is acted on. The direct object, the passive subject, the antecedent of a
  relative pronoun in object position ("the deal that X signed"); a preposition left without
  its object takes the next coordinated verb's ("fired on and seized three vessels").
- ``poss``, ``mod``: possessor and actor-like modifiers of an event noun ("Japan's",
  "US", "Russian").
- ``preps``: prepositional phrases by preposition (``with``, ``between``, ``to``,
  ``against``, ``on``, ``by``, ``of`` …), from the predicate and from its object
  ("imposed sanctions on X", "signed a deal with X"), and the ``with``/``between`` partners
  of a participle on the object ("signed agreements establishing relations with X").
- ``comp``: subjects of a complement clause ("demanded that X withdraw").
- Every argument slot holds head tokens with coordination expanded ("Chile and Peru").
- A light verb with an event noun ("held talks with", "launched strikes on", "imposed
  sanctions on") gives one frame for the noun; its subject and prepositions come from
  the light verb, and ``clause`` (the token whose factuality counts) is the light verb.

Frames are plain data; nothing here knows CAMEO, actors or the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token  # at run time: compiled dataclasses read their annotations

from streams.enrich.events.factuality import coordination_head
from streams.enrich.events.tree import doc_text, kids

SUBJ_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "attr", "oprd"})
ARG_SLOTS = frozenset({"subj", "obj", "dative", "poss", "mod", "comp"})
REL_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})
# verbs whose object is the subject of their infinitival complement ("urged Iran to ...")
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "press", "persuade", "force", "order", "tell", "encourage", "invite",
                            "allow", "permit", "push", "pressure", "request", "warn", "accuse", "blame", "help", "compel",
                            "instruct", "convince", "appeal", "implore", "exhort", "lobby", "prompt", "advise", "enable"})


@dataclass(slots=True)
class Frame:
    """One predicate and its arguments (head tokens, coordination expanded)."""

    pred: Token
    lemma: str
    pos: str  # "verb" or "noun"
    clause: Token  # whose factuality counts: the verb, the light verb, or the noun itself
    light: str | None = None  # the light verb's lemma for "held talks", "launched strikes"
    particle: str | None = None  # "called off", "pulled out"
    passive: bool = False
    subj: list[Token] = field(default_factory=list)
    obj: list[Token] = field(default_factory=list)
    dative: list[Token] = field(default_factory=list)
    poss: list[Token] = field(default_factory=list)
    mod: list[Token] = field(default_factory=list)
    comp: list[Token] = field(default_factory=list)
    preps: dict[str, list[Token]] = field(default_factory=dict)
    obj_words: list[str] = field(default_factory=list)  # lower-case words of the object phrase(s)
    inferred_subj: bool = False  # the subject was not the predicate's own
    compound_agent: bool = False  # the subject is written before a hyphen: "a Russian-brokered deal"

    def slot(self, name: str) -> list[Token]:
        """A named slot ("subj", "obj", ...) or the phrases of a preposition ("with", "between", ...)."""
        if name in ARG_SLOTS:
            return getattr(self, name)  # type: ignore[no-any-return]
        return self.preps.get(name, [])

    def has(self, name: str) -> bool:
        return bool(self.slot(name))


def expand(tok: Token) -> list[Token]:
    """A head and the heads coordinated with it ("Chile, Peru and Bolivia")."""
    out = [tok]
    frontier = [tok]
    while frontier:
        t = frontier.pop()
        for c in kids(t):
            if c.dep_ == "conj" and c.pos_ not in {"VERB", "AUX"} and c not in out:
                out.append(c)
                frontier.append(c)
            elif (c.dep_ == "appos" and c.pos_ in {"PROPN", "NOUN"} and c.head.pos_ == "PROPN"
                  and c.ent_type_ and c.ent_type_ == t.ent_type_ and c not in out):
                # "Sweden, Finland" can be parsed as apposition of names: a list, not a renaming
                out.append(c)
                frontier.append(c)
            elif c.dep_ == "compound" and c.pos_ == "PROPN" and c not in out:
                # "President Santos and FARC commander Londono signed": the small parser hangs the first name on
                # the last as a compound with the "and" inside it (or inside its apposition: "President [, Donald
                # Trump] and ..."); that name is a head of its own
                for x in [c] + [a for a in kids(c) if a.dep_ == "appos"]:
                    if (x.ent_type_ and x not in out and any(g.dep_ == "cc" for g in kids(x))
                            and any(g.dep_ == "conj" for g in kids(x))):
                        out.insert(0, x)
                        break
    return out


def _expand_all(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        for x in expand(t):
            if x not in out:
                out.append(x)
    return out


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ_DEPS or c.dep_ == "auxpass" for c in kids(v)) or (
        v.tag_ == "VBN" and v.dep_ in {"acl", "relcl"} and any(c.dep_ == "agent" for c in kids(v))) or bool(
        compound_agent(v))


# hyphenated participles whose left part is a place, not an agent
# texts that speak for whoever adopts, issues or signs them: "a resolution demanding ..." is its author's demand
DOCUMENT_NOUNS = frozenset({"resolution", "statement", "declaration", "communique", "letter", "motion", "decree",
                            "bill", "law", "report", "note", "memorandum", "petition"})
PLACE_PARTICIPLES = frozenset({"based", "born", "headquartered", "registered", "made", "built"})


def compound_agent(v: Token) -> list[Token]:
    """The agent of a hyphenated participle before a noun: "Russian" in "a Russian-brokered deal" (the parser
    hangs it on the participle, which modifies the noun: the same frame as "a deal brokered by Russia")."""
    if v.tag_ != "VBN" or v.dep_ != "amod" or v.i < 2 or v.doc[v.i - 1].text not in {"-", "\u2011"}:
        return []
    if v.lower_ in PLACE_PARTICIPLES:
        return []  # "the Washington-based lender": where, not who
    return [c for c in kids(v) if c.i == v.i - 2 and c.pos_ in {"PROPN", "NOUN", "ADJ"}]


def _antecedent(v: Token) -> Token | None:
    """The noun a relative clause or a reduced relative hangs on."""
    if v.dep_ in {"relcl", "acl"} and v.head is not v:
        return v.head
    return None


def _rel_pronoun(t: Token) -> bool:
    return t.lower_ in REL_PRONOUNS or t.tag_ in {"WDT", "WP"}


def _preps_of(tok: Token, into: dict[str, list[Token]]) -> None:
    for c in kids(tok):
        if c.dep_ in {"prep", "agent", "dative"} and c.pos_ == "ADP":
            key = "by" if c.dep_ == "agent" else c.lower_
            objs = [p for p in kids(c) if p.dep_ in {"pobj", "pcomp"} and not _temporal(p)]
            # "between X and Y", "with X and Y"
            for p in objs:
                for x in expand(p):
                    lst = into.setdefault(key, [])
                    if x not in lst:
                        lst.append(x)
            # two-word prepositions: "on behalf of", "in support of": keep the inner "of"
            for p in objs:
                for cc in kids(p):
                    if cc.dep_ == "prep" and cc.lower_ == "of" and p.lower_ in {"behalf", "support", "front", "favour", "favor"}:
                        for pp in kids(cc):
                            if pp.dep_ == "pobj":
                                into.setdefault(f"{c.lower_}_{p.lower_}_of", []).extend(expand(pp))


TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
                        "weekend", "morning", "evening", "night", "afternoon", "day", "week", "month", "year", "hours",
                        "days", "weeks", "months", "years", "time", "occasion", "sidelines", "basis", "behalf", "condition"})


def _temporal(t: Token) -> bool:
    """ "on Thursday", "on the sidelines": not an argument."""
    return t.ent_type_ in {"DATE", "TIME"} or t.lower_ in TIME_WORDS


def _subject(v: Token, depth: int = 0, passive: bool | None = None) -> tuple[list[Token], bool]:
    """The acting subject of verb ``v`` (passive agent included) and whether it was inferred."""
    if depth > 5:
        return [], True
    if _is_passive(v) if passive is None else passive:
        agents = [p for c in kids(v) if c.dep_ == "agent" for p in kids(c) if p.dep_ == "pobj"]
        return _expand_all(agents or compound_agent(v)), False
    subs = [c for c in kids(v) if c.dep_ in SUBJ_DEPS and c.dep_ != "expl"]
    if subs:
        resolved: list[Token] = []
        for s in subs:
            if _rel_pronoun(s) and (ante := _antecedent(v)) is not None:
                if (author := _document_author(ante, depth)) is not None:
                    return author, True
                resolved.append(ante)
            else:
                resolved.append(s)
        return _expand_all(resolved), False
    head = v.head
    if head is v:
        return [], False
    if v.dep_ == "conj":
        got, _ = _subject(coordination_head(v), depth + 1)
        return got, True
    if v.dep_ in {"xcomp", "ccomp"} and head.pos_ in {"VERB", "AUX"}:
        objs = [c for c in kids(head) if c.dep_ in {"dobj"}]
        if objs and head.lemma_.lower() in OBJECT_CONTROL and v.dep_ == "xcomp":
            return _expand_all(objs), True
        if head.lemma_.lower() == "call" and v.dep_ == "xcomp":  # "called on X to ..."
            ons = [p for c in kids(head) if c.dep_ == "prep" and c.lower_ == "on" for p in kids(c) if p.dep_ == "pobj"]
            if ons:
                return _expand_all(ons), True
        if v.dep_ == "xcomp":
            got, _ = _subject(head, depth + 1)
            return got, True
        return [], True
    if v.dep_ == "xcomp" and head.pos_ == "ADJ" and head.head is not head:  # "ready to", "due to"
        got, _ = _subject(head.head, depth + 1)
        return got, True
    if v.dep_ == "acl" and v.tag_ == "VBG" and (ante := _antecedent(v)) is not None:  # "troops fighting in ..."
        if (author := _document_author(ante, depth)) is not None:
            return author, True
        return expand(ante), True
    if v.dep_ == "acl" and v.tag_ in {"VBD", "VBZ", "VBN"} and v.head.dep_ == "ROOT" and v.head.pos_ in {"NOUN", "PROPN"} \
            and v.doc[v.i - 1].text == ",":
        # a finite verb the parser hung on the sentence's subject ("Trudeau, whose country ..., called on Iran"):
        # that noun is its subject
        return expand(v.head), False
    if v.dep_ == "relcl" and (ante := _antecedent(v)) is not None:
        return expand(ante), True
    if v.dep_ == "advcl" and v.tag_ in {"VBG", "VB"} and head.pos_ in {"VERB", "AUX"}:  # ", calling ..."; "to protest"
        got, _ = _subject(head, depth + 1)
        return got, True
    if v.dep_ == "pcomp" and head.dep_ == "prep":  # "after declaring", "accused X of firing"
        gov = head.head
        if gov.pos_ in {"VERB", "AUX"}:
            objs = [c for c in kids(gov) if c.dep_ == "dobj"]
            if objs and gov.lemma_.lower() in OBJECT_CONTROL and head.lower_ in {"of", "for"}:
                return _expand_all(objs), True
            got, _ = _subject(gov, depth + 1)
            return got, True
    return [], False


def _document_author(noun: Token, depth: int) -> list[Token] | None:
    """Who speaks through a text the clause adopted, issued or signed: "adopted a resolution demanding ..." and
    "a resolution that condemned X" are the adopters' demand and condemnation. None for any other noun."""
    if noun.lemma_.lower() in DOCUMENT_NOUNS and noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"}:
        got, _ = _subject(noun.head, depth + 1)
        return got
    return None


def _objects(v: Token, passive: bool) -> list[Token]:
    if passive:
        pats = [c for c in kids(v) if c.dep_ in PASS_SUBJ_DEPS]
        if pats:
            return _expand_all([(_antecedent(v) or p) if _rel_pronoun(p) else p for p in pats])
        if (ante := _antecedent(v)) is not None:  # "a deal signed by X", "the talks, which were mediated by X"
            return expand(ante)
        if v.dep_ == "amod":  # "a Russian-brokered deal"
            return expand(v.head)
        return []
    objs = [c for c in kids(v) if c.dep_ in OBJ_DEPS]
    if any(o.dep_ == "dobj" and o.tag_ != "WP" for o in objs):
        # "called [the decision] [disproportionate]": the second is what it is called (but in "what he called a
        # witch hunt against X" the thing called is all there is)
        objs = [o for o in objs if o.dep_ != "oprd"]
    out = []
    for o in objs:
        if _rel_pronoun(o) and (ante := _antecedent(v)) is not None:
            out.append(ante)
        else:
            out.append(o)
    ante = _antecedent(v) if not out and v.dep_ == "relcl" else None
    if ante is not None and any(c.dep_ in SUBJ_DEPS and not _rel_pronoun(c) for c in kids(v)):
        out.append(ante)  # "the deal (that) Iran signed"
    return _expand_all(out)


_WORD = re.compile(r"[\w'-]+|[^\w\s]")


def _phrase_words(toks: list[Token], limit: int = 12) -> list[str]:
    """Lower-case words of each phrase (read from the text: no Token objects); a long phrase keeps the
    head's near modifiers only."""
    words: list[str] = []
    for t in toks:
        left, right = t.left_edge.i, t.right_edge.i
        if right - left + 1 > limit:
            left, right = max(left, t.i - 4), min(right, t.i + 4)
        doc = t.doc
        last = doc[right]
        # the characters from the first token to the end of the last (no Span built)
        words += _WORD.findall(doc_text(doc)[doc[left].idx: last.idx + len(last)].lower())
    return words


def verb_frame(v: Token) -> Frame:
    passive = _is_passive(v)
    subj, inferred = _subject(v, 0, passive)
    f = Frame(pred=v, lemma=v.lemma_.lower(), pos="verb", clause=v, passive=passive, subj=subj, inferred_subj=inferred,
              compound_agent=bool(compound_agent(v)))  # such a participle is always passive
    f.obj = _objects(v, passive)
    f.dative = [c for c in kids(v) if c.dep_ in {"dative", "iobj"} and c.pos_ != "ADP"]
    f.particle = next((c.lower_ for c in kids(v) if c.dep_ == "prt"), None)
    _preps_of(v, f.preps)
    if not f.obj:
        _raised_object(v, f)
    for o in f.obj:
        if o.i > v.i or not passive:
            _preps_of(o, f.preps)
            # "signed agreements establishing relations with X and Y": the partners of what the object says
            for acl in (c for c in kids(o) if c.dep_ == "acl" and c.tag_ == "VBG"):
                got: dict[str, list[Token]] = {}
                for t in [acl, *(c for c in kids(acl) if c.dep_ == "dobj")]:  # "... relations with X"
                    _preps_of(t, got)
                for k in ("with", "between"):
                    if k in got and k not in f.preps:
                        f.preps[k] = got[k]
    for c in kids(v):
        if c.dep_ in {"ccomp", "xcomp"}:
            f.comp += _expand_all([s for s in kids(c) if s.dep_ in SUBJ_DEPS | PASS_SUBJ_DEPS])
    # a small clause: "called [X crazy]", "called X [a war criminal]", "described X [as a threat]": X is the object,
    # and what X is called is read with the object's words
    pred_words: list[str] = []
    for c in kids(v):
        if c.dep_ in {"oprd", "acomp"} or (c.dep_ in {"ccomp", "xcomp"} and c.pos_ in {"ADJ", "NOUN", "PROPN"}):
            small = [s for s in kids(c) if s.dep_ in SUBJ_DEPS]
            if not small and c.pos_ == "ADJ":  # the small parser reads "called [the decision] disproportionate" as a compound
                small = [s for s in kids(c) if s.dep_ == "compound" and s.pos_ in {"NOUN", "PROPN"}]
            if small and (not f.obj or f.obj == [c]):  # the predicate is no object once its subject is found
                f.obj = _expand_all(small)
            pred_words += _phrase_words([c], 8)
    # "cut aid to X", "withdrew from the treaty with X": the object class may be in a "from" phrase as well
    f.obj_words = _phrase_words(f.obj) + [w for k in ("with", "of", "from", "as") for t in f.preps.get(k, [])
                                          for w in _phrase_words([t], 6)] + pred_words
    return f


RAISED_PREPS = frozenset({"on", "at", "against", "with", "to", "into", "upon"})


def _raised_object(v: Token, f: Frame) -> None:
    """Right node raising: "fired on and seized three vessels" -- a preposition left without its object (the
    parser makes it a particle or a bare ``prep``) takes the object of the verb coordinated after it."""
    dangling = [c for c in kids(v) if (c.dep_ == "prt" or (c.dep_ == "prep" and not any(
        p.dep_ in {"pobj", "pcomp"} for p in kids(c)))) and c.lower_ in RAISED_PREPS and c.i == v.i + 1]
    conj = next((c for c in kids(v) if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > v.i), None)
    if not dangling or conj is None:
        return
    objs = _expand_all([c for c in kids(conj) if c.dep_ == "dobj"])
    if objs:
        f.preps.setdefault(dangling[0].lower_, []).extend(objs)
        if f.particle == dangling[0].lower_:
            f.particle = None  # a preposition, not a particle: "fired on [X]", not "fired on" (kept firing)


def light_of(n: Token, light_verbs: frozenset[str], light_preps: dict[str, frozenset[str]]) -> tuple[Token | None, Token | None]:
    """The light verb governing event noun ``n`` ("held talks", "took part in exercises"), and the measure noun
    standing between them ("held four hours of talks"), read from the noun's head alone."""
    head = n.head
    light: Token | None = None
    measure: Token | None = None
    if n.dep_ in {"dobj", "nsubjpass", "attr"} and head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in light_verbs:
        light = head
    elif n.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        gov = head.head
        if head.lower_ in light_preps.get(gov.lemma_.lower(), frozenset()):
            light = gov  # "took part in exercises", "engaged in talks"
    elif n.dep_ == "conj" and head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.lemma_.lower() in light_verbs:
        light = head.head  # "imposed sanctions and travel bans on ..."
    elif n.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        # a measure of the event: "held four hours of talks", "launched waves of air strikes on", "responded with
        # waves of strikes": the measure noun stands where the event noun would
        measure = head.head
        gov = measure.head
        if measure.dep_ in {"dobj", "nsubjpass", "attr"} and gov.pos_ in {"VERB", "AUX"} and gov.lemma_.lower() in light_verbs:
            light = gov
        elif measure.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.pos_ in {"VERB", "AUX"} and \
                gov.lower_ in light_preps.get(gov.head.lemma_.lower(), frozenset()):
            light = gov.head
        if light is None:
            measure = None
    return light, measure


def noun_frame(n: Token, light_verbs: frozenset[str], light_preps: dict[str, frozenset[str]]) -> Frame:
    """An event noun's frame; governed by a light verb, the frame takes that verb's subject and clause."""
    f = Frame(pred=n, lemma=n.lemma_.lower(), pos="noun", clause=n)
    head = n.head
    light, measure = light_of(n, light_verbs, light_preps)
    if measure is not None:
        _preps_of(measure, f.preps)
    if light is not None:
        lf = verb_frame(light)
        f.light = lf.lemma
        f.clause = light
        f.subj, f.inferred_subj, f.passive = lf.subj, lf.inferred_subj, lf.passive
        f.dative = lf.dative
        f.comp = lf.comp
        for k, v in lf.preps.items():
            if k != "by" or lf.passive:
                f.preps.setdefault(k, []).extend(v)
    for c in kids(n):
        if c.dep_ == "poss":
            f.poss += expand(c)
        elif c.dep_ in {"compound", "amod", "nmod"}:
            f.mod += expand(c)
    if measure is not None:  # the measure's phrases, but not the "of" that holds the event noun itself
        f.preps = {k: kept for k, v in f.preps.items() if (kept := [t for t in v if t.i != n.i])}
    own: dict[str, list[Token]] = {}
    _preps_of(n, own)
    for k, v in own.items():
        lst = f.preps.setdefault(k, [])
        lst += [t for t in v if t not in lst]
    if n.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        f.clause = head  # "the ceasefire took effect", "talks between X and Y ended"
    f.obj_words = [w for k in ("of", "on", "with") for t in f.preps.get(k, []) for w in _phrase_words([t], 6)]
    f.obj_words += [m.lower_ for m in f.mod]
    return f


class TokenColumns:
    """A document's (POS, LEMMA, LOWER, ENT_TYPE, ENT_IOB, DEP) ids, one list per attribute, read once with
    ``Doc.to_array`` (no Token objects made). A list per attribute rather than a small list per token: the collector
    would walk those while they live."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LEMMA, LOWER, POS

        pos, lemma, lower, ent, iob, dep = doc.to_array([POS, LEMMA, LOWER, ENT_TYPE, ENT_IOB, DEP]).T.tolist()
        self.pos: list[int] = pos
        self.lemma: list[int] = lemma
        self.lower: list[int] = lower
        self.ent: list[int] = ent
        self.iob: list[int] = iob  # 3 begins an entity, 1 continues it (as Doc.ents reads them)
        self.dep: list[int] = dep

    def entity_bounds(self, labels: frozenset[int]) -> list[tuple[int, int]]:
        """(start, end) of the document's entities with one of these labels, as ``Doc.ents`` cuts them, without
        making a span for every other entity."""
        out: list[tuple[int, int]] = []
        ents, iob, n = self.ent, self.iob, len(self.ent)
        i = 0
        while i < n:
            if iob[i] == 3 and ents[i] in labels:
                j = i + 1
                while j < n and iob[j] == 1:
                    j += 1
                out.append((i, j))
                i = j
            else:
                i += 1
        return out


def candidate_tokens(doc: Doc, wanted: Callable[[str, str], bool], memo: dict[tuple[int, int, int], bool] | None = None,
                     columns: TokenColumns | None = None) -> list[int]:
    """Indices of the tokens that may head a frame, read from the document's arrays (no Token objects made):
    verbs, a root auxiliary, and nouns outside named entities, whose lemma or form the lexicon has. ``memo``
    keeps the lexicon's answer per (part of speech, lemma, form) hash across documents; ``columns`` are the
    document's arrays when the caller has read them already."""
    strings = doc.vocab.strings
    verb, aux, noun, propn = (strings[p] for p in ("VERB", "AUX", "NOUN", "PROPN"))
    root, event = strings["ROOT"], strings["EVENT"]
    memo = {} if memo is None else memo
    out: list[int] = []
    cols = TokenColumns(doc) if columns is None else columns
    poses, lemmas, lowers, ents, deps = cols.pos, cols.lemma, cols.lower, cols.ent, cols.dep
    for i in range(len(poses)):
        pos = poses[i]
        if pos == verb or (pos == aux and deps[i] == root):
            key = (1, lemmas[i], 0)
        elif pos in (noun, propn) and ents[i] in (0, event):
            key = (2, lemmas[i], lowers[i])
        else:
            continue
        hit = memo.get(key)
        if hit is None:
            if key[0] == 1:
                hit = wanted(strings[key[1]].lower(), "verb")
            else:
                hit = wanted(strings[key[1]].lower(), "noun") or wanted(strings[key[2]], "noun")
            memo[key] = hit
        if hit:
            out.append(i)
    return out


def build_frames(sent: Span, wanted: Callable[[str, str], bool], light_verbs: frozenset[str],
                 light_preps: dict[str, frozenset[str]], candidates: list[int] | None = None,
                 keep: Callable[[str, str, str | None, str | None], bool] | None = None,
                 lights: set[int] | None = None) -> list[Frame]:
    """Frames of every verb and event noun in ``sent`` that the lexicon has entries for (``candidates``: the
    token indices :func:`candidate_tokens` found, to skip the others without looking at them).

    ``keep(lemma, pos, particle, light)`` is asked before a frame is built, with what the predicate's direct
    children and head say (its particle, its light verb's lemma): a predicate it refuses gets no frame (its
    subject, objects and prepositional phrases are never resolved). The light verbs of refused event nouns
    are added to ``lights``, as the frame would have told.
    """
    frames: list[Frame] = []
    doc = sent.doc
    for tok in (sent if candidates is None else (doc[i] for i in candidates)):
        pos = tok.pos_
        if pos == "VERB" or (pos == "AUX" and tok.dep_ == "ROOT"):
            lemma = tok.lemma_.lower()
            if wanted(lemma, "verb"):
                if keep is not None and not keep(lemma, "verb", next((c.lower_ for c in kids(tok) if c.dep_ == "prt"), None),
                                                 None):
                    continue
                frames.append(verb_frame(tok))
        elif pos in {"NOUN", "PROPN"} and tok.ent_type_ in {"", "EVENT"}:
            lemma = tok.lemma_.lower()
            if wanted(lemma, "noun") or wanted(tok.lower_, "noun"):
                if keep is not None:
                    light, _ = light_of(tok, light_verbs, light_preps)
                    if not keep(lemma if wanted(lemma, "noun") else tok.lower_, "noun", None,
                                None if light is None else light.lemma_.lower()):
                        if light is not None and lights is not None:
                            lights.add(light.i)
                        continue
                f = noun_frame(tok, light_verbs, light_preps)
                if not wanted(lemma, "noun"):
                    f.lemma = tok.lower_
                frames.append(f)
    return frames
