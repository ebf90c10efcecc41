"""The Faust worker: ``articles.raw`` -> enrich -> enriched / events / dead-letter topics.

At-least-once: an input offset becomes committable only after every output of
that message has been acknowledged by the broker. Faust's ``take_events`` acks a
batch's events when the loop body returns *or raises*; we hold one extra
reference on each message (``incref``) and release it only after a successful
publish, so a failed batch is never committed and is redelivered after restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import faust
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from streams.ops import metrics
from streams.settings import Settings, faust_broker_url
from streams.worker.processor import BatchProcessor, RawMessage, Result

log = logging.getLogger("streams.worker")

PUBLISH_ATTEMPTS = 8  # with backoff 0.5 s .. 30 s: about two minutes of broker trouble


class WorkerState:
    """What /readyz reports and what decides the exit code."""

    def __init__(self) -> None:
        self.model_loaded = False
        self.assigned: set[Any] = set()
        self.fatal: BaseException | None = None
        self.processed = 0


def create_app(settings: Settings, processor: BatchProcessor, state: WorkerState | None = None) -> faust.App:
    state = state or WorkerState()
    app = faust.App(
        settings.group_id,
        broker=faust_broker_url(settings),
        broker_credentials=_faust_credentials(settings),
        key_serializer="raw",
        value_serializer="raw",
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=min(3.0, settings.session_timeout_s / 3),
        broker_commit_interval=1.0,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_compression_type=None if settings.producer_compression == "none" else settings.producer_compression,
        producer_max_request_size=max(settings.max_message_bytes * 2, 1_048_576),
        topic_disable_leader=True,
        topic_allow_declare=False,  # topics are created by ensure_topics with the configured settings
        web_enabled=settings.metrics_port > 0,
        web_port=settings.metrics_port or 6066,
        web_bind=settings.metrics_host,
        store="memory://",
    )
    app.streams_state = state  # type: ignore[attr-defined]

    def topic(name: str) -> faust.TopicT:
        return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")

    raw_topic = topic(settings.topic_raw)
    out_topics = {
        name: topic(name) for name in (settings.topic_enriched, settings.topic_events, settings.topic_deadletter)
    }
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrich")

    async def publish(results: list[Result]) -> None:
        """Send every output and wait for the broker's acks; retry the whole set on failure."""
        delay = 0.5
        for attempt in range(1, PUBLISH_ATTEMPTS + 1):
            try:
                pending = []
                for result in results:
                    for out in result.outputs:
                        fut = await out_topics[out.topic].send(key=out.key, value=out.value, force=True)
                        pending.append(fut)
                await asyncio.gather(*pending)
                return
            except Exception:
                if attempt == PUBLISH_ATTEMPTS:
                    raise
                metrics.PUBLISH_RETRIES.inc()
                log.warning("publish failed (attempt %d); retrying in %.1fs", attempt, delay, exc_info=True)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    @app.agent(raw_topic, name="enrich")
    async def enrich_agent(stream: faust.StreamT) -> None:
        loop = asyncio.get_running_loop()
        async for events in stream.take_events(settings.batch_size, within=settings.batch_timeout_s):
            for event in events:
                event.message.incref()  # our hold: released below only after a successful publish
            messages = [
                RawMessage(
                    value=e.message.value if e.message.value is not None else b"",
                    key=e.message.key,
                    topic=e.message.topic,
                    partition=e.message.partition,
                    offset=e.message.offset,
                    timestamp=e.message.timestamp,
                )
                for e in events
            ]
            metrics.ARTICLES_CONSUMED.inc(len(messages))
            metrics.BATCH_SIZE.observe(len(messages))
            t0 = time.perf_counter()
            try:
                results = await loop.run_in_executor(executor, processor.process, messages)
                await publish(results)
            except Exception as exc:
                # Outputs not acknowledged: keep the hold so the offsets are never
                # committed, and stop the worker; a restart reprocesses the batch.
                state.fatal = exc
                log.critical("cannot publish outputs; stopping without committing this batch", exc_info=True)
                await app.crash(exc)
                return
            for event in events:
                await stream.ack(event)  # release our hold; take_events releases its own
            _observe(results)
            state.processed += len(results)
            log.info(
                "batch done",
                extra={
                    "batch_size": len(results),
                    "enriched": sum(r.record is not None for r in results),
                    "dead_lettered": sum(r.dead_letter is not None for r in results),
                    "ms": round((time.perf_counter() - t0) * 1000, 1),
                },
            )

    @app.on_partitions_assigned.connect
    async def on_assigned(_app: Any, assigned: set[Any], **kwargs: Any) -> None:
        state.assigned = {tp for tp in assigned if tp.topic == settings.topic_raw}
        metrics.ASSIGNED_PARTITIONS.set(len(state.assigned))
        log.info("partitions assigned", extra={"partitions": sorted(tp.partition for tp in state.assigned)})

    @app.page("/metrics")
    async def metrics_view(web: Any, request: Any) -> Any:
        return web.bytes(generate_latest(metrics.REGISTRY), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        return web.json({"status": "ok"})

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        checks = {
            "model_loaded": state.model_loaded,
            "partitions_assigned": bool(state.assigned),
            "broker_reachable": _producer_ready(app),
        }
        ready = all(checks.values())
        return web.json({"ready": ready, **checks}, status=200 if ready else 503)

    return app


def _observe(results: list[Result]) -> None:
    now = time.time()
    for r in results:
        if r.record is not None:
            metrics.ARTICLES_ENRICHED.inc()
            for stage, ms in r.record["processing"].get("stages_ms", {}).items():
                metrics.STAGE_SECONDS.labels(stage).observe(ms / 1000)
            for event in r.record.get("events", ()):
                metrics.EVENTS_PUBLISHED.labels(event.get("root", "?")).inc()
            if r.message.timestamp:
                metrics.END_TO_END_LATENCY.observe(max(now - r.message.timestamp, 0.0))
        if r.dead_letter is not None:
            metrics.ARTICLES_DEADLETTERED.labels(r.dead_letter["error"]).inc()


def _producer_ready(app: faust.App) -> bool:
    try:
        producer = app.producer
        return bool(producer.started) and not producer.crashed
    except Exception:
        return False


def _faust_credentials(settings: Settings) -> Any:
    if not settings.sasl_username:
        return None
    return faust.SASLCredentials(username=settings.sasl_username, password=settings.sasl_password)
