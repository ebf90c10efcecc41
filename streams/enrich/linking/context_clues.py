"""What the words around a mention say: titles, demonyms, acting vs located.

"Russian Defence Minister Andrei Belousov" gives a person a country and role;
"Pyongyang said" makes a capital act for its country while "visited Pyongyang"
leaves it a place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Title phrases -> CAMEO role. Longest phrases are tried first.
TITLE_ROLES: dict[str, str] = {
    "prime minister": "GOV", "foreign minister": "GOV", "defence minister": "GOV", "defense minister": "GOV",
    "interior minister": "GOV", "finance minister": "GOV", "deputy prime minister": "GOV",
    "vice president": "GOV", "crown prince": "GOV", "supreme leader": "GOV", "head of state": "GOV",
    "secretary of state": "GOV", "defense secretary": "GOV", "defence secretary": "GOV", "foreign secretary": "GOV",
    "national security adviser": "GOV", "chief of staff": "MIL", "army chief": "MIL", "military chief": "MIL",
    "opposition leader": "OPP", "rebel leader": "REB", "rebel commander": "REB",
    "president": "GOV", "premier": "GOV", "chancellor": "GOV", "minister": "GOV", "secretary": "GOV",
    "king": "GOV", "queen": "GOV", "emir": "GOV", "sultan": "GOV", "governor": "GOV", "mayor": "GOV",
    "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV", "official": "GOV", "leader": "GOV",
    "lawmaker": "LEG", "senator": "LEG", "legislator": "LEG", "parliamentarian": "LEG", "mp": "LEG",
    "general": "MIL", "gen.": "MIL", "gen": "MIL", "commander": "MIL", "admiral": "MIL", "colonel": "MIL",
    "lieutenant": "MIL", "major": "MIL", "marshal": "MIL", "officer": "MIL", "soldier": "MIL",
    "ambassador": "DIP", "envoy": "DIP", "diplomat": "DIP", "negotiator": "DIP",
    "dissident": "OPP", "activist": "OPP", "rebel": "REB", "militant": "REB", "insurgent": "REB",
    "judge": "JUD", "prosecutor": "JUD",
}
TITLE_WORDS = frozenset(w for phrase in TITLE_ROLES for w in phrase.split()) | {
    "deputy", "acting", "former", "first", "chief", "top", "senior", "head", "defence", "defense", "foreign",
    "interior", "state", "ministry", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president-elect",
}
CONNECTORS = frozenset({"'s", "'", "of", "the", "-", "and"})
_TITLE_STEMS = frozenset(w.rstrip(".") for w in TITLE_WORDS)  # "gen." and "gen" alike
_ROLE_PHRASES = sorted(TITLE_ROLES, key=len, reverse=True)  # the longest phrase first

# Offices that "the French president" can name, in the words of office titles.
OFFICE_PHRASES = (
    "prime minister", "foreign minister", "defence minister", "defense minister", "interior minister",
    "president", "chancellor", "premier", "king", "supreme leader",
)

_OFFICE_PHRASES_LONGEST_FIRST = sorted(OFFICE_PHRASES, key=len, reverse=True)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "poss"})


def office_in(title: str) -> str | None:
    """The office a title names, in the words of OFFICE_PHRASES: "Russia's new defence minister" -> "defence minister"."""
    low = " " + " ".join(title.lower().replace("-", " ").split()) + " "
    return next((p for p in _OFFICE_PHRASES_LONGEST_FIRST if f" {p} " in low), None)


def role_phrase(text: str) -> str | None:
    """The longest title phrase of TITLE_ROLES in a text: "Russian opposition leader" -> "opposition leader"."""
    low = " " + " ".join(text.lower().replace("-", " ").split()) + " "
    return next((p for p in _ROLE_PHRASES if f" {p} " in low), None)


def role_from_text(text: str) -> str | None:
    phrase = role_phrase(text)
    return TITLE_ROLES[phrase] if phrase else None


def strip_titles(span: Span) -> Span:
    """ "President Vladimir Putin" -> "Vladimir Putin" when NER included the title."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_.rstrip(".") in _TITLE_STEMS:
        start += 1
    return span.doc[start : span.end]


def left_context(span: Span, max_tokens: int = 7) -> Span:
    """The title-like words right before a name: "Russian Defence Minister" in "… Russian Defence Minister Andrei Belousov"."""
    doc = span.doc
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    i = span.start - 1
    while i >= max(sent_start, span.start - max_tokens):
        tok = doc[i]
        if tok.is_punct and tok.text not in {"-", "'", "'s"}:
            break
        if not (tok.is_title or tok.is_upper or tok.lower_ in TITLE_WORDS or tok.lower_ in CONNECTORS or tok.tag_ == "POS"):
            break
        i -= 1
    return doc[i + 1 : span.start]


def appositive(span: Span, max_tokens: int = 9) -> Span | None:
    """ "Andrei Belousov, Russia's defence minister," -> "Russia's defence minister"."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    end = span.end + 1
    limit = min(len(doc), span.end + 1 + max_tokens)
    while end < limit and doc[end].text not in {",", ".", ";", ":", "(", ")"} and doc[end].pos_ != "VERB":
        end += 1
    tail = doc[span.end + 1 : end]
    return tail if tail and role_from_text(tail.text) else None


def of_phrase(span: Span, max_tokens: int = 5) -> Span | None:
    """ "King Hassan of Morocco", "Prime Minister Hun Manet of Cambodia" -> "Morocco"."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return None
    end = span.end + 1
    while end < min(len(doc), span.end + 1 + max_tokens) and (doc[end].is_title or doc[end].is_upper or doc[end].lower_ == "the"):
        end += 1
    return doc[span.end + 1 : end] if end > span.end + 1 else None


def acts(span: Span) -> bool:
    """Does the place act (subject, possessor, agent), rather than host the action?"""
    root: Token = span.root
    if root.dep_ in SUBJECT_DEPS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        return True
    # "Moscow officials said": a compound modifier of a subject
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.dep_ in SUBJECT_DEPS:
        return True
    # the subject of a clause conjoined with one: "Moscow and Beijing said"
    if root.dep_ == "conj":
        head = root.head
        while head.dep_ == "conj":
            head = head.head
        return head.dep_ in SUBJECT_DEPS
    return False


def office_phrase_after(span: Span) -> Span | None:
    """ "French president" / "Russia's defence minister" not followed by a name: the office itself."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1
    for phrase in OFFICE_PHRASES:
        words = phrase.split()
        cand = doc[i : i + len(words)]
        if len(cand) == len(words) and [t.lower_ for t in cand] == words:
            nxt = doc[cand.end] if cand.end < len(doc) else None
            if nxt is not None and (nxt.pos_ == "PROPN" or nxt.ent_type_ == "PERSON"):
                return None  # "French President Emmanuel Macron": the name is its own mention
            return cand
    return None
