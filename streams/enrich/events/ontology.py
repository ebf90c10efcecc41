"""CAMEO codes (label, QuadClass, Goldstein, PLOVER) and the event lexicons, bundled as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    label: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexicon entry: how a verb or noun lemma codes an event."""

    lemma: str
    code: str | None
    objects: dict[str, str] = field(default_factory=dict)
    target_preps: tuple[str, ...] = ("to", "with", "against", "on", "at", "into")
    target_from_object: bool = True
    needs_object: bool = False


@dataclass(slots=True)
class Ontology:
    version: str
    codes: dict[str, Code]
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    object_classes: dict[str, str]  # lower-case word or phrase -> class

    def code(self, code: str) -> Code:
        return self.codes[code]

    def object_class(self, words: list[str]) -> str | None:
        """The class of an object phrase: its longest known sub-phrase wins ("military aid" over "aid")."""
        low = [w.lower() for w in words]
        for n in range(min(3, len(low)), 0, -1):
            for i in range(len(low) - n + 1):
                cls = self.object_classes.get(" ".join(low[i : i + n]))
                if cls:
                    return cls
        return None


def _triggers(entries: dict[str, Any]) -> dict[str, Trigger]:
    out = {}
    for lemma, e in (entries or {}).items():
        kwargs: dict[str, Any] = {"lemma": lemma, "code": e.get("code"), "objects": dict(e.get("objects") or {})}
        if "target_preps" in e:
            preps = e["target_preps"]
            if not all(isinstance(p, str) for p in preps):  # YAML 1.1 reads a bare `on` as true
                raise ValueError(f"event_lexicon.yaml: {lemma!r}: quote every preposition in target_preps ({preps!r})")
            kwargs["target_preps"] = tuple(preps)
        if "target_from_object" in e:
            kwargs["target_from_object"] = bool(e["target_from_object"])
        kwargs["needs_object"] = bool(e.get("needs_object", False))
        out[lemma] = Trigger(**kwargs)
    return out


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    data_dir = resources.files("streams.enrich").joinpath("data")
    cameo = yaml.safe_load(data_dir.joinpath("cameo.yaml").read_text("utf-8"))
    lex = yaml.safe_load(data_dir.joinpath("event_lexicon.yaml").read_text("utf-8"))
    codes = {
        str(c): Code(str(c), v["label"], int(v["quad_class"]), float(v["goldstein"]), v.get("plover"), v.get("plover_mode"))
        for c, v in cameo["codes"].items()
    }
    classes = {str(w).lower(): cls for cls, words in (lex.get("object_classes") or {}).items() for w in words}
    onto = Ontology(
        version=f"{cameo.get('version', '?')}+lexicon-{lex.get('version', '?')}",
        codes=codes, verbs=_triggers(lex.get("verbs")), nouns=_triggers(lex.get("nouns")), object_classes=classes,
    )
    for trig in [*onto.verbs.values(), *onto.nouns.values()]:
        for code in [trig.code, *trig.objects.values()]:
            if code is not None and code not in codes:
                raise ValueError(f"event_lexicon.yaml: {trig.lemma!r} uses unknown CAMEO code {code!r}")
    return onto
