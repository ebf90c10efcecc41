"""The worker's parts, each driven alone: the error policy, the typed internal messages, window counts,
the keyed state agent, and the Worker's batch loop, offsets, rebalance hooks and health with a fake app."""

from __future__ import annotations

import asyncio
from collections import namedtuple
from dataclasses import dataclass, field
from typing import Any

import orjson
import pytest
from aiokafka import errors as kafka_errors

from streams.alerts import windows
from streams.alerts.messages import MESSAGE_VERSION, Hit, Observation
from streams.errors import Action, InvalidMessage, PublishFailed, StreamsError
from streams.ops import metrics
from streams.settings import load_settings
from streams.worker.keyed import KeyedStateAgent, Step
from streams.worker.policy import ErrorPolicy
from streams.worker.processor import Output, RawMessage, Result
from streams.worker.worker import Worker, count_error

TP = namedtuple("TP", "topic partition")


# --------------------------------------------------------------------------------------------
# fakes: Faust's message, event, stream and app, as far as the worker touches them
# --------------------------------------------------------------------------------------------
@dataclass
class FakeMessage:
    value: bytes | None
    key: bytes | None = None
    topic: str = "raw"
    partition: int = 0
    offset: int = 0
    timestamp: float | None = None
    refs: int = 1

    @property
    def tp(self) -> TP:
        return TP(self.topic, self.partition)

    def incref(self) -> None:
        self.refs += 1


@dataclass
class FakeEvent:
    message: FakeMessage


class FakeStream:
    def __init__(self, events: list[FakeEvent]) -> None:
        self._events = events
        self.acked: list[int] = []

    async def events(self) -> Any:
        for e in self._events:
            yield e

    async def ack(self, event: FakeEvent) -> None:
        event.message.refs -= 1
        self.acked.append(event.message.offset)


class FakeTopic:
    def __init__(self, sent: list[tuple[str, bytes | None, bytes]], name: str, fail: list[BaseException]) -> None:
        self.sent, self.name, self.fail = sent, name, fail

    async def send(self, key: bytes | None, value: bytes, force: bool) -> Any:
        if self.fail:
            raise self.fail.pop(0)
        self.sent.append((self.name, key, value))
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


@dataclass
class FakeApp:
    sent: list[tuple[str, bytes | None, bytes]] = field(default_factory=list)
    fail: list[BaseException] = field(default_factory=list)  # errors raised by the next sends
    crashed: BaseException | None = None

    def topic(self, name: str, **_kwargs: Any) -> FakeTopic:
        return FakeTopic(self.sent, name, self.fail)

    async def crash(self, exc: BaseException) -> None:
        self.crashed = exc


class FakeProcessor:
    """Enriches every message into a record whose id is its value, except values starting with 'bad'."""

    def __init__(self, topic: str) -> None:
        self.topic = topic

    def process(self, messages: list[RawMessage]) -> list[Result]:
        out = []
        for m in messages:
            result = Result(m)
            if m.value.startswith(b"bad"):
                result.dead_letter = {"error": "invalid_json"}
                result.outputs.append(Output("articles.deadletter", m.key, m.value))
            else:
                result.record = {"article_id": m.value.decode(), "processing": {}, "events": [], "countries": ["PRK"],
                                 "published_at": "2024-06-19T08:00:00Z", "reference_time": "2024-06-19T08:00:00Z"}
                result.outputs.append(Output(self.topic, m.value, b"{}"))
            out.append(result)
        return out


async def no_sleep(_s: float) -> None:
    return None


def worker(**settings: str) -> tuple[Worker, FakeApp]:
    s = load_settings({"STREAMS_TREND_WINDOW": "0s", "STREAMS_STORIES": "false", **settings})
    app = FakeApp()
    w = Worker(s, FakeProcessor(s.topic_enriched), app=app, policy=ErrorPolicy(count=count_error, sleep=no_sleep))
    for name in (s.topic_enriched, s.topic_events, s.topic_deadletter, s.topic_alerts, s.topic_trends):
        w.out_topics[name] = app.topic(name)
    return w, app


def events(*values: bytes) -> list[FakeEvent]:
    return [FakeEvent(FakeMessage(v, key=v, offset=i)) for i, v in enumerate(values)]


# --------------------------------------------------------------------------------------------
# the error policy
# --------------------------------------------------------------------------------------------
def test_errors_are_classified_by_class() -> None:
    policy = ErrorPolicy()
    assert policy.classify(InvalidMessage("x")) is Action.SKIP
    assert policy.classify(PublishFailed("x")) is Action.CRASH
    assert policy.classify(StreamsError("x")) is Action.CRASH
    # a stalled broker: aiokafka marks its timeout "not retriable", the policy retries it
    assert policy.classify(kafka_errors.KafkaTimeoutError()) is Action.RETRY
    assert policy.classify(kafka_errors.NotLeaderForPartitionError()) is Action.RETRY
    assert policy.classify(ConnectionResetError()) is Action.RETRY
    assert policy.classify(kafka_errors.MessageSizeTooLargeError()) is Action.CRASH, "retrying cannot fix it"
    assert policy.classify(KeyError("rule_id")) is Action.SKIP, "a bug hit by one message"


def test_on_error_logs_with_context_and_counts(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[tuple[str, Action]] = []
    policy = ErrorPolicy(count=lambda stage, action: seen.append((stage, action)))
    with caplog.at_level("ERROR", logger="streams.worker"):
        assert policy.on_error("hit", ValueError("no ts"), partition=3, offset=17) is Action.SKIP
    assert policy.on_error("hit", kafka_errors.KafkaTimeoutError(), offset=18) is Action.SKIP, (
        "nothing to retry in a pure handler")
    assert policy.on_error("hit", PublishFailed("gone")) is Action.CRASH
    assert seen == [("hit", Action.SKIP), ("hit", Action.SKIP), ("hit", Action.CRASH)]
    [record, *_] = caplog.records
    assert record.__dict__["partition"] == 3 and record.__dict__["offset"] == 17 and record.__dict__["action"] == "skip"
    assert "hit failed (skip): no ts" in record.getMessage()


def test_retrying_backs_off_on_transient_errors_then_succeeds() -> None:
    delays: list[float] = []

    async def sleep(s: float) -> None:
        delays.append(s)

    seen: list[tuple[str, Action]] = []
    policy = ErrorPolicy(attempts=5, first_delay_s=0.5, max_delay_s=1.5, sleep=sleep,
                         count=lambda stage, action: seen.append((stage, action)))
    failures = [kafka_errors.KafkaTimeoutError(), ConnectionError(), kafka_errors.RequestTimedOutError()]

    async def op() -> str:
        if failures:
            raise failures.pop(0)
        return "acked"

    assert asyncio.run(policy.retrying("publish", op)) == "acked"
    assert delays == [0.5, 1.0, 1.5] and seen == [("publish", Action.RETRY)] * 3


def test_retrying_gives_up_with_publish_failed() -> None:
    calls = 0

    async def always_down() -> None:
        nonlocal calls
        calls += 1
        raise kafka_errors.KafkaConnectionError()

    async def too_large() -> None:
        nonlocal calls
        calls += 1
        raise kafka_errors.MessageSizeTooLargeError()

    policy = ErrorPolicy(attempts=3, sleep=no_sleep)
    with pytest.raises(PublishFailed, match="publish failed after 3 attempt"):
        asyncio.run(policy.retrying("publish", always_down))
    assert calls == 3
    calls = 0
    with pytest.raises(PublishFailed, match="after 1 attempt"):
        asyncio.run(policy.retrying("publish", too_large))
    assert calls == 1, "a permanent error is not retried"


# --------------------------------------------------------------------------------------------
# typed messages
# --------------------------------------------------------------------------------------------
def test_hit_and_observation_round_trip_with_a_version() -> None:
    hit = Hit(kind="event", rule_id="r", throttle_key="r|PRK|RUS", ts=1.5e9, record={"article_id": "a"},
              events=[{"id": "ev-1"}])
    assert orjson.loads(hit.to_bytes())["v"] == MESSAGE_VERSION
    assert Hit.from_bytes(hit.to_bytes()) == hit
    obs = Observation(ts=1.5e9, article_id="a")
    assert Observation.from_bytes(obs.to_bytes()) == obs
    # written before versions existed: version 1
    assert Observation.from_bytes(b'{"ts": 12, "article_id": "a"}') == Observation(12.0, "a")


@pytest.mark.parametrize(("data", "problem"), [
    (b"not json", "not JSON"),
    (b"[1]", "expected a JSON object"),
    (b'{"v": 99, "ts": 1}', "version 99 is not one this worker reads"),
    (b'{"ts": "yesterday"}', "ts must be a number"),
    (b'{"ts": true}', "ts must be a number"),
])
def test_malformed_observations_are_refused(data: bytes, problem: str) -> None:
    with pytest.raises(InvalidMessage, match=problem):
        Observation.from_bytes(data)


def test_malformed_hits_name_the_field() -> None:
    good = {"kind": "event", "rule_id": "r", "throttle_key": "k", "ts": 1, "record": {}}
    for change, problem in [({"kind": "rumour"}, "kind must be one of"), ({"rule_id": ""}, "rule_id must be"),
                            ({"record": None}, "record must be an object"), ({"events": [1]}, "events must be")]:
        with pytest.raises(InvalidMessage, match=problem):
            Hit.from_bytes(orjson.dumps({**good, **change}))


# --------------------------------------------------------------------------------------------
# window counts
# --------------------------------------------------------------------------------------------
def test_window_counts_keep_the_newest_windows_and_say_why_they_drop() -> None:
    state, dropped = windows.add(None, 100.0, 10.0, keep=2)
    assert (state, dropped) == ({"window_s": 10.0, "counts": {"10": 1}}, None)
    state, _ = windows.add(state, 135.0, 10.0, keep=2)  # window 13: window 10 falls out (keep 11..13)
    assert state["counts"] == {"13": 1} and windows.newest(state) == 13
    same, dropped = windows.add(state, 105.0, 10.0, keep=2)
    assert (same, dropped) == (state, "late")
    same, dropped = windows.add(state, 10_000.0, 10.0, keep=2, now=200.0, max_future_s=3600.0)
    assert dropped == "future" and same == state
    fresh, _ = windows.add(state, 135.0, 60.0, keep=2)
    assert fresh == {"window_s": 60.0, "counts": {"2": 1}}, "a new window size starts afresh"
    assert state["counts"] == {"13": 1}, "the input is not modified"


# --------------------------------------------------------------------------------------------
# the keyed state agent
# --------------------------------------------------------------------------------------------
class CountingHandler:
    """Counts messages per key; publishes the count on every third one."""

    stage = "trend"

    def parse(self, data: bytes | None) -> Observation:
        return Observation.from_bytes(data)

    def step(self, key: str, state: Any, obs: Observation) -> Step:
        n = (state or 0) + 1
        outputs = [Output("trends", key.encode(), str(n).encode())] if n % 3 == 0 else []
        return Step(n, outputs)


@dataclass
class FakeIO:
    stream: FakeStream | None = None
    deliver_ok: bool = True
    delivered: list[list[Output]] = field(default_factory=list)
    fatal_errors: list[BaseException] = field(default_factory=list)
    held: int = 0

    def hold(self, event: Any) -> None:
        self.held += 1
        event.message.incref()

    async def release(self, stream: Any, event: Any) -> None:
        await stream.ack(event)

    async def deliver(self, outputs: list[Output]) -> bool:
        self.delivered.append(outputs)
        return self.deliver_ok

    async def fatal(self, exc: BaseException) -> None:
        self.fatal_errors.append(exc)


def keyed_events(*items: tuple[bytes, bytes]) -> list[FakeEvent]:
    return [FakeEvent(FakeMessage(value, key=key, offset=i)) for i, (key, value) in enumerate(items)]


def test_keyed_agent_publishes_then_stores_and_skips_bad_messages() -> None:
    obs = Observation(1.0).to_bytes()
    stream = FakeStream(keyed_events((b"k", obs), (b"k", b"garbage"), (b"k", obs), (b"j", obs), (b"k", obs)))
    table: dict[str, Any] = {}
    io = FakeIO()
    skipped = metrics.WORKER_ERRORS.labels("trend", "skip")._value.get()
    asyncio.run(KeyedStateAgent(CountingHandler(), table, io, ErrorPolicy(count=count_error)).run(stream))
    assert table == {"k": 3, "j": 1}, "the bad message left the state alone"
    assert [[o.value for o in outs] for outs in io.delivered] == [[b"3"]]
    assert stream.acked == [0, 1, 2, 3, 4] and io.held == 5, "every message released, the bad one too"
    assert all(e.message.refs == 1 for e in stream._events), "holds and releases balance"
    assert metrics.WORKER_ERRORS.labels("trend", "skip")._value.get() == skipped + 1


def test_keyed_agent_stops_without_storing_or_releasing_when_outputs_fail() -> None:
    obs = Observation(1.0).to_bytes()
    stream = FakeStream(keyed_events((b"k", obs), (b"k", obs), (b"k", obs), (b"k", obs)))
    table: dict[str, Any] = {}
    io = FakeIO(deliver_ok=False)
    asyncio.run(KeyedStateAgent(CountingHandler(), table, io, ErrorPolicy()).run(stream))
    assert table == {"k": 2}, "the third message's state is not stored: it is reprocessed after a restart"
    assert stream.acked == [0, 1] and stream._events[2].message.refs == 2, "held, never released"


def test_keyed_agent_crashes_on_errors_the_policy_will_not_skip() -> None:
    class Broken(CountingHandler):
        def step(self, key: str, state: Any, obs: Observation) -> Step:
            raise PublishFailed("state store gone")

    stream = FakeStream(keyed_events((b"k", Observation(1.0).to_bytes()), (b"k", Observation(2.0).to_bytes())))
    io = FakeIO()
    asyncio.run(KeyedStateAgent(Broken(), {}, io, ErrorPolicy()).run(stream))
    assert len(io.fatal_errors) == 1 and stream.acked == []


# --------------------------------------------------------------------------------------------
# the Worker with a fake app
# --------------------------------------------------------------------------------------------
def test_a_batch_is_published_then_released() -> None:
    w, app = worker()
    stream = FakeStream(evs := events(b"a1", b"bad", b"a2"))
    assert asyncio.run(w.process_batch(stream, evs)) is True
    assert [(t, k) for t, k, _ in app.sent] == [("articles.enriched", b"a1"), ("articles.deadletter", b"bad"),
                                                 ("articles.enriched", b"a2")]
    assert stream.acked == [0, 1, 2] and w.state.positions == {TP("raw", 0): 3}
    assert w.state.processed == 3 and app.crashed is None
    assert all(e.message.refs == 1 for e in evs), "our holds are given back"


def test_rule_hits_and_trend_observations_follow_their_records() -> None:
    w, app = worker(STREAMS_TREND_WINDOW="15m", STREAMS_GROUP_ID="g")
    w.out_topics["g-trend-obs"] = app.topic("g-trend-obs")
    stream = FakeStream(evs := events(b"a1", b"a2"))
    assert asyncio.run(w.process_batch(stream, evs)) is True
    assert [(t, k) for t, k, _ in app.sent] == [("articles.enriched", b"a1"), ("articles.enriched", b"a2"),
                                                 ("g-trend-obs", b"country:PRK"), ("g-trend-obs", b"country:PRK")]
    assert Observation.from_bytes(app.sent[2][2]).article_id == "a1"


def test_a_batch_whose_outputs_fail_is_never_released() -> None:
    w, app = worker()
    w.policy = ErrorPolicy(attempts=2, sleep=no_sleep)
    app.fail.extend([kafka_errors.KafkaConnectionError(), kafka_errors.KafkaConnectionError()])
    stream = FakeStream(evs := events(b"a1", b"a2"))
    assert asyncio.run(w.process_batch(stream, evs)) is False
    assert stream.acked == [] and all(e.message.refs == 2 for e in evs), "held: the offsets cannot commit"
    assert isinstance(app.crashed, PublishFailed) and w.state.fatal is app.crashed
    assert w.exit_code(None) == 1


def test_a_transient_publish_error_is_retried_and_counted() -> None:
    w, app = worker()
    app.fail.append(kafka_errors.KafkaTimeoutError())
    before = metrics.PUBLISH_RETRIES._value.get()
    stream = FakeStream(evs := events(b"a1"))
    assert asyncio.run(w.process_batch(stream, evs)) is True
    assert [k for _, k, _ in app.sent] == [b"a1"] and stream.acked == [0]
    assert metrics.PUBLISH_RETRIES._value.get() == before + 1


class SlowAckTopic(FakeTopic):
    """The broker acknowledges each send 20 ms later; the log records when."""

    def __init__(self, log: list[str], *args: Any) -> None:
        super().__init__(*args)
        self.log = log

    async def send(self, key: bytes | None, value: bytes, force: bool) -> Any:
        await super().send(key, value, force)
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        loop.call_later(0.02, lambda: (self.log.append(f"acked {key!r}"), done.set_result(None)))
        return done


def pipelined_worker(log: list[str], fail: list[BaseException] | None = None) -> tuple[Worker, FakeApp]:
    w, app = worker()
    app.fail.extend(fail or [])
    processor = w.processor
    assert isinstance(processor, FakeProcessor)

    def process(messages: list[RawMessage]) -> list[Result]:
        log.append(f"enrich {messages[0].key!r}")
        return FakeProcessor.process(processor, messages)

    processor.process = process  # type: ignore[method-assign]
    w.out_topics["articles.enriched"] = SlowAckTopic(log, app.sent, "articles.enriched", app.fail)
    return w, app


def test_the_model_enriches_the_next_batch_while_the_last_one_is_published() -> None:
    log: list[str] = []
    w, app = pipelined_worker(log)
    evs = events(b"a1", b"a2", b"a3")
    stream = BatchStream(evs, 1)
    asyncio.run(w.enrich_agent(stream))
    assert log.index("enrich b'a2'") < log.index("acked b'a1'"), "batch 2 enriched before batch 1's ack"
    assert [k for _, k, _ in app.sent] == [b"a1", b"a2", b"a3"], "published in order"
    assert stream.acked == [0, 1, 2] and w.state.processed == 3, "every batch released, in order, the last one too"


def test_a_pipelined_batch_after_a_failed_publish_is_neither_published_nor_released() -> None:
    log: list[str] = []
    w, app = pipelined_worker(log, fail=[kafka_errors.KafkaConnectionError()] * 3)
    w.policy = ErrorPolicy(attempts=2, sleep=no_sleep)
    evs = events(b"a1", b"a2", b"a3")
    stream = BatchStream(evs, 1)
    asyncio.run(w.enrich_agent(stream))
    assert app.sent == [] and stream.acked == [] and isinstance(app.crashed, PublishFailed)
    assert "enrich b'a3'" not in log, "the agent stopped at the failure"
    assert all(e.message.refs == 2 for e in evs[:2]), "held: their offsets cannot commit"


def test_rebalance_hooks_track_input_partitions_and_positions() -> None:
    w, _ = worker(STREAMS_TOPIC_RAW="raw")
    asyncio.run(w.on_assign(None, {TP("raw", 0), TP("raw", 2), TP("g-alert-hits", 0)}))
    assert w.state.assigned == {TP("raw", 0), TP("raw", 2)} and metrics.ASSIGNED_PARTITIONS._value.get() == 2
    w.state.positions.update({TP("raw", 0): 5, TP("raw", 2): 9})
    asyncio.run(w.on_revoke(None, {TP("raw", 2)}))
    assert w.state.positions == {TP("raw", 0): 5}


def test_readiness_needs_model_partitions_and_producer() -> None:
    w, _ = worker()
    assert w.readiness() == {"model_loaded": False, "partitions_assigned": False, "broker_reachable": False}
    w.state.model_loaded, w.state.assigned = True, {TP("raw", 0)}
    w.app.producer = type("P", (), {"started": True, "crashed": False})()  # type: ignore[attr-defined]
    assert all(w.readiness().values())
    assert w.exit_code(None) == 0 and w.exit_code(RuntimeError("agent crashed")) == 1


def test_install_declares_the_agents_tables_and_pages_on_a_real_faust_app(tmp_path: Any) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: r\n    severity: low\n    match: {entities: ['igo:IAEA']}\n", "utf-8")
    from streams.worker.rules import RulesHolder

    s = load_settings({"STREAMS_GROUP_ID": "g", "STREAMS_RULES_FILE": str(rules), "STREAMS_METRICS_PORT": "0"})
    holder = RulesHolder(s.rules_file, s.alert_throttle_s)
    holder.load()
    w = Worker(s, FakeProcessor(s.topic_enriched), rules=holder)  # type: ignore[arg-type]
    app = w.install()
    assert set(app.agents) >= {"enrich", "alerts", "trends", "copies", "stories"}
    assert set(app.tables) == {"alert-state", "trend-windows", "copy-index", "story-state"}
    assert app.tables["copy-index"].partitions == 1, "the copy stage sees every article: one partition"
    assert w.consumed_topics == {s.topic_raw, "g-alert-hits", "g-trend-obs", "g-copy-check", "g-story-events"}
    assert set(w.out_topics) == {s.topic_enriched, s.topic_events, s.topic_deadletter, s.topic_alerts, s.topic_trends,
                                 s.topic_stories, s.topic_story_assignments,
                                 "g-alert-hits", "g-trend-obs", "g-copy-check", "g-story-events"}, "batches publish to the repartition topics"


# --------------------------------------------------------------------------------------------
# the copy and story stages through the keyed agent
# --------------------------------------------------------------------------------------------
def test_copy_stage_marks_copies_forwards_events_evicts_and_restores_after_a_rebalance() -> None:
    from streams.stories.flow import copy_check
    from streams.worker.stories import CopyHandler

    s = load_settings({}, copy_max_articles=2)
    body = ("Chile and Peru signed a maritime boundary accord in Lima on Monday, ending a dispute that had "
            "soured relations between the neighbours for more than a decade, officials said.")

    def record(article_id: str, outlet: str) -> dict[str, Any]:
        return {"article_id": article_id, "source": outlet, "title": "Accord", "reference_time": "2026-05-04T10:00:00Z",
                "events": [{"id": f"ev-{article_id}", "code": "057", "root": "05", "source": {"country": "CHL"},
                            "target": {"country": "PER"}}]}

    checks = [copy_check(record("a1", "Wire"), body), copy_check(record("a2", "Paper"), body + " Lima welcomed it."),
              copy_check(record("a3", "Other"), "Entirely different words " * 10)]
    handler = CopyHandler(s)
    table: dict[str, Any] = {}
    io = FakeIO()
    agent = KeyedStateAgent(handler, table, io, ErrorPolicy())
    stream = FakeStream(keyed_events(*((c.article_id.encode(), c.to_bytes()) for c in checks)))
    asyncio.run(agent.run(stream))
    topics = [[o.topic for o in outs] for outs in io.delivered]
    assert topics == [[s.topic_story_events], [s.topic_enriched, s.topic_story_events], [s.topic_story_events]]
    marked = orjson.loads(io.delivered[1][0].value)
    assert marked["duplicate_of"] == "a1" and marked["similarity"] >= 0.5 and marked["article_id"] == "a2"
    assert set(table) == {"a2", "a3"}, "the cap evicted the oldest entry from the table too"
    # a rebalance: the index is rebuilt from the table before the next message
    handler.index = type(handler.index)()
    agent.invalidate()
    again = FakeStream(keyed_events((b"a4", copy_check(record("a4", "Late"), body + " Lima welcomed it. Santiago too.").to_bytes())))
    asyncio.run(agent.run(again))
    assert orjson.loads(io.delivered[-1][0].value)["duplicate_of"] == "a1", "a2's entry (a copy of a1) was restored"


def test_story_stage_publishes_stories_assignments_and_deletes_a_closed_key() -> None:
    from streams.stories.messages import StoryEvent, StorySweep
    from streams.worker.rules import RulesHolder
    from streams.worker.stories import StoryHandler

    s = load_settings({}, story_expiry="1d")
    ev = {"id": "ev-1", "code": "042", "root": "04", "source": {"country": "FRA"}, "target": {"country": "DEU"},
          "date": "2026-05-04"}
    msgs = [StoryEvent(ev, "a1", 1_777_880_000.0, outlet="Wire").to_bytes(), StorySweep(1_777_880_000.0 + 2 * 86400).to_bytes()]
    table: dict[str, Any] = {}
    io = FakeIO()
    handler = StoryHandler(s, RulesHolder("", 600))
    asyncio.run(KeyedStateAgent(handler, table, io, ErrorPolicy()).run(FakeStream(keyed_events(*((b"04|DEU|FRA", m) for m in msgs)))))
    first, second = io.delivered
    assert [(o.topic, o.key) for o in first] == [(s.topic_stories, b"ev-1"), (s.topic_story_assignments, b"ev-1")]
    assert orjson.loads(first[0].value)["reports"] == 1
    assert orjson.loads(second[0].value)["closed"] is True
    assert table == {}, "the sweep closed the key's only story: its state is deleted"


class BatchStream(FakeStream):
    """take_events in fixed chunks; records which event was current at each table write."""

    def __init__(self, events: list[FakeEvent], size: int) -> None:
        super().__init__(events)
        self.size = size
        self.current: list[Any] = []
        self.current_event: Any = None

    async def take_events(self, n: int, within: float) -> Any:
        for i in range(0, len(self._events), self.size):
            # as Faust's: the message after the batch is already the stream's current event, waiting to be buffered
            self.current_event = self._events[i + self.size] if i + self.size < len(self._events) else None
            batch = self._events[i:i + self.size]
            yield batch
            assert self.current_event is (self._events[i + self.size] if i + self.size < len(self._events) else None), \
                "the next message is buffered from the stream's current event, which must still be its own"

    def _set_current_event(self, event: Any) -> None:
        self.current_event = event
        if event is not None:
            self.current.append(event)


def test_keyed_agent_in_batches_publishes_once_per_batch_and_stores_each_key_from_its_own_event() -> None:
    obs = Observation(1.0).to_bytes()
    items = [(b"k", obs), (b"j", obs), (b"k", obs), (b"k", b"garbage"), (b"j", obs), (b"k", obs)]
    evs = [FakeEvent(FakeMessage(v, key=k, offset=i, partition=0 if k == b"k" else 1)) for i, (k, v) in enumerate(items)]
    stream = BatchStream(evs, size=6)
    table: dict[str, Any] = {}
    io = FakeIO()
    asyncio.run(KeyedStateAgent(CountingHandler(), table, io, ErrorPolicy(), batch_size=100).run(stream))
    assert table == {"k": 3, "j": 2}, "steps chain on the batch's own states; the bad message is skipped"
    assert [[o.value for o in outs] for outs in io.delivered] == [[b"3"]], "one delivery for the batch"
    assert stream.acked == [0, 1, 2, 3, 4, 5] and all(e.message.refs == 1 for e in evs)
    assert [e.message.partition for e in stream.current] == [0, 1], "each key is written under an event of its partition"


def test_keyed_agent_in_batches_stores_and_releases_nothing_when_outputs_fail() -> None:
    obs = Observation(1.0).to_bytes()
    stream = BatchStream(keyed_events(*[(b"k", obs)] * 3), size=3)
    table: dict[str, Any] = {}
    io = FakeIO(deliver_ok=False)
    asyncio.run(KeyedStateAgent(CountingHandler(), table, io, ErrorPolicy(), batch_size=100).run(stream))
    assert table == {} and stream.acked == [] and all(e.message.refs == 2 for e in stream._events)


def test_no_stream_queue_can_fill_up_and_block_faust_s_delivery_loop() -> None:
    """A queue past its pause point takes its partition out of the fetch, but the rest of the fetch in hand is
    still put into it: that must fit, or the put blocks the one loop that feeds every stream (the copy and
    story stages starved behind a raw backlog)."""
    from mode.utils.queues import FlowControlEvent, FlowControlQueue

    from streams.worker.app import POLL_RECORDS, STREAM_BUFFER, create_app

    app = create_app(load_settings({}))
    assert (app.conf.stream_buffer_maxsize, app.conf.broker_max_poll_records) == (STREAM_BUFFER, POLL_RECORDS)
    pause_point = FlowControlQueue(maxsize=STREAM_BUFFER, flow_control=FlowControlEvent()).pressure_high_size
    assert STREAM_BUFFER - pause_point >= POLL_RECORDS
