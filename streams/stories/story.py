"""Story events: match each coded event against the open stories of its blocking key.

A pure, replayable transition (no clock, no I/O): :func:`apply_event` and
:func:`apply_sweep` take the key's state (JSON, as stored in the table) and return a
:class:`Outcome` with the new state and what changed. The state is never modified.

An event joins an open story of its key when all three hold (:func:`compatible`):

- codes: equal, one refines the other ("190" -> "193", "19" -> "190"), or one of
  them is the root's unspecified code ("190"): in short, the same root (the story's
  code is the most specific, then the most reported, :func:`_canonical`);
- location, for acts that happen somewhere (visits and meetings, root 04, and the
  material roots 06-08 and 15-20; where a statement or an accusation was made is not
  part of it): two places below country level must be in one country (a country-level
  location is often the coder's fallback, the target's country, and never conflicts);
  and an event that would widen the story's span of days must name the same place as
  a report before it, when both name one: the same act between the same two actors on
  another day in another place is another event;
- date (:mod:`streams.stories.dates`): a day-dated event keeps the story's span of
  day dates within ``window_days`` (so no chain of matches stretches a story beyond
  the window); a month- or year-dated event, or a story with only such dates, must
  overlap at the coarser granularity.

When several stories qualify, textual similarity of evidence and title decides (the
share of the event's content words the story has seen), then the nearest date. If
the event also qualified for another story that fits with the chosen one in one
window, the two turn out to be one: the younger merges into the older
(``merged_into``, and the caller publishes a tombstone for it). Otherwise the event
opens a story whose ``story_id`` is the event's id.

Idempotence: an event id already in a story changes nothing (a redelivered article).
``reports`` counts the articles that reported it (two events of one article are one report); ``independent_sources`` counts distinct outlets
of articles that are not copies (``duplicate_of``). Stories quiet for ``expiry_s``
on the article clock (behind the stage's newest clock, the watermark) close, leave
the state and are published once more with ``closed: true``; so do the oldest beyond
``max_open`` per key.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from streams.stories.dates import DaySpan, day_of, parse_span
from streams.stories.messages import StoryEvent

SCHEMA_VERSION = 1
# The state of a key is rewritten (and sent to its changelog) on every event of the key,
# so every list in it is capped.
MAX_IDS_PUBLISHED = 50  # article and event ids on a stories message
MAX_ARTICLE_IDS_KEPT = 200  # the first articles: what tells a story's next report from another event of one article
MAX_EVENT_IDS_KEPT = 200  # idempotence memory of one story: the newest ids (redeliveries come soon after)
MAX_WORDS_KEPT = 120  # the first reports' content words, for the similarity that ranks candidates
MAX_OUTLETS_KEPT = 500  # independent_sources stops counting beyond it
SOURCE_WEIGHT = 0.5  # what one independent source adds to a story's confidence (noisy-or)
UNKNOWN_OUTLET = "?"  # articles without a source count as one source together
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(["the", "and", "for", "with", "that", "this", "from", "said", "says", "was", "were", "has", "have", "had", "its", "their", "his", "her", "they", "them", "after", "before", "over", "into", "about", "against", "while", "would", "could", "will", "also", "been", "being", "which", "who", "whom", "what", "when", "where", "than", "then", "there", "other", "more", "most", "some", "such", "only", "but", "not", "are", "our", "out", "new", "two", "one", "year", "years", "week", "day", "days", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def words(*texts: str | None) -> set[str]:
    return {w for t in texts if t for w in (x.lower() for x in _WORD.findall(t)) if w not in _STOP}


def codes_compatible(a: str, b: str) -> bool:
    """Same root. Reports of one act differ in code within a root more often than acts do ("visited" 042,
    "hosted" 043, "held talks" 040 of one visit); different acts of one dyad on one day mostly differ in root."""
    return a[:2] == b[:2]


def _canonical(codes: dict[str, int]) -> str:
    """The story's code: a code refined by another reported code gives way to it; then the most reported."""
    leaves = [c for c in codes if not any(_more_specific(o, c) for o in codes if o != c)]
    return max(leaves or list(codes), key=lambda c: (codes[c], len(c), -int(_unspecified(c)), c))


def _unspecified(code: str) -> bool:
    """The root's "not specified below" code: ``190``, ``040`` (and the root itself)."""
    return len(code) <= 2 or (len(code) == 3 and code.endswith("0"))


def _more_specific(a: str, b: str) -> bool:
    """Does ``a`` refine ``b``?"""
    return (a.startswith(b) and len(a) > len(b)) or (_unspecified(b) and not _unspecified(a))


@dataclass(slots=True)
class Story:
    story_id: str
    key: str
    code: str
    codes: dict[str, int]
    label: str | None
    source: dict[str, Any] | None
    target: dict[str, Any] | None
    location: dict[str, Any] | None
    day_lo: str | None  # span of the day-dated reports (ISO days)
    day_hi: str | None
    coarse: list[str] | None  # [start, end] of the month/year-dated reports, when no day is known
    first_seen: float  # article clock, epoch seconds
    last_seen: float
    reports: int = 0
    outlets: list[str] = field(default_factory=list)  # independent ones: copies excluded
    copies: int = 0
    article_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    best_confidence: dict[str, float] = field(default_factory=dict)  # per independent outlet
    words: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # places below country level named by the reports (lower case)
    alerted: dict[str, list[Any]] = field(default_factory=dict)  # rule id -> [sources, code] when it last alerted
    first_event: dict[str, Any] | None = None  # the event that opened it, as coded (an alert's example)
    closed: bool = False
    merged_into: str | None = None

    # ---------------------------------------------------------------- derived
    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def independent_sources(self) -> int:
        return len(self.outlets)

    @property
    def confidence(self) -> float:
        miss = 1.0
        for c in self.best_confidence.values():
            miss *= 1.0 - SOURCE_WEIGHT * c
        return round(min(1.0 - miss, 0.99), 3)

    def span(self) -> DaySpan | None:
        if self.day_lo and self.day_hi:
            return DaySpan(date.fromisoformat(self.day_lo), date.fromisoformat(self.day_hi), "day")
        if self.coarse:
            return DaySpan(date.fromisoformat(self.coarse[0]), date.fromisoformat(self.coarse[1]), "month")
        return None

    def canonical_event(self) -> dict[str, Any]:
        """The story as one event, for rules (confidence: the best of its reports)."""
        return {"code": self.code, "root": self.root, "label": self.label, "source": self.source, "target": self.target,
                "location": self.location, "factuality": "asserted",
                "confidence": max(self.best_confidence.values(), default=None)}

    # ---------------------------------------------------------------- JSON
    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Story:
        import copy

        return cls(**copy.deepcopy(data))

    def message(self) -> dict[str, Any]:
        """The ``stories`` topic's value (``streams/contracts/schemas/stories.schema.json``)."""
        span = self.span()
        return {
            "schema_version": SCHEMA_VERSION, "story_id": self.story_id, "key": self.key,
            "code": self.code, "root": self.root, "label": self.label, "codes": dict(self.codes),
            "source": self.source, "target": self.target, "location": self.location,
            "date_start": span.start.isoformat() if span else None, "date_end": span.end.isoformat() if span else None,
            "first_seen": _iso(self.first_seen), "last_seen": _iso(self.last_seen),
            "reports": self.reports, "independent_sources": self.independent_sources, "outlets": self.outlets[:MAX_IDS_PUBLISHED],
            "copies": self.copies, "article_ids": self.article_ids[:MAX_IDS_PUBLISHED],
            "event_ids": self.event_ids[:MAX_IDS_PUBLISHED], "confidence": self.confidence,
            "closed": self.closed, "merged_into": self.merged_into,
        }


def _iso(epoch_s: float) -> str:
    return datetime.fromtimestamp(epoch_s, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def event_span(msg: StoryEvent) -> DaySpan:
    """The event's date, else the article clock's day."""
    return parse_span(msg.event.get("date")) or day_of(msg.clock)


# roots whose acts happen at a place (see the module docstring)
PLACED_ROOTS = frozenset({"04", "06", "07", "08", "15", "16", "17", "18", "19", "20"})


def location_compatible(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if place_name(a) is None or place_name(b) is None:
        return True
    ca, cb = (a or {}).get("country"), (b or {}).get("country")
    return not ca or not cb or ca == cb


def dates_compatible(story: Story, span: DaySpan, window_days: float) -> bool:
    current = story.span()
    if current is None:
        return True
    if span.is_day and current.is_day:
        lo, hi = min(current.start, span.start), max(current.end, span.end)
        return (hi - lo).days <= window_days
    return current.gap_days(span) == 0  # compare at the coarser granularity


def compatible(story: Story, msg: StoryEvent, span: DaySpan, window_days: float) -> bool:
    location = msg.event.get("location")
    placed = story.root in PLACED_ROOTS
    return (codes_compatible(story.code, str(msg.event["code"]))
            and dates_compatible(story, span, window_days)
            and (not placed or location_compatible(story.location, location))
            and (not placed or _within_days(story, span) or _same_place(story, location)))


def place_name(location: dict[str, Any] | None) -> str | None:
    """The location's name below country level, lower case; None for a country or no location."""
    name = str((location or {}).get("name") or "").strip().lower()
    if not name:
        return None
    return None if name in _country_names(str((location or {}).get("country") or "")) else name


@functools.lru_cache(maxsize=512)
def _country_names(alpha_3: str) -> frozenset[str]:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha_3) if alpha_3 else None
    if country is None:
        return frozenset()
    return frozenset(str(getattr(country, a)).lower() for a in ("name", "common_name", "official_name") if hasattr(country, a))


def _same_place(story: Story, location: dict[str, Any] | None) -> bool:
    name = place_name(location)
    if name is None or not story.places:
        return True
    return any(name in p or p in name for p in story.places)


def _within_days(story: Story, span: DaySpan) -> bool:
    current = story.span()
    return current is None or (span.start >= current.start and span.end <= current.end)


@dataclass(slots=True)
class Outcome:
    state: dict[str, Any] | None  # None: the key has no open story left
    changed: list[Story] = field(default_factory=list)  # publish on ``stories`` (updated, closed or absorbed)
    assignments: list[tuple[str, str]] = field(default_factory=list)  # (event id, story id)
    tombstones: list[str] = field(default_factory=list)  # absorbed story ids
    duplicate: bool = False  # the event was already counted


def _load(state: dict[str, Any] | None) -> list[Story]:
    return [Story.from_json(s) for s in (state or {}).get("stories", ())]


def _dump(stories: list[Story]) -> dict[str, Any] | None:
    return {"stories": [s.to_json() for s in stories]} if stories else None


def apply_event(state: dict[str, Any] | None, key: str, msg: StoryEvent, *, window_days: float = 2.0,
                expiry_s: float = 7 * 86400.0, max_open: int = 30, watermark: float | None = None) -> Outcome:
    """Add one coded event to the stories of ``key`` (see the module docstring)."""
    stories = _load(state)
    if any(msg.event_id in s.event_ids for s in stories):
        return Outcome(state, duplicate=True)
    out = Outcome(None)
    stories = _close_quiet(stories, max(watermark or msg.clock, msg.clock), expiry_s, out)
    span = event_span(msg)
    tokens = words(msg.event.get("evidence"), msg.title)
    candidates = [s for s in stories if compatible(s, msg, span, window_days)]
    if candidates:
        candidates.sort(key=lambda s: (-_overlap(tokens, s), _gap(s, span), s.first_seen))
        story = candidates[0]
        for other in candidates[1:]:
            if _mergeable(story, other, window_days):
                older, younger = sorted((story, other), key=lambda s: (s.first_seen, s.story_id))
                _absorb(older, younger, out)
                stories.remove(younger)
                story = older
    else:
        story = _open(key, msg, span)
        stories.append(story)
    _add(story, msg, span, tokens)
    out.changed.append(story)
    out.assignments.append((msg.event_id, story.story_id))
    while len(stories) > max_open:  # the quietest story closes first
        oldest = min(stories, key=lambda s: (s.last_seen, s.story_id))
        _close(oldest, stories, out)
    out.state = _dump(stories)
    return out


def apply_sweep(state: dict[str, Any] | None, watermark: float, *, expiry_s: float = 7 * 86400.0) -> Outcome:
    """Close the key's stories quiet for longer than ``expiry_s`` behind ``watermark``."""
    out = Outcome(None)
    out.state = _dump(_close_quiet(_load(state), watermark, expiry_s, out))
    return out


def _close_quiet(stories: list[Story], watermark: float, expiry_s: float, out: Outcome) -> list[Story]:
    for story in [s for s in stories if watermark - s.last_seen > expiry_s]:
        _close(story, stories, out)
    return stories


def _close(story: Story, stories: list[Story], out: Outcome) -> None:
    story.closed = True
    stories.remove(story)
    out.changed.append(story)


def _open(key: str, msg: StoryEvent, span: DaySpan) -> Story:
    ev = msg.event
    return Story(story_id=msg.event_id, key=key, code=str(ev["code"]), codes={}, label=ev.get("label"),
                 source=ev.get("source"), target=ev.get("target"), location=ev.get("location"),
                 day_lo=None, day_hi=None, coarse=None, first_seen=msg.clock, last_seen=msg.clock,
                 first_event={**ev, "article_id": msg.article_id, "outlet": msg.outlet})


def _add(story: Story, msg: StoryEvent, span: DaySpan, tokens: set[str]) -> None:
    ev = msg.event
    code = str(ev["code"])
    story.codes[code] = story.codes.get(code, 0) + 1
    if code == story.code or not story.label:
        story.label = ev.get("label") or story.label
    canonical = _canonical(story.codes)
    if canonical != story.code:
        story.code, story.label = canonical, ev.get("label") if canonical == code else story.label
    story.location = story.location or ev.get("location")
    place = place_name(ev.get("location"))
    if place and place not in story.places and len(story.places) < 10:
        story.places.append(place)
    if span.is_day:
        lo, hi = span.start.isoformat(), span.end.isoformat()
        story.day_lo = min(story.day_lo or lo, lo)
        story.day_hi = max(story.day_hi or hi, hi)
    elif story.day_lo is None:
        coarse = story.coarse or [span.start.isoformat(), span.end.isoformat()]  # narrow to the overlap
        story.coarse = [max(coarse[0], span.start.isoformat()), min(coarse[1], span.end.isoformat())]
    story.first_seen, story.last_seen = min(story.first_seen, msg.clock), max(story.last_seen, msg.clock)
    new_article = msg.article_id not in story.article_ids
    if new_article:  # reports and copies count articles: two events of one article are one report
        story.reports += 1
        story.copies += 1 if msg.duplicate_of else 0
        if len(story.article_ids) < MAX_ARTICLE_IDS_KEPT:
            story.article_ids.append(msg.article_id)
    story.event_ids = (story.event_ids + [msg.event_id])[-MAX_EVENT_IDS_KEPT:]
    if not msg.duplicate_of:
        outlet = msg.outlet or UNKNOWN_OUTLET
        if outlet not in story.outlets and len(story.outlets) < MAX_OUTLETS_KEPT:
            story.outlets.append(outlet)
        conf = ev.get("confidence")
        conf = float(conf) if isinstance(conf, int | float) else 0.5
        if outlet in story.outlets:
            story.best_confidence[outlet] = max(story.best_confidence.get(outlet, 0.0), conf)
    story.words = list(dict.fromkeys(story.words + sorted(tokens)))[:MAX_WORDS_KEPT]  # the first reports' words


def _overlap(tokens: set[str], story: Story) -> float:
    return len(tokens & set(story.words)) / len(tokens) if tokens else 0.0


def _gap(story: Story, span: DaySpan) -> int:
    current = story.span()
    return current.gap_days(span) if current else 0


def _mergeable(a: Story, b: Story, window_days: float) -> bool:
    if not codes_compatible(a.code, b.code):
        return False
    if a.root in PLACED_ROOTS and not location_compatible(a.location, b.location):
        return False
    sa, sb = a.span(), b.span()
    if sa is None or sb is None:
        return True
    if sa.is_day and sb.is_day:
        return (max(sa.end, sb.end) - min(sa.start, sb.start)).days <= window_days
    return sa.gap_days(sb) == 0


def _absorb(into: Story, other: Story, out: Outcome) -> None:
    """``other`` becomes part of ``into``: counts, ids and alert state move; ``other`` is published as merged."""
    for code, n in other.codes.items():
        into.codes[code] = into.codes.get(code, 0) + n
    into.code = _canonical(into.codes)
    into.location = into.location or other.location
    lo, hi = other.day_lo, other.day_hi
    if lo and hi:
        into.day_lo, into.day_hi = min(into.day_lo or lo, lo), max(into.day_hi or hi, hi)
    into.first_seen, into.last_seen = min(into.first_seen, other.first_seen), max(into.last_seen, other.last_seen)
    shared = sum(1 for a in other.article_ids if a in into.article_ids)  # articles that reported both halves
    into.reports += max(other.reports - shared, 0)
    into.copies += other.copies
    into.article_ids = (into.article_ids + [a for a in other.article_ids if a not in into.article_ids])[:MAX_ARTICLE_IDS_KEPT]
    into.event_ids = (into.event_ids + other.event_ids)[-MAX_EVENT_IDS_KEPT:]
    into.outlets = list(dict.fromkeys(into.outlets + other.outlets))[:MAX_OUTLETS_KEPT]
    for outlet, c in other.best_confidence.items():
        if outlet in into.outlets:
            into.best_confidence[outlet] = max(into.best_confidence.get(outlet, 0.0), c)
    into.words = list(dict.fromkeys(into.words + other.words))[:MAX_WORDS_KEPT]
    into.places = list(dict.fromkeys(into.places + other.places))[:10]
    for rule_id, level in other.alerted.items():
        mine = into.alerted.get(rule_id)
        if mine is None or level[0] > mine[0]:
            into.alerted[rule_id] = level
    other.closed, other.merged_into = True, into.story_id
    out.changed.append(other)
    out.tombstones.append(other.story_id)
    out.assignments += [(event_id, into.story_id) for event_id in other.event_ids]
