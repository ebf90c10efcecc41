"""A real Prometheus server scrapes a running worker; its HTTP API returns the worker's numbers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from conftest import Stack, http_get

pytestmark = [pytest.mark.integration, pytest.mark.prometheus, pytest.mark.timeout(300)]

RULES = """rules:
  - id: rus-prk-military
    severity: high
    match: {roots: ["06", "07", "15", "18", "19"], dyad: [RUS, PRK], min_confidence: 0.5}
"""
# every metric the README lists (histograms by their _bucket series)
EXPECTED_METRICS = {
    "streams_articles_consumed_total", "streams_articles_enriched_total", "streams_articles_deadlettered_total",
    "streams_events_published_total", "streams_end_to_end_latency_seconds_bucket", "streams_stage_seconds_bucket",
    "streams_batch_size_bucket", "streams_publish_retries_total", "streams_assigned_partitions", "streams_model_loaded",
    "streams_build_info", "streams_alerts_published_total", "streams_alerts_suppressed_total", "streams_alert_hits_total",
    "streams_alert_errors_total", "streams_rules_reloads_total", "streams_rules_loaded", "streams_trends_published_total",
    "streams_trend_observations_dropped_total", "streams_event_loop_lag_seconds", "streams_consumer_lag",
}


def prometheus_binary() -> str:
    path = shutil.which("prometheus") or ("/usr/bin/prometheus" if Path("/usr/bin/prometheus").exists() else None)
    if path is None:
        reason = "the prometheus server binary is not installed (Debian/Ubuntu: apt-get install -y prometheus)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so this test must run")
        pytest.skip(reason)
    return path


@pytest.fixture
def prometheus(tmp_path: Path) -> Iterator[Callable[[int], str]]:
    """``start(metrics_port) -> base URL`` of a Prometheus scraping 127.0.0.1:metrics_port every second."""
    from streams.transport.embedded import free_port

    binary = prometheus_binary()
    procs: list[tuple[subprocess.Popen[bytes], Path]] = []

    def start(metrics_port: int) -> str:
        port = free_port()
        config = tmp_path / "prometheus.yml"
        config.write_text(
            "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
            "scrape_configs:\n"
            "  - job_name: streams\n"
            f"    static_configs: [{{targets: ['127.0.0.1:{metrics_port}']}}]\n",
            "utf-8",
        )
        log = tmp_path / "prometheus.log"
        proc = subprocess.Popen(
            [binary, f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'tsdb'}",
             f"--web.listen-address=127.0.0.1:{port}"],
            stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )
        procs.append((proc, log))
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"prometheus exited with {proc.returncode}:\n{log.read_text()[-3000:]}"
            try:
                if http_get(base + "/-/ready")[0] == 200:
                    return base
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"prometheus not ready within 30s:\n{log.read_text()[-3000:]}")

    yield start
    for proc, _ in procs:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def api(base: str, path: str, **params: str) -> Any:
    status, body = http_get(f"{base}{path}?{urllib.parse.urlencode(params)}")
    assert status == 200, body[:500]
    answer = json.loads(body)
    assert answer["status"] == "success", answer
    return answer["data"]


def test_prometheus_scrapes_the_worker(make_stack: Callable[..., Stack], prometheus: Callable[[int], str]) -> None:
    stack = make_stack()
    stack.env["STREAMS_TOPIC_TRENDS"] = f"{stack.prefix}.trends"
    rules = stack.tmp / "rules.yaml"
    rules.write_text(RULES, "utf-8")
    stack.env["STREAMS_RULES_FILE"] = str(rules)
    worker = stack.start_worker()
    base = prometheus(worker.metrics_port)

    p = stack.prefix
    articles = [
        {"id": f"{p}-1", "body": "North Korea supplies Russia with ammunition and missiles.", "published_at": "2024-06-19T08:00:00Z"},
        {"id": f"{p}-2", "body": "North Korea supplies Russia with artillery shells and rockets.", "published_at": "2024-06-19T08:01:00Z"},
    ]
    stack.send([(a["id"].encode(), orjson.dumps(a)) for a in articles] + [b'{"id": "broken", "body": '])
    stack.collect([stack.topic_enriched, stack.topic_deadletter], lambda ms: len(ms) >= 3, linger_s=0, what="3 outputs")

    # the counter as Prometheus stored it from its scrapes of /metrics
    value, data = None, None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        data = api(base, "/api/v1/query", query="streams_articles_consumed_total")
        if data["result"]:
            value = float(data["result"][0]["value"][1])
            if value == 3:
                break
        time.sleep(0.5)
    assert value == 3, f"Prometheus query answered {data}; targets: {api(base, '/api/v1/targets')}"
    assert data is not None and data["result"][0]["metric"]["job"] == "streams"

    # every documented metric is scraped
    names: set[str] = set()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        names = set(api(base, "/api/v1/label/__name__/values"))
        if names >= EXPECTED_METRICS:
            break
        time.sleep(0.5)
    assert names >= EXPECTED_METRICS, f"not scraped: {sorted(EXPECTED_METRICS - names)}"

    def scalar(q: str, expected: float) -> None:
        got: list[float] = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            got = [float(r["value"][1]) for r in api(base, "/api/v1/query", query=q)["result"]]
            if got == [expected]:
                return
            time.sleep(0.5)
        raise AssertionError(f"{q} = {got}, expected {expected}.\n{worker.describe()}")

    scalar('sum(streams_alerts_published_total{rule_id="rus-prk-military",severity="high"})', 1)
    scalar('sum(streams_alerts_suppressed_total{rule_id="rus-prk-military"})', 1)
    scalar('sum(streams_articles_deadlettered_total{error="invalid_json"})', 1)
    scalar('sum(streams_articles_enriched_total)', 2)
    scalar(f'count(streams_consumer_lag{{topic="{stack.topic_raw}"}})', 2)
    assert worker.stop() == 0, worker.describe()
