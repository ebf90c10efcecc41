"""Workers on an embedded broker, measured from outside: throughput, latency at a fixed rate, memory, CPU.

One :class:`Cluster` is a consumer group of ``streams worker`` processes on its own
topics of a broker. :func:`throughput` produces every article at once and waits until
each is on ``articles.enriched`` (or a dead letter): articles per second from the first
send to the broker timestamp of the last record. :func:`latency` offers articles at a
fixed rate and reads, for each, the time from its raw message's timestamp (the produce
time, carried in the record as ``processing.ingested_at``) to its record's broker
timestamp. A :class:`Sampler` follows each worker's process tree (the worker and its
model process): peak RSS, RSS at given counts, CPU seconds of each part.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import psutil

from streams.errors import StreamsError
from streams.settings import Settings, load_settings

READY_TIMEOUT_S = 600.0
STOP_TIMEOUT_S = 60.0


class BenchFailed(StreamsError):
    """An article did not come out, or a worker did not start: the figures would be wrong."""


@dataclass
class Sample:
    peak_rss_mb: float = 0.0
    rss_at: dict[int, float] = field(default_factory=dict)  # MB of the tree when n articles were out
    parts_at: dict[int, dict[str, float]] = field(default_factory=dict)  # the same, by part (see Sampler.parts_mb)


class Sampler:
    """Polls the RSS of each worker's process tree every 0.5 s in a thread, and at the start and end of a run."""

    def __init__(self, pids: list[int]) -> None:
        self.procs = [psutil.Process(pid) for pid in pids]
        self.samples = [Sample() for _ in pids]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def tree_rss_mb(self, i: int) -> float:
        return sum(self.parts_mb(i).values())

    def parts_mb(self, i: int) -> dict[str, float]:
        """RSS of the worker process itself (event loop, Kafka clients, tables) and of its children (the model process)."""
        proc = self.procs[i]
        try:
            return {"worker": proc.memory_info().rss / 2**20,
                    "model_process": sum(c.memory_info().rss for c in proc.children(recursive=True)) / 2**20}
        except psutil.Error:
            return {"worker": 0.0, "model_process": 0.0}

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds so far: the worker processes (event loop, Kafka clients) and their model processes."""
        out = {"worker": 0.0, "model_process": 0.0}
        for proc in self.procs:
            try:
                t = proc.cpu_times()
                out["worker"] += t.user + t.system
                for child in proc.children(recursive=True):
                    c = child.cpu_times()
                    out["model_process"] += c.user + c.system
            except psutil.Error:
                pass
        return out

    def mark(self, n: int) -> None:
        for i, sample in enumerate(self.samples):
            sample.rss_at[n] = self.tree_rss_mb(i)
            sample.parts_at[n] = self.parts_mb(i)

    def _sample(self) -> None:
        for i, sample in enumerate(self.samples):
            sample.peak_rss_mb = max(sample.peak_rss_mb, self.tree_rss_mb(i))

    def _run(self) -> None:
        self._sample()
        while not self._stop.wait(0.5):
            self._sample()

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()  # a run shorter than the polling interval is measured too (at its start and end)


def core_of(i: int) -> int:
    """The i-th CPU this process may use, cycling: where worker i's model process (and the limit, i = 0) runs."""
    cpus = sorted(os.sched_getaffinity(0))
    return cpus[i % len(cpus)]


class Cluster:
    """``workers`` worker processes in one group on the topics ``<prefix>articles.raw`` etc. of ``broker_url``."""

    def __init__(self, broker_url: str, prefix: str, workers: int, logs: Path, env: dict[str, str] | None = None,
                 pin_model: bool = False) -> None:
        self.prefix, self.n, self.logs, self.pin_model = prefix, workers, logs, pin_model
        base = {k: v for k, v in os.environ.items() if not k.startswith("STREAMS_") or k == "STREAMS_STORIES"}
        # trends off unless ``env`` turns them on: the throughput runs measure articles, not trend counters
        self.env = {**base, "STREAMS_TREND_WINDOW": "0s", "STREAMS_LOG_LEVEL": "WARNING", **(env or {}),
                    "STREAMS_BROKER_URL": broker_url, "STREAMS_GROUP_ID": f"{prefix}group"}
        for name in ("RAW", "ENRICHED", "DEADLETTER", "EVENTS", "ALERTS", "TRENDS", "STORIES", "STORY_ASSIGNMENTS"):
            default = getattr(load_settings({}), f"topic_{name.lower()}")
            self.env[f"STREAMS_TOPIC_{name}"] = prefix + default
        self.settings: Settings = load_settings({k: v for k, v in self.env.items() if k.startswith("STREAMS_")})
        self.procs: list[subprocess.Popen[bytes]] = []
        self.ports: list[int] = []

    def start(self) -> Cluster:
        from streams.transport.embedded import free_port
        from streams.transport.topics import ensure_topics

        ensure_topics(self.settings)
        self.logs.mkdir(parents=True, exist_ok=True)
        for i in range(self.n):
            port = free_port()
            log = (self.logs / f"{self.prefix}worker-{i}.log").open("wb")
            env = {**self.env, "STREAMS_METRICS_PORT": str(port)}
            if self.pin_model:  # worker i's model process on core i, as the README advises for one host
                env["STREAMS_MODEL_CPUS"] = str(core_of(i))
            self.procs.append(subprocess.Popen([sys.executable, "-m", "streams.cli.main", "worker", "--no-create-topics"],
                                               env=env, stdout=log, stderr=subprocess.STDOUT))
            self.ports.append(port)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            for proc in self.procs:
                if proc.poll() is not None:
                    raise BenchFailed(f"a worker exited with {proc.returncode} before it was ready; see {self.logs}")
            if all(_ready(port) for port in self.ports):
                return
            time.sleep(0.5)
        raise BenchFailed(f"workers not ready within {READY_TIMEOUT_S:.0f}s; see {self.logs}")

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@dataclass
class Arrival:
    broker_ts: float  # seconds, the record's (or dead letter's) broker timestamp
    produced_ts: float | None  # seconds, the raw message's timestamp (processing.ingested_at)
    dead_letter: bool = False


def produce(settings: Settings, articles: list[dict[str, Any]], rate: float | None = None) -> float:
    """Send ``articles`` (at ``rate`` per second, or all at once); the wall time of the first send."""
    from streams.transport.clients import make_producer

    producer = make_producer(settings)
    t0 = time.time()
    for i, article in enumerate(articles):
        if rate:
            delay = t0 + i / rate - time.time()
            if delay > 0:
                time.sleep(delay)
        producer.send(settings.topic_raw, key=article["id"].encode(), value=orjson.dumps(article))
    producer.flush()
    producer.close()
    return t0


def collect(settings: Settings, ids: set[str], timeout_s: float, on_count: dict[int, Any] | None = None) -> dict[str, Arrival]:
    """Read the enriched and dead-letter topics until every id is there; BenchFailed names the missing ones.

    ``on_count``: callbacks run when that many articles are out (RSS marks of the growth run).
    """
    from kafka import TopicPartition

    from streams.transport.clients import make_consumer

    consumer = make_consumer(settings)
    parts = [TopicPartition(t, p) for t in (settings.topic_enriched, settings.topic_deadletter)
             for p in sorted(consumer.partitions_for_topic(t) or ())]
    consumer.assign(parts)
    consumer.seek_to_beginning(*parts)
    out: dict[str, Arrival] = {}
    pending = dict(sorted((on_count or {}).items()))
    deadline = time.monotonic() + timeout_s
    try:
        while ids - out.keys() and time.monotonic() < deadline:
            for tp, messages in consumer.poll(timeout_ms=500).items():
                for m in messages:
                    _arrival(m, tp.topic == settings.topic_deadletter, ids, out)
            for n in [n for n in pending if n <= len(out)]:
                pending.pop(n)()
    finally:
        consumer.close()
    missing = ids - out.keys()
    if missing:
        raise BenchFailed(f"{len(missing)} of {len(ids)} articles never came out within {timeout_s:.0f}s "
                          f"(neither enriched nor dead-lettered), e.g. {sorted(missing)[:5]}")
    return out


def _arrival(m: Any, dead: bool, ids: set[str], out: dict[str, Arrival]) -> None:
    value = orjson.loads(m.value)
    if dead:
        article_id = value.get("article_id") or (m.key or b"").decode("utf-8", "replace")
        produced = None
    else:
        article_id = value["article_id"]
        ingested = value["processing"].get("ingested_at")
        produced = datetime.fromisoformat(ingested.replace("Z", "+00:00")).timestamp() if ingested else None
    if article_id in ids and article_id not in out:
        out[article_id] = Arrival(m.timestamp / 1000, produced, dead)


@dataclass
class ThroughputResult:
    workers: int
    articles: int
    seconds: float
    dead_letters: int
    peak_rss_mb: list[float]
    rss_at: list[dict[int, float]]
    parts_at: list[dict[int, dict[str, float]]]
    cpu_ms_per_article: dict[str, float]

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def throughput(cluster: Cluster, articles: list[dict[str, Any]], timeout_s: float,
               marks: tuple[int, ...] = ()) -> ThroughputResult:
    """Produce everything at once; time until the last article is out."""
    with Sampler([p.pid for p in cluster.procs]) as sampler:
        cpu0 = sampler.cpu_seconds()
        t0 = produce(cluster.settings, articles)
        arrivals = collect(cluster.settings, {a["id"] for a in articles}, timeout_s,
                           {n: (lambda n=n: sampler.mark(n)) for n in marks})
        cpu1 = sampler.cpu_seconds()
    seconds = max(a.broker_ts for a in arrivals.values()) - t0
    cpu = {k: (cpu1[k] - cpu0[k]) * 1000 / len(articles) for k in cpu0}
    return ThroughputResult(cluster.n, len(articles), seconds, sum(a.dead_letter for a in arrivals.values()),
                            [s.peak_rss_mb for s in sampler.samples], [s.rss_at for s in sampler.samples],
                            [s.parts_at for s in sampler.samples], cpu)


@dataclass
class LatencyResult:
    rate: float
    articles: int
    p50: float
    p95: float
    p99: float
    latencies: list[float] = field(repr=False, default_factory=list)


def latency(cluster: Cluster, articles: list[dict[str, Any]], rate: float, timeout_s: float) -> LatencyResult:
    """Offer ``articles`` at ``rate`` per second; quantiles of raw timestamp -> enriched record timestamp."""
    produce(cluster.settings, articles, rate=rate)
    arrivals = collect(cluster.settings, {a["id"] for a in articles}, timeout_s)
    values = sorted(a.broker_ts - a.produced_ts for a in arrivals.values() if a.produced_ts is not None)
    if not values:
        raise BenchFailed("no enriched record carried its raw message's timestamp")

    def q(p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))]

    return LatencyResult(rate, len(values), q(0.50), q(0.95), q(0.99), values)
