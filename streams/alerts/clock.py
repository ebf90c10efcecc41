"""Time helpers shared by the alerting logic: epoch seconds <-> ISO 8601 (UTC, ``Z``)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any


def to_epoch(value: str | float | int | datetime) -> float:
    """Epoch seconds of an ISO 8601 string (``Z`` or an offset; naive means UTC), a datetime or a number."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a time")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 time") from None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.timestamp()
    raise ValueError(f"{value!r} is not a time")


def iso_utc(value: str | float | int | datetime) -> str:
    """``2024-06-19T08:30:00.000Z``: the form of the records' times (``reference_time``)."""
    dt = datetime.fromtimestamp(to_epoch(value), tz=timezone.utc)
    return dt.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def record_time(record: dict[str, Any]) -> float:
    """The article's clock in epoch seconds: ``reference_time`` (the record's ``time_basis``), else ``published_at``.

    Windows, throttling and alert times all use this clock, so replaying a topic
    gives the same alerts as the live run did.
    """
    for field in ("reference_time", "published_at"):
        value = record.get(field)
        if value:
            return to_epoch(value)
    raise ValueError(f"record {record.get('article_id')!r} has no reference_time or published_at")
