"""The model's ``attribute_ruler`` as table lookups: the same annotations, about a quarter of the time.

Contract: :func:`compile_attribute_ruler` turns a pipeline's stock ``attribute_ruler``
(spaCy's :class:`~spacy.pipeline.AttributeRuler`) into :class:`AttributeTable`, a
component that sets exactly the same ``POS``, ``MORPH``, ``LEMMA`` (and any other)
attributes on every token, or returns None when a pattern uses something the table
cannot express (then the stock component stays).

Why: in en_core_web_sm the attribute ruler is a Matcher over 179 patterns that map
fine-grained tags (and a few words) to coarse POS and morphology. Run token by token
through the Matcher it costs about 9 ms of an article's ~90 ms of parsing, while all but
a handful of its patterns test one token's ``TAG``, ``LOWER``, ``DEP`` or ``IS_SPACE``
for equality: a key that a dictionary answers.

Semantics kept from ``AttributeRuler``: every pattern is matched against the tokens as
the earlier components left them, then the matches are applied in pattern order, so a
later pattern overrides an earlier one on the same attribute; each is applied with
spaCy's own ``set_token_attrs``. Patterns of more than one token (a few "LOWER LOWER"
word pairs) stay in a small Matcher of their own and take their place in that order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.strings import StringStore
    from spacy.tokens import Doc

FACTORY = "streams_attribute_table"
# the token attributes a one-token pattern may test, in the order of a token's key
KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_KEY_IDS = [TAG, LOWER, DEP, IS_SPACE]
_LOWER_POS = KEY_ATTRS.index("LOWER")
REGEX_CACHE = 100_000  # words whose regex verdict is kept; cleared when full
OTHER_WORD = -1  # a key's word that no pattern names or matches (no string id is negative)

# (position in KEY_ATTRS, operator, operand): "in" and "not_in" take value ids, "regex" a compiled pattern
Condition = tuple[int, str, Any]


class AttributeTable:
    """A compiled attribute ruler: per token key, the attributes its matching patterns set (see module)."""

    def __init__(self, singles: list[tuple[int, list[list[Condition]]]], attrs: list[dict[Any, Any]],
                 indices: list[int], multi: Matcher | None, strings: StringStore) -> None:
        self.singles = singles  # (pattern index, alternatives: each a list of conditions that must all hold)
        self.attrs = attrs  # pattern index -> the normalised attributes it sets
        self.indices = indices  # pattern index -> which token of its match it sets
        self.multi = multi  # patterns of several tokens, keyed by their index as a string
        self.strings = strings
        lower_conditions = [(op, operand) for _, alternatives in singles for conditions in alternatives
                            for pos, op, operand in conditions if pos == _LOWER_POS]
        self.lowers = frozenset().union(*(o for op, o in lower_conditions if op != "regex"))
        self.lower_regexes = [o for op, o in lower_conditions if op == "regex"]
        self._regex_hits: dict[int, bool] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any] | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(_KEY_IDS)
        extra = self._multi_matches(doc)
        for i, row in enumerate(rows.tolist()):
            row[_LOWER_POS] = self._word(row[_LOWER_POS])
            key = tuple(row)
            if key not in self._merged:
                self._merged[key] = self._merge(self._matching(key))
            attrs = self._merged[key]
            if i in extra:
                attrs = self._merge(sorted(self._matching(key) + extra[i]))
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _word(self, lower: int) -> int:
        """The word as the key holds it: itself if a pattern names it or its regex matches it, else 0 ("any
        other word", :data:`OTHER_WORD`), so that the table grows with the patterns, not with the vocabulary."""
        if lower in self.lowers:
            return lower
        if not self.lower_regexes:
            return OTHER_WORD
        hit = self._regex_hits.get(lower)
        if hit is None:
            if len(self._regex_hits) > REGEX_CACHE:
                self._regex_hits.clear()
            text = self.strings[lower]
            hit = self._regex_hits[lower] = any(r.search(text) for r in self.lower_regexes)
        return lower if hit else OTHER_WORD

    def _matching(self, key: tuple[int, ...]) -> list[int]:
        return [index for index, alternatives in self.singles
                if any(all(self._holds(key[pos], op, operand) for pos, op, operand in conditions)
                       for conditions in alternatives)]

    def _holds(self, value: int, op: str, operand: Any) -> bool:
        if op == "in":
            return value in operand
        if op == "not_in":
            return value not in operand
        # "regex", on the attribute's text; OTHER_WORD stands for words that matched no regex
        return value != OTHER_WORD and operand.search(self.strings[value]) is not None

    def _merge(self, indices: list[int]) -> dict[Any, Any] | None:
        merged: dict[Any, Any] = {}
        for index in indices:  # ascending: a later pattern overrides an earlier one
            merged.update(self.attrs[index])
        return merged or None

    def _multi_matches(self, doc: Doc) -> dict[int, list[int]]:
        """Token -> the indices of multi-token patterns that set its attributes."""
        out: dict[int, list[int]] = {}
        if self.multi is None:
            return out
        for match_id, start, end in self.multi(doc, allow_missing=True):
            index = int(doc.vocab.strings[match_id])
            token = doc[start:end][self.indices[index]].i
            out.setdefault(token, []).append(index)
        return out


def compile_attribute_ruler(ruler: AttributeRuler) -> AttributeTable | None:
    """The table for ``ruler``'s patterns, or None if one of them tests something else (the stock ruler stays)."""
    singles: list[tuple[int, list[list[Condition]]]] = []
    multi = Matcher(ruler.vocab)
    for index, pattern in enumerate(ruler.patterns):
        alternatives: list[list[dict[str, Any]]] = pattern["patterns"]  # type: ignore[assignment]
        if all(len(alt) == 1 for alt in alternatives):
            compiled = [_conditions(alt[0]) for alt in alternatives]
            if any(c is None for c in compiled):
                return None
            singles.append((index, [c for c in compiled if c is not None]))
        else:
            multi.add(str(index), alternatives)
    return AttributeTable(singles, list(ruler.attrs), list(ruler.indices), multi if len(multi) else None,
                          ruler.vocab.strings)


def _conditions(token_pattern: dict[str, Any]) -> list[Condition] | None:
    """One token's pattern as conditions on its key, or None if it uses more than equality, IN, NOT_IN and REGEX."""
    conditions: list[Condition] = []
    for attr, wanted in token_pattern.items():
        if attr not in KEY_ATTRS:
            return None
        pos = KEY_ATTRS.index(attr)
        if not isinstance(wanted, dict):
            conditions.append((pos, "in", frozenset({_value_id(attr, wanted)})))
            continue
        for op, operand in wanted.items():
            if op in ("IN", "NOT_IN"):
                conditions.append((pos, op.lower(), frozenset(_value_id(attr, v) for v in operand)))
            elif op == "REGEX" and attr != "IS_SPACE":
                conditions.append((pos, "regex", re.compile(operand)))
            else:
                return None
    return conditions


def _value_id(attr: str, value: Any) -> int:
    if attr == "IS_SPACE":
        return int(bool(value))
    return get_string_id(value) if isinstance(value, str) else int(value)


class AttributeTableComponent:
    """The pipeline component around an :class:`AttributeTable` (the table is set when it replaces the stock one)."""

    def __init__(self) -> None:
        self.table: AttributeTable | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            raise RuntimeError("the attribute table was not compiled; use speed_up_attribute_ruler()")
        return self.table(doc)


@Language.factory(FACTORY)
def _make_component(nlp: Language, name: str) -> AttributeTableComponent:
    return AttributeTableComponent()


def speed_up_attribute_ruler(nlp: Language) -> bool:
    """Swap the pipeline's ``attribute_ruler`` for its table (same name, same output); False if kept as it is."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    from spacy.pipeline import AttributeRuler

    stock = nlp.get_pipe("attribute_ruler")
    table = compile_attribute_ruler(stock) if isinstance(stock, AttributeRuler) else None
    if table is None:
        return False
    component = nlp.replace_pipe("attribute_ruler", FACTORY)
    assert isinstance(component, AttributeTableComponent)
    component.table = table
    return True
