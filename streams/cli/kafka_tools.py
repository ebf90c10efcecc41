"""produce and tail: kafka-python tools with no spaCy import."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from rich.progress import Progress

from streams.errors import InvalidInput
from streams.settings import Settings
from streams.transport.clients import make_consumer, make_producer, max_request_bytes


def read_lines(path: Path) -> list[bytes]:
    data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    # keep every non-blank line's exact bytes (no decoding: malformed lines are sent as they are)
    return [line.rstrip(b"\r") for line in data.split(b"\n") if line.strip()]


def line_key(line: bytes) -> bytes | None:
    """Key a line by its article id when it has one, so one article stays in one partition."""
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"]:
        return value["id"].encode("utf-8")
    return None


def produce_lines(settings: Settings, path: Path, topic: str, console: Console) -> int:
    lines = read_lines(path)
    limit = max_request_bytes(settings)
    for number, line in enumerate(lines, 1):
        if len(line) + len(line_key(line) or b"") + 100 > limit:  # 100: the record's own framing
            raise InvalidInput(f"line {number} of {path} is {len(line):,} bytes, over the producers' limit of {limit:,} bytes "
                               "(twice STREAMS_MAX_MESSAGE_BYTES); nothing was sent")
    producer = make_producer(settings)
    futures = []
    try:
        with Progress(console=console, transient=False) as progress:
            task = progress.add_task(f"producing to {topic}", total=len(lines))
            for line in lines:
                futures.append(producer.send(topic, key=line_key(line), value=line))
                progress.advance(task)
            producer.flush()
        for f in futures:
            f.get(timeout=30)  # raises if the broker did not acknowledge
    finally:
        producer.close()
    return len(lines)


def event_line(e: dict[str, Any]) -> str:
    """ "042 Make a visit: Vladimir Putin -> North Korea (2024-06, Pyongyang)"."""
    src = (e.get("source") or {}).get("name", "-")
    tgt = (e.get("target") or {}).get("name", "-")
    where = (e.get("location") or {}).get("name")
    return f"{e['code']} {e.get('label', '')}: {src} -> {tgt} ({e.get('date')}{', ' + where if where else ''})"


def describe(topic: str, value: dict[str, Any]) -> str:
    """One readable line per message, by record kind."""
    if "article_id" in value and "entities" in value:
        ents = ", ".join(
            f"{e['name']} ({e['type']}{', ' + (e.get('country') or e.get('igo')) if e.get('country') or e.get('igo') else ''})"
            for e in value["entities"][:8]
        )
        more = f" +{len(value['entities']) - 8}" if len(value["entities"]) > 8 else ""
        events = "".join(f"\n    [cyan]event[/cyan] {event_line(e)}" for e in (value.get("events") or [])[:4])
        hidden = len(value.get("events") or []) - 4
        if hidden > 0:
            events += f"\n    +{hidden} more events"
        return f"[bold]{value['article_id']}[/bold] {value.get('title') or ''}\n    {ents}{more}{events}"
    if "error" in value and "payload_len" in value:
        return f"[red]dead letter[/red] {value['error']}: {value['reason']} ({value['topic']}/{value['partition']}@{value['offset']})"
    if "code" in value and "source" in value and "article_id" in value:
        return f"[cyan]event[/cyan] {event_line(value)} [{value['article_id']}]"
    if "rule_id" in value and "severity" in value:
        return describe_alert(value)
    if "window_start" in value and "count" in value and "key" in value:
        return f"[blue]{value['key']}[/blue] {value['count']} articles in {value.get('window', '?')} from {value['window_start']}"
    return orjson.dumps(value).decode()


SEVERITY_STYLE = {"low": "dim", "medium": "yellow", "high": "bold red", "critical": "bold white on red"}


def describe_alert(value: dict[str, Any]) -> str:
    """``2024-06-19T08:20:00.000Z HIGH rus-prk-military: RUS|PRK 072 …: North Korea -> Russia (article …) (+1 suppressed)``."""
    severity = str(value.get("severity", "?"))
    style = SEVERITY_STYLE.get(severity, "magenta")
    text = f"{value.get('time', '')} [{style}]{severity.upper()}[/{style}] {value['rule_id']}: {value.get('summary', '')}"
    if value.get("suppressed_count"):
        text += f" (+{value['suppressed_count']} suppressed)"
    urls = value.get("urls") or []
    if urls:
        text += f"\n    {urls[0]}" + (f" +{len(urls) - 1} more" if len(urls) > 1 else "")
    return text


def tail_topic(
    settings: Settings,
    topic: str,
    *,
    from_beginning: bool,
    limit: int | None,
    as_json: bool,
    idle_timeout: float | None,
    console: Console,
) -> int:
    consumer = make_consumer(
        settings, topic, auto_offset_reset="earliest" if from_beginning else "latest",
        group_id=None, consumer_timeout_ms=int(idle_timeout * 1000) if idle_timeout else float("inf"),
    )
    seen = 0
    try:
        for message in consumer:
            raw = message.value or b""
            if as_json:
                sys.stdout.write(raw.decode("utf-8", "backslashreplace") + "\n")
                sys.stdout.flush()
            else:
                try:
                    value = orjson.loads(raw)
                    text = describe(topic, value) if isinstance(value, dict) else raw.decode("utf-8", "replace")
                except orjson.JSONDecodeError:
                    text = raw.decode("utf-8", "backslashreplace")
                console.print(f"[dim]{message.partition}@{message.offset}[/dim] {text}", highlight=False)
            seen += 1
            if limit is not None and seen >= limit:
                break
    finally:
        consumer.close()
    return seen
