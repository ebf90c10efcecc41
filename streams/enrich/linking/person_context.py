"""Where a person's country comes from in the text: their title, an apposition, an institution.

Contract: :func:`clue_for` reads the words around one PERSON span (and, for a title without a
country, the same title earlier in the article) and returns a
:class:`Clue` (country or international body, CAMEO role, title text, and which
construction gave it), or None. It never guesses from the rest of the article; the
linker does that last (``country_source: context``). The constructions, each with
invented examples in ``tests/unit/test_person_context.py``:

- a title in the person's own noun phrase: "Kenyan President X", "US basketball star X",
  "Washington Post reporter X"; coordination is a boundary, so in "Kenyan President X and
  Ugandan President Y" Y gets only "Ugandan President";
- an apposition after the name: "X, Chile's former interior minister,", "X, a former US Marine";
- an apposition before it: "Ghana's finance minister, X," and "Germany's ambassador to Mali, X,"
  (a country after "to", "in", "for"... is where the office points, not whose it is);
- "the foreign ministers of A and B, X and Y": the n-th name gets the n-th country;
- the person served: "President Y's envoy X", "X, an aide to Y" (Y's country, once Y has one);
- a title with no country last in a list: "Colombian President Y, his wife and Interior Minister X";
- an international body in the title ("UN envoy X", "X, the president of the ECOWAS Commission")
  makes X act for it: ``igo`` set, their own country (a demonym beside it) as nationality;
- last, a title without a country that the article wrote with one before: "a Chinese foreign
  ministry spokesman ... Foreign ministry spokeswoman X" (:func:`earlier_description`).

Countries, bodies and institutions are found by a ``resolve`` callback (the linker's
gazetteer and already-linked mentions), so this module holds only the syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from streams.enrich.linking.context_clues import TITLE_ROLES, TITLE_WORDS, of_phrase, role_from_text

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

TITLE = "title"
APPOSITION = "apposition"
INSTITUTION = "institution"

# A country after these words is the office's object ("ambassador to Mali", "envoy for Syria").
OBJECT_PREPS = frozenset({"to", "in", "at", "on", "into", "against", "toward", "towards", "with", "for", "over", "near"})
# Title nouns besides TITLE_ROLES that make a phrase describe a person.
PERSON_NOUNS = frozenset({
    "counterpart", "chief", "head", "ruler", "aide", "adviser", "advisor", "reporter", "journalist", "correspondent",
    "editor", "executive", "ceo", "chairman", "chairwoman", "chair", "director", "coordinator", "representative",
    "delegate", "speaker", "star", "player", "coach", "dealer", "blogger", "negotiator", "emir", "monarch", "justice",
    "marine", "pilot", "citizen", "national", "worker", "businessman", "businesswoman", "tycoon", "founder", "member",
    "commissioner", "secretary-general", "director-general", "president-elect", "nominee", "candidate", "politician",
    "deputy", "administrator", "envoy", "spokesman", "spokeswoman", "spokesperson", "analyst", "researcher",
    "cleric", "preacher", "imam", "rabbi", "priest", "bishop", "cardinal", "writer", "author", "poet", "novelist",
    "artist", "singer", "musician", "actor", "actress", "lawyer", "attorney", "billionaire", "opponent", "critic",
    "girlfriend", "boyfriend", "wife", "husband", "widow", "daughter", "professor", "scientist", "economist",
    "athlete", "footballer",
})
# Title heads of a country's diplomats: "Russian UN ambassador X" is Russia's, not the UN's
# (an "envoy" is the body's own: "the Swedish UN envoy X" acts for the UN).
DIPLOMATS = frozenset({"ambassador", "representative", "delegate", "diplomat"})
RELATIVE = frozenset({"WP", "WP$", "WDT"})  # who, whom, whose, which, that
BOUNDARY_WORDS = frozenset({"and", "or", "but", "while", "as", "by", "said", "says", "told", "than"})
CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", ".", "!", "?", '"'})


PLACE_FOUND = "place"  # a city or division: "Lagos governor X" (needs a title noun)
PERSON_FOUND = "person"  # another person: "Trump's envoy X", "an aide to Y" (their country)


@dataclass(frozen=True, slots=True)
class Found:
    """What ``resolve`` returns for words of a title: a country or a body, whether an institution named
    it, and what kind of name it was (a gazetteer kind, ``place`` or ``person``)."""

    country: str | None = None
    igo: str | None = None
    institution: bool = False
    demonym: bool = False
    kind: str = "country"


# resolve(tokens of the phrase, start index) -> (Found, number of tokens it covers) or None
Resolver = Callable[["Span", int], "tuple[Found, int] | None"]


@dataclass(frozen=True, slots=True)
class Clue:
    country: str | None
    igo: str | None
    role: str | None
    title: str
    source: str  # title, apposition or institution
    nationality: str | None = None


def is_person_noun(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in TITLE_ROLES or w in PERSON_NOUNS


def is_title_token(tok: Token) -> bool:
    """A person noun as written or by its lemma ("ministers")."""
    return is_person_noun(tok.text) or is_person_noun(tok.lemma_)


def has_person_noun(span: Span) -> bool:
    return any(is_title_token(t) for t in span)


# -- finding the phrases -----------------------------------------------------------------------
def own_phrase(span: Span, others: set[int], max_tokens: int = 8) -> Span:
    """The premodifiers of the name in its own noun phrase: "US basketball star" in "US basketball star X".

    Stops at clause punctuation, a verb, a coordinating word and tokens of other people's names
    (``others``: token indices), so coordinated titles stay apart.
    """
    doc = span.doc
    i = span.start - 1
    low = max(span.sent.start if doc.has_annotation("SENT_START") else 0, span.start - max_tokens)
    while i >= low:
        tok = doc[i]
        if i in others or tok.lower_ in BOUNDARY_WORDS or (tok.is_punct and tok.text not in {"-", "'", "'s", "."}):
            break
        if tok.pos_ in {"VERB", "AUX", "ADP", "PRON", "NUM", "SCONJ", "CCONJ"} and tok.lower_ not in {"of", "'s"}:
            break
        i -= 1
    phrase = doc[i + 1 : span.start]
    # leading "of"/"the" add nothing; a phrase that ends in "of" is not a title ("a member of")
    while len(phrase) and phrase[0].lower_ in {"of", "the", "'s"}:
        phrase = phrase[1:]
    return phrase


def appositive_after(span: Span, max_tokens: int = 12) -> Span | None:
    """ "X, Chile's former interior minister," -> "Chile's former interior minister"."""
    doc = span.doc
    if span.end >= len(doc) - 1 or doc[span.end].text != ",":
        return None
    start = span.end + 1
    first = doc[start]
    if first.ent_type_ == "PERSON" or first.pos_ in {"VERB", "AUX", "PRON", "ADP", "SCONJ", "CCONJ"}:
        return None  # a list of names or a new clause, not an apposition
    end = start
    limit = min(len(doc), start + max_tokens)
    while end < limit and doc[end].text not in CLAUSE_PUNCT and doc[end].pos_ not in {"VERB", "AUX"} and doc[end].tag_ not in RELATIVE:
        end += 1  # "a former commander whom Dutch prosecutors ...": the relative clause is not the apposition
    tail = doc[start:end]
    return tail if len(tail) and has_person_noun(tail) else None


def appositive_before(span: Span, max_tokens: int = 12, others: frozenset[int] | set[int] = frozenset()) -> Span | None:
    """ "Germany's ambassador to Mali, X," -> "Germany's ambassador to Mali" (the name must end its phrase)."""
    doc = span.doc
    i = span.start - 1
    while i > 0 and doc[i].is_title and doc[i].lower_.rstrip(".") in TITLE_WORDS:
        i -= 1  # "a Pakistani army spokesman, Major General X": the name's own titles
    if i < 1 or doc[i].text != ",":
        return None
    if span.end < len(doc) and doc[span.end].text not in {",", ".", ";", ")"} and doc[span.end].pos_ not in {"VERB", "AUX", "CCONJ"}:
        return None
    j = i - 1
    low = max(span.sent.start if doc.has_annotation("SENT_START") else 0, i - max_tokens)
    while j >= low and doc[j].text not in CLAUSE_PUNCT and doc[j].pos_ not in {"VERB", "AUX"} and j not in others:
        j -= 1
    phrase = doc[j + 1 : i]
    # the last conjunct only: "by Ethiopian Prime Minister Y and Somaliland's leader, X"
    cut = max((k for k, t in enumerate(phrase) if t.lower_ in {"and", "by"}), default=-1)
    if cut >= 0 and not _respective_list(phrase):
        phrase = phrase[cut + 1 :]
    first_title = next((k for k, t in enumerate(phrase) if is_title_token(t)), None)
    if first_title is not None:  # "agreements with the foreign ministers of A and B, X and Y": from "the"
        cut = max((k for k, t in enumerate(phrase[:first_title]) if t.pos_ in {"ADP", "SCONJ"} and t.lower_ != "of"), default=-1)
        phrase = phrase[cut + 1 :]
    while len(phrase) and phrase[0].pos_ in {"ADP", "SCONJ"}:
        phrase = phrase[1:]  # "by Russia's ambassador, X" -> "Russia's ambassador"
    if not len(phrase) or not is_title_token(_title_head(phrase)):
        return None
    return phrase


def _respective_list(phrase: Span) -> bool:
    """ "the foreign ministers of A and B": a plural title over coordinated countries."""
    return any(t.tag_ in {"NNS", "NNPS"} and is_title_token(t) for t in phrase)


def _title_head(phrase: Span) -> Token:
    """The title noun of a phrase: the last person noun before any "of"/"to" complement."""
    head = phrase[-1]
    for tok in phrase:
        if tok.lower_ in OBJECT_PREPS or tok.lower_ == "of":
            break
        if is_title_token(tok):
            head = tok
    return head


# -- reading a phrase --------------------------------------------------------------------------
def _findings(phrase: Span, resolve: Resolver) -> list[tuple[Found, int]]:
    """(Found, token index) for every country or body named in the phrase outside an object complement.

    After "to", "in", "for"... a country is the office's object; after "for" an institution or a
    body is still the employer ("a spokesman for the Kremlin"). "of" and a new title noun end the
    complement ("minister of defence of Russia").
    """
    out: list[tuple[Found, int]] = []
    i = 0
    prep: str | None = None
    served: str | None = None  # "adviser to [South Korean President Y]": the person served keeps the "to"
    while i < len(phrase):
        tok = phrase[i]
        if tok.lower_ in OBJECT_PREPS:
            prep = served = tok.lower_
        elif tok.lower_ == "of" or is_person_noun(tok.text):
            prep = None
        hit = resolve(phrase, i)
        if hit is None:
            i += 1
            continue
        found, width = hit
        if found.kind == PERSON_FOUND:
            # the person one works for: "an aide to Y", "a spokesman for Y", "Y's envoy"
            after = phrase.doc[tok.i + width] if tok.i + width < len(phrase.doc) else None
            if prep in {"to", "for"} or served in {"to", "for"} or (after is not None and after.tag_ == "POS"):
                out.append((found, tok.i))
        elif prep is None or (prep == "for" and (found.institution or not found.country)):
            out.append((found, tok.i))
        i += width
    return out


def read_phrase(phrase: Span, resolve: Resolver, source: str, nearest_last: bool) -> Clue | None:
    found = _findings(phrase, resolve)
    if not found:
        return None
    head = _title_head(phrase)
    countries = [(f, i) for f, i in found if f.country]
    igos = [(f, i) for f, i in found if f.igo and not f.country]
    role = role_from_text(phrase.text)
    title = phrase.text.strip(" ,")
    if igos and not (countries and head.lower_ in DIPLOMATS):
        body = igos[-1 if nearest_last else 0][0]
        nationality = next((f.country for f, _ in countries if f.demonym), None)
        return Clue(None, body.igo, role or "IGO", title, INSTITUTION if body.institution else source, nationality)
    if not countries:
        return None
    pick = countries[-1] if nearest_last else countries[0]
    return Clue(pick[0].country, None, role, title, INSTITUTION if pick[0].institution else source)


def respective(span: Span, phrase: Span, resolve: Resolver, persons: list[Span]) -> Clue | None:
    """ "The foreign ministers of A and B, X and Y": X gets A, Y gets B."""
    doc = span.doc
    after_comma = phrase.end + 1
    names = [p for p in persons if p.start >= after_comma and p.sent == span.sent]
    chain: list[Span] = []
    pos = after_comma
    for p in sorted(names, key=lambda p: p.start):
        between = doc[pos : p.start]
        if p.start != after_comma and not all(t.lower_ in {"and", ","} for t in between):
            break
        chain.append(p)
        pos = p.end
    if len(chain) < 2:
        return None
    countries = [f for f, _ in _findings(phrase, resolve) if f.country]
    index = next((k for k, p in enumerate(chain) if p.start == span.start), None)
    if index is None or len(countries) != len(chain):
        return None
    return Clue(countries[index].country, None, role_from_text(phrase.text), phrase.text, APPOSITION)


def _bare_name_ok(own: Span, resolve: Resolver) -> bool:
    """A phrase with no title noun gives a country only as a demonym ("Kenyan X") or a country's
    possessive ("Brunei's X"), never as a bare place ("handed over to Moscow X")."""
    found = _findings(own, resolve)
    if any(f.demonym for f, _ in found):
        return True
    return own[-1].tag_ == "POS" and any(f.kind == "country" for f, _ in found)


def _possessor(span: Span, own: Span, resolve: Resolver) -> Clue | None:
    """ "President Y's envoy X", "Y's spokesman, X": X works for Y, and has Y's country (or body)."""
    doc = span.doc
    start = own.start if len(own) else span.start
    if start >= 2 and doc[start - 1].text == "," and len(own) == 0:
        start -= 1  # "Y's spokesman, X": the apposition before the name
        j = start - 1
        while j > 0 and doc[j].tag_ != "POS" and doc[j].text not in CLAUSE_PUNCT and j > start - 5:
            j -= 1
        if doc[j].tag_ != "POS" or not has_person_noun(doc[j + 1 : start]):
            return None
        start = j + 1
    if start < 2 or doc[start - 1].tag_ != "POS":
        return None
    if len(own) and not has_person_noun(own):
        return None
    hit = resolve(doc[start - 2 : start - 1], 0)
    if hit is None or hit[0].kind != PERSON_FOUND:
        return None
    title = doc[start - 2 : span.start].text.strip(" ,")
    found = hit[0]
    role = role_from_text(title)
    if found.igo:
        return Clue(None, found.igo, role or "IGO", title, TITLE)
    return Clue(found.country, None, role, title, TITLE)


def _shared_country(span: Span, own: Span, resolve: Resolver, persons: list[Span], max_gap: int = 12) -> Clue | None:
    """ "Colombian President Y, his wife and Interior Minister X": a title with no country, last in a
    list of the same clause, takes the country of the list's earlier person."""
    doc = span.doc
    if not len(own) or not has_person_noun(own) or own.start < 1 or doc[own.start - 1].lower_ not in {"and", ","}:
        return None
    earlier = [p for p in persons if p.end <= own.start - 1 and own.start - p.end <= max_gap and p.sent == span.sent]
    if not earlier:
        return None
    head = max(earlier, key=lambda p: p.end)
    between = doc[head.end : own.start]
    if any(t.pos_ in {"VERB", "AUX", "ADP", "SCONJ"} or (t.is_punct and t.text != ",") for t in between):
        return None
    hit = resolve(doc[head.start : head.end], 0)
    if hit is None or hit[0].kind != PERSON_FOUND or not hit[0].country:
        return None
    return Clue(hit[0].country, None, role_from_text(own.text), own.text, TITLE)


def _chain_head(span: Span, persons: list[Span]) -> Span:
    """The first name of a coordination that ends with ``span`` ("X and Y": X for Y)."""
    doc = span.doc
    ends = {p.end: p for p in persons}
    head = span
    while head.start >= 2 and doc[head.start - 1].lower_ in {"and", ","} and (head.start - 1) in ends:
        head = ends[head.start - 1]
    return head


def clue_for(span: Span, resolve: Resolver, persons: list[Span]) -> Clue | None:
    """The person's country or body from their own words, in order of reliability; then from the
    article's earlier description of their title (:func:`earlier_description`)."""
    others = {i for p in persons if p.start != span.start for i in range(p.start, p.end)}
    own = own_phrase(span, others)
    clue = _own_words(span, own, resolve, persons, others)
    if clue is None and len(own) and has_person_noun(own):
        clue = earlier_description(span, own, resolve)
    return clue


def _own_words(span: Span, own: Span, resolve: Resolver, persons: list[Span], others: set[int]) -> Clue | None:
    if len(own):
        clue = read_phrase(own, resolve, TITLE, nearest_last=True)
        if clue is not None and (has_person_noun(own) or _bare_name_ok(own, resolve)):
            return clue
        of = of_phrase(span)  # "King Hassan of Morocco"
        if of is not None and has_person_noun(own):
            clue = read_phrase(of, resolve, TITLE, nearest_last=False)
            if clue is not None:
                return Clue(clue.country, clue.igo, role_from_text(own.text) or clue.role, f"{own.text} of {of.text}", clue.source)
    boss = _possessor(span, own, resolve)
    if boss is not None:
        return boss
    shared = _shared_country(span, own, resolve, persons)
    if shared is not None:
        return shared
    after = appositive_after(span)
    if after is not None:
        clue = read_phrase(after, resolve, APPOSITION, nearest_last=False)
        if clue is not None:
            return clue
    head = _chain_head(span, persons)
    before = appositive_before(head, others=others)
    if before is None:
        return None
    coordinated = head.start < span.start or (span.end < len(span.doc) and span.doc[span.end].lower_ == "and")
    if coordinated:
        clue = respective(span, before, resolve, persons)
        if clue is not None or head.start < span.start:
            return clue
    return read_phrase(before, resolve, APPOSITION, nearest_last=False)


# -- the article's earlier description -------------------------------------------------------
_GENERIC = frozenset({"a", "an", "the", "former", "then", "new", "senior", "top", "chief", "deputy", "acting"})


def _title_family(tok: Token) -> str:
    """A title noun up to number and gender: "spokeswoman", "spokesmen" -> "spokes"."""
    word = tok.lemma_.lower()
    for stem in ("spokes", "chair", "congress"):
        if word.startswith(stem):
            return stem
    return word


def _names_someone(tok: Token) -> bool:
    """The title noun is a named person's ("spokesman Zhao X", "X, the spokesman")."""
    return tok.ent_type_ == "PERSON" or tok.head.ent_type_ == "PERSON" or any(
        c.ent_type_ == "PERSON" for c in tok.children)


def earlier_description(span: Span, own: Span, resolve: Resolver) -> Clue | None:
    """The country of the same title written earlier with one: "a Chinese foreign ministry spokesman
    posted ... . Foreign ministry spokeswoman X said" gives X China.

    The earlier phrase has the title noun's family ("spokeswoman" for "spokesman") and every other
    word of the person's own title ("foreign", "ministry"); a bare title ("spokesman X") matches only
    a description with no name of its own, which is then the same person's.
    """
    head = _title_head(own)
    if not is_title_token(head):
        return None
    family = _title_family(head)
    words = {t.lemma_.lower() for t in own if t.i != head.i and t.is_alpha and t.lower_ not in _GENERIC}
    doc = span.doc
    for i in range(own.start - 1, -1, -1):
        tok = doc[i]
        if not is_title_token(tok) or _title_family(tok) != family:
            continue
        phrase = doc[tok.left_edge.i : tok.i + 1]
        if not words <= {t.lemma_.lower() for t in phrase}:
            continue
        if not words and _names_someone(tok):
            continue
        clue = read_phrase(phrase, resolve, TITLE, nearest_last=True)
        if clue is not None:
            return Clue(clue.country, clue.igo, role_from_text(own.text) or clue.role, own.text.strip(" ,"), clue.source,
                        clue.nationality)
    return None
