"""Typed messages of the story stages' internal topics (versioned like :mod:`streams.alerts.messages`).

- ``<group>-copy-check`` (one partition, key: article id): :class:`CopyCheck`, an
  enriched record with its body's MinHash signature, sent by the enrich batch.
- ``<group>-story-events`` (key: blocking key, :mod:`streams.stories.keys`):
  :class:`StoryEvent`, one coded event with what the story stage needs of its article,
  sent by the copy stage once the article's copy verdict is known; or
  :class:`StorySweep`, a timer's request to close the key's quiet stories.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from streams.alerts.messages import _decode, _Message, _number, _text
from streams.errors import InvalidMessage

MESSAGE_VERSION = 1


@dataclass(frozen=True, slots=True)
class CopyCheck(_Message):
    record: dict[str, Any]
    sig: str | None  # None: the body is too short to judge (streams.stories.copies.MIN_WORDS)
    clock: float  # the article clock, epoch seconds
    v: int = MESSAGE_VERSION

    @property
    def article_id(self) -> str:
        return str(self.record["article_id"])

    @classmethod
    def from_bytes(cls, data: bytes | None) -> CopyCheck:
        what = "copy check"
        value = _decode(data, what)
        record = value.get("record")
        if not isinstance(record, dict) or not isinstance(record.get("article_id"), str):
            raise InvalidMessage(f"{what}: record must be an enriched record with an article_id")
        sig = None if value.get("sig") is None else _text(value, "sig", what)
        return cls(record, sig, _number(value, "clock", what))


@dataclass(frozen=True, slots=True)
class StoryEvent(_Message):
    event: dict[str, Any]
    article_id: str
    clock: float
    outlet: str | None = None
    duplicate_of: str | None = None
    title: str | None = None
    url: str | None = None
    kind: str = "event"
    v: int = MESSAGE_VERSION

    @property
    def event_id(self) -> str:
        return str(self.event["id"])


@dataclass(frozen=True, slots=True)
class StorySweep(_Message):
    clock: float  # the sender's newest article clock: stories quiet since before clock - expiry close
    kind: str = "sweep"
    v: int = MESSAGE_VERSION


def parse_story_message(data: bytes | None) -> StoryEvent | StorySweep:
    what = "story message"
    value = _decode(data, what)
    kind = value.get("kind", "event")
    if kind == "sweep":
        return StorySweep(_number(value, "clock", what))
    if kind != "event":
        raise InvalidMessage(f"{what}: kind must be event or sweep, got {kind!r}")
    event = value.get("event")
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not isinstance(event.get("code"), str):
        raise InvalidMessage(f"{what}: event must be a coded event with an id and a code")
    def opt(name: str) -> str | None:
        text = value.get(name)
        return text if isinstance(text, str) else None

    return StoryEvent(event, _text(value, "article_id", what), _number(value, "clock", what), outlet=opt("outlet"),
                      duplicate_of=opt("duplicate_of"), title=opt("title"), url=opt("url"))
