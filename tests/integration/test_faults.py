"""Fault suite: every article that enters ``articles.raw`` leaves as an enriched record or a dead letter.

Each scenario produces thousands of one-sentence articles with known ids (the real
model still runs), injects a fault while a worker is in the middle of the stream, and
then reads ``articles.raw``, ``articles.enriched``, ``articles.deadletter`` and
``events`` (and, with rules, the ``<group>-alert-hits`` repartition topic) back in full:

- SIGKILL of the only worker, then a restart: nothing lost; the only duplicates are
  articles published but not yet committed when the worker died (the group's committed
  offsets are read right after the kill), each identical to its first copy apart from
  timing fields, with the same event ids;
- two workers in one group, one killed: the survivor takes its partitions, nothing lost;
- the broker frozen with SIGSTOP for 20 s (a broker of its own), then SIGCONT: the same
  worker process recovers (a rebalance is expected), nothing lost;
- one of two workers frozen with SIGSTOP past its session timeout: the other takes over its
  partitions, the frozen one wakes up with stale work and rejoins, nothing lost;
- SIGTERM mid-stream with a rule file: every committed article has its enriched record,
  its events and its rule hits published; a restarted worker finishes the stream.

A reading that misses an article says where the article sits in ``articles.raw``
(partition, offset) and what offset the group committed for that partition.

Size and repetitions: ``--fault-articles N`` (default 2000) and ``--fault-runs N``
(default 1); ``make soak`` runs every scenario 5 times with more articles.
Figures (sent, received, lost, duplicated) are printed in the terminal summary.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest
from conftest import Stack, Worker, fault_figures, new_stack
from prometheus_client.parser import text_string_to_metric_families

pytestmark = [pytest.mark.integration, pytest.mark.timeout(1800)]

# One sentence each: the real model runs, fast. Most of them code an event, several
# mention North Korea or Russia (the rule file of the SIGTERM scenario matches them).
BODIES = [
    "North Korea sent artillery shells to Russia.",
    "Russian President Vladimir Putin visited Pyongyang on Wednesday.",
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin.",
    "Chinese Foreign Minister Wang Yi visited Tokyo on Monday.",
    "Indian Prime Minister Narendra Modi visited Washington.",
    "Protesters gathered outside the parliament in Nairobi.",
    "Ukraine accused Russia of shelling Kharkiv.",
    "North Korea fired a ballistic missile into the sea.",
]
RULES = """rules:
  - id: prk-watch
    severity: low
    throttle: 10m
    match:
      entities: ["country:PRK"]
  - id: visits
    severity: medium
    throttle: 10m
    match:
      roots: ["04", "07"]
"""
# fields of an enriched record that differ between two processings of the same message
TIMING_FIELDS = ("ms", "stages_ms", "processed_at")

# Generous limits, not speed targets: a shared 2-core machine can be five times slower than an idle one.
OUTPUT_TIMEOUT_S = 600.0  # for a milestone of the stream (a third of the articles enriched)
STALL_TIMEOUT_S = 300.0  # reading the outputs fails when no new output arrived for this long
TOTAL_TIMEOUT_S = 1800.0  # ... or when the whole stream is not out after this long
REBALANCE_TIMEOUT_S = 180.0
READY_TIMEOUT_S = 600.0  # loading the model takes 10 s on an idle machine, minutes on a busy one
STOP_TIMEOUT_S = 60.0
BROKER_FREEZE_S = 20.0


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "run" in metafunc.fixturenames:
        runs = int(metafunc.config.getoption("fault_runs"))
        metafunc.parametrize("run", range(1, runs + 1), ids=[f"run{r}" for r in range(1, runs + 1)])


@pytest.fixture
def n_articles(request: pytest.FixtureRequest) -> int:
    return int(request.config.getoption("fault_articles"))


# --------------------------------------------------------------------------------------------
# input: articles with known ids, produced in the background
# --------------------------------------------------------------------------------------------
def make_articles(prefix: str, n: int) -> list[tuple[str, bytes]]:
    out = []
    for i in range(n):
        article_id = f"{prefix}-{i:06d}"
        value = {"id": article_id, "title": f"Story {i}", "body": BODIES[i % len(BODIES)], "source": "fault-wire",
                 "url": f"https://example.com/{prefix}/{i}", "published_at": "2024-06-19T08:00:00Z"}
        out.append((article_id, orjson.dumps(value)))
    return out


class BackgroundProducer:
    """Sends the articles (keyed by id) in chunks with a pause, in a thread, so that faults hit a live stream."""

    def __init__(self, stack: Stack, articles: Sequence[tuple[str, bytes]], chunk: int = 50, pause_s: float = 0.25) -> None:
        self.stack, self.articles, self.chunk, self.pause_s = stack, articles, chunk, pause_s
        self.positions: dict[str, tuple[int, int]] = {}
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="fault-producer", daemon=True)

    def start(self) -> BackgroundProducer:
        self._thread.start()
        return self

    def _run(self) -> None:
        from streams.transport.clients import make_producer

        try:
            producer = make_producer(self.stack.settings)
            try:
                for start in range(0, len(self.articles), self.chunk):
                    part = self.articles[start:start + self.chunk]
                    futures = [(aid, producer.send(self.stack.topic_raw, key=aid.encode(), value=v)) for aid, v in part]
                    producer.flush()
                    for aid, f in futures:
                        meta = f.get(timeout=60)
                        self.positions[aid] = (meta.partition, meta.offset)
                    time.sleep(self.pause_s)
            finally:
                producer.close()
        except BaseException as exc:  # reported by join()
            self.error = exc

    def join(self, timeout_s: float = 300.0) -> dict[str, tuple[int, int]]:
        self._thread.join(timeout_s)
        assert not self._thread.is_alive(), f"the producer did not finish within {timeout_s:.0f}s"
        assert self.error is None, f"producing the articles failed: {self.error!r}"
        assert len(self.positions) == len(self.articles)
        return self.positions


def send_all(stack: Stack, articles: Sequence[tuple[str, bytes]]) -> dict[str, tuple[int, int]]:
    return BackgroundProducer(stack, articles, chunk=500, pause_s=0).start().join()


# --------------------------------------------------------------------------------------------
# reading topics back in full
# --------------------------------------------------------------------------------------------
class TopicReader:
    """All partitions of some topics, from the beginning, read up to their end offsets on demand."""

    def __init__(self, stack: Stack, topics: Sequence[str]) -> None:
        from kafka import TopicPartition

        from streams.transport.clients import make_consumer

        self.consumer = make_consumer(stack.settings, group_id=None)
        self.tps = []
        for topic in topics:
            deadline = time.monotonic() + 30
            partitions = None
            while not partitions:
                partitions = self.consumer.partitions_for_topic(topic)
                if not partitions:
                    assert time.monotonic() < deadline, f"topic {topic} has no partitions"
                    self.consumer.topics()  # refresh metadata
                    time.sleep(0.5)
            self.tps += [TopicPartition(topic, p) for p in sorted(partitions)]
        self.consumer.assign(self.tps)
        self.consumer.seek_to_beginning(*self.tps)
        self.messages: list[Any] = []
        self.read_to: dict[Any, int] = {}

    def read_to_end(self, timeout_s: float = 60.0) -> list[Any]:
        """Everything up to the end offsets as of now (what the broker acknowledged so far)."""
        end = self.consumer.end_offsets(self.tps)
        deadline = time.monotonic() + timeout_s
        while any(self.consumer.position(tp) < end[tp] for tp in self.tps):
            assert time.monotonic() < deadline, f"could not read {self.tps} to {end} within {timeout_s:.0f}s"
            for batch in self.consumer.poll(timeout_ms=500, max_records=5000).values():
                self.messages.extend(batch)
        self.read_to = {f"{tp.topic}[{tp.partition}]": self.consumer.position(tp) for tp in self.tps}
        return self.messages

    def close(self) -> None:
        self.consumer.close()


def end_offsets(stack: Stack, topic: str) -> dict[int, int]:
    from kafka import TopicPartition

    from streams.transport.clients import make_consumer

    consumer = make_consumer(stack.settings, group_id=None)
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        return {tp.partition: off for tp, off in consumer.end_offsets(tps).items()}
    finally:
        consumer.close()


def committed_offsets(stack: Stack, topic: str | None = None) -> dict[int, int]:
    """The group's committed offsets of ``topic`` (default: the raw topic), by partition; absent: never committed."""
    from kafka import TopicPartition
    from kafka.admin import KafkaAdminClient

    from streams.transport.clients import common_config

    topic = topic or stack.topic_raw
    # the partitions are named: the embedded broker answers an OffsetFetch for all topics (topics=null) with a
    # response kafka-python cannot decode
    tps = [TopicPartition(topic, p) for p in sorted(end_offsets(stack, topic))]
    admin = KafkaAdminClient(client_id="fault-suite", **common_config(stack.settings))
    try:
        offsets = admin.list_consumer_group_offsets(stack.env["STREAMS_GROUP_ID"], partitions=tps)
    finally:
        admin.close()
    return {tp.partition: meta.offset for tp, meta in offsets.items() if tp.topic == topic and meta.offset >= 0}


def describe(w: Worker, lines: int = 40) -> str:
    """A worker's state and last log lines, also once stopped or killed (``Worker.describe`` needs its log open)."""
    state = "running" if w.process.poll() is None else f"exited with {w.process.returncode}"
    try:
        tail = "\n".join(w.log_path.read_text("utf-8", errors="backslashreplace").splitlines()[-lines:])
    except OSError as exc:
        tail = f"(no log: {exc})"
    return f"worker pid {w.process.pid} ({state}); log {w.log_path}; last lines:\n{tail}"


def worker_logs(stack: Stack) -> str:
    return "\n".join(describe(w) for w in stack.workers) or "(no worker started)"


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str, stack: Stack, interval_s: float = 0.5) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout_s:.0f}s.\n{worker_logs(stack)}")
        time.sleep(interval_s)


def produced_count(stack: Stack, topic: str) -> Callable[[], int]:
    return lambda: sum(end_offsets(stack, topic).values())


# --------------------------------------------------------------------------------------------
# the ledger: what went in, what came out, and the diagnosis of what is missing
# --------------------------------------------------------------------------------------------
@dataclass
class Outputs:
    """The outputs of a stream, by article id: enriched records, dead letters, event messages."""

    records: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    dead_letters: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    events: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))  # by event id
    hits: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))  # by article id

    def ids(self) -> set[str]:
        return set(self.records) | set(self.dead_letters)

    def copies(self, article_id: str) -> int:
        return len(self.records.get(article_id, ())) + len(self.dead_letters.get(article_id, ()))


class Ledger:
    """Reads a stack's raw and output topics in full and checks them against the articles sent."""

    def __init__(self, stack: Stack, ids: Sequence[str], hits_topic: str | None = None) -> None:
        self.stack = stack
        self.ids = list(ids)
        self.hits_topic = hits_topic
        topics = [stack.topic_enriched, stack.topic_deadletter, stack.env["STREAMS_TOPIC_EVENTS"]]
        self.reader = TopicReader(stack, topics + ([hits_topic] if hits_topic else []))
        self.raw_reader = TopicReader(stack, [stack.topic_raw])

    def close(self) -> None:
        self.reader.close()
        self.raw_reader.close()

    def outputs(self) -> Outputs:
        out = Outputs()
        s = self.stack
        for m in self.reader.read_to_end():
            value = orjson.loads(m.value)
            if m.topic == s.topic_enriched:
                out.records[value["article_id"]].append(value)
            elif m.topic == s.topic_deadletter:
                out.dead_letters[(m.key or b"").decode("utf-8", "replace")].append(value)
            elif m.topic == self.hits_topic:
                out.hits[(value.get("record") or {}).get("article_id", "?")].append(value)
            else:
                out.events[value["id"]].append(value)
        return out

    def raw_positions(self) -> dict[str, list[tuple[int, int]]]:
        """Where each article sits in ``articles.raw``, read back from the topic itself."""
        positions: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in self.raw_reader.read_to_end():
            positions[(m.key or b"").decode()].append((m.partition, m.offset))
        return positions

    def wait_for_all(self, stall_s: float = STALL_TIMEOUT_S, total_s: float = TOTAL_TIMEOUT_S, linger_s: float = 5.0) -> Outputs:
        """Read until every article has an output (then ``linger_s`` more, for duplicates). Fails with the diagnosis
        when no new output arrived for ``stall_s`` (a stalled or lossy stream, not a slow one), or after ``total_s``."""
        start = last_progress = time.monotonic()
        seen = -1
        while True:
            out = self.outputs()
            missing = set(self.ids) - out.ids()
            if not missing:
                time.sleep(linger_s)
                return self.outputs()
            now = time.monotonic()
            if len(self.reader.messages) > seen:
                seen, last_progress = len(self.reader.messages), now
            if now - last_progress > stall_s or now - start > total_s:
                raise AssertionError(self.diagnose(
                    missing, out, f"no new output for {now - last_progress:.0f}s, {now - start:.0f}s after the reading began"))
            time.sleep(1.0)

    def diagnose(self, missing: set[str], out: Outputs, when: str) -> str:
        """Where each missing article sits in ``articles.raw`` and what the group committed for its partition."""
        positions = self.raw_positions()
        committed = committed_offsets(self.stack)
        ends = end_offsets(self.stack, self.stack.topic_raw)
        lines = [f"{len(missing)} of {len(self.ids)} articles never left as an enriched record or a dead letter ({when}); "
                 f"outputs read to {self.reader.read_to}; group {self.stack.env['STREAMS_GROUP_ID']} committed "
                 f"{dict(sorted(committed.items()))} on {self.stack.topic_raw}, end offsets {ends}:"]
        for article_id in sorted(missing)[:50]:
            where = positions.get(article_id)
            if not where:
                lines.append(f"  {article_id}: NOT in {self.stack.topic_raw} (the producer's ack was not kept)")
                continue
            for partition, offset in where:
                c = committed.get(partition)
                verdict = ("the group committed past it: consumed and committed without an output" if c is not None and c > offset
                           else "not committed yet: never processed to the end")
                lines.append(f"  {article_id}: {self.stack.topic_raw} partition {partition} offset {offset}; "
                             f"committed offset of partition {partition}: {c}; {verdict}")
        if len(missing) > 50:
            lines.append(f"  … and {len(missing) - 50} more")
        return "\n".join(lines) + "\n" + worker_logs(self.stack)


def without_timing(record: dict[str, Any]) -> dict[str, Any]:
    processing = {k: v for k, v in record.get("processing", {}).items() if k not in TIMING_FIELDS}
    return {**record, "processing": processing}


def check_outputs(stack: Stack, out: Outputs, ids: Sequence[str]) -> None:
    """Every duplicate equals its first copy apart from timing; every event of every record is on ``events``, same id."""
    unknown = out.ids() - set(ids)
    assert not unknown, f"outputs for articles never sent: {sorted(unknown)[:10]}"
    assert not out.dead_letters, f"valid articles were dead-lettered: {dict(list(out.dead_letters.items())[:3])}"
    for article_id, copies in out.records.items():
        first = without_timing(copies[0])
        for n, other in enumerate(copies[1:], start=2):
            assert without_timing(other) == first, (
                f"copy {n} of {article_id} differs from the first apart from timing fields:\n"
                f"first: {orjson.dumps(first).decode()[:3000]}\ncopy {n}: {orjson.dumps(without_timing(other)).decode()[:3000]}")
            assert [e["id"] for e in other["events"]] == [e["id"] for e in copies[0]["events"]], article_id
        for event in copies[0]["events"]:
            messages = out.events.get(event["id"])
            assert messages, (f"event {event['id']} of {article_id} is in its record but not on "
                              f"{stack.env['STREAMS_TOPIC_EVENTS']}")
            for m in messages:
                assert m["article_id"] == article_id and {k: m.get(k) for k in event} == event, (
                    f"event message {m} differs from the record's event {event}")
    events_without_record = {eid for eid, ms in out.events.items() if ms[0]["article_id"] not in out.records}
    assert not events_without_record, f"events whose record was never published: {sorted(events_without_record)[:10]}"


def published_uncommitted(out: Outputs, committed: dict[int, int]) -> set[str]:
    """Articles with an output whose input offset the group had not committed: a restart processes them again."""
    ids = set()
    for article_id, copies in out.records.items():
        source = copies[0]["processing"]["source"]
        if source["offset"] >= committed.get(source["partition"], 0):
            ids.add(article_id)
    for article_id, letters in out.dead_letters.items():
        if letters[0]["offset"] >= committed.get(letters[0]["partition"], 0):
            ids.add(article_id)
    return ids


def check_duplicates(out: Outputs, allowed: set[str], committed: dict[int, int], kills: int = 1) -> dict[str, int]:
    """Duplicates only among ``allowed`` (published, not committed at the fault), at most one extra copy per fault."""
    duplicated = {aid: out.copies(aid) for aid in out.ids() if out.copies(aid) > 1}
    unexpected = {aid: n for aid, n in duplicated.items() if aid not in allowed or n > 1 + kills}
    if unexpected:
        def where(aid: str) -> str:
            if aid not in out.records:
                s = out.dead_letters[aid][0]
                return f"{aid} x{unexpected[aid]} (dead letter, partition {s['partition']} offset {s['offset']})"
            s = out.records[aid][0]["processing"]["source"]
            at = ", ".join(r["processing"].get("processed_at") or "?" for r in out.records[aid])
            return f"{aid} x{unexpected[aid]} (partition {s['partition']} offset {s['offset']}; processed at {at})"
        raise AssertionError(
            f"{len(unexpected)} articles were published more often than the fault explains (only the {len(allowed)} "
            f"published but uncommitted at the fault may repeat, once per fault; committed offsets then: {committed}): "
            + ", ".join(where(a) for a in sorted(unexpected)[:20]))
    return duplicated


def record_figures(request: pytest.FixtureRequest, scenario: str, sent: int, out: Outputs, duplicated: dict[str, int],
                   **extra: Any) -> None:
    received = len(out.ids())
    line = {"scenario": scenario, "test": request.node.name, "sent": sent, "received": received,
            "lost": sent - received, "duplicated": len(duplicated),
            "extra_copies": sum(n - 1 for n in duplicated.values()), **extra}
    fault_figures(request.config).append(line)


# --------------------------------------------------------------------------------------------
# workers
# --------------------------------------------------------------------------------------------
def start_worker_process(stack: Stack) -> Worker:
    """A worker of the stack, not waiting for /readyz (several can load the model at once)."""
    from streams.transport.embedded import free_port

    port = free_port()
    worker = Worker({**stack.env, "STREAMS_METRICS_PORT": str(port)}, stack.tmp / f"worker-{len(stack.workers) + 1}.log", port)
    stack.workers.append(worker)
    return worker


def assigned_partitions(worker: Worker) -> float | None:
    try:
        status, raw = worker.get("/metrics")
    except OSError:
        return None
    if status != 200:
        return None
    for family in text_string_to_metric_families(raw.decode()):
        for s in family.samples:
            if s.name == "streams_assigned_partitions":
                return s.value
    return None


def fault_stack(make_stack: Callable[..., Stack], **env: str) -> Stack:
    """A stack whose every topic is its own (trends included)."""
    stack = make_stack(STREAMS_SESSION_TIMEOUT_S="10", **env)
    stack.env.setdefault("STREAMS_TOPIC_TRENDS", f"{stack.prefix}.trends")
    return stack


# --------------------------------------------------------------------------------------------
# 1. SIGKILL of the only worker, then a restart
# --------------------------------------------------------------------------------------------
def test_sigkill_and_restart_loses_nothing(make_stack: Callable[..., Stack], request: pytest.FixtureRequest,
                                           n_articles: int, run: int) -> None:
    stack = fault_stack(make_stack, STREAMS_PARTITIONS="4")
    articles = make_articles(stack.prefix, n_articles)
    ids = [a for a, _ in articles]
    first = stack.start_worker(READY_TIMEOUT_S)
    ledger = Ledger(stack, ids)
    try:
        producer = BackgroundProducer(stack, articles).start()
        wait_until(lambda: produced_count(stack, stack.topic_enriched)() >= n_articles // 3, OUTPUT_TIMEOUT_S,
                   "a third of the articles enriched", stack)
        first.process.send_signal(signal.SIGKILL)
        first.kill()
        committed_at_kill = committed_offsets(stack)
        at_kill = ledger.outputs()
        assert len(at_kill.ids()) < n_articles, "the worker had finished the stream before it was killed"
        allowed = published_uncommitted(at_kill, committed_at_kill)

        stack.start_worker(READY_TIMEOUT_S)
        producer.join()
        out = ledger.wait_for_all()
        check_outputs(stack, out, ids)
        duplicated = check_duplicates(out, allowed, committed_at_kill)
        record_figures(request, "sigkill-restart", len(ids), out, duplicated, published_at_kill=len(at_kill.ids()),
                       uncommitted_at_kill=len(allowed))
        assert stack.workers[-1].stop() == 0, describe(stack.workers[-1])
    finally:
        ledger.close()


# --------------------------------------------------------------------------------------------
# 2. two workers in one group, one killed: the survivor takes over its partitions
# --------------------------------------------------------------------------------------------
def test_two_workers_one_killed_loses_nothing(make_stack: Callable[..., Stack], request: pytest.FixtureRequest,
                                              n_articles: int, run: int) -> None:
    stack = fault_stack(make_stack, STREAMS_PARTITIONS="4")
    articles = make_articles(stack.prefix, n_articles)
    ids = [a for a, _ in articles]
    workers = start_two_workers(stack)
    victim, survivor = workers
    ledger = Ledger(stack, ids)
    try:
        producer = BackgroundProducer(stack, articles).start()
        wait_until(lambda: produced_count(stack, stack.topic_enriched)() >= n_articles // 3, OUTPUT_TIMEOUT_S,
                   "a third of the articles enriched", stack)
        victim.process.send_signal(signal.SIGKILL)
        victim.kill()
        committed_at_kill = committed_offsets(stack)
        at_kill = ledger.outputs()
        assert len(at_kill.ids()) < n_articles, "the workers had finished the stream before one was killed"
        allowed = published_uncommitted(at_kill, committed_at_kill)
        wait_until(lambda: assigned_partitions(survivor) == 4.0, REBALANCE_TIMEOUT_S,
                   "the survivor taking over all four partitions", stack)
        producer.join()
        out = ledger.wait_for_all()
        check_outputs(stack, out, ids)
        duplicated = {aid: out.copies(aid) for aid in out.ids() if out.copies(aid) > 1}
        record_figures(request, "two-workers-one-killed", len(ids), out, duplicated,
                       uncommitted_at_kill=len(allowed), duplicated_not_uncommitted_at_kill=len(set(duplicated) - allowed))
        assert survivor.process.poll() is None, f"the survivor exited.\n{describe(survivor)}"
        assert survivor.stop() == 0, describe(survivor)
    finally:
        ledger.close()


# --------------------------------------------------------------------------------------------
# 3. the broker frozen (SIGSTOP) for 20 s, then resumed: the worker recovers without a restart
# --------------------------------------------------------------------------------------------
@pytest.fixture
def private_broker() -> Iterator[Any]:
    """A broker of this test's own: it is frozen, and the session's broker serves other tests."""
    from streams.transport.embedded import EmbeddedBroker

    b = EmbeddedBroker().start()
    try:
        yield b
    finally:
        if b.process is not None and b.process.poll() is None:
            b.process.send_signal(signal.SIGCONT)
        b.stop()


def start_two_workers(stack: Stack) -> list[Worker]:
    """Two workers of one group, once they share the four partitions."""
    workers = [start_worker_process(stack) for _ in range(2)]
    for w in workers:
        w.wait_ready(READY_TIMEOUT_S)
    wait_until(lambda: [assigned_partitions(w) for w in workers] in ([1.0, 3.0], [2.0, 2.0], [3.0, 1.0]),
               REBALANCE_TIMEOUT_S, "the two workers sharing the four partitions", stack)
    return workers


def private_stack(broker: Any, tmp_path: Path, **streams_vars: str) -> Stack:
    stack = new_stack(broker.url, tmp_path, STREAMS_PARTITIONS="4", STREAMS_SESSION_TIMEOUT_S="10", **streams_vars)
    stack.env["STREAMS_TOPIC_TRENDS"] = f"{stack.prefix}.trends"  # every topic its own, as in fault_stack
    return stack


def test_broker_frozen_20s_worker_recovers(private_broker: Any, tmp_path: Path, request: pytest.FixtureRequest,
                                           n_articles: int, run: int) -> None:
    stack = private_stack(private_broker, tmp_path)
    articles = make_articles(stack.prefix, n_articles)
    ids = [a for a, _ in articles]
    worker = stack.start_worker(READY_TIMEOUT_S)
    try:
        ledger = Ledger(stack, ids)
        try:
            send_all(stack, articles)
            wait_until(lambda: produced_count(stack, stack.topic_enriched)() >= n_articles // 3, OUTPUT_TIMEOUT_S,
                       "a third of the articles enriched", stack)
            at_freeze = len(ledger.outputs().ids())
            assert at_freeze < n_articles, "the worker had finished the stream before the broker was frozen"
            os.kill(private_broker.process.pid, signal.SIGSTOP)
            try:
                time.sleep(BROKER_FREEZE_S)
            finally:
                os.kill(private_broker.process.pid, signal.SIGCONT)
            out = ledger.wait_for_all()
            assert worker.process.poll() is None, f"the worker exited instead of recovering.\n{describe(worker)}"
            check_outputs(stack, out, ids)
            duplicated = {aid: out.copies(aid) for aid in out.ids() if out.copies(aid) > 1}
            log = worker.log_path.read_text("utf-8", errors="replace")
            record_figures(request, "broker-sigstop-20s", len(ids), out, duplicated,
                           published_at_freeze=at_freeze, assignments=log.count('"partitions assigned"'))
        finally:
            ledger.close()
        assert worker.stop() == 0, describe(worker)
    finally:
        worker.kill()


# --------------------------------------------------------------------------------------------
# 3b. one of two workers frozen (SIGSTOP) past its session timeout: the other takes over, it comes back
# --------------------------------------------------------------------------------------------
@pytest.mark.soak("the healthy worker crashed in table recovery at the rebalance, fixed (README Delivery semantics, fixed defects): 2 clean runs of 2 since; back in make test after a clean make soak")
def test_worker_frozen_past_its_session_comes_back(make_stack: Callable[..., Stack], request: pytest.FixtureRequest,
                                                   n_articles: int, run: int) -> None:
    """A stalled worker (a long GC pause, a starved CPU): the group expires it and gives its partitions to the other
    worker; when it wakes up it still holds a batch and prefetched messages of partitions it no longer owns, its
    commits fail, and it rejoins (faust-streaming#221's situation). Nothing may be lost."""
    stack = fault_stack(make_stack, STREAMS_PARTITIONS="4")
    articles = make_articles(stack.prefix, n_articles)
    ids = [a for a, _ in articles]
    workers = start_two_workers(stack)
    frozen, other = workers
    ledger = Ledger(stack, ids)
    try:
        producer = BackgroundProducer(stack, articles).start()
        wait_until(lambda: produced_count(stack, stack.topic_enriched)() >= n_articles // 3, OUTPUT_TIMEOUT_S,
                   "a third of the articles enriched", stack)
        frozen.process.send_signal(signal.SIGSTOP)
        try:
            committed_at_freeze = committed_offsets(stack)
            at_freeze = ledger.outputs()
            assert len(at_freeze.ids()) < n_articles, "the workers had finished the stream before one was frozen"
            wait_until(lambda: assigned_partitions(other) == 4.0, REBALANCE_TIMEOUT_S,
                       "the other worker taking over all four partitions", stack)
        finally:
            frozen.process.send_signal(signal.SIGCONT)
        producer.join()
        out = ledger.wait_for_all()
        for w in workers:
            assert w.process.poll() is None, f"a worker exited.\n{describe(w)}"
        check_outputs(stack, out, ids)
        duplicated = {aid: out.copies(aid) for aid in out.ids() if out.copies(aid) > 1}
        allowed = published_uncommitted(at_freeze, committed_at_freeze)
        logs = [w.log_path.read_text("utf-8", errors="replace") for w in workers]
        record_figures(request, "one-of-two-workers-sigstop", len(ids), out, duplicated,
                       published_at_freeze=len(at_freeze.ids()), uncommitted_at_freeze=len(allowed),
                       duplicated_not_uncommitted_at_freeze=len(set(duplicated) - allowed),
                       assignments=[log.count('"partitions assigned"') for log in logs])
        for w in workers:
            assert w.stop(STOP_TIMEOUT_S) == 0, describe(w)
    finally:
        ledger.close()


# --------------------------------------------------------------------------------------------
# 4. SIGTERM mid-stream: what is committed is published in full (records, events, rule hits)
# --------------------------------------------------------------------------------------------
def test_sigterm_mid_stream_commits_only_what_is_published(make_stack: Callable[..., Stack], request: pytest.FixtureRequest,
                                                           n_articles: int, run: int) -> None:
    from streams.alerts.hits import alert_hits
    from streams.alerts.rules import parse_rules

    stack = fault_stack(make_stack, STREAMS_PARTITIONS="4")
    rules_path = stack.tmp / "rules.yaml"
    rules_path.write_text(RULES, "utf-8")
    stack.env["STREAMS_RULES_FILE"] = str(rules_path)
    ruleset = parse_rules(RULES, str(rules_path))
    hits_topic = stack.settings.topic_alert_hits
    articles = make_articles(stack.prefix, n_articles)
    ids = [a for a, _ in articles]
    first = stack.start_worker(READY_TIMEOUT_S)
    ledger = Ledger(stack, ids, hits_topic=hits_topic)
    try:
        producer = BackgroundProducer(stack, articles).start()
        wait_until(lambda: produced_count(stack, stack.topic_enriched)() >= n_articles // 3, OUTPUT_TIMEOUT_S,
                   "a third of the articles enriched", stack)
        assert first.stop(STOP_TIMEOUT_S) == 0, f"SIGTERM must be a clean exit.\n{describe(first)}"
        committed = committed_offsets(stack)
        at_stop = ledger.outputs()
        assert len(at_stop.ids()) < n_articles, "the worker had finished the stream before SIGTERM"
        positions = ledger.raw_positions()
        committed_ids = [aid for aid in ids for p, o in positions.get(aid, ()) if o < committed.get(p, 0)]
        assert committed_ids, f"nothing was committed before the SIGTERM: {committed}.\n{worker_logs(stack)}"
        missing = {aid for aid in committed_ids if aid not in at_stop.ids()}
        assert not missing, ledger.diagnose(missing, at_stop, "committed before SIGTERM without an output")
        check_outputs(stack, at_stop, ids)
        n_hits = 0
        for aid in committed_ids:
            record = at_stop.records[aid][0]
            expected = Counter((hit.rule_id, key) for key, hit in alert_hits(record, ruleset))
            got = Counter((h["rule_id"], h["throttle_key"]) for h in at_stop.hits.get(aid, ()))
            assert not expected - got, (
                f"{aid} was committed but its rule hits {dict(expected - got)} are not on {hits_topic} (got {dict(got)}); "
                f"at {positions[aid]}, committed {committed}")
            n_hits += sum(expected.values())
        assert n_hits, "the rule file matched no committed article: the check proves nothing"
        allowed = published_uncommitted(at_stop, committed)

        second = stack.start_worker(READY_TIMEOUT_S)
        producer.join()
        out = ledger.wait_for_all()
        check_outputs(stack, out, ids)
        duplicated = check_duplicates(out, allowed, committed)
        # alerts follow from the hits topic (at least once): every throttle key that was hit has an alert
        keys = {(h["rule_id"], h["throttle_key"]) for hits in out.hits.values() for h in hits}
        alerts = TopicReader(stack, [stack.env["STREAMS_TOPIC_ALERTS"]])
        try:
            def alerted() -> set[tuple[str, str]]:
                return {(a["rule_id"], a["throttle_key"]) for a in (orjson.loads(m.value) for m in alerts.read_to_end())}
            wait_until(lambda: keys <= alerted(), OUTPUT_TIMEOUT_S, f"an alert for each of the {len(keys)} throttle keys hit",
                       stack)
        finally:
            alerts.close()
        record_figures(request, "sigterm-mid-stream", len(ids), out, duplicated, committed_at_stop=len(committed_ids),
                       published_uncommitted_at_stop=len(allowed), rule_hits_checked=n_hits)
        assert second.stop(STOP_TIMEOUT_S) == 0, describe(second)
    finally:
        ledger.close()


# --------------------------------------------------------------------------------------------
# the suite's own instruments
# --------------------------------------------------------------------------------------------
def test_a_missing_article_is_diagnosed(stack: Stack) -> None:
    """The ledger can fail: a missing article is named with its place in the raw topic and the group's committed offset."""
    from kafka import KafkaConsumer, TopicPartition
    from kafka.structs import OffsetAndMetadata

    from streams.transport.clients import common_config, make_producer

    result = stack.cli("topics", "create")
    assert result.returncode == 0, result.stderr
    articles = make_articles(stack.prefix, 6)
    positions = send_all(stack, articles)
    lost = articles[4][0]
    partition, offset = positions[lost]
    producer = make_producer(stack.settings)
    try:  # the outputs a worker would have published, for every article but one
        for aid, _ in articles:
            if aid != lost:
                p, o = positions[aid]
                record = {"article_id": aid, "events": [], "processing": {"source": {"partition": p, "offset": o}}}
                producer.send(stack.topic_enriched, key=aid.encode(), value=orjson.dumps(record)).get(timeout=30)
    finally:
        producer.close()
    consumer = KafkaConsumer(group_id=stack.env["STREAMS_GROUP_ID"], enable_auto_commit=False, **common_config(stack.settings))
    try:  # the group committed past the missing article
        consumer.assign([TopicPartition(stack.topic_raw, partition)])
        consumer.commit({TopicPartition(stack.topic_raw, partition): OffsetAndMetadata(offset + 1, "", -1)})
    finally:
        consumer.close()

    ledger = Ledger(stack, [aid for aid, _ in articles])
    try:
        with pytest.raises(AssertionError) as failure:
            ledger.wait_for_all(stall_s=2)
    finally:
        ledger.close()
    message = str(failure.value)
    assert message.startswith("1 of 6 articles never left as an enriched record or a dead letter"), message
    assert (f"{lost}: {stack.topic_raw} partition {partition} offset {offset}; committed offset of partition {partition}: "
            f"{offset + 1}; the group committed past it") in message, message


def test_the_embedded_broker_has_no_transactions(broker: Any) -> None:
    """What the README says: the embedded broker refuses producer ids, so neither idempotence nor transactions
    (and so not Faust's exactly_once) can run on it. If this fails, the broker gained them: update the README."""
    import asyncio

    from aiokafka import AIOKafkaProducer
    from aiokafka.errors import KafkaError

    async def start(**config: Any) -> str:
        producer = AIOKafkaProducer(bootstrap_servers=broker.url.removeprefix("kafka://"), **config)
        try:
            await asyncio.wait_for(producer.start(), 30)
            return "started"
        except KafkaError as exc:
            return type(exc).__name__
        finally:
            await producer.stop()

    assert asyncio.run(start(enable_idempotence=True)) != "started"
    assert asyncio.run(start(transactional_id=f"fault-suite-{uuid.uuid4().hex[:8]}")) != "started"


def test_the_embedded_broker_under_reports_end_offsets(broker: Any) -> None:
    """A plain aiokafka reproduction: the embedded broker (Tansu 0.6.0) answers ListOffsets(latest) with the first
    offset of a partition's last record batch + 1, below records it has just served. Faust's table recovery
    took that for the changelog's end and crashed a healthy worker with a ConsistencyError at a rebalance (the
    worker turns that check off: streams/worker/app.py). It also makes the end offsets this suite prints in a
    diagnosis too low. If this fails, the broker was fixed: update the README."""
    import asyncio

    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
    from kafka.admin import KafkaAdminClient, NewTopic

    url = broker.url.removeprefix("kafka://")
    topic = f"end-offsets-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=url)
    try:
        admin.create_topics([NewTopic(topic, 1, 1)])
    finally:
        admin.close()
    tp = TopicPartition(topic, 0)

    async def run() -> tuple[list[int], int]:
        producer = AIOKafkaProducer(bootstrap_servers=url)
        consumer = AIOKafkaConsumer(bootstrap_servers=url, enable_auto_commit=False, auto_offset_reset="earliest")
        await producer.start()
        await consumer.start()
        try:
            for size in (1, 5):  # one batch of one record, then one batch of five: offsets 0, then 1-5
                batch = producer.create_batch()
                for i in range(size):
                    batch.append(key=None, value=b"x%d" % i, timestamp=None)
                await (await producer.send_batch(batch, topic, partition=0))
            consumer.assign([tp])
            read: list[int] = []
            while len(read) < 6:
                for records in (await consumer.getmany(timeout_ms=5000)).values():
                    read += [r.offset for r in records]
            return read, (await consumer.end_offsets([tp]))[tp]
        finally:
            await consumer.stop()
            await producer.stop()

    read, end = asyncio.run(run())
    assert read == [0, 1, 2, 3, 4, 5]
    assert end == 2, f"end offset {end} after serving offsets up to 5 (Kafka: 6; Tansu 0.6.0: 2, the last batch's first + 1)"
