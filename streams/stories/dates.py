"""Event dates as day spans: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` -> (first day, last day, granularity).

An event's ``date`` comes at day, month or year granularity (or the article clock's
day, which is a day). Stories compare dates as spans, so that "in June" and
"2026-06-12" are compatible at the coarser granularity.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Literal

Granularity = Literal["day", "month", "year"]
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class DaySpan:
    start: date
    end: date
    granularity: Granularity

    @property
    def is_day(self) -> bool:
        return self.granularity == "day"

    def gap_days(self, other: DaySpan) -> int:
        """Days between the two spans (0 when they overlap)."""
        if self.end < other.start:
            return (other.start - self.end).days
        if other.end < self.start:
            return (self.start - other.end).days
        return 0


def parse_span(text: str | None) -> DaySpan | None:
    """The span of an ISO date, month or year (a longer timestamp is cut to its day); None when unreadable."""
    m = _DATE.match(text or "")
    if m is None:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day is not None and month is not None:
            d = date(year, int(month), int(day))
            return DaySpan(d, d, "day")
        if month is not None:
            last = calendar.monthrange(year, int(month))[1]
            return DaySpan(date(year, int(month), 1), date(year, int(month), last), "month")
        return DaySpan(date(year, 1, 1), date(year, 12, 31), "year")
    except ValueError:
        return None


def day_of(epoch_s: float) -> DaySpan:
    d = datetime.fromtimestamp(epoch_s, timezone.utc).date()
    return DaySpan(d, d, "day")


def iso_day(d: date) -> str:
    return d.isoformat()


def days(n: float) -> timedelta:
    return timedelta(days=n)
