"""``streams demo``: the whole service on an embedded broker, with bundled sample articles."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from importlib import resources
from pathlib import Path

import orjson
from rich.console import Console

from streams.settings import Settings, field_env_name
from streams.transport.clients import make_consumer, make_producer
from streams.transport.embedded import EmbeddedBroker, EmbeddedBrokerUnavailable, free_port
from streams.transport.topics import ensure_topics

DEMO_TOPIC_PREFIX = "demo."
DEMO_TIMEOUT_S = 600.0
# Two malformed messages, to show that bad input is dead-lettered with its reason, not lost.
MALFORMED = [b'{"id": "demo-bad-json", "title": "truncated', b'{"id": "demo-no-body", "title": "An article without a body"}']


def bundled_samples() -> bytes:
    return resources.files("streams").joinpath("samples/articles.jsonl").read_bytes()


def settings_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMS_")}
    for name, value in settings.model_dump().items():
        env[field_env_name(name)] = str(value)
    return env


def run_demo(settings: Settings, *, broker_url: str | None, follow: bool, samples: Path | None, console: Console) -> int:
    broker: EmbeddedBroker | None = None
    worker: subprocess.Popen[bytes] | None = None
    try:
        if broker_url:
            # an explicit broker may be shared: never write samples into its real topics
            settings = settings.with_topic_prefix(DEMO_TOPIC_PREFIX).model_copy(
                update={"broker_url": broker_url, "group_id": "streams-demo"}
            )
        else:
            try:
                broker = EmbeddedBroker().start()
            except EmbeddedBrokerUnavailable as exc:
                console.print(f"[red]error:[/red] {exc}")
                return 1
            console.print(f"[yellow]embedded broker on {broker.url} (memory only, for development)[/yellow]")
            settings = settings.model_copy(update={"broker_url": broker.url, "group_id": "streams-demo"})
        settings = settings.model_copy(update={"metrics_port": free_port()})

        for status in ensure_topics(settings):
            console.print(f"  topic {status.describe()}", highlight=False)

        log_path = Path(tempfile.gettempdir()) / f"streams-demo-worker-{uuid.uuid4().hex[:8]}.log"
        log_file = log_path.open("wb")
        worker = subprocess.Popen(
            [sys.executable, "-m", "streams.cli.main", "worker", "--no-create-topics"],
            env=settings_env(settings), stdout=log_file, stderr=subprocess.STDOUT,
        )
        console.print(
            f"worker started (pid {worker.pid}); logs: {log_path}; metrics: http://127.0.0.1:{settings.metrics_port}/metrics"
        )

        lines = [ln for ln in (samples.read_bytes() if samples else bundled_samples()).split(b"\n") if ln.strip()]
        payloads = lines + MALFORMED
        consumer = make_consumer(settings, group_id=None, consumer_timeout_ms=1000)
        from kafka import TopicPartition

        parts = [
            TopicPartition(t, p)
            for t in (settings.topic_enriched, settings.topic_deadletter)
            for p in sorted(consumer.partitions_for_topic(t) or ())
        ]
        consumer.assign(parts)
        consumer.seek_to_end(*parts)
        for tp in parts:
            consumer.position(tp)  # fix the start before producing: only this run's outputs are shown

        producer = make_producer(settings)
        for payload in payloads:
            producer.send(settings.topic_raw, value=payload)
        producer.flush()
        producer.close()
        console.print(f"replayed {len(lines)} sample articles and {len(MALFORMED)} malformed messages to {settings.topic_raw}\n")

        from streams.cli.kafka_tools import describe

        seen = 0
        deadline = time.monotonic() + DEMO_TIMEOUT_S
        while follow or seen < len(payloads):
            if worker.poll() is not None:
                console.print(f"[red]error:[/red] the worker exited with code {worker.returncode}; see {log_path}")
                return 1
            if not follow and time.monotonic() > deadline:
                console.print(f"[red]error:[/red] only {seen} of {len(payloads)} outputs within {DEMO_TIMEOUT_S:.0f}s; see {log_path}")
                return 1
            for message in consumer:
                seen += 1
                console.print(describe(message.topic, orjson.loads(message.value)), highlight=False)
        consumer.close()
        console.print(f"\n[green]done:[/green] {seen} outputs for {len(payloads)} inputs (enriched or dead-lettered)")
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
        if broker is not None:
            broker.stop()
