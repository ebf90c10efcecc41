"""Clear errors at every door: each command meeting an unreachable broker, a missing file or bad input
says what failed and what to do in one line, exits non-zero, and shows no traceback.

The unreachable broker is a closed local port (127.0.0.1:1). The commands run as
subprocesses, all at once (each waits seconds for the broker), so the module takes
about as long as its slowest command.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import clean_env

UNREACHABLE = "127.0.0.1:1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


BUSY_PORT = _free_port()
NO_BROKER = f"cannot reach the broker at {UNREACHABLE} (STREAMS_BROKER_URL): is it running?"


@dataclass
class Door:
    args: list[str]
    expected: str  # in stderr
    env: dict[str, str]
    one_line: bool = True
    code: int = 1


@dataclass
class Outcome:
    door: Door
    returncode: int
    stdout: str
    stderr: str

    def explain(self) -> str:
        return f"`streams {' '.join(self.door.args)}` exited {self.returncode}\n--- stdout ---\n{self.stdout[-2000:]}\n--- stderr ---\n{self.stderr[-3000:]}"


def doors(tmp: Path) -> dict[str, Door]:
    articles = tmp / "articles.jsonl"
    articles.write_bytes(b'{"id": "a1", "body": "Putin visited Pyongyang."}\n')
    huge = tmp / "huge.jsonl"
    big_line = b'{"id": "big", "body": "' + b"x" * 2_200_000 + b'"}'
    huge.write_bytes(b'{"id": "ok", "body": "x"}\n' + big_line + b"\n")
    broker = {"STREAMS_BROKER_URL": UNREACHABLE}
    # a model that does not exist: a worker that loaded it before probing the broker would say so instead
    worker = {**broker, "STREAMS_METRICS_PORT": "0", "STREAMS_MODEL": "no_such_model_installed"}
    return {
        "tail": Door(["tail", "articles.enriched", "--timeout", "1"], f"error: cannot read articles.enriched: {NO_BROKER}", broker),
        "alerts": Door(["alerts", "--timeout", "1"], f"error: cannot read the alerts (alerts, STREAMS_TOPIC_ALERTS): {NO_BROKER}", broker),
        "worker": Door(["worker"], f"error: streams worker: {NO_BROKER}", worker),
        "worker-no-create-topics": Door(["worker", "--no-create-topics"], f"error: streams worker: {NO_BROKER}", worker),
        "topics-create": Door(["topics", "create"], f"error: cannot create topics: {NO_BROKER}", broker),
        "produce": Door(["produce", str(articles)], f"error: producing {articles} to articles.raw failed: {NO_BROKER}", broker),
        "produce-tls": Door(["produce", str(articles)],
                            f"cannot reach the broker at {UNREACHABLE} (STREAMS_BROKER_URL): is it running, and does it speak SSL "
                            "on that port (STREAMS_SECURITY_PROTOCOL)?", {**broker, "STREAMS_SECURITY_PROTOCOL": "SSL"}),
        "produce-missing-file": Door(["produce", str(tmp / "nope.jsonl")], f"error: {tmp / 'nope.jsonl'}: no such file", broker),
        "produce-directory": Door(["produce", str(tmp)], f"error: {tmp}: is a directory, not a file", broker),
        "produce-line-too-large": Door(["produce", str(huge)], f"line 2 of {huge} is {len(big_line):,} bytes, over the producers' limit of "
                                       "2,000,000 bytes (twice STREAMS_MAX_MESSAGE_BYTES); nothing was sent", broker),
        "enrich-directory": Door(["enrich", str(tmp), "-o", str(tmp / "out.jsonl")], f"error: {tmp}: is a directory, not a file", {}),
        "demo-missing-samples": Door(["demo", "--samples", str(tmp / "nope.jsonl")], f"error: {tmp / 'nope.jsonl'}: no such file (--samples)", {}),
        "scram-without-password": Door(["tail", "x"], "STREAMS_SASL_PASSWORD: SASL/SCRAM-SHA-512 needs a password",
                                       {"STREAMS_SASL_USERNAME": "svc", "STREAMS_SASL_MECHANISM": "SCRAM-SHA-512"}, one_line=False, code=2),
        "missing-ca-file": Door(["worker"], f"STREAMS_SSL_CAFILE={tmp / 'ca.pem'}: no such file",
                                {"STREAMS_SSL_CAFILE": str(tmp / "ca.pem")}, one_line=False, code=2),
        "broker-port-in-use": Door(["broker", "--port", str(BUSY_PORT)], f"error: port {BUSY_PORT} on 127.0.0.1 is in use", {}),
        "bad-limit": Door(["tail", "x", "--limit", "0"], "Invalid value for '--limit'", broker, one_line=False, code=2),
    }


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    tmp = tmp_path_factory.mktemp("doors")
    busy = socket.socket()  # a port in use, for `streams broker`
    busy.bind(("127.0.0.1", BUSY_PORT))
    busy.listen()
    started = {}
    for name, door in doors(tmp).items():
        started[name] = (door, subprocess.Popen(
            [sys.executable, "-m", "streams.cli.main", *door.args], env=clean_env(**door.env), cwd=tmp,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="backslashreplace"))
    results = {}
    try:
        for name, (door, process) in started.items():
            try:
                stdout, stderr = process.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
                stdout, stderr = process.communicate()
                stderr += "\n(killed after 120 s)"
            results[name] = Outcome(door, process.returncode, stdout, stderr)
        yield results
    finally:
        busy.close()
        for _, process in started.values():
            if process.poll() is None:
                process.kill()


@pytest.mark.parametrize("name", [
    "tail", "alerts", "worker", "worker-no-create-topics", "topics-create", "produce", "produce-tls", "produce-missing-file",
    "produce-directory", "produce-line-too-large", "enrich-directory", "demo-missing-samples", "scram-without-password",
    "missing-ca-file", "broker-port-in-use", "bad-limit",
])
def test_door(name: str, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[name]
    assert outcome.returncode == outcome.door.code, outcome.explain()
    assert outcome.door.expected in outcome.stderr, outcome.explain()
    assert "Traceback" not in outcome.stderr + outcome.stdout, outcome.explain()
    if outcome.door.one_line:
        lines = [line for line in outcome.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, outcome.explain()


def test_the_worker_probes_the_broker_before_loading_the_model(outcomes: dict[str, Outcome]) -> None:
    for name in ("worker", "worker-no-create-topics"):
        outcome = outcomes[name]
        assert "no_such_model_installed" not in outcome.stderr, outcome.explain()
        assert NO_BROKER in outcome.stderr, outcome.explain()
