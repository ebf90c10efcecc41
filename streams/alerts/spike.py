"""Spike detection on windowed counts (pure): a window far above its trailing baseline.

Windows are fixed (tumbling) and indexed on the ARTICLE's clock:
``window_index = floor(epoch_seconds(reference_time) / window_s)``, so a replay finds the
same spikes as the live run. The state of one key (one spike rule and its counted
key, stored under :func:`streams.alerts.rules.throttle_key`) is a plain JSON value::

    {"window_s": 900.0, "counts": {"1917400": 3, "1917401": 14}, "fired": [1917401]}

- ``counts`` maps window indices (as strings: JSON object keys) to article counts;
  ``fired`` lists the windows that already fired (at most one alert per window and key).
- Only the newest ``baseline_windows + 2`` windows are kept (the current one, its
  baseline and one more, so that the previous window can still be judged when a late
  article completes it); older windows, and articles that fall before them, are dropped.
- ``window_s`` is kept so that changing a rule's window starts the key afresh instead
  of mixing indices of different sizes.

The rule fires for window ``w`` when ``count(w) >= min_count`` and
``count(w) >= factor * baseline``, with ``baseline`` the mean count of the
``baseline_windows`` windows before ``w``. Missing windows count 0, and the mean is
always over ``baseline_windows``, even when the key has less history: a key that
was never seen before has baseline 0 and fires as soon as ``min_count`` articles
arrive in one window. ``min_count`` is the guard against that cold start (and
against "3 times nothing").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from streams.alerts import windows
from streams.alerts.rules import SpikeRule
from streams.alerts.windows import DEFAULT_MAX_FUTURE_S, window_bounds, window_index

SpikeState = dict[str, Any]


def empty_state(window_s: float) -> SpikeState:
    return {"window_s": float(window_s), "counts": {}, "fired": []}


def _normalised(state: SpikeState | None, window_s: float) -> SpikeState:
    """A copy of ``state``; a fresh state when there is none or it was built for another window size."""
    counts = windows.normalised(state, window_s)
    fired = sorted({int(w) for w in (state or {}).get("fired") or ()}) if counts["counts"] else []
    return {**counts, "fired": fired}


def observe(
    state: SpikeState | None, ts: float, window_s: float, baseline_windows: int, *,
    n: int = 1, now: float | None = None, max_future_s: float = DEFAULT_MAX_FUTURE_S,
) -> SpikeState:
    """The state after counting ``n`` articles at epoch second ``ts`` (the article's clock).

    Counting is :func:`streams.alerts.windows.add` keeping the current window, its
    baseline and one more. Not counted (the state is returned unchanged): articles
    older than the kept windows, and, when ``now`` (wall clock) is given, articles
    dated more than ``max_future_s`` after it. The input state is not modified.
    """
    new = _normalised(state, window_s)
    counted, dropped = windows.add(new, ts, window_s, baseline_windows + 1, n=n, now=now, max_future_s=max_future_s)
    if dropped:
        return new
    oldest = windows.oldest_kept(counted, baseline_windows + 1)
    return {**counted, "fired": [w for w in new["fired"] if oldest is None or w >= oldest]}


count = windows.count


def baseline(state: SpikeState | None, window: int, baseline_windows: int) -> float:
    """Mean count of the ``baseline_windows`` windows before ``window`` (missing ones count 0)."""
    return sum(count(state, window - i) for i in range(1, baseline_windows + 1)) / baseline_windows


@dataclass(frozen=True, slots=True)
class SpikeResult:
    """A spike: the window, its count and baseline, and the state to store (with the window marked fired)."""

    rule_id: str
    key: str
    window_index: int
    window_start: str
    window_end: str
    window: str          # the rule's window as written, e.g. "15m"
    count: int
    baseline: float
    factor: float
    state: SpikeState

    def as_window(self) -> dict[str, Any]:
        """The alert record's ``window`` object."""
        return {"start": self.window_start, "end": self.window_end, "count": self.count, "baseline": round(self.baseline, 4)}


def evaluate(state: SpikeState | None, current_window: int, rule: SpikeRule) -> SpikeResult | None:
    """A :class:`SpikeResult` if window ``current_window`` spikes and has not fired yet, else None.

    Only the key's newest window and the one before it are judged: for older ones
    part of the baseline has been pruned. Store ``result.state`` when it fires;
    otherwise the state is unchanged.
    """
    spec = rule.spike
    st = _normalised(state, spec.window_s)
    newest = windows.newest(st)
    if newest is None or current_window < newest - 1 or current_window in st["fired"]:
        return None
    n = count(st, current_window)
    total = sum(count(st, current_window - i) for i in range(1, spec.baseline_windows + 1))
    # count >= factor * (total / baseline_windows), without the division
    if n < spec.min_count or n * spec.baseline_windows < spec.factor * total:
        return None
    fired = {**st, "fired": sorted({*st["fired"], current_window})}
    start, end = window_bounds(current_window, spec.window_s)
    return SpikeResult(
        rule_id=rule.id, key=spec.key, window_index=current_window, window_start=start, window_end=end,
        window=spec.window, count=n, baseline=total / spec.baseline_windows, factor=spec.factor, state=fired,
    )


def step(
    state: SpikeState | None, ts: float, rule: SpikeRule, *, now: float | None = None, max_future_s: float = DEFAULT_MAX_FUTURE_S,
) -> tuple[SpikeState, SpikeResult | None]:
    """Count one article at ``ts`` for ``rule`` and judge its window: ``(state to store, spike or None)``."""
    spec = rule.spike
    new = observe(state, ts, spec.window_s, spec.baseline_windows, now=now, max_future_s=max_future_s)
    result = evaluate(new, window_index(ts, spec.window_s), rule)
    return (result.state if result else new), result
