"""The benchmark's outputs: a table with the ratios and the targets, ``--json`` with every figure, ``--plot`` (PNG)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from rich.table import Table

from streams.bench.endtoend import LatencyResult, ThroughputResult
from streams.bench.inprocess import OfflineResult, RawResult

PROJECT_STAGES = ("parse.project", "mentions", "link", "entities", "events")
TARGETS = {"end_to_end_over_raw": 0.85, "two_workers_over_one": 1.6, "p99_latency_s": 1.0, "peak_rss_mb": 800.0}


@dataclass
class BenchReport:
    model: str
    corpus: str
    raw: RawResult
    offline: OfflineResult
    runs: list[ThroughputResult] = field(default_factory=list)
    latency: LatencyResult | None = None
    pinned: bool = False  # worker i's model process kept on core i (STREAMS_MODEL_CPUS)

    def run(self, workers: int) -> ThroughputResult | None:
        return next((r for r in self.runs if r.workers == workers), None)

    def ratios(self) -> dict[str, float]:
        out = {"offline_over_raw": self.offline.per_second / self.raw.per_second}
        one, two = self.run(1), self.run(2)
        if one:
            out["end_to_end_over_raw"] = one.per_second / self.raw.per_second
        if one and two:
            out["two_workers_over_one"] = two.per_second / one.per_second
        return out

    def project_share(self) -> dict[str, float]:
        """Each stage this project adds, as a share of the model's own parse time per article."""
        model_ms = self.offline.stages_ms.get("parse.model") or 1e-9
        shares = {s: self.offline.stages_ms.get(s, 0.0) / model_ms for s in PROJECT_STAGES}
        shares["stories"] = self.offline.stories_ms / model_ms
        shares["serialise"] = self.offline.serialise_ms / model_ms
        shares["all"] = sum(shares.values())
        return shares

    def targets(self) -> dict[str, tuple[float, bool]]:
        ratios = self.ratios()
        out: dict[str, tuple[float, bool]] = {}
        for key in ("end_to_end_over_raw", "two_workers_over_one"):
            if key in ratios:
                out[key] = (ratios[key], ratios[key] >= TARGETS[key])
        if self.latency:
            out["p99_latency_s"] = (self.latency.p99, self.latency.p99 < TARGETS["p99_latency_s"])
        if self.runs:
            peak = max(max(r.peak_rss_mb) for r in self.runs)
            out["peak_rss_mb"] = (peak, peak < TARGETS["peak_rss_mb"])
        return out

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.latency:
            data["latency"].pop("latencies")
        data.update(ratios=self.ratios(), project_share_of_model=self.project_share(),
                    targets={k: {"value": v, "met": ok, "target": TARGETS[k]} for k, (v, ok) in self.targets().items()})
        return data


def print_table(report: BenchReport, console: Console) -> None:
    table = Table(title=f"streams bench: {report.offline.articles} articles of {report.corpus}, model {report.model}")
    for col in ("measure", "articles/s", "vs raw", "notes"):
        table.add_column(col, justify="right" if col in ("articles/s", "vs raw") else "left")
    raw = report.raw.per_second
    table.add_row("raw nlp.pipe (limit)", f"{raw:.1f}", "1.00", f"best batch size {report.raw.batch_size}")
    table.add_row("offline core", f"{report.offline.per_second:.1f}", f"{report.offline.per_second / raw:.2f}",
                  f"{report.offline.events} events, {report.offline.stories} stories")
    for run in report.runs:
        cpu = ", ".join(f"{k} {v:.0f} ms" for k, v in run.cpu_ms_per_article.items())
        pin = ", model pinned" if report.pinned else ""
        table.add_row(f"end to end, {run.workers} worker{'s' if run.workers > 1 else ''}{pin}", f"{run.per_second:.1f}",
                      f"{run.per_second / raw:.2f}",
                      f"peak RSS {', '.join(f'{m:.0f}' for m in run.peak_rss_mb)} MB; CPU/article: {cpu}")
    console.print(table)
    stages = report.offline.stages_ms
    console.print("per article (offline, ms): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items())
                  + f", stories {report.offline.stories_ms:.1f}, serialise {report.offline.serialise_ms:.2f}")
    share = report.project_share()
    console.print("what this project adds, as a share of the model's parse time: "
                  + ", ".join(f"{k} {v:.1%}" for k, v in share.items()))
    if report.latency:
        lat = report.latency
        console.print(f"latency at {lat.rate:.1f} articles/s ({lat.articles} articles): "
                      f"p50 {lat.p50 * 1000:.0f} ms, p95 {lat.p95 * 1000:.0f} ms, p99 {lat.p99 * 1000:.0f} ms")
    for key, (value, ok) in report.targets().items():
        console.print(f"target {key} {'>=' if key in ('end_to_end_over_raw', 'two_workers_over_one') else '<'} "
                      f"{TARGETS[key]}: {value:.2f} [{'green' if ok else 'red'}]{'met' if ok else 'NOT met'}[/]")


def write_json(report: BenchReport, path: Path) -> None:
    path.write_bytes(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS))


def write_plot(report: BenchReport, path: Path) -> None:
    """Throughput bars and the latency distribution, one PNG (needs matplotlib: the ``bench`` extra)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise SystemExit("--plot needs matplotlib: pip install 'streams[bench]'") from None
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    labels = ["raw nlp.pipe", "offline core", *[f"{r.workers} worker(s)" for r in report.runs]]
    values = [report.raw.per_second, report.offline.per_second, *[r.per_second for r in report.runs]]
    left.bar(labels, values, color=["grey", "tab:blue", *["tab:green"] * len(report.runs)])
    left.set_ylabel("articles/s")
    left.set_title("throughput, same texts and model")
    if report.latency:
        right.hist([v * 1000 for v in report.latency.latencies], bins=30)
        right.axvline(report.latency.p99 * 1000, color="red", label="p99")
        right.set_xlabel("ms from produce to enriched record")
        right.set_title(f"latency at {report.latency.rate:.1f} articles/s")
        right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
