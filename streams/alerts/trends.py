"""Trends (pure): which keys a record counts towards, and the trend agent's window state transition.

Keys have the form of the ``trends`` topic's key (DESIGN.md): ``country:PRK``, an
entity id (``person:vladimir-putin``, ``igo:IAEA``, ``org:…``) or a dyad ``SRC|TGT``
as on the ``events`` topic. A record counts once per key, however often it
mentions it: trend counts are counts of articles.
"""

from __future__ import annotations

from typing import Any

from streams.alerts import windows
from streams.contracts.events import dyad_key
from streams.contracts.ids import country_id, is_kind

TREND_ENTITY_TYPES = frozenset({"PERSON", "ORG"})
SCHEMA_VERSION = 1
TREND_KEEP_WINDOWS = 3  # windows before the newest one that late articles still correct
CLOSE_AFTER_S = 86400.0  # a quiet key's last window is published, and its state dropped, this long after it


def _event_dyads(record: dict[str, Any]) -> list[str]:
    """Directed dyads of the record's events whose source and target are both known (no ``-``)."""
    out = []
    for event in record.get("events") or ():
        key = dyad_key(event)
        if "-" not in key.split("|"):
            out.append(key)
    return out


def _unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def trend_keys(record: dict[str, Any]) -> list[str]:
    """The keys a record contributes to, each once, in a stable order.

    ``country:XXX`` for each of ``record["countries"]``; the ids of its PERSON and
    ORG entities (IGOs included: ``igo:IAEA``); ``SRC|TGT`` for the dyads of its
    events. Events with an unknown side (``PRK|-``) make no dyad key: "North Korea
    did something to nobody in particular" is not a relationship to trend.
    """
    keys = [country_id(c) for c in record.get("countries") or () if c]
    keys += [e["id"] for e in record.get("entities") or () if isinstance(e, dict) and e.get("id") and e.get("type") in TREND_ENTITY_TYPES]
    keys += _event_dyads(record)
    return _unique(keys)


def record_keys(record: dict[str, Any]) -> set[str]:
    """Every key a spike rule can count: the trend keys plus the ids of all entities (places, groups too)."""
    keys = set(trend_keys(record))
    keys.update(e["id"] for e in record.get("entities") or () if isinstance(e, dict) and e.get("id"))
    return keys


# --------------------------------------------------------------------------------------------
# the trend agent's state transition
# --------------------------------------------------------------------------------------------
def trend_kind(key: str) -> str:
    """``dyad`` (``SRC|TGT``), ``country`` (``country:PRK``) or ``entity`` (any other entity id)."""
    if "|" in key:
        return "dyad"
    return "country" if is_kind(key, "country") else "entity"


def trend_record(key: str, window: int, count: int, window_s: float, window_text: str) -> dict[str, Any]:
    """One ``trends`` message: the article count of ``key`` in window ``window`` (the articles' clock)."""
    start, end = windows.window_bounds(window, window_s)
    return {"schema_version": SCHEMA_VERSION, "key": key, "kind": trend_kind(key), "window": window_text,
            "window_start": start, "window_end": end, "count": int(count)}


def apply_observation(
    state: dict[str, Any] | None, key: str, ts: float, window_s: float, window_text: str, *,
    now: float | None = None, keep: int = TREND_KEEP_WINDOWS, watermark: float | None = None,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], str | None]:
    """Count one article of ``key`` at ``ts``: ``(new state, trends records to publish, reason it was dropped)``.

    The state is :mod:`streams.alerts.windows`' counts (``{"window_s": 900.0, "counts": {...}}``);
    a state written before that module, with a ``newest`` field, reads the same.

    - the first observation of a later window closes the key's newest window: its
      count is published, and the new window becomes the newest;
    - an observation of one of the ``keep`` windows before the newest (a late
      article) corrects that window: its new count is published again at once
      (consumers keep the latest message per key and ``window_start``);
    - older observations (``late``), and ones dated over an hour after ``now``
      (``future``), are dropped and the state is returned unchanged;
    - a key without state whose observation lies past :func:`closing_point` of
      ``watermark`` (the newest article clock the stage has seen) is ``late`` too: the key
      may have been closed by :func:`apply_sweep`, and counting into its last window
      afresh would republish that window with a partial count;
    - the first observation of a key, or of a new window size, publishes nothing.
    """
    previous = windows.normalised(state, window_s)
    if watermark is not None and not previous["counts"] and windows.window_index(ts, window_s) < closing_point(watermark, window_s, keep):
        return state, [], "late"
    new, dropped = windows.add(previous, ts, window_s, keep, now=now)
    if dropped:
        return state, [], dropped
    top, idx = windows.newest(previous), windows.window_index(ts, window_s)
    out: list[dict[str, Any]] = []
    if top is not None and idx > top:
        out.append(trend_record(key, top, windows.count(previous, top), window_s, window_text))
    elif top is not None and idx < top:
        out.append(trend_record(key, idx, windows.count(new, idx), window_s, window_text))
    return new, out, None


def closing_point(watermark: float, window_s: float, keep: int = TREND_KEEP_WINDOWS) -> int:
    """The first window not yet final: ``keep`` windows before the watermark's, and at least a day of the article clock.

    The day is slack for the watermark, which is the newest clock over all of the stage's
    partitions: catching up on a backlog, one partition can run hours of article clock
    ahead of another, and a window that is final by the fast one may still be counting
    articles of the slow one. A key then holds its state a day after its last article.
    """
    return min(windows.window_index(watermark, window_s) - keep, windows.window_index(watermark - CLOSE_AFTER_S, window_s))


def is_quiet(state: dict[str, Any] | None, watermark: float, window_s: float, keep: int = TREND_KEEP_WINDOWS) -> bool:
    """Is the key's newest window before :func:`closing_point` (final: nothing counts into it any more)?"""
    top = windows.newest(windows.normalised(state, window_s))
    return top is not None and top < closing_point(watermark, window_s, keep)


def apply_sweep(
    state: dict[str, Any] | None, key: str, watermark: float, window_s: float, window_text: str, *,
    keep: int = TREND_KEEP_WINDOWS,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Close a quiet key (:func:`is_quiet`): ``(None, [its newest window's record])``, or the state unchanged.

    Without it a quiet key's last window would wait for the key's next article to be
    published, and every key ever seen (each person in the news) would keep its state
    for good. Its earlier windows were published when the newest one began.
    """
    if not is_quiet(state, watermark, window_s, keep):
        return state, []
    counts = windows.normalised(state, window_s)
    top = windows.newest(counts)
    assert top is not None  # is_quiet
    return None, [trend_record(key, top, windows.count(counts, top), window_s, window_text)]
