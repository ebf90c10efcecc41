"""Tumbling-window counts on the article clock (pure): the one counting step of spikes and trends.

A window is ``floor(epoch_seconds / window_s)``, so a replay of the same articles
lands in the same windows as the live run. The counts of one key are a plain JSON
value, meant for a changelog-backed table::

    {"window_s": 900.0, "counts": {"1917400": 3, "1917401": 14}}

(JSON object keys are strings.) Only the newest window and the ``keep`` windows
before it are kept; an article older than those is *late* and not counted, one dated
more than ``max_future_s`` after the wall clock is *future* and not counted (a
mis-dated article would otherwise move the newest window ahead and make every real
article late). A different ``window_s`` starts the counts afresh instead of mixing
indices of two sizes. Callers may keep their own fields next to these
(:mod:`streams.alerts.spike` keeps ``fired``); :func:`add` returns only the two.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from streams.alerts.clock import iso_utc

WindowCounts = dict[str, Any]
Dropped = Literal["late", "future"]

DEFAULT_MAX_FUTURE_S = 3600.0


def window_index(ts: float, window_s: float) -> int:
    """Index of the window holding epoch second ``ts``."""
    return math.floor(ts / window_s)


def window_bounds(index: int, window_s: float) -> tuple[str, str]:
    """ISO start (inclusive) and end (exclusive) of window ``index``."""
    return iso_utc(index * window_s), iso_utc((index + 1) * window_s)


def normalised(state: dict[str, Any] | None, window_s: float) -> WindowCounts:
    """A fresh copy of the counts in ``state`` (int values, str keys); empty for no state or another window size."""
    if not state or float(state.get("window_s", window_s)) != float(window_s):
        return {"window_s": float(window_s), "counts": {}}
    return {"window_s": float(window_s), "counts": {str(k): int(v) for k, v in (state.get("counts") or {}).items()}}


def newest(state: dict[str, Any] | None) -> int | None:
    """The newest window with a count, or None."""
    return max((int(k) for k in (state or {}).get("counts") or ()), default=None)


def count(state: dict[str, Any] | None, window: int) -> int:
    return int(((state or {}).get("counts") or {}).get(str(window), 0))


def oldest_kept(state: dict[str, Any] | None, keep: int) -> int | None:
    """The oldest window :func:`add` still counts into, given the newest one."""
    top = newest(state)
    return None if top is None else top - keep


def add(
    state: dict[str, Any] | None, ts: float, window_s: float, keep: int, *,
    n: int = 1, now: float | None = None, max_future_s: float = DEFAULT_MAX_FUTURE_S,
) -> tuple[WindowCounts, Dropped | None]:
    """Count ``n`` articles at epoch second ``ts``: ``(new counts, None)``, or ``(counts unchanged, why)``.

    ``now`` is the wall clock, used only to refuse articles dated far ahead. The input
    is never modified.
    """
    new = normalised(state, window_s)
    if now is not None and ts > now + max_future_s:
        return new, "future"
    idx = window_index(ts, window_s)
    previous = newest(new)
    top = idx if previous is None else max(idx, previous)
    if idx < top - keep:
        return new, "late"
    counts = new["counts"]
    counts[str(idx)] = counts.get(str(idx), 0) + n
    new["counts"] = {k: counts[k] for k in sorted(counts, key=int) if int(k) >= top - keep}
    return new, None
