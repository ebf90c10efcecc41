"""Alerts and trends end to end: rule file, real broker, real model, worker subprocesses, outputs read back from Kafka."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable
from typing import Any

import orjson
import pytest
from conftest import Stack, Worker, assert_valid, explain, schema_validator
from prometheus_client.parser import text_string_to_metric_families

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

RUS_PRK_RULE = """
  - id: rus-prk-military
    severity: high
    throttle: 10m
    match:
      roots: ["06", "07", "15", "18", "19"]
      dyad: [RUS, PRK]
      min_confidence: 0.5
"""
PRK_SPIKE_RULE = """
  - id: prk-spike
    severity: medium
    spike: {country: PRK, window: 1h, baseline_windows: 2, factor: 3, min_count: 4}
"""
SUPPLY_BODIES = [
    "North Korea sent artillery shells to Russia, South Korean officials said.",
    "North Korea supplies Russia with artillery shells and rockets.",
    "North Korea supplies Russia with tanks and drones, officials said.",
]
PRK_ONLY_BODIES = [
    "North Korea fired 3 ballistic missiles into the sea, the military said.",
    "North Korea launched a spy satellite on Friday.",
    "North Korean state media reported a parade in Pyongyang.",
    "Kim Jong Un visited a factory in North Korea.",
]
ALERT_RESULT_TIMEOUT_S = 30.0


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def alert_stack(make_stack: Callable[..., Stack], rules: str | None, **env: str) -> Stack:
    """A stack with its own trends topic and (if given) a rule file in its tmp directory."""
    stack = make_stack(STREAMS_TREND_WINDOW="1h", **env)
    stack.env["STREAMS_TOPIC_TRENDS"] = f"{stack.prefix}.trends"
    if rules is not None:
        path = stack.tmp / "rules.yaml"
        path.write_text("rules:\n" + rules, "utf-8")
        stack.env["STREAMS_RULES_FILE"] = str(path)
    return stack


def article(stack: Stack, name: str, body: str, published_at: str) -> tuple[bytes, bytes]:
    article_id = f"{stack.prefix}-{name}"
    value = {"id": article_id, "title": f"Story {name}", "body": body, "source": "test-wire",
             "url": f"https://example.com/{stack.prefix}/{name}", "published_at": published_at}
    return article_id.encode(), orjson.dumps(value)


def alerts_of(messages: list[Any], rule_id: str | None = None) -> list[dict[str, Any]]:
    out = [orjson.loads(m.value) for m in messages]
    return [a for a in out if rule_id is None or a["rule_id"] == rule_id]


def start_worker_process(stack: Stack) -> Worker:
    """Start a worker of the stack without waiting for /readyz."""
    from streams.transport.embedded import free_port

    port = free_port()
    worker = Worker({**stack.env, "STREAMS_METRICS_PORT": str(port)}, stack.tmp / f"worker-{len(stack.workers) + 1}.log", port)
    stack.workers.append(worker)
    return worker


def metric_values(worker: Worker) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    status, raw = worker.get("/metrics")
    assert status == 200, raw[:300]
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(raw.decode())
        for s in family.samples
    }


def wait_metric(workers: list[Worker], name: str, labels: dict[str, str], expected: float, timeout_s: float = 30.0) -> None:
    """Wait until the sum of a metric over ``workers`` equals ``expected``."""
    key = (name, tuple(sorted(labels.items())))
    total = 0.0
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        total = sum(metric_values(w).get(key, 0.0) for w in workers)
        if total == expected:
            return
        time.sleep(0.3)
    logs = "\n".join(w.describe() for w in workers)
    raise AssertionError(f"{name}{labels} is {total}, expected {expected} within {timeout_s:.0f}s\n{logs}")


def suppressed(workers: list[Worker], rule_id: str, expected: float) -> None:
    wait_metric(workers, "streams_alerts_suppressed_total", {"rule_id": rule_id}, expected)


# --------------------------------------------------------------------------------------------
# 1. articles in, alerts and trends out: first hit at once, throttling, spike, trends, CLI
# --------------------------------------------------------------------------------------------
def test_rules_turn_articles_into_alerts_and_trends(make_stack: Callable[..., Stack]) -> None:
    stack = alert_stack(make_stack, RUS_PRK_RULE + PRK_SPIKE_RULE)
    alerts_topic, trends_topic = stack.env["STREAMS_TOPIC_ALERTS"], stack.env["STREAMS_TOPIC_TRENDS"]
    validator = schema_validator("alerts.schema.json")
    worker = stack.start_worker()

    # North Korea supplies Russia: one rus-prk-military alert, within seconds
    t0 = time.monotonic()
    stack.send([article(stack, "a1", SUPPLY_BODIES[0], "2024-06-19T08:00:00Z")])
    first = stack.collect([alerts_topic], lambda ms: len(ms) >= 1, timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=0,
                          what="the first rus-prk-military alert")
    elapsed = time.monotonic() - t0
    alert = orjson.loads(first[0].value)
    assert first[0].key == b"rus-prk-military", "alerts are keyed by rule id"
    assert alert["rule_id"] == "rus-prk-military" and alert["severity"] == "high" and alert["kind"] == "event"
    assert alert["article_ids"] == [f"{stack.prefix}-a1"] and alert["urls"] == [f"https://example.com/{stack.prefix}/a1"]
    assert alert["suppressed_count"] == 0 and alert["time"] == "2024-06-19T08:00:00.000Z"
    assert alert["summary"].startswith("RUS|PRK 072") and "North Korea -> Russia" in alert["summary"], alert["summary"]
    assert [(e["code"], e["source"]["country"], e["target"]["country"]) for e in alert["events"]] == [("072", "PRK", "RUS")]
    assert_valid(validator, alert)
    print(f"first alert {elapsed:.1f}s after the article was produced")

    # a second supply story 5 minutes later (the articles' clock): within the 10m throttle, counted, not published
    stack.send([article(stack, "a2", SUPPLY_BODIES[1], "2024-06-19T08:05:00Z")])
    suppressed([worker], "rus-prk-military", 1)
    # 20 minutes after the first alert: published, carrying the suppressed count
    stack.send([article(stack, "a3", SUPPLY_BODIES[2], "2024-06-19T08:20:00Z")])
    messages = stack.collect([alerts_topic], lambda ms: len(ms) >= 2, timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=1.0,
                             what="the second rus-prk-military alert")
    rus_prk = alerts_of(messages, "rus-prk-military")
    assert [(a["article_ids"], a["suppressed_count"]) for a in rus_prk] == [
        ([f"{stack.prefix}-a1"], 0), ([f"{stack.prefix}-a3"], 1)], rus_prk
    assert not alerts_of(messages, "prk-spike"), "3 PRK articles in the hour: below min_count 4"

    # a burst of four PRK stories the next day: one prk-spike alert with the window's count and baseline
    burst = [article(stack, f"b{i}", body, f"2024-06-20T10:0{i}:00Z") for i, body in enumerate(PRK_ONLY_BODIES)]
    stack.send(burst)
    messages = stack.collect([alerts_topic], lambda ms: len(alerts_of(ms, "prk-spike")) >= 1,
                             timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=3.0, what="the prk-spike alert")
    spikes = alerts_of(messages, "prk-spike")
    assert len(spikes) == 1, spikes
    spike = spikes[0]
    assert spike["kind"] == "spike" and spike["severity"] == "medium" and spike["throttle_key"] == "prk-spike|country:PRK"
    assert spike["window"] == {"start": "2024-06-20T10:00:00.000Z", "end": "2024-06-20T11:00:00.000Z", "count": 4,
                               "baseline": 0.0}
    assert sorted(spike["article_ids"]) == sorted(k.decode() for k, _ in burst)
    assert len(alerts_of(messages, "rus-prk-military")) == 2
    for a in alerts_of(messages):
        assert_valid(validator, a)

    # trends: the burst's first article closed the hour of a1..a3 for country:PRK (3 articles)
    trends = stack.collect([trends_topic], lambda ms: any(m.key == b"country:PRK" for m in ms),
                           timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=1.0, what="the country:PRK trend window")
    prk = [orjson.loads(m.value) for m in trends if m.key == b"country:PRK"]
    assert prk == [{"schema_version": 1, "key": "country:PRK", "kind": "country", "window": "1h",
                    "window_start": "2024-06-19T08:00:00.000Z", "window_end": "2024-06-19T09:00:00.000Z", "count": 3}]
    dyads = {m.key: orjson.loads(m.value)["count"] for m in trends if b"|" in (m.key or b"")}
    assert dyads == {}, "no dyad had a later window yet"

    values = metric_values(worker)
    assert values[("streams_alerts_published_total", (("rule_id", "rus-prk-military"), ("severity", "high")))] == 2
    assert values[("streams_alerts_published_total", (("rule_id", "prk-spike"), ("severity", "medium")))] == 1
    assert values[("streams_rules_loaded", ())] == 2

    # `streams alerts` tails the alerts topic readably, and as JSON
    result = stack.cli("alerts", "--from-beginning", "--limit", "3", "--timeout", "10")
    assert result.returncode == 0, explain(result)
    lines = [ln for ln in result.stdout.splitlines() if re.match(r"\d+@\d+ ", ln)]
    assert len(lines) == 3, result.stdout
    assert f"https://example.com/{stack.prefix}/a3" in result.stdout, "the alert's article url"
    assert any("HIGH" in ln and "rus-prk-military" in ln and "RUS|PRK 072" in ln and "(+1 suppressed)" in ln for ln in lines), result.stdout
    assert any("MEDIUM" in ln and "prk-spike" in ln and "PRK mentions spiked: 4 in 1h" in ln for ln in lines), result.stdout
    result = stack.cli("alerts", "--from-beginning", "--limit", "3", "--json", "--timeout", "10")
    assert result.returncode == 0, explain(result)
    assert sorted(orjson.loads(ln)["rule_id"] for ln in result.stdout.splitlines()) == [
        "prk-spike", "rus-prk-military", "rus-prk-military"]

    assert worker.stop() == 0, worker.describe()


def test_a_broken_rule_file_stops_the_worker_at_start_up(make_stack: Callable[..., Stack]) -> None:
    stack = alert_stack(make_stack, RUS_PRK_RULE.replace("severity: high", "severity: urgent"))
    result = stack.cli("worker", timeout=60)
    assert result.returncode == 2, explain(result)
    assert "rule 'rus-prk-military' (#1): severity: 'urgent' is not one of low, medium, high, critical" in result.stderr, (
        explain(result))
    assert "model loaded" not in result.stderr, "the rule file is checked before the model is loaded"


# --------------------------------------------------------------------------------------------
# 2. the throttle state survives a restart (changelog recovery)
# --------------------------------------------------------------------------------------------
def test_throttle_state_survives_a_restart(make_stack: Callable[..., Stack]) -> None:
    stack = alert_stack(make_stack, RUS_PRK_RULE)
    alerts_topic = stack.env["STREAMS_TOPIC_ALERTS"]
    first = stack.start_worker()
    stack.send([article(stack, "a1", SUPPLY_BODIES[0], "2024-06-19T08:00:00Z")])
    stack.collect([alerts_topic], lambda ms: len(ms) >= 1, timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=0, what="the first alert")
    assert first.stop() == 0, first.describe()

    second = stack.start_worker()  # same group: recovers the alert-state table from its changelog
    stack.send([article(stack, "a2", SUPPLY_BODIES[1], "2024-06-19T08:05:00Z")])
    suppressed([second], "rus-prk-military", 1)
    stack.send([article(stack, "a3", SUPPLY_BODIES[2], "2024-06-19T08:20:00Z")])
    messages = stack.collect([alerts_topic], lambda ms: len(ms) >= 2, timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=2.0,
                             what="the alert after the throttle window")
    assert [(a["article_ids"], a["suppressed_count"]) for a in alerts_of(messages)] == [
        ([f"{stack.prefix}-a1"], 0), ([f"{stack.prefix}-a3"], 1)], (alerts_of(messages), stack.worker_logs())
    assert second.stop() == 0, second.describe()


# --------------------------------------------------------------------------------------------
# 3. two workers, one group: hits of one dyad from different input partitions make one alert
# --------------------------------------------------------------------------------------------
def test_two_workers_throttle_one_dyad_together(make_stack: Callable[..., Stack]) -> None:
    from streams.transport.clients import make_producer

    stack = alert_stack(make_stack, RUS_PRK_RULE, STREAMS_PARTITIONS="2")
    alerts_topic = stack.env["STREAMS_TOPIC_ALERTS"]
    workers = [start_worker_process(stack) for _ in range(2)]  # both load the model at once
    for w in workers:
        w.wait_ready()
    deadline = time.monotonic() + 40
    while [metric_values(w).get(("streams_assigned_partitions", ())) for w in workers] != [1.0, 1.0]:
        assert time.monotonic() < deadline, f"the two workers did not split the partitions.\n{stack.worker_logs()}"
        time.sleep(0.5)

    producer = make_producer(stack.settings)
    try:
        for partition, (name, body) in enumerate([("a1", SUPPLY_BODIES[0]), ("a2", SUPPLY_BODIES[1])]):
            key, value = article(stack, name, body, "2024-06-19T08:00:00Z")
            producer.send(stack.topic_raw, key=key, value=value, partition=partition).get(timeout=30)
    finally:
        producer.close()

    suppressed(workers, "rus-prk-military", 1)
    messages = stack.collect([alerts_topic], lambda ms: len(ms) >= 1, timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=3.0,
                             what="the rus-prk-military alert")
    assert len(alerts_of(messages)) == 1, alerts_of(messages)
    # each worker enriched one of the two articles: the hits really came from two processes
    consumed = [metric_values(w).get(("streams_articles_consumed_total", ()), 0.0) for w in workers]
    assert consumed == [1.0, 1.0], consumed
    for w in workers:
        assert w.stop() == 0, w.describe()


# --------------------------------------------------------------------------------------------
# 4. SIGHUP reloads the rule file; a broken file keeps the old rules
# --------------------------------------------------------------------------------------------
def test_sighup_reloads_the_rules(make_stack: Callable[..., Stack]) -> None:
    stack = alert_stack(make_stack, RUS_PRK_RULE)
    alerts_topic = stack.env["STREAMS_TOPIC_ALERTS"]
    rules_path = stack.tmp / "rules.yaml"
    worker = stack.start_worker()

    rules_path.write_text("rules:\n  - id: prk-to-rus\n    severity: low\n    throttle: 0s\n"
                          "    match: {roots: ['07'], source: PRK, target: RUS}\n", "utf-8")
    worker.process.send_signal(signal.SIGHUP)
    wait_metric([worker], "streams_rules_reloads_total", {"result": "ok"}, 1)
    stack.send([article(stack, "a1", SUPPLY_BODIES[0], "2024-06-19T08:00:00Z")])
    stack.collect([alerts_topic], lambda ms: len(ms) >= 1, timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=0,
                  what="an alert of the reloaded rule")

    rules_path.write_text("rules:\n  - id: prk-to-rus\n    severity: urgent\n    match: {roots: ['07']}\n", "utf-8")
    worker.process.send_signal(signal.SIGHUP)
    wait_metric([worker], "streams_rules_reloads_total", {"result": "error"}, 1)
    assert worker.process.poll() is None, "a broken rule file must not stop a running worker"
    assert "'urgent' is not one of low, medium, high, critical" in worker.log_tail(200), worker.describe()
    stack.send([article(stack, "a2", SUPPLY_BODIES[1], "2024-06-19T08:01:00Z")])  # the previous rules still apply

    messages = stack.collect([alerts_topic], lambda ms: len(ms) >= 2, timeout_s=ALERT_RESULT_TIMEOUT_S, linger_s=2.0,
                             what="two alerts of the reloaded rule")
    assert [(a["rule_id"], a["article_ids"]) for a in alerts_of(messages)] == [
        ("prk-to-rus", [f"{stack.prefix}-a1"]), ("prk-to-rus", [f"{stack.prefix}-a2"])], alerts_of(messages)
    assert worker.stop() == 0, worker.describe()


# --------------------------------------------------------------------------------------------
# 5. consumer lag per partition while a backlog exists, back to 0 once processed
# --------------------------------------------------------------------------------------------
def test_consumer_lag_gauge(make_stack: Callable[..., Stack]) -> None:
    stack = alert_stack(make_stack, None, STREAMS_BATCH_SIZE="1")
    n = 400  # at batch size 1: several seconds of work, so several 2 s lag measurements see it
    run_cli_result = stack.cli("topics", "create")
    assert run_cli_result.returncode == 0, explain(run_cli_result)
    stack.send([article(stack, f"x{i}", PRK_ONLY_BODIES[i % 4], "2024-06-19T08:00:00Z") for i in range(n)])

    worker = start_worker_process(stack)
    raw_lag = 0.0
    seen: list[float] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert worker.process.poll() is None, worker.describe()
        try:
            values = metric_values(worker)
        except OSError:
            time.sleep(0.2)
            continue
        raw_lag = sum(v for (name, labels), v in values.items()
                      if name == "streams_consumer_lag" and ("topic", stack.topic_raw) in labels)
        if any(name == "streams_consumer_lag" and ("topic", stack.topic_raw) in labels for name, labels in values):
            seen.append(raw_lag)
        if values.get(("streams_articles_consumed_total", ()), 0) >= n and seen and seen[-1] == 0:
            break
        time.sleep(0.2)
    print(f"raw-topic lag samples: {seen}")
    assert seen, f"no streams_consumer_lag sample for {stack.topic_raw}.\n{worker.describe()}"
    assert max(seen) > 0, f"the lag never showed the backlog of {n} articles: {seen}"
    assert max(seen) <= n
    assert seen[-1] == 0, f"the lag did not return to 0 after the backlog was processed: {seen[-5:]}"
    values = metric_values(worker)
    partitions = {dict(labels)["partition"] for (name, labels) in values
                  if name == "streams_consumer_lag" and ("topic", stack.topic_raw) in labels}
    assert partitions == {"0", "1"}, "one series per assigned input partition"
    assert ("streams_event_loop_lag_seconds", ()) in values
    assert worker.stop() == 0, worker.describe()
