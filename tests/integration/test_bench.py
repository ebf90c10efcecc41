"""`streams bench` on a few articles: it runs every measurement and fails loudly when an article does not come out.

Timing targets are not asserted here (they belong to the benchmark's own table); this
proves the harness works and that its figures are complete and consistent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import clean_env, explain, run_cli

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]


def test_bench_measures_raw_offline_and_one_and_two_workers(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = run_cli("bench", "--articles", "6", "--json", out, "--plot", tmp_path / "bench.png", env=clean_env(),
                     timeout=840)
    assert result.returncode == 0, explain(result)
    data: dict[str, Any] = json.loads(out.read_text())
    assert data["raw"]["articles"] == data["offline"]["articles"] == 6
    assert [r["workers"] for r in data["runs"]] == [1, 2]
    assert all(r["articles"] == 6 and r["dead_letters"] == 0 for r in data["runs"]), data["runs"]
    assert all(m > 50 for r in data["runs"] for m in r["peak_rss_mb"]), "RSS of the worker and its model process"
    assert all(r["cpu_ms_per_article"]["model_process"] > 0 for r in data["runs"]), "the model process did the parsing"
    assert data["latency"]["articles"] == 6 and 0 < data["latency"]["p50"] <= data["latency"]["p99"]
    stages = data["offline"]["stages_ms"]
    assert stages["parse"] == pytest.approx(stages["parse.model"] + stages["parse.project"], abs=0.05)
    assert data["offline"]["stories_ms"] > 0 and "stories" in data["project_share_of_model"]
    assert {"end_to_end_over_raw", "two_workers_over_one"} <= set(data["ratios"])
    assert "what this project adds" in result.stdout and "target end_to_end_over_raw" in result.stdout
    assert (tmp_path / "bench.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_article_that_never_comes_out_fails_the_benchmark(broker: Any) -> None:
    from streams.bench.endtoend import BenchFailed, collect
    from streams.settings import load_settings
    from streams.transport.topics import ensure_topics

    settings = load_settings({"STREAMS_PARTITIONS": "1"}, broker_url=broker.url).with_topic_prefix("benchfail.")
    ensure_topics(settings)
    with pytest.raises(BenchFailed, match=r"1 of 1 articles never came out within 2s .*'lost-1'"):
        collect(settings, {"lost-1"}, timeout_s=2)
