"""Layer 2 of the event coder: the event lexicon, indexed by lemma.

Contract: :func:`load_lexicon` reads the bundled YAML files under
``streams/enrich/data/lexicon/`` and, when given, a user file (``STREAMS_LEXICON_FILE``)
merged over them (an entry with the same ``id`` replaces the bundled one; ``classes``
add to or replace the bundled word lists). :meth:`Lexicon.match` codes a
:class:`~streams.enrich.events.frames.Frame`: a dictionary lookup by (lemma, part of
speech) and, among that lemma's entries, the first (most constrained) whose slot
checks hold. A malformed file raises :class:`LexiconError` naming the file, the entry
and the field.

An entry (one YAML mapping):

    id: "057.sign.v.agreement"   unique; events carry it as ``lexicon_id``
    lemma: sign                  spaCy lemma (lower case)
    pos: verb | noun
    code: "057"                  CAMEO code
    when:                        constraints, all optional
      prt: off                   the verb's particle ("call off")
      prep: [with]               at least one of these prepositional slots is filled
      obj: agreement             the object phrase has a word of this class (or one of a list)
      light: [hold, conduct]     noun: governed by one of these light verbs ("any": some light verb)
      needs: [obj]               these slots are filled
      not_obj: [talks]           the object phrase has no word of these classes
      own_obj: true              the object has a possessor ("halted its advance", not "halted the advance")
      joint: true                a verb with an infinitival complement whose two or more co-subjects act
                                 together ("X and Y agreed to hold summits"); one subject codes nothing
      src: official              the source must be an official actor (a government, its forces or an
                                 office-holder, an international body), not a bare country name or a
                                 private person ("the minister flew to Rome", not "England travel to Rome");
                 state               an official actor or a country named as such ("Singapore hosted", not
                                     "the French film received")
                 armed               an armed actor (troops, police, rebels: "troops fought", not "the champion fought back")
    source: [subj]               slots that give the source, first filled wins
    target: [obj, to]            slots that give the target, first filled wins
    weight: 0.8                  confidence of the coding (default: classes.weights.default)
    example: "..."               a sentence written for this project that the entry codes
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from streams.enrich.events.frames import ARG_SLOTS, Frame
from streams.enrich.events.tree import kids
from streams.errors import ConfigError

SLOTS = frozenset({"subj", "obj", "dative", "poss", "mod", "comp", "with", "between", "to", "against", "on", "by", "of", "from",
                   "in", "at", "for", "over", "into", "toward", "towards", "upon", "near", "around", "across", "after", "onto",
                   "about", "under", "among", "outside", "along", "inside", "through", "off", "within", "beyond"})
POS = frozenset({"verb", "noun"})
# particles that leave a verb's sense as it is ("rounded up", "handed over", "pulled out" have entries of their own)
NEUTRAL_PARTICLES = frozenset({"up", "down", "out", "in", "over", "away", "on"})
DEFAULT_SOURCE = {"verb": ("subj",), "noun": ("subj", "poss", "mod", "by")}
DEFAULT_TARGET = {"verb": ("obj", "dative"), "noun": ("to", "with", "on", "against", "of")}
WHEN_KEYS = frozenset({"prt", "prep", "obj", "light", "needs", "not_obj", "no_light", "src", "own_obj", "joint"})
SOURCE_KINDS = frozenset({"official", "state", "armed"})
_NEVER_VERB = frozenset({"poss", "mod"})
_NEVER_NOUN = frozenset({"obj"})
_NEVER_BARE_NOUN = frozenset({"obj", "dative", "comp"})  # a subject it may borrow: "X and Y agreed after talks"
ENTRY_KEYS = frozenset({"id", "lemma", "pos", "code", "when", "source", "target", "weight", "example", "expect"})


class LexiconError(ConfigError):
    """A lexicon file is unreadable or an entry is malformed (the message names file, entry and field)."""


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    lemma: str
    pos: str
    code: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    weight: float
    example: str
    prt: str | None = None
    prep: tuple[str, ...] = ()
    obj: tuple[str, ...] = ()
    not_obj: tuple[str, ...] = ()
    light: tuple[str, ...] = ()  # () no constraint; ("any",) some light verb
    no_light: bool = False
    own_obj: bool = False
    joint: bool = False
    needs: tuple[str, ...] = ()
    expect: tuple[str | None, ...] = ()
    origin: str = ""
    src: str | None = None

    @property
    def specificity(self) -> int:
        return (3 * bool(self.obj) + 2 * bool(self.prt) + 2 * bool(self.prep) + 2 * bool(self.light) + len(self.needs)
                + bool(self.not_obj) + bool(self.no_light) + bool(self.src) + self.own_obj + self.joint)


@dataclass(slots=True)
class Lexicon:
    version: str
    entries: dict[str, Entry]
    object_classes: dict[str, frozenset[str]]  # word or phrase -> its classes
    classes: dict[str, Any]  # the other word lists: role nouns, light verbs, descriptions, weights, ...
    index: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    _patterns: dict[tuple[str, ...], re.Pattern[str]] = field(default_factory=dict)
    _left: dict[tuple[str, str, str | None, str | None], tuple[Entry, ...] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self.index = {}
        self._patterns = {}
        self._left = {}
        for e in self.entries.values():
            self.index.setdefault((e.lemma, e.pos), []).append(e)
        for lst in self.index.values():
            lst.sort(key=lambda e: -e.specificity)

    def __len__(self) -> int:
        return len(self.entries)

    def wants(self, lemma: str, pos: str) -> bool:
        return (lemma, pos) in self.index

    def words(self, name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in (self.classes.get(name) or []))

    def classes_of(self, words: Iterable[str]) -> set[str]:
        """Object classes named by a phrase's words, two-word phrases included ("military aid")."""
        low = list(words)
        found: set[str] = set()
        for i, w in enumerate(low):
            found |= self.object_classes.get(w, frozenset())
            if i + 1 < len(low):
                found |= self.object_classes.get(f"{w} {low[i + 1]}", frozenset())
        return found

    def may_match(self, lemma: str, pos: str, particle: str | None, light: str | None,
                  possible: Callable[[str], bool], obj_possible: Callable[[tuple[str, ...]], bool]) -> bool:
        """Whether some entry of the lemma can still match a frame of a predicate with this particle and light
        verb (what :meth:`match` would see), before its frame is built. ``possible(slot)`` says whether a
        preposition's slot can be filled and ``obj_possible(classes)`` whether the object can be of one of those
        classes (both may answer yes wrongly, never no wrongly). A False here means :meth:`match` gives None."""
        key = (lemma, pos, particle, light)
        if key in self._left:
            left = self._left[key]
        else:
            left = self._left[key] = self._static(lemma, pos, particle, light)
        if left is None:
            return True
        for e in left:
            if e.prep and not any(p in ARG_SLOTS or possible(p) for p in e.prep):
                continue
            if e.needs and not all(s in ARG_SLOTS or possible(s) for s in e.needs):
                continue
            if e.obj and not obj_possible(e.obj):
                continue
            return True
        return False

    def _static(self, lemma: str, pos: str, particle: str | None, light: str | None) -> tuple[Entry, ...] | None:
        """The entries of the lemma that the particle and light verb leave, with a required slot such a frame can
        fill: None when one of them asks for nothing the sentence must hold."""
        # slots a frame of this kind never fills: a verb has no possessor or modifier, an event noun no object,
        # and without a light verb no subject, dative or complement either
        never = _NEVER_VERB if pos == "verb" else (_NEVER_NOUN if light is not None else _NEVER_BARE_NOUN)
        left: list[Entry] = []
        for e in self.index.get((lemma, pos), []):
            if e.prt is not None and particle != e.prt:
                continue
            if e.prt is None and particle and particle not in NEUTRAL_PARTICLES:
                continue
            if e.light and (light is None or (e.light != ("any",) and light not in e.light)):
                continue
            if e.no_light and light is not None:
                continue
            if e.prep and all(p in never for p in e.prep):
                continue
            if e.needs and any(s in never for s in e.needs):
                continue
            if not e.obj and all(p in ARG_SLOTS for p in e.prep) and all(s in ARG_SLOTS for s in e.needs):
                return None
            left.append(e)
        return tuple(left)

    def class_pattern(self, classes: tuple[str, ...]) -> re.Pattern[str]:
        """A pattern found in any text that holds a word or two-word phrase of one of the object classes (it
        looks for the phrase's first word: it may find texts that hold none, never misses one that does)."""
        got = self._patterns.get(classes)
        if got is None:
            firsts = sorted({w.split(" ")[0] for w, cs in self.object_classes.items()
                             if cs & set(classes) and len(w.split(" ")) <= 2})
            got = self._patterns[classes] = re.compile("|".join(re.escape(w) for w in firsts) or "(?!)")
        return got

    def compile_class_patterns(self) -> None:
        """Compile every entry's object-class pattern now (start-up), not on the first article that asks for it
        (about 70 patterns of a few hundred words each: some 40 ms, once)."""
        for entries in self.index.values():
            for e in entries:
                if e.obj:
                    self.class_pattern(e.obj)

    def match(self, frame: Frame) -> Entry | None:
        """The first entry of the frame's lemma whose constraints the frame meets."""
        entries = self.index.get((frame.lemma, frame.pos))
        if not entries:
            return None
        obj_classes: set[str] | None = None
        for e in entries:
            if e.prt is not None and frame.particle != e.prt:
                continue
            if e.prt is None and frame.particle and frame.particle not in NEUTRAL_PARTICLES:
                continue  # "fought back", "called back", "hit back" (its own entry) are other verbs than the bare one
            if e.prep and not any(frame.has(p) for p in e.prep):
                continue
            if e.needs and not all(frame.has(s) for s in e.needs):
                continue
            if e.light and (frame.light is None or (e.light != ("any",) and frame.light not in e.light)):
                continue
            if e.no_light and frame.light is not None:
                continue
            if e.own_obj and not any(c.dep_ == "poss" for o in frame.obj for c in kids(o)):
                continue
            if e.joint and (frame.obj or not any(c.dep_ == "xcomp" for c in kids(frame.pred))):
                continue
            if e.obj or e.not_obj:
                if obj_classes is None:
                    obj_classes = self.classes_of(frame.obj_words)
                if e.obj and not obj_classes & set(e.obj):
                    continue
                if e.not_obj and obj_classes & set(e.not_obj):
                    continue
            return e
        return None


# ----------------------------------------------------------------------------------------------
# loading
# ----------------------------------------------------------------------------------------------
def _tuple(value: Any, where: str, fld: str, allowed: frozenset[str] | None = None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        # YAML 1.1 reads a bare on/off/yes/no as a boolean
        raise LexiconError(f"{where}: field {fld!r}: expected a string or a list of strings (quote on/off), got {value!r}")
    if allowed is not None:
        bad = [v for v in value if v not in allowed]
        if bad:
            raise LexiconError(f"{where}: field {fld!r}: unknown slot(s) {bad} (known: {', '.join(sorted(allowed))})")
    return tuple(v.lower() for v in value)


def parse_entry(raw: Any, origin: str, codes: frozenset[str], default_weight: float, index: int) -> Entry:
    where = f"{origin}: entry {index}"
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: expected a mapping, got {type(raw).__name__}")
    eid = raw.get("id")
    if not isinstance(eid, str) or not eid:
        raise LexiconError(f"{where}: field 'id': missing or not a string")
    where = f"{origin}: entry {eid!r}"
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {sorted(unknown)}")
    lemma, pos, code = raw.get("lemma"), raw.get("pos"), raw.get("code")
    if not isinstance(lemma, str) or not lemma:
        raise LexiconError(f"{where}: field 'lemma': missing or not a string")
    if pos not in POS:
        raise LexiconError(f"{where}: field 'pos': must be 'verb' or 'noun', got {pos!r}")
    if not isinstance(code, str) or code not in codes:
        raise LexiconError(f"{where}: field 'code': {code!r} is not a CAMEO code of cameo.yaml (quote it: \"042\")")
    when = raw.get("when") or {}
    if not isinstance(when, dict):
        raise LexiconError(f"{where}: field 'when': expected a mapping")
    bad = set(when) - WHEN_KEYS
    if bad:
        raise LexiconError(f"{where}: field 'when': unknown constraint(s) {sorted(bad)} (known: {', '.join(sorted(WHEN_KEYS))})")
    prt = when.get("prt")
    if prt is not None and not isinstance(prt, str):
        raise LexiconError(f"{where}: field 'when.prt': expected a string (quote on/off), got {prt!r}")
    src = when.get("src")
    if src is not None and src not in SOURCE_KINDS:
        raise LexiconError(f"{where}: field 'when.src': expected one of {sorted(SOURCE_KINDS)}, got {src!r}")
    weight = raw.get("weight", default_weight)
    if not isinstance(weight, (int, float)) or not 0 < float(weight) <= 1:
        raise LexiconError(f"{where}: field 'weight': expected a number in (0, 1], got {weight!r}")
    example = raw.get("example", "")
    if not isinstance(example, str):
        raise LexiconError(f"{where}: field 'example': expected a string")
    expect = raw.get("expect") or []
    if not isinstance(expect, list):
        raise LexiconError(f"{where}: field 'expect': expected a list [source, target]")
    return Entry(
        id=eid, lemma=lemma.lower(), pos=pos, code=code,
        source=_tuple(raw.get("source"), where, "source", SLOTS) or DEFAULT_SOURCE[pos],
        target=_tuple(raw.get("target"), where, "target", SLOTS) or DEFAULT_TARGET[pos],
        weight=float(weight), example=example,
        prt=prt.lower() if prt else None,
        prep=_tuple(when.get("prep"), where, "when.prep", SLOTS),
        obj=_tuple(when.get("obj"), where, "when.obj"),
        not_obj=_tuple(when.get("not_obj"), where, "when.not_obj"),
        light=_tuple(when.get("light"), where, "when.light"),
        no_light=bool(when.get("no_light", False)),
        own_obj=bool(when.get("own_obj", False)),
        joint=bool(when.get("joint", False)),
        needs=_tuple(when.get("needs"), where, "when.needs", SLOTS),
        expect=tuple(expect), origin=origin, src=src,
    )


def _read_yaml(text: str, origin: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{origin}: not valid YAML ({exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LexiconError(f"{origin}: expected a mapping with 'entries' and/or 'classes'")
    return data


def _merge_classes(into: dict[str, Any], extra: Any, origin: str) -> None:
    if extra is None:
        return
    if not isinstance(extra, dict):
        raise LexiconError(f"{origin}: field 'classes': expected a mapping")
    for name, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(name), dict):
            into[name] = {**into[name], **value}
        else:
            into[name] = value


def _object_classes(classes: dict[str, Any], origin: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for cls, words in (classes.get("object_classes") or {}).items():
        if not isinstance(words, list):
            raise LexiconError(f"{origin}: field 'classes.object_classes.{cls}': expected a list of words")
        for w in words:
            out.setdefault(str(w).lower(), set()).add(str(cls))
    return {w: frozenset(c) for w, c in out.items()}


def build_lexicon(sources: list[tuple[str, str]], codes: frozenset[str], version: str = "?") -> Lexicon:
    """A lexicon from (origin, YAML text) pairs, later ones merged over earlier ones."""
    classes: dict[str, Any] = {}
    datas = []
    for origin, text in sources:
        data = _read_yaml(text, origin)
        bad = set(data) - {"version", "entries", "classes"}
        if bad:
            raise LexiconError(f"{origin}: unknown top-level field(s) {sorted(bad)} (known: version, entries, classes)")
        _merge_classes(classes, data.get("classes"), origin)
        datas.append((origin, data))
        if data.get("version"):
            version = str(data["version"])
    default_weight = float((classes.get("weights") or {}).get("default", 0.75))
    entries: dict[str, Entry] = {}
    for origin, data in datas:
        raw_entries = data.get("entries") or []
        if not isinstance(raw_entries, list):
            raise LexiconError(f"{origin}: field 'entries': expected a list")
        seen_here: set[str] = set()
        for i, raw in enumerate(raw_entries):
            e = parse_entry(raw, origin, codes, default_weight, i)
            if e.id in seen_here:
                raise LexiconError(f"{origin}: entry {e.id!r}: field 'id': duplicated in this file")
            seen_here.add(e.id)
            entries[e.id] = e
    return Lexicon(version=version, entries=entries, object_classes=_object_classes(classes, "classes"), classes=classes)


def bundled_sources() -> list[tuple[str, str]]:
    folder = resources.files("streams.enrich").joinpath("data").joinpath("lexicon")
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    return [(f"lexicon/{p.name}", p.read_text("utf-8")) for p in files]


@lru_cache(maxsize=4)
def load_lexicon(user_file: str = "") -> Lexicon:
    """The bundled lexicon, with ``user_file`` (``STREAMS_LEXICON_FILE``) merged over it."""
    from streams.enrich.events.ontology import load_ontology

    codes = frozenset(load_ontology().codes)
    sources = bundled_sources()
    if user_file:
        try:
            sources.append((f"STREAMS_LEXICON_FILE={user_file}", Path(user_file).read_text("utf-8")))
        except OSError as exc:
            raise LexiconError(f"STREAMS_LEXICON_FILE={user_file}: cannot read it ({exc.strerror})") from None
    return build_lexicon(sources, codes)


def repair_lemma(word: str, lemma: str, known: frozenset[str] | set[str]) -> str:
    """A verb lemma the small model's lookup tables get wrong, mended against the lexicon's verbs: "staged" ->
    "stag" (stage), "boycotts", "sentencing", "imprisoning" left as they are. ``lemma`` if it is known or no
    inflection of ``word`` is."""
    if lemma in known:
        return lemma
    w = word.lower()
    candidates = [lemma + "e"]
    if w.endswith("ing"):
        stem = w[:-3]
        candidates += [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
    elif w.endswith("ed"):
        stem = w[:-2]
        candidates += [stem, w[:-1], stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem, stem[:-1] + "y"
                       if stem.endswith("i") else stem]
    elif w.endswith("ies"):
        candidates += [w[:-3] + "y"]
    elif w.endswith("es"):
        candidates += [w[:-2], w[:-1]]
    elif w.endswith("s"):
        candidates += [w[:-1]]
    return next((c for c in candidates if c in known), lemma)
