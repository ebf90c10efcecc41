"""The Faust worker: ``articles.raw`` -> enrich -> enriched / events / dead-letter topics.

At-least-once: an input offset becomes committable only after every output of
that message has been acknowledged by the broker. Faust's ``take_events`` acks a
batch's events when the loop body returns *or raises*; we hold one extra
reference on each message (``incref``) and release it only after a successful
publish, so a failed batch is never committed and is redelivered after restart.

Alerts and trends (:mod:`streams.worker.alerting`): after a batch's records are
acknowledged, its rule hits and trend observations are sent to internal
repartition topics keyed by throttle or trend key, and acknowledged too, before
the batch's input offsets are released. Separate agents keep the per-key state in
changelog-backed tables and publish to ``alerts`` and ``trends``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import faust
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from streams.ops import metrics
from streams.settings import Settings, faust_broker_url
from streams.worker import alerting
from streams.worker.processor import BatchProcessor, Output, RawMessage, Result

log = logging.getLogger("streams.worker")

PUBLISH_ATTEMPTS = 8  # with backoff 0.5 s .. 30 s: about two minutes of broker trouble
CONSUMER_LAG_INTERVAL_S = 2.0


class WorkerState:
    """What /readyz reports and what decides the exit code."""

    def __init__(self) -> None:
        self.model_loaded = False
        self.assigned: set[Any] = set()
        self.fatal: BaseException | None = None
        self.processed = 0
        # next offset to process per input partition (raw and repartition topics), for the consumer-lag gauge
        self.positions: dict[Any, int] = {}


def create_app(
    settings: Settings, processor: BatchProcessor, state: WorkerState | None = None,
    rules: alerting.RulesHolder | None = None,
) -> faust.App:
    state = state or WorkerState()
    rules = rules or alerting.RulesHolder("", settings.alert_throttle_s)
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
        # every topic, the internal repartition and changelog topics included, is created by
        # ensure_topics with the configured partitions and settings; Faust never creates one
        topic_allow_declare=False,
        topic_partitions=settings.partitions,
        web_enabled=settings.metrics_port > 0,
        web_port=settings.metrics_port or 6066,
        web_bind=settings.metrics_host,
        store="memory://",
        # tables live in memory and are restored from their changelogs: Faust's data
        # directory stays empty, so keep it out of the working directory
        datadir=os.path.join(_faust_root(), "{conf.name}-data"),
    )
    app.streams_state = state  # type: ignore[attr-defined]

    def topic(name: str) -> faust.TopicT:
        return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")

    raw_topic = topic(settings.topic_raw)
    out_topics = {
        name: topic(name)
        for name in (settings.topic_enriched, settings.topic_events, settings.topic_deadletter,
                     settings.topic_alerts, settings.topic_trends)
    }
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrich")
    trends_on = settings.trend_window_s > 0

    async def publish(outputs: list[Output]) -> None:
        """Send every output and wait for the broker's acks; retry the whole set on failure."""
        delay = 0.5
        for attempt in range(1, PUBLISH_ATTEMPTS + 1):
            try:
                pending = []
                for out in outputs:
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

    async def fatal(exc: BaseException) -> None:
        # Outputs not acknowledged: keep the hold so the offsets are never
        # committed, and stop the worker; a restart reprocesses the input.
        state.fatal = exc
        log.critical("cannot publish outputs; stopping without committing", exc_info=exc)
        await app.crash(exc)

    # the alert and trend agents, their tables, and the repartition topics they consume
    alerting.init_metrics(rules.enabled, trends_on)
    out_topics.update(alerting.install(app, settings, rules, state, publish, fatal))

    def process(messages: list[RawMessage]) -> tuple[list[Result], list[Output]]:
        results = processor.process(messages)
        return results, alerting.derive_outputs(results, rules.rules, settings, trends=trends_on)

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
                results, derived = await loop.run_in_executor(executor, process, messages)
                await publish([out for r in results for out in r.outputs])
                # rule hits and trend observations once their records are published: part of the
                # batch's outputs, acknowledged before the input offsets can be committed
                await publish(derived)
            except Exception as exc:
                await fatal(exc)
                return
            for event in events:
                await stream.ack(event)  # release our hold; take_events releases its own
                state.positions[event.message.tp] = event.message.offset + 1
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

    consumed_topics = {settings.topic_raw, *(name for name in out_topics if name in
                                              (settings.topic_alert_hits, settings.topic_trend_obs))}
    lag_labels: set[tuple[str, str]] = set()

    @app.on_partitions_revoked.connect
    async def on_revoked(_app: Any, revoked: set[Any], **kwargs: Any) -> None:
        for tp in revoked:  # another worker may process them before they come back
            state.positions.pop(tp, None)

    @app.on_partitions_assigned.connect
    async def on_assigned(_app: Any, assigned: set[Any], **kwargs: Any) -> None:
        state.assigned = {tp for tp in assigned if tp.topic == settings.topic_raw}
        metrics.ASSIGNED_PARTITIONS.set(len(state.assigned))
        log.info("partitions assigned", extra={"partitions": sorted(tp.partition for tp in state.assigned)})

    @app.timer(interval=CONSUMER_LAG_INTERVAL_S)
    async def consumer_lag() -> None:
        try:
            await update_consumer_lag(app, state, consumed_topics, lag_labels)
        except Exception as exc:  # e.g. during a rebalance; the next run retries
            log.debug("consumer lag not measured: %r", exc)

    @app.task
    async def event_loop_lag() -> None:
        await alerting.measure_event_loop_lag()

    @app.task
    async def sighup() -> None:
        install_sighup(rules)  # without a rule file, SIGHUP is logged and ignored

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


async def update_consumer_lag(app: faust.App, state: WorkerState, topics: set[str], labels: set[tuple[str, str]]) -> None:
    """``streams_consumer_lag{topic,partition}`` = highwater - next offset to process, per assigned input partition.

    The next offset is this worker's own position (after its last processed message),
    else the group's committed offset, else the earliest offset (new group: earliest).
    """
    tps = sorted((tp for tp in app.consumer.assignment() if tp.topic in topics), key=lambda tp: (tp.topic, tp.partition))
    current: set[tuple[str, str]] = set()
    if tps:
        highwaters = await app.consumer.highwaters(*tps)
        committed = getattr(app.consumer, "_committed_offset", {})
        positions: dict[Any, int | None] = {tp: state.positions.get(tp) for tp in tps}
        for tp in tps:
            if positions[tp] is None and committed.get(tp) is not None:
                positions[tp] = committed.get(tp)
        missing = [tp for tp in tps if positions[tp] is None]
        if missing:
            positions.update(await app.consumer.earliest_offsets(*missing))
        for tp in tps:
            if tp not in highwaters or positions[tp] is None:
                continue
            label = (tp.topic, str(tp.partition))
            metrics.CONSUMER_LAG.labels(*label).set(max(int(highwaters[tp]) - int(positions[tp] or 0), 0))
            current.add(label)
    for label in labels - current:  # partitions this worker no longer holds
        try:
            metrics.CONSUMER_LAG.remove(*label)
        except KeyError:
            pass
    labels.clear()
    labels.update(current)


def install_sighup(rules: alerting.RulesHolder) -> None:
    """SIGHUP reloads the rule file (in the event loop), replacing the early handler of run_worker."""
    import signal

    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGHUP, rules.reload)
    if getattr(rules, "pending_reload", False):  # a SIGHUP arrived during start-up
        rules.pending_reload = False
        rules.reload()


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


def _faust_root() -> str:
    root = os.path.join(tempfile.gettempdir(), "streams-faust")
    os.makedirs(root, exist_ok=True)  # Faust creates only the last level
    return root


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
