#!/usr/bin/env python3
"""Forward alerts from the ``alerts`` topic to a webhook, at least once.

    python examples/webhook_forwarder.py --webhook https://hooks.example.org/streams --min-severity high

A consumer group reads the topic (run several copies with the same --group to share
its partitions). Each alert at or above --min-severity is POSTed as JSON (the
message's bytes as published) to the webhook; the offset is committed only after a
2xx answer. Failures are retried with exponential backoff (Retry-After honoured);
after --max-attempts failed attempts the forwarder logs the failure and exits with
status 1 *without* committing, so the alert is delivered again after a restart
instead of being skipped. Delivery is at-least-once: the ``Idempotency-Key`` header
carries the alert's ``alert_id`` so the receiver can drop duplicates.

Settings: command-line options, else environment variables: STREAMS_BROKER_URL and
STREAMS_TOPIC_ALERTS (shared with the streams service), STREAMS_SASL_USERNAME and
STREAMS_SASL_PASSWORD, and the forwarder's own ALERTS_WEBHOOK_URL, ALERTS_GROUP_ID,
ALERTS_MIN_SEVERITY (not STREAMS_*: the streams commands refuse STREAMS_* variables
they do not know).

Only the standard library and kafka-python (2.3) are needed; the streams package is not.
Exit status: 0 after SIGTERM/SIGINT (or --exit-when-idle), 1 when an alert could not
be delivered, 2 for invalid options.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any

SEVERITIES = ("low", "medium", "high", "critical")
USER_AGENT = "streams-webhook-forwarder/1"
log = logging.getLogger("webhook_forwarder")


# --------------------------------------------------------------------------------------------
# settings
# --------------------------------------------------------------------------------------------
def bootstrap_servers(url: str) -> list[str]:
    """``kafka://a:9092;b:9092`` or ``a:9092,b:9092`` -> ``["a:9092", "b:9092"]`` (as STREAMS_BROKER_URL)."""
    hosts = []
    for part in url.replace(";", ",").split(","):
        part = part.strip().rstrip("/")
        if not part:
            continue
        if "://" in part:
            scheme, _, part = part.partition("://")
            if scheme not in {"kafka", "tcp"}:
                raise ValueError(f"unsupported scheme {scheme!r} in {url!r} (use kafka://host:port)")
        host, sep, port = part.rpartition(":")
        if not sep or not host or not port.isdigit():
            raise ValueError(f"{part!r} in {url!r} is not host:port")
        hosts.append(f"{host}:{port}")
    if not hosts:
        raise ValueError(f"no broker address in {url!r}")
    return hosts


def parse_header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not 'Name: value'")
    return name.strip(), value.strip()


def positive(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be greater than 0")
        return value
    return parse


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    env = os.environ
    p = argparse.ArgumentParser(
        description="Forward alerts from the streams `alerts` topic to a webhook (at least once; commits after a 2xx).",
        epilog="Environment: STREAMS_BROKER_URL, STREAMS_TOPIC_ALERTS, STREAMS_SASL_USERNAME/PASSWORD, "
               "ALERTS_WEBHOOK_URL, ALERTS_GROUP_ID, ALERTS_MIN_SEVERITY. Exit status: 0 stopped, 1 delivery failed, 2 bad options.",
    )
    p.add_argument("--broker", default=env.get("STREAMS_BROKER_URL", "kafka://localhost:9092"),
                   help="bootstrap servers, kafka://host:port (several separated by ';' or ','); default $STREAMS_BROKER_URL or %(default)s")
    p.add_argument("--topic", default=env.get("STREAMS_TOPIC_ALERTS", "alerts"), help="alerts topic (default %(default)s)")
    p.add_argument("--group", default=env.get("ALERTS_GROUP_ID", "alerts-webhook"), help="consumer group (default %(default)s)")
    p.add_argument("--webhook", default=env.get("ALERTS_WEBHOOK_URL"), help="URL to POST each alert to (or $ALERTS_WEBHOOK_URL); required")
    p.add_argument("--min-severity", choices=SEVERITIES, default=env.get("ALERTS_MIN_SEVERITY", "low"),
                   help="forward alerts of this severity and above (default %(default)s); the others are committed and skipped")
    p.add_argument("--header", action="append", type=parse_header, default=[], metavar="'NAME: VALUE'",
                   help="extra HTTP header, e.g. 'Authorization: Bearer …' (repeatable; never logged)")
    p.add_argument("--max-attempts", type=positive(int), default=5, help="attempts per alert before giving up and exiting 1 (default %(default)s)")
    p.add_argument("--backoff", type=positive(float), default=1.0, help="first retry delay in seconds, doubled each retry (default %(default)s)")
    p.add_argument("--max-backoff", type=positive(float), default=60.0, help="longest retry delay in seconds (default %(default)s)")
    p.add_argument("--timeout", type=positive(float), default=10.0, help="HTTP timeout per attempt in seconds (default %(default)s)")
    p.add_argument("--offset-reset", choices=("earliest", "latest"), default="earliest",
                   help="where a new consumer group starts (default %(default)s, as every streams consumer)")
    p.add_argument("--exit-when-idle", type=positive(float), default=None, metavar="SECONDS",
                   help="exit 0 after this long without a message (for batch runs and tests)")
    p.add_argument("--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    args = p.parse_args(argv)
    if args.min_severity not in SEVERITIES:
        p.error(f"--min-severity (or ALERTS_MIN_SEVERITY): {args.min_severity!r} is not one of {', '.join(SEVERITIES)}")
    if not args.webhook:
        p.error("--webhook (or ALERTS_WEBHOOK_URL) is required")
    if urllib.parse.urlsplit(args.webhook).scheme not in {"http", "https"}:
        p.error(f"--webhook: {safe_url(args.webhook)!r} is not an http(s) URL")
    try:
        args.bootstrap_servers = bootstrap_servers(args.broker)
    except ValueError as exc:
        p.error(f"--broker: {exc}")
    return args


def safe_url(url: str) -> str:
    """Scheme and host only: webhook paths and queries often hold secrets (e.g. Slack's)."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or '?'}{f':{parts.port}' if parts.port else ''}/…"


# --------------------------------------------------------------------------------------------
# delivery
# --------------------------------------------------------------------------------------------
class DeliveryFailed(Exception):
    """The webhook did not accept the alert after every attempt."""


class Stopped(Exception):
    """Shutdown was requested while waiting to retry."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would turn a redirected POST into a GET without the body and report success.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, str | None]:
    """POST ``body``; ``(status, Retry-After)``. Network errors raise OSError (URLError, timeouts)."""
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(65536)
            return response.status, None
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, exc.headers.get("Retry-After") if exc.headers else None
        finally:
            exc.close()


def retry_delay(attempt: int, backoff: float, max_backoff: float, retry_after: str | None) -> float:
    """Delay before attempt ``attempt + 1``: backoff x 2^(attempt-1), or Retry-After (seconds), capped."""
    delay = backoff * 2 ** (attempt - 1)
    if retry_after and retry_after.strip().isdigit():
        delay = max(delay, float(retry_after))
    return min(delay, max_backoff)


def deliver(
    url: str, body: bytes, headers: dict[str, str], *, max_attempts: int, backoff: float, max_backoff: float,
    timeout: float, wait: Callable[[float], bool], what: str = "alert",
) -> int:
    """POST until a 2xx answer; the number of attempts it took.

    ``wait(seconds)`` sleeps between attempts and returns True when shutdown was
    requested (raises :class:`Stopped`). Raises :class:`DeliveryFailed` after
    ``max_attempts`` failures.
    """
    problem = "?"
    for attempt in range(1, max_attempts + 1):
        retry_after = None
        try:
            status, retry_after = post(url, body, headers, timeout)
            if 200 <= status < 300:
                return attempt
            problem = f"HTTP {status}"
        except OSError as exc:  # URLError, timeouts, connection resets
            problem = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
        if attempt == max_attempts:
            break
        delay = retry_delay(attempt, backoff, max_backoff, retry_after)
        log.warning("%s: attempt %d/%d failed (%s); retrying in %.1fs", what, attempt, max_attempts, problem, delay)
        if wait(delay):
            raise Stopped(what)
    raise DeliveryFailed(f"{what}: not delivered to {safe_url(url)} after {max_attempts} attempts (last: {problem})")


def should_forward(alert: dict[str, Any], min_severity: str) -> bool:
    """At or above ``min_severity``; an unknown severity is forwarded (better noisy than silent)."""
    severity = alert.get("severity")
    if severity not in SEVERITIES:
        return True
    return SEVERITIES.index(severity) >= SEVERITIES.index(min_severity)


# --------------------------------------------------------------------------------------------
# the consumer loop
# --------------------------------------------------------------------------------------------
def make_consumer(args: argparse.Namespace) -> Any:
    from kafka import KafkaConsumer

    config: dict[str, Any] = {
        "bootstrap_servers": args.bootstrap_servers,
        "group_id": args.group,
        "enable_auto_commit": False,
        "auto_offset_reset": args.offset_reset,
        "max_poll_records": 10,
        # a batch may take max_poll_records x the worst delivery time; stay in the group meanwhile
        "max_poll_interval_ms": int(max(300.0, 10 * args.max_attempts * (args.timeout + args.max_backoff)) * 1000),
        "client_id": "streams-webhook-forwarder",
    }
    user = os.environ.get("STREAMS_SASL_USERNAME")
    if user:
        config.update(security_protocol="SASL_PLAINTEXT", sasl_mechanism="PLAIN", sasl_plain_username=user,
                      sasl_plain_password=os.environ.get("STREAMS_SASL_PASSWORD", ""))
    consumer = KafkaConsumer(**config)
    consumer.subscribe([args.topic])
    return consumer


def commit(consumer: Any, record: Any) -> None:
    from kafka import TopicPartition
    from kafka.structs import OffsetAndMetadata

    tp = TopicPartition(record.topic, record.partition)
    consumer.commit({tp: OffsetAndMetadata(record.offset + 1, "", -1)})


def handle(record: Any, args: argparse.Namespace, headers: dict[str, str], wait: Callable[[float], bool]) -> None:
    """Deliver one message (or decide to skip it); raises DeliveryFailed or Stopped."""
    where = f"{record.topic}[{record.partition}]@{record.offset}"
    try:
        alert = json.loads(record.value)
        if not isinstance(alert, dict):
            raise ValueError("not a JSON object")
    except (ValueError, TypeError) as exc:
        # Not an alert at all (the streams worker writes JSON objects only): it cannot be
        # delivered now or later, so it is skipped, loudly, rather than stalling the partition.
        log.error("%s: skipping a message that is not an alert (%s)", where, exc)
        return
    what = f"alert {alert.get('alert_id', '?')} (rule {alert.get('rule_id', '?')}, {where})"
    if not should_forward(alert, args.min_severity):
        log.debug("%s: severity %s below %s, skipped", what, alert.get("severity"), args.min_severity)
        return
    request_headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers}
    if alert.get("alert_id"):
        request_headers["Idempotency-Key"] = str(alert["alert_id"])
    attempts = deliver(args.webhook, record.value, request_headers, max_attempts=args.max_attempts, backoff=args.backoff,
                       max_backoff=args.max_backoff, timeout=args.timeout, wait=wait, what=what)
    log.info("%s: delivered (severity %s, %d attempt%s)", what, alert.get("severity"), attempts, "" if attempts == 1 else "s")


def rewind(consumer: Any, records: Sequence[Any]) -> None:
    """Seek back to the first of ``records`` per partition, so that they are fetched again."""
    from kafka import TopicPartition

    first: dict[Any, int] = {}
    for r in records:
        tp = TopicPartition(r.topic, r.partition)
        first[tp] = min(first.get(tp, r.offset), r.offset)
    assigned = consumer.assignment()
    for tp, offset in first.items():
        if tp in assigned:
            consumer.seek(tp, offset)


def run(args: argparse.Namespace) -> int:
    from kafka.errors import CommitFailedError, KafkaError

    stop = threading.Event()

    def request_stop(signum: int, _frame: Any) -> None:
        log.info("signal %d: stopping after the current alert", signum)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    headers = dict(args.header)
    consumer = make_consumer(args)
    log.info("forwarding %s (group %s, brokers %s) to %s, severity >= %s",
             args.topic, args.group, ",".join(args.bootstrap_servers), safe_url(args.webhook), args.min_severity)
    idle_since = None
    try:
        while not stop.is_set():
            batches = consumer.poll(timeout_ms=1000)
            records = sorted((r for rs in batches.values() for r in rs), key=lambda r: (r.partition, r.offset))
            if not records:
                if not consumer.assignment():
                    continue  # still joining the group: not idle yet
                idle_since = idle_since or time.monotonic()
                if args.exit_when_idle and time.monotonic() - idle_since >= args.exit_when_idle:
                    log.info("idle for %.0fs, exiting", args.exit_when_idle)
                    return 0
                continue
            idle_since = None
            for i, record in enumerate(records):
                if stop.is_set():
                    rewind(consumer, records[i:])
                    break
                try:
                    handle(record, args, headers, stop.wait)
                except Stopped:
                    log.info("stopped before delivering %s[%d]@%d; it will be delivered after a restart",
                             record.topic, record.partition, record.offset)
                    return 0
                except DeliveryFailed as exc:
                    log.error("%s; exiting without committing it: fix the webhook and restart", exc)
                    return 1
                try:
                    commit(consumer, record)
                except (CommitFailedError, KafkaError) as exc:
                    # e.g. a rebalance moved the partition: the new owner delivers it again
                    # (at-least-once; receivers de-duplicate by Idempotency-Key)
                    log.warning("commit of %s[%d]@%d failed (%s); re-reading the batch", record.topic, record.partition, record.offset, exc)
                    rewind(consumer, records[i + 1:])
                    break
        return 0
    finally:
        consumer.close(autocommit=False)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.log_level != "DEBUG":
        logging.getLogger("kafka").setLevel(logging.WARNING)  # kafka-python logs every connection at INFO
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
