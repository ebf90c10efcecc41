"""One ``streams bench`` run: raw spaCy and the offline core in this process, then workers on an embedded broker."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from streams.bench import corpus as corpus_mod
from streams.bench.endtoend import Cluster, core_of, latency, throughput
from streams.bench.inprocess import measure_offline, measure_raw
from streams.bench.report import BenchReport, print_table, write_json, write_plot
from streams.settings import Settings

LATENCY_SECONDS = 60.0  # how long the fixed-rate run offers articles (at most the corpus size)


def run_bench(settings: Settings, corpus: Path | None, n: int, workers: tuple[int, ...], console: Console,
              json_path: Path | None = None, plot_path: Path | None = None, timeout_s: float = 1800.0,
              pin_model: bool = True) -> BenchReport:
    articles = corpus_mod.load_corpus(corpus, n)
    with _pinned_to_one_core(pin_model):  # the limit is measured as the workers run: on one core, if they are pinned
        console.print(f"[bold]raw nlp.pipe[/bold] of {settings.model} over {n} articles …")
        raw = measure_raw(settings.model, articles)
        console.print(f"[bold]offline core[/bold] over {n} articles …")
        offline = measure_offline(settings.model, articles, settings.batch_size, settings.actors_file)
    report = BenchReport(settings.model, str(corpus or "bundled samples"), raw, offline, pinned=pin_model)
    from streams.transport.embedded import EmbeddedBroker

    logs = Path(tempfile.mkdtemp(prefix="streams-bench-"))
    env = {"STREAMS_MODEL": settings.model, "STREAMS_BATCH_SIZE": str(settings.batch_size),
           "STREAMS_PARTITIONS": str(max(settings.partitions, max(workers)))}
    with EmbeddedBroker() as broker:
        for k in workers:
            console.print(f"[bold]end to end[/bold] with {k} worker(s) on an embedded broker (logs: {logs}) …")
            with Cluster(broker.url, f"w{k}.", k, logs, env, pin_model) as cluster:
                report.runs.append(throughput(cluster, articles, timeout_s))
                if k == 1:
                    rate = report.runs[-1].per_second / 2
                    count = min(n, max(10, int(rate * LATENCY_SECONDS)))
                    console.print(f"[bold]latency[/bold] at {rate:.1f} articles/s ({count} articles) …")
                    fresh = [{**a, "id": a["id"] + "~lat"} for a in articles[:count]]
                    report.latency = latency(cluster, fresh, rate, timeout_s)
    print_table(report, console)
    if json_path:
        write_json(report, json_path)
    if plot_path:
        write_plot(report, plot_path)
    return report


@contextmanager
def _pinned_to_one_core(pin: bool) -> Iterator[None]:
    """This process on its first core while the block runs (pinning alone parsed 5-15% faster here)."""
    allowed = os.sched_getaffinity(0)
    if pin:
        os.sched_setaffinity(0, {core_of(0)})  # where worker 0's model process runs
    try:
        yield
    finally:
        os.sched_setaffinity(0, allowed)


def run_growth(settings: Settings, n_small: int, n_large: int, console: Console, json_path: Path | None = None,
               timeout_s: float = 7200.0) -> dict[str, float]:
    """RSS of one worker's process tree after ``n_small`` and ``n_large`` generated articles (new words in each)."""
    from streams.transport.embedded import EmbeddedBroker

    articles = corpus_mod.generated(n_large)
    logs = Path(tempfile.mkdtemp(prefix="streams-growth-"))
    with EmbeddedBroker() as broker, Cluster(broker.url, "g.", 1, logs, {"STREAMS_MODEL": settings.model,
                                                                        # every stateful stage, as deployed
                                                                        "STREAMS_TREND_WINDOW": "15m"}) as cluster:
        result = throughput(cluster, articles, timeout_s, marks=(n_small, n_large))
    small, large = result.rss_at[0][n_small], result.rss_at[0][n_large]
    parts_small, parts_large = result.parts_at[0][n_small], result.parts_at[0][n_large]
    figures = {"rss_mb_small": small, "rss_mb_large": large, "growth": large / small - 1, "peak_rss_mb": result.peak_rss_mb[0],
               "articles_per_second": result.per_second,
               **{f"{part}_rss_mb_small": mb for part, mb in parts_small.items()},
               **{f"{part}_rss_mb_large": mb for part, mb in parts_large.items()}}
    console.print(f"memory: {small:.0f} MB after {n_small} articles, {large:.0f} MB after {n_large} "
                  f"({figures['growth']:+.1%}; target under +10%), peak {result.peak_rss_mb[0]:.0f} MB "
                  f"(target under 800 MB); {result.per_second:.1f} articles/s")
    console.print("  by part: " + ", ".join(f"{part.replace('_', ' ')} {parts_small[part]:.0f} -> {parts_large[part]:.0f} MB"
                                             for part in parts_small))
    if json_path:
        json_path.write_text(json.dumps(figures, indent=2) + "\n")
    return figures
