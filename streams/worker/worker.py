"""The worker: ``articles.raw`` -> enrich -> enriched / events / dead-letter topics, plus alerts and trends.

One :class:`Worker` per process owns the Faust app and every part of it, each a
named method that a test can drive with a fake app, stream or processor:

- start-up: :meth:`Worker.check_topics`, :meth:`Worker.load_model`, :meth:`Worker.install`, :meth:`Worker.run`;
- the batch loop: :meth:`Worker.enrich_agent`, pipelined by one batch: :meth:`Worker.enrich_batch` (in the model
  process, through :meth:`Worker.enrich_in_thread`) of one batch while :meth:`Worker.finish_batch` publishes the one before;
- output: :meth:`Worker.publish` (retried by the error policy), :meth:`Worker.deliver`, :meth:`Worker.fatal`;
- offsets: :meth:`Worker.hold` and :meth:`Worker.release`;
- rebalances: :meth:`Worker.on_assign`, :meth:`Worker.on_revoke`;
- health: :meth:`Worker.readiness` behind ``/readyz``, ``/healthz``, ``/metrics``, and the lag gauges.

At-least-once: an input offset becomes committable only after every output of that
message has been acknowledged by the broker. Faust's ``take_events`` acks a batch's
events when the loop body returns *or raises*; :meth:`Worker.hold` takes one extra
reference on each message and :meth:`Worker.release` gives it back only after a
successful publish, so a failed batch is never committed and is redelivered after a
restart. A batch's rule hits and trend observations are outputs too: they are
published (and acknowledged) before its input offsets are released. The alert and
trend agents (:mod:`streams.worker.keyed`, :mod:`streams.worker.alerting`) follow the
same rule for their own input.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol, cast

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from streams.errors import Action, PublishFailed
from streams.ops import metrics
from streams.settings import Settings
from streams.transport.topics import ALERT_STATE_TABLE, COPY_TABLE, STORY_TABLE, TREND_TABLE, ensure_topics
from streams.worker import alerting, lag, stories
from streams.worker.keyed import KeyedHandler, KeyedStateAgent, SweepingHandler
from streams.worker.policy import ErrorPolicy
from streams.worker.processor import Output, RawMessage, Result
from streams.worker.rules import RulesHolder
from streams.worker.state import WorkerState

if TYPE_CHECKING:
    from streams.worker.model_process import ModelProcess

log = logging.getLogger("streams.worker")


class Processor(Protocol):
    """Raw messages in, one Result each out: a BatchProcessor, or the ModelProcess running one."""

    def process(self, messages: Sequence[RawMessage]) -> list[Result]: ...

CONSUMER_LAG_INTERVAL_S = 2.0
SWEEP_INTERVAL_S = 60.0  # how often quiet stories and final trend windows are closed
STAGE_BATCH = 200  # messages per batch of the copy, story and trend stages (one broker round trip each)


def count_error(stage: str, action: Action) -> None:
    """The error policy's counter: every failure by stage and action; alerting and publishing keep their own."""
    metrics.WORKER_ERRORS.labels(stage, action.value).inc()
    if stage in (alerting.DERIVE_STAGE, alerting.HIT_STAGE, alerting.TREND_STAGE) and action is not Action.RETRY:
        metrics.ALERT_ERRORS.labels(stage).inc()
    if stage == "publish" and action is Action.RETRY:
        metrics.PUBLISH_RETRIES.inc()


class Worker:
    """One worker process (see the module docstring). ``app`` may be a fake in tests; by default a real Faust app."""

    def __init__(
        self, settings: Settings, processor: Processor | None = None, *, rules: RulesHolder | None = None,
        state: WorkerState | None = None, policy: ErrorPolicy | None = None, app: Any = None,
    ) -> None:
        self.settings = settings
        self.processor = processor
        self.model: ModelProcess | None = None  # the processor, once load_model() started it
        self.rules = rules or RulesHolder("", settings.alert_throttle_s)
        self.state = state or WorkerState()
        self.policy = policy or ErrorPolicy(count=count_error)
        if app is None:
            from streams.worker.app import create_app

            app = create_app(settings)
        self.app = app
        self.trends_on = settings.trend_window_s > 0
        self.stories_on = settings.stories
        self.out_topics: dict[str, Any] = {}
        self.keyed_agents: list[KeyedStateAgent] = []
        self.consumed_topics: set[str] = {settings.topic_raw}
        self._lag_labels: set[tuple[str, str]] = set()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enrich")

    # ------------------------------------------------------------------------------------------
    # start-up
    # ------------------------------------------------------------------------------------------
    def check_topics(self) -> None:
        """Create missing topics with the configured settings; warn about partition counts that differ."""
        for status in ensure_topics(self.settings):
            (log.warning if status.mismatch else log.info)(status.describe())

    def load_model(self) -> None:
        """Start the model process (:mod:`streams.worker.model_process`) and wait until the pipeline is loaded."""
        import streams
        from streams.worker.model_process import ModelProcess

        model = ModelProcess(self.settings)
        info = model.start()
        self.processor = self.model = model
        self.state.model_loaded = True
        metrics.MODEL_LOADED.set(1)
        metrics.BUILD_INFO.info({"version": streams.__version__, "model": self.settings.model,
                                 "model_version": str(info["model_version"]),
                                 **{k: str(v) for k, v in info["versions"].items()}})
        log.info("model loaded", extra={"status": self.settings.model, "worker": model.pid})

    def install(self) -> Any:
        """Declare topics, agents, tables, timers, rebalance hooks and web pages on the app; return the app."""
        s = self.settings
        for name in (s.topic_enriched, s.topic_events, s.topic_deadletter, s.topic_alerts, s.topic_trends,
                     s.topic_stories, s.topic_story_assignments):
            self.out_topics[name] = self._topic(name)
        self.app.agent(self._topic(s.topic_raw), name="enrich")(self.enrich_agent)
        alerting.init_metrics(self.rules.enabled, self.trends_on)
        if self.rules.enabled:
            self._keyed_agent("alerts", s.topic_alert_hits, ALERT_STATE_TABLE, alerting.AlertHandler(s, self.rules),
                              "Throttle and spike state per throttle key (rule id + dyad, entity or counted key)")
        if self.trends_on:
            trend_agent = self._keyed_agent("trends", s.topic_trend_obs, TREND_TABLE, alerting.TrendHandler(s),
                                            "Article counts of the newest windows per trend key", batch_size=STAGE_BATCH)
            self.app.timer(interval=SWEEP_INTERVAL_S)(self._sweep_timer(trend_agent))
        if self.stories_on:
            self._keyed_agent("copies", s.topic_copy_check, COPY_TABLE, stories.CopyHandler(s),
                              "The copy stage's index: one entry (signature, clock, verdict) per recent article", partitions=1,
                              batch_size=STAGE_BATCH)
            story_agent = self._keyed_agent("stories", s.topic_story_events, STORY_TABLE, stories.StoryHandler(s, self.rules),
                                            "The open story events of each blocking key (root and dyad)",
                                            batch_size=STAGE_BATCH)
            self.app.timer(interval=SWEEP_INTERVAL_S)(self._sweep_timer(story_agent))
        self.app.on_partitions_assigned.connect(cast(Any, self.on_assign))
        self.app.on_partitions_revoked.connect(cast(Any, self.on_revoke))
        self.app.timer(interval=CONSUMER_LAG_INTERVAL_S)(self.update_consumer_lag)
        self.app.task(self.measure_event_loop_lag)
        self.app.task(self.start_sighup)
        self.app.page("/metrics")(self.metrics_page)
        self.app.page("/healthz")(self.healthz_page)
        self.app.page("/readyz")(self.readyz_page)
        return self.app

    def _topic(self, name: str, **kwargs: Any) -> Any:
        return self.app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw",
                              **kwargs)

    def _keyed_agent(self, name: str, topic: str, table: str, handler: KeyedHandler, help_text: str,
                     partitions: int | None = None, batch_size: int = 1) -> KeyedStateAgent:
        """A :class:`KeyedStateAgent` on a repartition topic, with its changelog-backed table (plain JSON values)."""
        import faust

        partitions = partitions or self.settings.partitions
        self.consumed_topics.add(topic)
        store = self.app.Table(table, default=None, partitions=partitions, help=help_text,
                               schema=faust.Schema(key_serializer="json", value_serializer="json"))
        agent = KeyedStateAgent(handler, store, self, self.policy, batch_size=batch_size)
        channel = self._topic(topic, partitions=partitions)
        self.out_topics[topic] = channel  # the enrich batches send to it, the agent consumes it
        self.app.agent(channel, name=name)(agent.run)
        self.keyed_agents.append(agent)
        return agent

    def _sweep_timer(self, agent: KeyedStateAgent) -> Any:
        sweeps = cast(SweepingHandler, agent.handler).sweeps

        async def sweep() -> None:
            """Ask the keys whose state is done (quiet stories, final trend windows) to close, through the topic."""
            try:
                await self.publish(sweeps(list(agent.table.items())))
            except Exception as exc:  # a sweep bounds the state's size; the next one retries
                log.warning("%s sweep not sent: %r", agent.handler.stage, exc)
        return sweep

    def run(self) -> int:
        """Run the Faust worker until SIGTERM/SIGINT (graceful) or a crash; the process's exit code."""
        import faust

        from streams.ops import logging as jsonlog

        worker = faust.Worker(self.app, loglevel=self.settings.log_level, quiet=True, redirect_stdouts=False,
                              logging_config=jsonlog.logging_config(self.settings.log_level))
        try:
            worker.execute_from_commandline()
        except SystemExit:
            pass
        finally:
            if self.model is not None:
                self.model.stop()
        return self.exit_code(worker.crash_reason or self.app.crash_reason)

    def exit_code(self, crashed: BaseException | None) -> int:
        """0 after a graceful stop; 1, with what to do on stderr, when outputs failed or Faust crashed."""
        if self.state.fatal is not None:
            print(f"streams worker stopped: outputs could not be published ({self.state.fatal!r}). "
                  "Uncommitted input will be reprocessed on restart; check the broker.", file=sys.stderr)
            return 1
        if crashed is not None:  # Faust itself failed (start-up, a crashed agent): a supervisor must see it
            print(f"streams worker stopped: {crashed!r}. See the log above; uncommitted input will be reprocessed.",
                  file=sys.stderr)
            return 1
        return 0

    # ------------------------------------------------------------------------------------------
    # the batch loop
    # ------------------------------------------------------------------------------------------
    async def enrich_agent(self, stream: Any) -> None:
        """The enrich agent's body: batches of raw messages until the stream ends or the worker must stop.

        Pipelined by one batch: the model process enriches batch n+1 while batch n's outputs
        are published, so it does not wait for the broker's acknowledgements. Batches are
        still published, and their offsets released, one after the other in order.
        """
        in_flight: asyncio.Future[bool] | None = None
        try:
            async for events in stream.take_events(self.settings.batch_size, within=self.settings.batch_timeout_s):
                enriched = await self.enrich_batch(events)
                if in_flight is not None and not await in_flight:
                    return
                in_flight = None
                if enriched is None:
                    return
                in_flight = asyncio.ensure_future(self.finish_batch(stream, events, *enriched))
        finally:
            if in_flight is not None:  # a graceful stop publishes and releases the last batch
                await asyncio.wait([in_flight])

    async def process_batch(self, stream: Any, events: list[Any]) -> bool:
        """Enrich, publish records and derived messages, then release the inputs; False when stopping."""
        enriched = await self.enrich_batch(events)
        return enriched is not None and await self.finish_batch(stream, events, *enriched)

    async def enrich_batch(self, events: list[Any]) -> tuple[list[Result], list[Output], float] | None:
        """Hold the inputs and enrich them in the model process: (results, derived outputs, start time); None when stopping."""
        for event in events:
            self.hold(event)
        messages = [_raw_message(e.message) for e in events]
        metrics.ARTICLES_CONSUMED.inc(len(messages))
        metrics.BATCH_SIZE.observe(len(messages))
        t0 = time.perf_counter()
        loop = asyncio.get_running_loop()
        try:
            results, derived = await loop.run_in_executor(self._executor, self.enrich_in_thread, messages)
        except Exception as exc:  # the policy chose to crash (enrich or derive)
            await self.fatal(exc)
            return None
        return results, derived, t0

    async def finish_batch(self, stream: Any, events: list[Any], results: list[Result], derived: list[Output],
                           t0: float) -> bool:
        """Publish a batch's records, then its derived messages, then release its inputs; False when stopping."""
        # rule hits and trend observations only once their records are acknowledged
        if not await self.deliver([out for r in results for out in r.outputs]) or not await self.deliver(derived):
            return False
        for event in events:
            await self.release(stream, event)
        _observe(results)
        self.state.processed += len(results)
        log.info("batch done", extra={
            "batch_size": len(results), "enriched": sum(r.record is not None for r in results),
            "dead_lettered": sum(r.dead_letter is not None for r in results),
            "ms": round((time.perf_counter() - t0) * 1000, 1)})
        return True

    def enrich_in_thread(self, messages: list[RawMessage]) -> tuple[list[Result], list[Output]]:
        """Off the event loop: enrich (or dead-letter) every message, and derive the alerting messages."""
        if self.processor is None:
            raise RuntimeError("Worker.load_model() was not called")
        results = self.processor.process(messages)
        derived = alerting.derive_outputs(results, self.rules.rules, self.settings, self.policy, trends=self.trends_on)
        if self.stories_on:
            derived += stories.copy_outputs(results, self.settings)
        return results, derived

    # ------------------------------------------------------------------------------------------
    # output and offsets
    # ------------------------------------------------------------------------------------------
    async def publish(self, outputs: list[Output]) -> None:
        """Send every output and wait for the broker's acks; the policy retries the whole set, then raises PublishFailed."""
        if outputs:
            await self.policy.retrying("publish", lambda: self._send_all(outputs), count=len(outputs))

    async def _send_all(self, outputs: list[Output]) -> None:
        pending = [await self.out_topics[o.topic].send(key=o.key, value=o.value, force=True) for o in outputs]
        await asyncio.gather(*pending)

    async def deliver(self, outputs: list[Output]) -> bool:
        """:meth:`publish`; when that fails for good, :meth:`fatal` and False (the caller stops)."""
        try:
            await self.publish(outputs)
        except PublishFailed as exc:
            await self.fatal(exc)
            return False
        return True

    async def fatal(self, exc: BaseException) -> None:
        """Stop the worker without committing: held messages are never released, a restart reprocesses them."""
        self.state.fatal = exc
        log.critical("cannot go on without losing data; stopping without committing", exc_info=exc)
        await self.app.crash(exc)

    def hold(self, event: Any) -> None:
        """Our own reference on a message: its offset cannot be committed until :meth:`release`."""
        event.message.incref()

    async def release(self, stream: Any, event: Any) -> None:
        """The message's outputs are acknowledged: let its offset commit and record the position for the lag gauge."""
        await stream.ack(event)
        self.state.positions[event.message.tp] = event.message.offset + 1

    # ------------------------------------------------------------------------------------------
    # rebalances
    # ------------------------------------------------------------------------------------------
    async def on_assign(self, _app: Any, assigned: set[Any], **_kwargs: Any) -> None:
        self.state.assigned = {tp for tp in assigned if tp.topic == self.settings.topic_raw}
        for agent in self.keyed_agents:  # their tables' partitions may have moved
            agent.invalidate()
        metrics.ASSIGNED_PARTITIONS.set(len(self.state.assigned))
        log.info("partitions assigned", extra={"partitions": sorted(tp.partition for tp in self.state.assigned)})

    async def on_revoke(self, _app: Any, revoked: set[Any], **_kwargs: Any) -> None:
        for tp in revoked:  # another worker may process them before they come back
            self.state.positions.pop(tp, None)

    # ------------------------------------------------------------------------------------------
    # health
    # ------------------------------------------------------------------------------------------
    def readiness(self) -> dict[str, bool]:
        model_up = self.state.model_loaded and (self.model is None or self.model.alive)  # down while it restarts
        return {"model_loaded": model_up, "partitions_assigned": bool(self.state.assigned),
                "broker_reachable": self._producer_ready()}

    def _producer_ready(self) -> bool:
        try:
            producer = self.app.producer
            return bool(producer.started) and not producer.crashed
        except Exception:
            return False

    async def readyz_page(self, _request: Any) -> Any:
        checks = self.readiness()
        ready = all(checks.values())
        return self.app.web.json({"ready": ready, **checks}, status=200 if ready else 503)

    async def healthz_page(self, _request: Any) -> Any:
        return self.app.web.json({"status": "ok"})

    async def metrics_page(self, _request: Any) -> Any:
        return self.app.web.bytes(generate_latest(metrics.REGISTRY), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    async def update_consumer_lag(self) -> None:
        try:
            await lag.update_consumer_lag(self.app.consumer, self.state.positions, self.consumed_topics, self._lag_labels)
        except Exception as exc:  # e.g. during a rebalance; the next run retries
            log.debug("consumer lag not measured: %r", exc)

    async def measure_event_loop_lag(self) -> None:
        # a method without parameters: Faust passes the app to a task function that takes any
        await lag.measure_event_loop_lag()

    async def start_sighup(self) -> None:
        self.rules.install_sighup()


def _raw_message(message: Any) -> RawMessage:
    return RawMessage(value=message.value if message.value is not None else b"", key=message.key, topic=message.topic,
                      partition=message.partition, offset=message.offset, timestamp=message.timestamp)


def _observe(results: list[Result]) -> None:
    """Metrics of a published batch: records, stage times, events by root, latency, dead letters."""
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
