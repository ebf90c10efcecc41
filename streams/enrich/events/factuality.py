"""Is an action asserted as having happened, or hedged, denied, negated, future, hypothetical, intended?

Read off the dependency parse around the trigger: its own auxiliaries and
negation, and the chain of verbs that govern it ("denied sending", "plans to
sign", "said it was ready to", "if ... would").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

ASSERTED = "asserted"

HEDGE_MODALS = frozenset({"may", "might", "could", "can", "should", "must"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
HEDGE_VERBS = frozenset({"consider", "mull", "weigh", "explore", "discuss", "debate", "suggest", "propose"})
FUTURE_VERBS = frozenset({"plan", "schedule", "expect", "set", "due", "prepare", "intend", "aim"})
INTENT_VERBS = frozenset({"want", "seek", "hope", "offer", "pledge", "vow", "promise", "agree", "threaten", "try", "decide",
                          "wish", "commit", "resolve", "move", "look", "need"})
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
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in tok.children)


def _modal(tok: Token) -> str | None:
    for c in tok.children:
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
    for c in tok.children:
        if c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in c.children if m.dep_ == "mark"):
            return True
        if c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
            return True
    return False


def assess(trigger: Token) -> Factuality:
    """Factuality of the action named by ``trigger`` (a verb, or a noun for nominal events)."""
    tok = trigger
    if tok.pos_ in {"NOUN", "PROPN"}:
        if any(c.lower_ in PLANNED_ADJECTIVES for c in tok.children if c.dep_ in {"amod", "compound"}):
            return Factuality("future")
        # the noun takes the factuality of the verb it depends on ("denied the attack")
        head = tok.head
        while head.dep_ in {"prep", "pobj"} and head.head is not head:
            head = head.head
        if head is tok or head.pos_ not in {"VERB", "AUX"}:
            return Factuality(ASSERTED)
        inner = assess(head)
        if head.lemma_ in DENIAL_VERBS:
            return Factuality("denied")
        return inner

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
    for _ in range(6):
        dep = current.dep_
        head = current.head
        if head is current or dep not in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "advcl", "acomp", "conj", "relcl"}:
            break
        if dep == "conj":
            current = head
            continue
        if dep == "relcl":
            break
        lemma = head.lemma_.lower()
        if lemma in DENIAL_VERBS:
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
                reported_by = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
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
    sent = tok.sent
    return any(t.lower_ in {"if", "unless"} for t in sent)
