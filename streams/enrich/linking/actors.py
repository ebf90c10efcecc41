"""The dated actors dictionary: office-holders with country, role and validity dates.

The bundled ``actors.yaml`` is merged with a user file (``STREAMS_ACTORS_FILE``):
a user entry with the same id replaces the bundled one, new ids are added.

Names are found by their exact key, then by a spelling-tolerant key
(:mod:`streams.enrich.linking.names`: translit variants, any first name with any
surname of the person). Affiliations are dated: an ``igo_head`` office (or one with
its own ``igo``) makes its holder act for that body while it lasts
(:meth:`Actor.affiliation_on`), with their own country as nationality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from streams.enrich.linking.gazetteer import key
from streams.enrich.linking.names import first_last_keys, name_key, similarity
from streams.errors import ConfigError


class ActorsFileError(ConfigError):
    """The bundled or the user's actors file is invalid or unreadable (a ``ValueError``); the message names it."""


@dataclass(frozen=True, slots=True)
class Office:
    office: str
    role: str | None
    title: str
    start: date | None
    end: date | None
    igo: str | None = None  # the body this office acts for (igo_head offices: the actor's igo)

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    country: str | None
    igo: str | None
    aliases: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)

    def office_on(self, day: date) -> Office | None:
        current = [o for o in self.offices if o.holds_on(day)]
        # the most senior-looking office first: heads of state/government before ministers
        return min(current, key=lambda o: OFFICE_RANK.get(o.office, 99)) if current else None

    def role_on(self, day: date) -> str | None:
        office = self.office_on(day)
        return office.role if office else None

    def affiliation_on(self, day: date) -> tuple[str | None, str | None]:
        """(country, igo) the actor acts for on ``day``: the body while an IGO office is held
        (country None), their country otherwise. With no office that day, the latest one before it
        decides (a former NATO chief is still known as one), else the actor's own ``igo`` field."""
        office = self.office_on(day)
        if office is None:
            past = [o for o in self.offices if o.start is not None and o.start <= day]
            office = max(past, key=lambda o: o.start or day) if past else None
        igo = office.igo if office is not None else self.igo
        return (None, igo) if igo else (self.country, None)


# Surnames that are also everyday English words: never tagged as people on their own.
COMMON_SURNAME_WORDS = frozenset({
    "may", "will", "young", "long", "king", "rice", "bush", "brown", "green", "white", "black", "law", "mark", "rich",
    "hope", "love", "hill", "wood", "stone", "page", "bird", "cook", "hunt", "fox", "gray", "grey", "lord", "pope",
    "noble", "guard", "major", "general", "kim", "lee", "park", "moon", "wang", "chen", "zhang", "khan",
    "ali", "singh", "shah", "said", "costa", "li", "liu",
})

OFFICE_RANK = {
    "head_of_state": 0, "head_of_government": 1, "igo_head": 2, "foreign_minister": 3,
    "defence_minister": 4, "interior_minister": 5, "military_chief": 6,
    "opposition_leader": 7, "militant_leader": 8, "other": 9,
}


@dataclass(slots=True)
class ActorDictionary:
    version: str
    valid_until: str
    actors: dict[str, Actor] = field(default_factory=dict)
    by_surface: dict[str, list[Actor]] = field(default_factory=dict)
    by_key: dict[str, list[Actor]] = field(default_factory=dict)  # spelling-tolerant keys (names.py)

    def lookup(self, surface: str, day: date) -> Actor | None:
        """The actor a name refers to (exact name, else a spelling variant); among namesakes, one in office on ``day`` wins."""
        candidates = self.by_surface.get(key(surface), []) or self.by_key.get(name_key(surface), [])
        if not candidates:
            return None
        in_office = [a for a in candidates if a.office_on(day)]
        pool = in_office or candidates
        return pool[0] if len(pool) == 1 or in_office else None

    def fuzzy(self, surface: str, day: date, country: str | None, title: str | None, min_score: float = 80.0) -> Actor | None:
        """A differently spelt office-holder, accepted only when the text agrees with their office on ``day``.

        ``title`` (e.g. "defence minister") and ``country`` come from the person's own title or
        apposition. The holder of that office, or else one of that country's office-holders, is
        taken when their surname is at least ``min_score`` similar (0-100) and their full name
        a little less: "Russian Defence Minister Andrey Bilousov" -> Andrei Belousov.
        """
        if country is None:
            return None
        words = surface.split()
        if not words:
            return None
        pool: list[Actor] = []
        if title:
            holder = self.holder(country, title, day)
            if holder is not None:
                pool = [holder]
        if not pool and len(words) >= 2:
            # a country alone is weaker evidence: only full names, and a stricter threshold
            pool = [a for a in self.actors.values() if a.country == country and a.office_on(day)]
            min_score += 8
        best: tuple[float, Actor] | None = None
        for actor in pool:
            names = [actor.name, *actor.aliases]
            last = max(similarity(words[-1], n.split()[-1]) for n in names)
            full = max(similarity(surface, n) for n in names) if len(words) >= 2 else last
            if last >= min_score and full >= min_score - 10 and (best is None or last > best[0]):
                best = (last, actor)
        return best[1] if best else None

    def holder(self, country: str, title_words: str, day: date) -> Actor | None:
        """Who held an office whose title contains ``title_words`` in ``country`` on ``day``."""
        words = normalise_title(title_words)
        best: tuple[int, Actor] | None = None
        for actor in self.actors.values():
            if actor.country != country or actor.igo:
                continue
            for office in actor.offices:
                if office.holds_on(day) and words in normalise_title(office.title):
                    rank = OFFICE_RANK.get(office.office, 99)
                    if best is None or rank < best[0]:
                        best = (rank, actor)
        return best[1] if best else None

    def names(self) -> list[tuple[str, Actor]]:
        """Names for EntityRuler patterns: full names, and single-word aliases ("Belousov")
        that are distinctive: one actor only, capitalised, not an English word."""
        out = []
        for actor in self.actors.values():
            for surface in [actor.name, *actor.aliases]:
                words = surface.split()
                if len(words) >= 2 or (
                    len(surface) >= 4 and surface[0].isupper() and not surface.isupper()
                    and surface.lower() not in COMMON_SURNAME_WORDS
                    and len(self.by_surface.get(key(surface), [])) == 1
                ):
                    out.append((surface, actor))
        return out


def normalise_title(text: str) -> str:
    return " ".join(text.lower().replace("defense", "defence").replace("-", " ").split())


def _date(value: Any, where: str) -> date | None:
    if value in (None, "", "null"):
        return None
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(str(value), "%Y-%m-%d").date()
    except ValueError:
        raise ActorsFileError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


def parse_actors(data: Any, source: str) -> list[Actor]:
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ActorsFileError(f"{source}: expected a mapping with an 'actors' list")
    actors = []
    for i, item in enumerate(data["actors"]):
        where = f"{source}: actors[{i}]"
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            raise ActorsFileError(f"{where}: each actor needs 'id' and 'name'")
        offices = []
        for j, o in enumerate(item.get("offices") or []):
            offices.append(
                Office(
                    office=str(o.get("office", "other")),
                    role=o.get("role"),
                    title=str(o.get("title", "")),
                    start=_date(o.get("start"), f"{where}.offices[{j}].start"),
                    end=_date(o.get("end"), f"{where}.offices[{j}].end"),
                    # an igo_head office acts for the actor's body unless it names its own
                    igo=o.get("igo") or (item.get("igo") if o.get("office") == "igo_head" else None),
                )
            )
        actors.append(
            Actor(
                id=str(item["id"]), name=str(item["name"]), country=item.get("country"), igo=item.get("igo"),
                aliases=[str(a) for a in item.get("aliases") or []], offices=offices,
            )
        )
    return actors


@lru_cache(maxsize=4)
def load_actors(user_file: str = "") -> ActorDictionary:
    bundled = yaml.safe_load(resources.files("streams.enrich").joinpath("data/actors.yaml").read_text("utf-8"))
    merged = {a.id: a for a in parse_actors(bundled, "actors.yaml")}
    version = str(bundled.get("version", "?"))
    if user_file:
        path = Path(user_file)
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except OSError as exc:
            raise ActorsFileError(f"STREAMS_ACTORS_FILE={user_file}: cannot read it ({exc.strerror})") from None
        except yaml.YAMLError as exc:
            raise ActorsFileError(f"STREAMS_ACTORS_FILE={user_file}: not valid YAML ({exc})") from None
        for actor in parse_actors(data, str(path)):
            merged[actor.id] = actor
        version += f"+{path.name}"
    dictionary = ActorDictionary(version=version, valid_until=str(bundled.get("valid_until", "?")), actors=merged)
    for actor in merged.values():
        for surface in {actor.name, *actor.aliases}:
            dictionary.by_surface.setdefault(key(surface), []).append(actor)
        for k in first_last_keys([actor.name, *actor.aliases]):
            # one-word keys only for distinctive surnames: "Kim" stays with the exact lookup
            if " " in k or len(k) >= 5:
                dictionary.by_key.setdefault(k, []).append(actor)
    return dictionary
