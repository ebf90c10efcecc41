"""The limit and the core, measured in this process on the same texts and the same model.

- **raw**: ``nlp.pipe`` of the stock pipeline (no component of this project) over every
  article's title and body, the texts the core parses, at the best of a few batch sizes
  (compared on the first 400 articles);
- **offline**: the full core (:class:`~streams.enrich.pipeline.Enricher`) in batches of
  ``STREAMS_BATCH_SIZE``, as ``streams enrich`` runs it, with the time of each stage per
  article, what serialising the records costs, and what the copy and story stages
  (:func:`streams.stories.offline.cluster_records`, the worker's transitions) cost over
  the same records.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import orjson

RAW_BATCH_SIZES = (16, 64, 256)
RAW_PROBE_ARTICLES = 400  # the batch sizes are compared on this many articles, then the best one runs over all


@dataclass
class RawResult:
    articles: int
    seconds: float
    batch_size: int
    by_batch_size: dict[int, float] = field(default_factory=dict)  # articles/s

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


@dataclass
class OfflineResult:
    articles: int
    seconds: float
    stages_ms: dict[str, float]  # mean per article
    serialise_ms: float
    events: int
    stories_ms: float = 0.0  # mean per article: copy check and story clustering
    stories: int = 0

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def texts_of(articles: list[dict[str, Any]]) -> list[str]:
    """The texts the core parses: each article's title and body (see ``streams.enrich.context.FIELDS``)."""
    return [t for a in articles for t in (str(a.get("title") or ""), str(a["body"]))]


def measure_raw(model: str, articles: list[dict[str, Any]], batch_sizes: tuple[int, ...] = RAW_BATCH_SIZES) -> RawResult:
    """Raw ``nlp.pipe`` throughput at its best batch size of ``batch_sizes`` (a warm-up pass first).

    The batch sizes are compared on the first ``RAW_PROBE_ARTICLES`` articles (``by_batch_size``); the
    throughput is that of every article at the best one."""
    import spacy

    nlp = spacy.load(model)  # a fresh pipeline: without the rulers this project adds
    list(nlp.pipe(texts_of(articles[:16])))
    probe = articles[:RAW_PROBE_ARTICLES]
    by_size = {size: len(probe) / _pipe_seconds(nlp, texts_of(probe), size) for size in batch_sizes}
    best = max(by_size, key=lambda s: by_size[s])
    seconds = _pipe_seconds(nlp, texts_of(articles), best) if len(articles) > len(probe) else len(probe) / by_size[best]
    return RawResult(len(articles), seconds, best, by_size)


def _pipe_seconds(nlp: Any, texts: list[str], batch_size: int) -> float:
    t0 = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def measure_offline(model: str, articles: list[dict[str, Any]], batch_size: int, actors_file: str = "") -> OfflineResult:
    """The full core over ``articles`` (after a warm-up batch), with stage times and serialisation."""
    from streams.contracts.article import article_from_dict
    from streams.contracts.events import event_messages
    from streams.enrich.context import Provenance
    from streams.enrich.pipeline import Enricher
    from streams.stories.offline import cluster_records

    enricher = Enricher(model, actors_file=actors_file)
    items = [(article_from_dict(a), Provenance()) for a in articles]
    enricher.enrich_many(items[:4])
    records: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for i in range(0, len(items), batch_size):
        records += enricher.enrich_many(items[i : i + batch_size])
    seconds = time.perf_counter() - t0
    s0 = time.perf_counter()
    for record in records:
        orjson.dumps(record)
        for _key, message in event_messages(record):
            orjson.dumps(message)
    serialise_ms = (time.perf_counter() - s0) * 1000 / len(records)
    c0 = time.perf_counter()
    clustering = cluster_records(zip(records, (str(a["body"]) for a in articles), strict=True))
    stories_ms = (time.perf_counter() - c0) * 1000 / len(records)
    stages: dict[str, float] = {}
    for record in records:
        for stage, ms in record["processing"]["stages_ms"].items():
            stages[stage] = stages.get(stage, 0.0) + ms / len(records)
    return OfflineResult(len(records), seconds, stages, serialise_ms, sum(len(r["events"]) for r in records),
                         stories_ms, len(clustering.stories))
