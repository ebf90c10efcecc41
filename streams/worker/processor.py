"""Raw messages in, output messages out: decode, validate, enrich, serialise.

Synchronous and transport-free, so that the Faust worker (which runs it in a
thread, off the event loop) and the offline ``streams enrich`` command share it.
Every input yields at least one output: an enriched record (plus its events) or
a dead letter. Nothing is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import orjson

from streams.contracts.article import ENRICH_FAILED, Article, InvalidArticle, decode_article
from streams.contracts.deadletter import bounded_dead_letter, dead_letter_key
from streams.contracts.events import event_messages
from streams.contracts.language import LanguageGate
from streams.enrich.context import Provenance
from streams.errors import Action
from streams.settings import Settings
from streams.worker.policy import ErrorPolicy

if TYPE_CHECKING:
    from streams.enrich.pipeline import Enricher

log = logging.getLogger("streams.processor")


@dataclass(frozen=True, slots=True)
class RawMessage:
    value: bytes
    key: bytes | None = None
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    timestamp: float | None = None  # seconds since the epoch (Kafka message timestamp)

    def provenance(self) -> Provenance:
        ts = datetime.fromtimestamp(self.timestamp, timezone.utc) if self.timestamp else None
        return Provenance(self.topic, self.partition, self.offset, ts)

    def log_context(self) -> dict[str, Any]:
        return {"topic": self.topic, "partition": self.partition, "offset": self.offset}


@dataclass(frozen=True, slots=True)
class Output:
    topic: str
    key: bytes | None
    value: bytes | None  # None: a tombstone (compacted topics)


@dataclass(slots=True)
class Result:
    """What one raw message turned into."""

    message: RawMessage
    outputs: list[Output] = field(default_factory=list)
    record: dict[str, Any] | None = None
    dead_letter: dict[str, Any] | None = None


def dumps(obj: Any) -> bytes:
    return orjson.dumps(obj)


class BatchProcessor:
    """Decode, validate and enrich raw messages; ``policy`` decides about an article whose enrichment raises.

    The policy's ``SKIP`` dead-letters that article (``enrich_failed``) and keeps its
    batch going; ``CRASH`` re-raises, and the worker stops without committing.
    """

    def __init__(self, settings: Settings, enricher: Enricher, policy: ErrorPolicy | None = None) -> None:
        self.settings = settings
        self.enricher = enricher
        self.policy = policy or ErrorPolicy()
        self.languages = LanguageGate(settings.language_codes)  # STREAMS_LANGUAGES; loads the detector now

    def process(self, messages: Sequence[RawMessage]) -> list[Result]:
        results = [Result(m) for m in messages]
        valid: list[tuple[Result, Article]] = []
        for result in results:
            try:
                article = self.languages.check(decode_article(
                    result.message.value,
                    max_bytes=self.settings.max_message_bytes,
                    max_body_chars=self.settings.max_body_chars,
                ))
            except InvalidArticle as exc:
                self._dead_letter(result, exc.error, exc.reason)
            else:
                valid.append((result, article))
        self._enrich(valid)
        return results

    def _enrich(self, valid: list[tuple[Result, Article]]) -> None:
        if not valid:
            return
        try:
            records = self.enricher.enrich_many([(a, r.message.provenance()) for r, a in valid])
        except Exception:
            # One bad article must not sink its batch: retry one by one to isolate it.
            log.warning("batch enrichment failed; retrying article by article", exc_info=True)
            records = []
            for result, article in valid:
                try:
                    records.append(self.enricher.enrich_many([(article, result.message.provenance())])[0])
                except Exception as exc:
                    context = {"article_id": article.id, **result.message.log_context()}
                    if self.policy.on_error("enrich", exc, **context) is not Action.SKIP:
                        raise
                    records.append({"_failed": f"{type(exc).__name__}: {exc}"[:500]})
        for (result, article), record in zip(valid, records, strict=True):
            if "_failed" in record:
                self._dead_letter(result, ENRICH_FAILED, f"enrichment raised {record['_failed']}", article_id=article.id)
            else:
                self._publish_record(result, record)

    def _publish_record(self, result: Result, record: dict[str, Any]) -> None:
        result.record = record
        key = record["article_id"].encode("utf-8")
        result.outputs.append(Output(self.settings.topic_enriched, key, dumps(record)))
        for event_key, message in event_messages(record):
            result.outputs.append(Output(self.settings.topic_events, event_key.encode("utf-8"), dumps(message)))

    def _dead_letter(self, result: Result, error: str, reason: str, article_id: str | None = None) -> None:
        add_dead_letter(self.settings, result, error, reason, article_id)


def add_dead_letter(settings: Settings, result: Result, error: str, reason: str, article_id: str | None = None) -> None:
    """Make ``result`` a dead letter: the record (original bytes, cut to fit) and its output on the dead-letter topic."""
    m = result.message
    record, data = bounded_dead_letter(
        m.value, error=error, reason=reason, topic=m.topic, partition=m.partition, offset=m.offset, key=m.key,
        article_id=article_id,
    )
    result.dead_letter = record
    result.outputs.append(Output(settings.topic_deadletter, dead_letter_key(m.key), data))
    log.warning("dead-lettered: %s", reason[:200] if error != "invalid_json" else "payload is not JSON",
                extra={"error": error, **m.log_context()})


def dead_letter_result(settings: Settings, message: RawMessage, error: str, reason: str) -> Result:
    """A message that could not be processed at all (e.g. over its time budget), as a dead letter."""
    result = Result(message)
    add_dead_letter(settings, result, error, reason)
    return result
