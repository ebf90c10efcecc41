"""The steps between an enriched record and the story stage, shared by the worker and :mod:`offline`.

enriched record + body --:func:`copy_check`--> CopyCheck --(copy stage: CopyIndex.check)-->
Verdict --:func:`story_events`--> (blocking key, StoryEvent) per coded event, and for a copy
--:func:`marked_copy`--> the record again with ``duplicate_of`` and ``similarity``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from streams.stories.copies import CopyIndex, Verdict, checkable, decode, encode, signature
from streams.stories.keys import blocking_key
from streams.stories.messages import CopyCheck, StoryEvent


def article_clock(record: dict[str, Any]) -> float:
    """The record's ``reference_time`` (the article clock) in epoch seconds."""
    text = record.get("reference_time") or record.get("published_at") or record["processing"]["processed_at"]
    return datetime.fromisoformat(str(text).replace("Z", "+00:00")).timestamp()


def copy_check(record: dict[str, Any], body: str) -> CopyCheck:
    """The record's copy check; a body too short to judge gets no signature."""
    return CopyCheck(record, encode(signature(body)) if checkable(body) else None, article_clock(record))


def judge(index: CopyIndex, check: CopyCheck) -> Verdict:
    """The copy stage's verdict on one check (a body too short to judge is an original, not indexed);
    ``ValueError`` when its signature is malformed."""
    if check.sig is None:
        return Verdict(None)
    return index.check(check.article_id, decode(check.sig), check.clock, check.record.get("source"))


def story_events(record: dict[str, Any], verdict: Verdict) -> list[tuple[str, StoryEvent]]:
    clock = article_clock(record)
    return [(blocking_key(ev), StoryEvent(ev, str(record["article_id"]), clock, outlet=record.get("source"),
                                          duplicate_of=verdict.duplicate_of, title=record.get("title"),
                                          url=record.get("url")))
            for ev in record.get("events") or ()]


def marked_copy(record: dict[str, Any], verdict: Verdict) -> dict[str, Any] | None:
    """The record as a copy (``duplicate_of``, ``similarity``), or None for an original."""
    if verdict.duplicate_of is None:
        return None
    return {**record, "duplicate_of": verdict.duplicate_of, "similarity": verdict.similarity}
