"""Typed messages of the worker's internal topics: rule hits and trend observations.

One serialiser (:meth:`to_bytes`) and one parser (:meth:`from_bytes`) per message,
so the shape is written in one place. Both carry ``v``, the message version: a
parser accepts every version up to :data:`MESSAGE_VERSION` (a message without ``v``
was written before versions existed and is version 1) and refuses newer ones with
:class:`~streams.errors.InvalidMessage`, as it refuses anything malformed; the
worker's error policy then counts and skips that message.

- ``<group>-alert-hits``, key: the throttle key; value: :class:`Hit`.
- ``<group>-trend-obs``, key: the trend key; value: :class:`Observation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

from streams.errors import InvalidMessage

MESSAGE_VERSION = 1
HitKind = Literal["event", "entity", "spike"]
HIT_KINDS = ("event", "entity", "spike")


def _decode(data: bytes | None, what: str) -> dict[str, Any]:
    try:
        value = orjson.loads(data or b"")
    except orjson.JSONDecodeError as exc:
        raise InvalidMessage(f"{what}: not JSON ({exc})") from None
    if not isinstance(value, dict):
        raise InvalidMessage(f"{what}: expected a JSON object, got {type(value).__name__}")
    version = value.get("v", 1)
    if not isinstance(version, int) or not 1 <= version <= MESSAGE_VERSION:
        raise InvalidMessage(f"{what}: version {version!r} is not one this worker reads (1..{MESSAGE_VERSION})")
    return value


def _number(value: dict[str, Any], name: str, what: str) -> float:
    ts = value.get(name)
    if isinstance(ts, bool) or not isinstance(ts, int | float):
        raise InvalidMessage(f"{what}: {name} must be a number (epoch seconds), got {ts!r}")
    return float(ts)


def _text(value: dict[str, Any], name: str, what: str) -> str:
    text = value.get(name)
    if not isinstance(text, str) or not text:
        raise InvalidMessage(f"{what}: {name} must be a non-empty string, got {text!r}")
    return text


class _Message:
    """The one serialiser of the typed messages (orjson writes dataclasses natively, ``v`` included)."""

    __slots__ = ()

    def to_bytes(self) -> bytes:
        return orjson.dumps(self)


def _optional_text(value: dict[str, Any], name: str) -> str | None:
    text = value.get(name)
    return text if isinstance(text, str) else None


@dataclass(frozen=True, slots=True)
class Hit(_Message):
    """A record's hit of one rule, sent to the alert agent that owns its throttle key.

    ``ts``: the article's clock (epoch seconds); ``record``: the slim record an alert
    needs (:func:`streams.alerts.hits.slim_record`); ``events``: the matched events
    (event rules); ``entity_id``: the matched entity (entity rules).
    """

    kind: HitKind
    rule_id: str
    throttle_key: str
    ts: float
    record: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    entity_id: str | None = None
    v: int = MESSAGE_VERSION

    @classmethod
    def from_bytes(cls, data: bytes | None) -> Hit:
        what = "rule hit"
        value = _decode(data, what)
        kind = value.get("kind")
        if kind not in HIT_KINDS:
            raise InvalidMessage(f"{what}: kind must be one of {', '.join(HIT_KINDS)}, got {kind!r}")
        record, events = value.get("record"), value.get("events") or []
        if not isinstance(record, dict):
            raise InvalidMessage(f"{what}: record must be an object, got {record!r}")
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            raise InvalidMessage(f"{what}: events must be a list of objects")
        return cls(kind=kind, rule_id=_text(value, "rule_id", what), throttle_key=_text(value, "throttle_key", what),
                   ts=_number(value, "ts", what), record=record, events=events,
                   entity_id=_optional_text(value, "entity_id"))


@dataclass(frozen=True, slots=True)
class Observation(_Message):
    """One article counted towards a trend key (the message key) at ``ts``, the article's clock."""

    ts: float
    article_id: str | None = None
    v: int = MESSAGE_VERSION

    @classmethod
    def from_bytes(cls, data: bytes | None) -> Observation:
        return cls.from_value(_decode(data, "trend observation"))

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> Observation:
        return cls(ts=_number(value, "ts", "trend observation"), article_id=_optional_text(value, "article_id"))


@dataclass(frozen=True, slots=True)
class TrendSweep(_Message):
    """Close the key (the message key) if it is quiet behind ``clock``, the sender's newest article clock."""

    clock: float
    kind: str = "sweep"
    v: int = MESSAGE_VERSION


def parse_trend_message(data: bytes | None) -> Observation | TrendSweep:
    """An observation (no ``kind``, as written before sweeps existed) or a sweep."""
    value = _decode(data, "trend message")
    kind = value.get("kind", "observation")
    if kind == "sweep":
        return TrendSweep(_number(value, "clock", "trend sweep"))
    if kind != "observation":
        raise InvalidMessage(f"trend message: kind must be observation or sweep, got {kind!r}")
    return Observation.from_value(value)
