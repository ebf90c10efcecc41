"""The ``streams`` command line.

Commands that do not need the model (produce, tail, topics, config, broker)
never import spaCy: their imports stay inside the command functions.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from streams.errors import StreamsError
from streams.settings import Settings, SettingsError, load_settings

app = typer.Typer(
    name="streams",
    help="Real-time news enrichment on Kafka. Every command reads STREAMS_* settings (see `streams config`).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
topics_app = typer.Typer(help="Manage the service's topics.", no_args_is_help=True)
app.add_typer(topics_app, name="topics")

err = Console(stderr=True, soft_wrap=True)  # no hard line breaks in piped output
out = Console(soft_wrap=True)


def settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(2) from None


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def is_known_failure(exc: BaseException, s: Settings | None) -> bool:
    """A broker fault, a file problem or one of the package's own errors (a bug is none of these)."""
    from streams.transport.faults import broker_problem

    return isinstance(exc, StreamsError | OSError) or (s is not None and broker_problem(exc, s) is not None)


@contextmanager
def failing_as(s: Settings, what: str) -> Iterator[None]:
    """Turn a known failure of the block into ``error: WHAT: why and what to do`` and exit 1."""
    try:
        yield
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        if not is_known_failure(exc, s):
            raise
        raise fail(f"{what}: {explain_failure(exc, s)}") from None


@app.callback()
def _validate_settings(ctx: typer.Context) -> None:
    # Unknown or malformed STREAMS_* settings stop every command (help alone is always shown).
    if not ctx.resilient_parsing and "--help" not in sys.argv[1:]:
        settings()


@app.command()
def config() -> None:
    """Print the effective settings (secrets masked), one `VARIABLE=value  # meaning` per line."""
    import shlex

    from streams.settings import Settings as S
    from streams.settings import field_env_name

    s = settings()
    for name, value in s.masked().items():
        # plain lines, never wrapped: they can be pasted into an env file
        sys.stdout.write(f"{field_env_name(name)}={shlex.quote(str(value))}  # {S.model_fields[name].description or ''}\n")


@app.command()
def broker(
    port: Annotated[int, typer.Option(help="Port to listen on (127.0.0.1)")] = 9092,
) -> None:
    """Run the embedded development broker (Tansu; memory only, for development)."""
    import subprocess

    from streams.transport.embedded import EmbeddedBroker, EmbeddedBrokerUnavailable

    b = EmbeddedBroker(port)
    try:
        command = b.command()
    except EmbeddedBrokerUnavailable as exc:
        raise fail(str(exc)) from None
    if not port_is_free(port):  # the broker itself would panic with a Rust backtrace
        raise fail(f"port {port} on 127.0.0.1 is in use: is a broker already running there? Choose another with --port")
    err.print(
        f"[yellow]Embedded development broker on 127.0.0.1:{port}. It keeps data IN MEMORY ONLY: "
        "everything is lost when it stops. Not for production.[/yellow]\n"
        f"Use it with: export STREAMS_BROKER_URL=kafka://127.0.0.1:{port}"
    )
    try:
        raise typer.Exit(subprocess.call(command))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


def port_is_free(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@topics_app.command("create")
def topics_create() -> None:
    """Create the topics with the configured partitions, replication, retention and cleanup policy."""
    from streams.transport.topics import ensure_topics

    s = settings()
    try:
        statuses = ensure_topics(s)
    except Exception as exc:
        raise fail(f"cannot create topics: {explain_failure(exc, s)}") from None
    for status in statuses:
        colour = "yellow" if status.mismatch else "green"
        out.print(f"[{colour}]{status.describe()}[/{colour}]", highlight=False)


@app.command()
def worker(
    no_create_topics: Annotated[bool, typer.Option("--no-create-topics", help="Do not create missing topics at start-up")] = False,
) -> None:
    """Run a stream worker (join the consumer group, enrich, publish). Stop with SIGTERM or Ctrl-C."""
    from streams.transport.faults import BrokerUnavailable, probe_broker
    from streams.worker.run import run_worker

    s = settings()
    try:
        probe_broker(s)  # seconds, before the model load (8-12 s) and Faust's own endless retries
    except BrokerUnavailable as exc:
        raise fail(f"streams worker: {exc}") from None
    raise typer.Exit(run_worker(s, create_topics=not no_create_topics))


@app.command()
def produce(
    file: Annotated[Path, typer.Argument(help="JSON Lines file, one article per line ('-' for stdin)")],
    topic: Annotated[str | None, typer.Option(help="Target topic (default: STREAMS_TOPIC_RAW)")] = None,
) -> None:
    """Send each line of FILE as one message, as its raw bytes (malformed lines too)."""
    from streams.cli.kafka_tools import produce_lines

    s = settings()
    if str(file) != "-" and not file.is_file():
        raise fail(f"{file}: " + ("is a directory, not a file" if file.is_dir() else "no such file"))
    with failing_as(s, f"producing {file} to {topic or s.topic_raw} failed"):
        sent = produce_lines(s, file, topic or s.topic_raw, err)
    err.print(f"sent {sent} messages to {topic or s.topic_raw}")


@app.command()
def tail(
    topic: Annotated[str, typer.Argument(help="Topic to read, e.g. articles.enriched")],
    from_beginning: Annotated[bool, typer.Option("--from-beginning", help="Start at the earliest offset")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop after N messages")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print each value as raw JSON, one per line")] = False,
    timeout: Annotated[float | None, typer.Option(min=0.001, help="Stop after this many seconds without a message")] = None,
) -> None:
    """Print messages of a topic as they arrive (readable by default)."""
    from streams.cli.kafka_tools import tail_topic

    s = settings()
    try:
        with failing_as(s, f"cannot read {topic}"):
            tail_topic(s, topic, from_beginning=from_beginning, limit=limit, as_json=as_json, idle_timeout=timeout, console=out)
    except KeyboardInterrupt:
        pass


@app.command()
def alerts(
    from_beginning: Annotated[bool, typer.Option("--from-beginning", help="Start at the earliest offset")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop after N alerts")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print each alert as raw JSON, one per line")] = False,
    timeout: Annotated[float | None, typer.Option(min=0.001, help="Stop after this many seconds without an alert")] = None,
) -> None:
    """Print alerts (STREAMS_TOPIC_ALERTS) as they arrive: time, severity, rule id, summary, url."""
    from streams.cli.kafka_tools import tail_topic

    s = settings()
    try:
        with failing_as(s, f"cannot read the alerts ({s.topic_alerts}, STREAMS_TOPIC_ALERTS)"):
            tail_topic(s, s.topic_alerts, from_beginning=from_beginning, limit=limit, as_json=as_json,
                       idle_timeout=timeout, console=out)
    except KeyboardInterrupt:
        pass


@app.command()
def enrich(
    input: Annotated[Path, typer.Argument(help="JSON Lines of articles")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Enriched records, JSON Lines")],
    deadletter: Annotated[Path | None, typer.Option(help="Rejected lines (default OUTPUT.deadletter.jsonl)")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per spaCy batch (default STREAMS_BATCH_SIZE)")] = None,
) -> None:
    """Enrich a file offline (no Kafka): the same core and records as the worker."""
    from streams.cli.offline import enrich_file

    s = settings()
    if not input.is_file():
        raise fail(f"{input}: " + ("is a directory, not a file" if input.is_dir() else "no such file"))
    dl = deadletter or output.with_name(output.name.removesuffix(".jsonl") + ".deadletter.jsonl")
    try:
        stats = enrich_file(s, input, output, dl, batch_size or s.batch_size, err)
    except Exception as exc:
        raise fail(f"enrichment stopped: {explain_failure(exc, s)}") from None
    err.print(
        f"{stats.lines} lines: {stats.enriched} enriched -> {output}, {stats.dead_lettered} dead-lettered -> {dl} "
        f"({stats.seconds:.1f}s, {stats.per_second:.1f} articles/s)"
    )


@app.command()
def bench(
    corpus: Annotated[Path | None, typer.Option(help="JSON Lines of articles (default: the bundled samples), cycled to --articles")] = None,
    articles: Annotated[int, typer.Option(help="How many articles each measurement processes")] = 200,
    workers: Annotated[str, typer.Option(help="Worker counts of the end-to-end runs, comma-separated")] = "1,2",
    json_path: Annotated[Path | None, typer.Option("--json", help="Write every figure to this JSON file")] = None,
    plot: Annotated[Path | None, typer.Option(help="Write a PNG plot (needs the bench extra: matplotlib)")] = None,
    growth: Annotated[bool, typer.Option(help="Instead: RSS of one worker after 2,000 and 20,000 generated articles")] = False,
    pin_model: Annotated[bool, typer.Option(help="Pin worker i's model process to core i (STREAMS_MODEL_CPUS), as advised for one host")] = True,
) -> None:
    """Measure the service against raw spaCy on the same texts: throughput, latency, memory (prints a table)."""
    from streams.bench.endtoend import BenchFailed
    from streams.bench.run import run_bench, run_growth

    s = settings()
    try:
        counts = tuple(sorted({int(w) for w in workers.split(",") if w.strip()}))
    except ValueError:
        raise fail(f"--workers {workers!r}: expected worker counts like 1,2") from None
    if not counts or min(counts) < 1 or articles < 1:
        raise fail("--articles and every --workers count must be at least 1")
    try:
        if growth:
            run_growth(s, 2_000, 20_000, out, json_path)
        else:
            run_bench(s, corpus, articles, counts, out, json_path, plot, pin_model=pin_model)
    except BenchFailed as exc:
        raise fail(f"benchmark failed: {exc}") from None
    except Exception as exc:
        if not is_known_failure(exc, s):
            raise
        raise fail(f"benchmark stopped: {explain_failure(exc, s)}") from None


@app.command()
def demo(
    broker_url: Annotated[str | None, typer.Option("--broker", help="Use this broker instead of an embedded one (demo-prefixed topics)")] = None,
    follow: Annotated[bool, typer.Option("--follow", help="Keep running after the samples are processed")] = False,
    samples: Annotated[Path | None, typer.Option(help="JSON Lines to replay instead of the bundled samples")] = None,
) -> None:
    """Start an embedded broker and a worker, replay sample articles, show what comes out."""
    from streams.cli.demo import run_demo

    if samples is not None and not samples.is_file():
        raise fail(f"{samples}: no such file (--samples)")
    raise typer.Exit(run_demo(settings(), broker_url=broker_url, follow=follow, samples=samples, console=out))


def explain_failure(exc: BaseException, s: Settings | None = None) -> str:
    """One readable sentence for an exception that reached a command: broker faults, files, our own errors."""
    from streams.transport.faults import broker_problem

    if s is not None and (message := broker_problem(exc, s)) is not None:
        return message
    if isinstance(exc, StreamsError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return f"{type(exc).__name__}: {exc}"


def main() -> None:
    """The ``streams`` entry point: a failure that no command turned into a message still ends in one line, not a
    traceback, when it is a broker fault, a file problem or one of the package's own errors (a bug still shows its
    traceback)."""
    try:
        app()
    except Exception as exc:
        try:
            s: Settings | None = load_settings()
        except SettingsError:
            s = None
        if not is_known_failure(exc, s):
            raise
        err.print(f"[red]error:[/red] {explain_failure(exc, s)}", highlight=False)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
