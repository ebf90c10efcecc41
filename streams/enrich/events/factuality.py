"""Is an action asserted as having happened, or hedged, denied, negated, future, hypothetical, intended?

Contract: :func:`assess` reads the clause of a trigger (a verb, or the light verb or
governing verb of an event noun): its own auxiliaries and negation, those of the verb it
is coordinated with when it shares that verb's subject ("did not expel X or impose
sanctions"), and the chain of verbs that govern it: infinitival complements of plan,
intend, aim, seek, hope, expect, be set, be due and be to (future/intended), modals and
conditionals, "denied that ..." and "rejected reports that ..." (denied), the content of
an accusation ("accused X of firing", hedged), of an appeal or a demand ("urged X to
withdraw", hypothetical) and of a purpose clause ("flew to Kyiv to rally support",
intended). Reported speech of a past act stays asserted, with the reporter in
``reported_by``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token  # at run time: compiled dataclasses read their annotations

from streams.enrich.events.tree import kids, sentence

ASSERTED = "asserted"

HEDGE_MODALS = frozenset({"may", "might", "could", "can", "should", "must"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
HEDGE_VERBS = frozenset({"consider", "mull", "weigh", "explore", "discuss", "debate", "suggest", "propose", "seem", "appear",
                         "study", "examine", "review", "contemplate", "envisage"})
FUTURE_VERBS = frozenset({"plan", "schedule", "expect", "set", "due", "prepare", "intend", "aim", "slate", "poise"})
INTENT_VERBS = frozenset({"want", "seek", "hope", "offer", "pledge", "vow", "promise", "agree", "threaten", "try", "wish",
                          "commit", "resolve", "look", "need", "attempt", "endeavour", "endeavor", "strive",
                          "volunteer", "undertake", "swear", "prefer", "aspire", "struggle"})
# the content of an appeal or a demand did not happen: "urged Iran to withdraw", "called for talks to resume"
APPEAL_VERBS = frozenset({"urge", "call", "ask", "demand", "press", "request", "appeal", "invite", "encourage", "implore",
                          "insist", "exhort", "challenge", "order", "instruct", "tell", "pressure", "lobby", "beg", "advise",
                          "recommend", "warn", "caution"})
# the content of an accusation is alleged: "accused X of firing", "blamed Y for the attack"
ACCUSE_VERBS = frozenset({"accuse", "blame", "charge", "condemn", "criticise", "criticize", "denounce", "fault", "indict",
                          "suspect", "praise", "thank", "commend", "congratulate", "punish", "sanction"})
REPORT_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "suggestion", "rumour", "rumor", "speculation",
                          "assertion"})
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "eager", "keen", "open", "determined"})
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "reject", "rebut", "disprove"})
NEGATED_VERBS = frozenset({"fail", "refuse", "decline", "stop", "halt", "cancel", "postpone", "avoid"})
REPORT_VERBS = frozenset({"say", "tell", "report", "announce", "confirm", "state", "add", "claim", "allege", "note",
                          "reveal", "disclose", "acknowledge", "admit", "insist", "accuse", "write", "quote", "show"})
HEDGE_REPORT_VERBS = frozenset({"claim", "allege", "suspect", "believe", "think", "fear", "suggest", "rumour", "rumor"})
PLANNED_ADJECTIVES = frozenset({"planned", "upcoming", "proposed", "possible", "potential", "expected", "future", "prospective"})


@dataclass(frozen=True, slots=True)
class Factuality:
    value: str  # asserted, hedged, denied, negated, future, hypothetical, intended
    reported_by: Token | None = None  # the subject of the reporting verb, when reported
    report_verb: str | None = None
    governor: Token | None = None  # the verb that made it non-asserted ("threatened" in "threatened to strike")


def _has_neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in kids(tok))


def _modal(tok: Token) -> str | None:
    for c in kids(tok):
        if c.dep_ == "aux" and c.tag_ == "MD":
            w = c.lower_
            if w in FUTURE_MODALS:
                return "future"
            if w == "would":
                return "would"
            if w in HEDGE_MODALS:
                return "hedged"
        if c.dep_ == "aux" and c.lower_ in {"going"}:
            return "future"
    return None


def _conditional(tok: Token) -> bool:
    # "if Russia attacked, NATO would respond": the if-clause and its consequence
    for c in kids(tok):
        if c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in kids(c) if m.dep_ == "mark"):
            return True
        if c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
            return True
    return False


def _shares_subject(tok: Token) -> bool:
    """A coordinated verb without a subject or auxiliary of its own shares its head's."""
    return not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"} for c in kids(tok))


def coordination_head(tok: Token) -> Token:
    """The verb a coordinated verb ``tok`` really shares its subject with (its parse head, or the reporting verb).

    In "X said [Y was not involved] and urged Z to ...", the small parser makes "urged" a conjunct of
    the reported clause; but a reported clause that only states something (a copula, a passive, an
    adjective: "was involved", "were dangerous") does not go on with an act of that clause's own subject
    in the reporter's simple past, so "urged" is the reporter's second act, coordinated with "said".
    """
    head = tok.head
    # a past participle with no auxiliary is a simple past the tagger got wrong ("and accused ASEAN of ...")
    if tok.dep_ != "conj" or tok.tag_ not in {"VBD", "VBN"} or not _shares_subject(tok):
        return head
    if head.tag_ == "VB" and _is_infinitive(head) and head.dep_ in {"advcl", "xcomp"} and head.head is not head \
            and head.head.dep_ not in {"relcl", "acl"}:  # (not where the parser hung the purpose on a relative clause)
        # an infinitive's conjuncts are infinitives too: "had ended relations to preserve its dignity and accused X"
        # goes on with the verb the purpose clause hangs on, not inside the purpose
        return head.head
    clause = head.head if head.dep_ == "acomp" else head  # "said it was [disappointed] and accused ..."
    stative = head is not clause or clause.lemma_.lower() == "be" or any(
        c.dep_ in {"auxpass", "acomp", "attr"} for c in kids(clause))
    reporter = clause.head
    if clause.dep_ == "ccomp" and stative and reporter.lemma_.lower() in REPORT_VERBS and reporter.tag_ == "VBD":
        return reporter
    return head


def _finite_past(tok: Token) -> bool:
    """A finite past-tense clause ("told reporters that he had urged ...", "warned that X had fired"): what is
    reported happened; an appeal's content is infinitival or subjunctive ("urged X to", "demanded that X withdraw")."""
    if tok.tag_ == "VBD":
        return True
    return tok.tag_ == "VBN" and any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "has", "have", "was", "were"}
                                     for c in kids(tok))


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in kids(tok))


def assess(trigger: Token) -> Factuality:
    """Factuality of the action named by ``trigger`` (a verb, or a noun for nominal events)."""
    tok = trigger
    if tok.pos_ in {"NOUN", "PROPN"}:
        if any(c.lower_ in PLANNED_ADJECTIVES for c in kids(tok) if c.dep_ in {"amod", "compound"}):
            return Factuality("future")
        # the noun takes the factuality of the verb it depends on ("denied the attack")
        head = tok.head
        while head.dep_ in {"prep", "pobj"} and head.head is not head:
            head = head.head
        if head is tok or head.pos_ not in {"VERB", "AUX"}:
            return Factuality(ASSERTED)
        hl = head.lemma_.lower()
        if hl in DENIAL_VERBS:
            return Factuality("denied")
        if hl in FUTURE_VERBS:
            return Factuality("future")
        if hl in HEDGE_VERBS:
            return Factuality("hedged")
        if hl in INTENT_VERBS:
            return Factuality("intended", governor=head)
        if hl in NEGATED_VERBS:
            return Factuality("negated")
        return assess(head)

    if _has_neg(tok):
        return Factuality("negated")
    modal = _modal(tok)
    if _conditional(tok) or (modal == "would" and _conditional_context(tok)):
        return Factuality("hypothetical")
    if modal in {"future", "hedged"}:
        return Factuality(modal)
    if modal == "would":
        return Factuality("hedged")

    # walk up the governing verbs: "plans to sign", "denied sending", "said it was ready to"
    reported_by: Token | None = None
    report_verb: str | None = None
    current = tok
    for _ in range(7):
        dep = current.dep_
        head = current.head
        if head is current or dep not in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "advcl", "acomp", "conj", "relcl", "acl",
                                          "dobj"}:
            break
        if dep == "dobj" and not (current.pos_ == "NOUN" and current.lemma_.lower() in REPORT_NOUNS):
            break
        if dep == "conj":
            head = coordination_head(current)
            if current.pos_ in {"VERB", "AUX"} and _shares_subject(current) and head.pos_ in {"VERB", "AUX"}:
                # negation and modality of the first verb scope over the verbs coordinated with it
                if _has_neg(head):
                    return Factuality("negated")
                up = _modal(head)
                if up in {"future", "hedged"}:
                    return Factuality(up)
                if up == "would":
                    return Factuality("hedged")
            current = head
            continue
        if dep == "relcl":
            break
        if dep == "acl" and current.pos_ not in {"VERB", "AUX"}:
            break
        if current.pos_ == "NOUN" and current.lemma_.lower() in REPORT_NOUNS:
            if head.lemma_.lower() in DENIAL_VERBS:
                return Factuality("denied")
            return Factuality("hedged")
        lemma = head.lemma_.lower()
        if dep == "xcomp" and lemma == "be" and _is_infinitive(current):
            return Factuality("future")  # "both sides are to pull back"
        if dep in {"pcomp", "pobj", "prep"} and lemma in ACCUSE_VERBS:
            return Factuality("hedged")  # "accused X of firing": alleged
        if dep in {"xcomp", "ccomp"} and lemma in APPEAL_VERBS and not _finite_past(current):
            return Factuality("hypothetical")  # "urged X to withdraw": asked for, not done
        if dep == "advcl" and _is_infinitive(current):
            return Factuality("intended", governor=head)  # "flew to Kyiv to rally support"
        if lemma in DENIAL_VERBS and not (dep == "ccomp" and current.i < head.i and _has_object(head)):
            # "X accused Y of the attack, a charge Damascus denies": the small parser makes the clause before the
            # comma a complement of "denies", whose object ("a charge") is what is denied
            return Factuality("denied")
        if head.pos_ == "ADJ" and lemma in INTENT_ADJECTIVES:
            return Factuality("intended")
        if lemma in FUTURE_VERBS or (head.lower_ in {"set", "due"} and dep == "xcomp"):
            return Factuality("future")
        if lemma in INTENT_VERBS and dep in {"xcomp", "ccomp"}:
            return Factuality("intended", governor=head)
        if lemma in HEDGE_VERBS and dep in {"xcomp", "ccomp"}:
            return Factuality("hedged")
        if lemma in NEGATED_VERBS and dep == "xcomp":
            return Factuality("negated")
        if lemma in REPORT_VERBS or lemma in HEDGE_REPORT_VERBS:
            if _has_neg(head):
                return Factuality("denied")
            if reported_by is None:
                reported_by = next((c for c in kids(head) if c.dep_ in {"nsubj", "nsubjpass"}), None)
                report_verb = lemma
            if lemma in HEDGE_REPORT_VERBS:
                return Factuality("hedged", reported_by, report_verb)
        # the governing verb's own modality carries down: "will try to", "may plan to"
        if head.pos_ in {"VERB", "AUX"}:
            if _has_neg(head) and lemma not in REPORT_VERBS:
                return Factuality("negated")
            up = _modal(head)
            if up in {"future", "hedged"} and lemma not in REPORT_VERBS:
                return Factuality(up)
        current = head
    return Factuality(ASSERTED, reported_by, report_verb)


def _conditional_context(tok: Token) -> bool:
    return any(t.lower_ in {"if", "unless"} for t in sentence(tok))


def _has_object(v: Token) -> bool:
    return any(c.dep_ == "dobj" for c in kids(v))
