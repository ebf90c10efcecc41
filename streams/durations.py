"""Durations as written in settings and rule files: ``30s``, ``10m``, ``2h``, ``1d`` or a combination (``1h30m``).

:func:`parse_duration` is the one parser of this syntax (``STREAMS_ALERT_THROTTLE``,
``STREAMS_TREND_WINDOW``, a rule's ``throttle`` and ``spike.window``). It returns
seconds as a float; anything else, bare numbers included (is ``10`` seconds or
minutes?), raises :class:`ValueError` with the message
``'<value>' is not a duration like 30s, 10m, 2h or 1d``. Spaces are ignored.
"""

from __future__ import annotations

import re
from typing import Any

DURATION_HINT = "is not a duration like 30s, 10m, 2h or 1d"

_UNIT_S = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DURATION = re.compile(r"(?:\d+(?:\.\d+)?[smhd])+")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def parse_duration(value: Any) -> float:
    """Seconds of ``30s``, ``10m``, ``2h``, ``1d`` or a combination (``1h30m``); bare numbers are refused."""
    text = value.replace(" ", "") if isinstance(value, str) else None
    if not text or not _DURATION.fullmatch(text):
        raise ValueError(f"{value!r} {DURATION_HINT}")
    return sum(float(n) * _UNIT_S[u] for n, u in _DURATION_PART.findall(text))


__all__ = ["DURATION_HINT", "parse_duration"]
