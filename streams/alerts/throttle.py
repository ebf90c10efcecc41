"""Throttling alerts per key (pure): publish the first hit, count the rest, report the count with the next alert.

The state of a key is a plain JSON value, ``{"last_published": epoch_s, "suppressed": n}``,
meant for a changelog-backed key-value table keyed by the throttle key
(:func:`streams.alerts.rules.throttle_key`).

``now`` should be the article's clock (``reference_time``, see
:func:`streams.alerts.clock.record_time`), like the alert's ``time``: a replay
then throttles exactly as the live run did. An article older than the last
published one counts as within the window (suppressed).

The window is fixed from the last published alert, not sliding: a key that hits
continuously publishes once every ``throttle_s``. Hits suppressed after the last
alert of a burst are only reported by the key's next alert; :func:`pending`
tells a periodic job which keys hold such a count.
"""

from __future__ import annotations

from typing import Any

ThrottleState = dict[str, Any]


def decide(state: ThrottleState | None, now: float, throttle_s: float) -> tuple[bool, ThrottleState, int]:
    """``(publish?, new state, suppressed count to report)`` for one hit of a key at ``now``.

    - no state (first hit): publish, report 0;
    - within ``throttle_s`` of the last published alert: do not publish, count the hit;
    - otherwise: publish, report the hits counted since the last alert, reset the count.

    ``throttle_s <= 0`` publishes every hit. The input state is not modified.
    """
    if not state or state.get("last_published") is None:
        return True, {"last_published": now, "suppressed": 0}, 0
    last = float(state["last_published"])
    suppressed = int(state.get("suppressed") or 0)
    if throttle_s <= 0 or now - last >= throttle_s:
        return True, {"last_published": now, "suppressed": 0}, suppressed
    return False, {"last_published": last, "suppressed": suppressed + 1}, 0


def pending(state: ThrottleState | None, now: float, throttle_s: float) -> int:
    """Suppressed hits of a key whose throttle window is over (0 if none or still within the window)."""
    if not state or state.get("last_published") is None:
        return 0
    if now - float(state["last_published"]) < throttle_s:
        return 0
    return int(state.get("suppressed") or 0)


def is_idle(state: ThrottleState | None, now: float, throttle_s: float) -> bool:
    """True when deleting the state changes nothing (window over, no pending count): the table entry can go."""
    if not state or state.get("last_published") is None:
        return True
    return now - float(state["last_published"]) >= throttle_s and not state.get("suppressed")
