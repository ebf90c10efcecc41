"""CAMEO codes (label, QuadClass, Goldstein, PLOVER), bundled as data (``cameo.yaml``).

Contract: :func:`load_ontology` returns every code of the CAMEO 1.1b3 codebook the
project ships; the event lexicon (:mod:`streams.enrich.events.lexicon`) may only use
these codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


@dataclass(slots=True)
class Ontology:
    version: str
    codes: dict[str, Code]

    def code(self, code: str) -> Code:
        return self.codes[code]


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    data_dir = resources.files("streams.enrich").joinpath("data")
    cameo = yaml.safe_load(data_dir.joinpath("cameo.yaml").read_text("utf-8"))
    codes = {
        str(c): Code(str(c), v["label"], int(v["quad_class"]), float(v["goldstein"]), v.get("plover"), v.get("plover_mode"))
        for c, v in cameo["codes"].items()
    }
    return Ontology(version=str(cameo.get("version", "?")), codes=codes)
