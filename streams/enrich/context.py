"""The state one article carries through the enrichment stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from streams.contracts.article import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Fields of an article that are analysed, in the order offsets refer to them.
FIELDS = ("title", "body")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from; ``None`` fields for offline runs."""

    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    timestamp: datetime | None = None  # the Kafka message timestamp


@dataclass(slots=True)
class Mention:
    text: str
    label: str  # spaCy NER label, possibly corrected by a later stage
    field: str  # "title" or "body"
    start: int  # character offsets into that field
    end: int
    sentence_index: int  # index of the sentence within its field
    span: Span | None = None
    key: str | None = None  # entity id assigned by the linker
    ref: Any = None  # what the linker resolved the mention to
    dateline: bool = False  # part of a wire dateline ("SEOUL, Nov 30 (Reuters) -"): a place, never an actor


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention]
    country: str | None = None
    igo: str | None = None
    role: str | None = None
    salience: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Context:
    article: Article
    provenance: Provenance
    reference_time: datetime
    time_basis: str  # "published_at", "kafka_timestamp" or "processing_time"
    docs: dict[str, Doc] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    stage_ms: dict[str, float] = field(default_factory=dict)

    def text_of(self, field_name: str) -> str:
        return (self.article.title or "") if field_name == "title" else self.article.body
