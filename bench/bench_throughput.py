"""Throughput of the enrichment core (offline) and of a worker on the embedded broker.

    python bench/bench_throughput.py [--corpus ../shared/corpus/news.jsonl] [--n 300] [--workers 1]

Prints numbers; asserts nothing. The corpus is internal (not shipped): without it the
bundled sample articles are used, repeated to N.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"


def load_articles(corpus: Path, n: int) -> list[dict]:
    if corpus.exists():
        lines = corpus.read_bytes().splitlines()
    else:
        print(f"(corpus {corpus} not found: using the bundled samples)")
        lines = (ROOT / "streams" / "samples" / "articles.jsonl").read_bytes().splitlines()
    articles = []
    i = 0
    while len(articles) < n:
        a = orjson.loads(lines[i % len(lines)])
        a["id"] = f"{a.get('id', 'a')}-{i}"
        articles.append(a)
        i += 1
    return articles


def bench_offline(articles: list[dict], batch_size: int) -> None:
    from streams import Enricher
    from streams.contracts.article import article_from_dict
    from streams.enrich.context import Provenance

    t0 = time.perf_counter()
    enricher = Enricher()
    load_s = time.perf_counter() - t0
    items = [(article_from_dict(a), Provenance()) for a in articles]
    enricher.enrich_many(items[:4])  # warm-up (lazy data, first-call costs)
    t0 = time.perf_counter()
    records = []
    for i in range(0, len(items), batch_size):
        records += enricher.enrich_many(items[i : i + batch_size])
    secs = time.perf_counter() - t0
    chars = sum(len(a["body"]) for a in articles)
    stage_totals: dict[str, float] = {}
    for r in records:
        for stage, ms in r["processing"]["stages_ms"].items():
            stage_totals[stage] = stage_totals.get(stage, 0.0) + ms
    events = sum(len(r["events"]) for r in records)
    print(f"offline core: {len(records)} articles ({chars / len(records):.0f} chars avg) in {secs:.1f}s "
          f"= {len(records) / secs:.1f} articles/s (batch {batch_size}; model+data load {load_s:.1f}s); {events} events")
    print("  mean ms/article by stage: " + ", ".join(f"{k} {v / len(records):.1f}" for k, v in stage_totals.items()))


def bench_worker(articles: list[dict], workers: int) -> None:
    from kafka import KafkaConsumer

    from streams.settings import load_settings
    from streams.transport.clients import make_producer
    from streams.transport.embedded import EmbeddedBroker, free_port
    from streams.transport.topics import ensure_topics

    with EmbeddedBroker() as broker:
        settings = load_settings({}, broker_url=broker.url, group_id="bench")
        ensure_topics(settings)
        procs = []
        ports = []
        logs = Path(tempfile.mkdtemp(prefix="streams-bench-"))
        for w in range(workers):
            port = free_port()
            ports.append(port)
            env = {**{k: v for k, v in os.environ.items() if not k.startswith("STREAMS_")},
                   "STREAMS_BROKER_URL": broker.url, "STREAMS_GROUP_ID": "bench", "STREAMS_METRICS_PORT": str(port)}
            log = (logs / f"worker-{w}.log").open("wb")
            procs.append(subprocess.Popen([sys.executable, "-m", "streams.cli.main", "worker", "--no-create-topics"],
                                          env=env, stdout=log, stderr=subprocess.STDOUT))
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                ready = 0
                for port in ports:
                    try:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
                            ready += r.status == 200
                    except Exception:
                        pass
                if ready == len(ports):
                    break
                time.sleep(0.5)
            else:
                raise SystemExit(f"workers not ready; logs in {logs}")
            producer = make_producer(settings)
            t0 = time.time()
            for a in articles:
                producer.send(settings.topic_raw, key=a["id"].encode(), value=orjson.dumps(a))
            producer.flush()
            produced_s = time.time() - t0
            consumer = KafkaConsumer(settings.topic_enriched, bootstrap_servers=settings.bootstrap_servers,
                                     auto_offset_reset="earliest", consumer_timeout_ms=120_000)
            latencies = []
            seen: set[str] = set()
            last = t0
            for msg in consumer:
                record = orjson.loads(msg.value)
                seen.add(record["article_id"])
                ingested = record["processing"]["ingested_at"]
                if ingested:
                    from datetime import datetime

                    ts = datetime.fromisoformat(ingested.replace("Z", "+00:00")).timestamp()
                    latencies.append(msg.timestamp / 1000 - ts)
                last = time.time()
                if len(seen) >= len(articles):
                    break
            secs = last - t0
            # freshness on an idle worker: one article at a time
            trickle = []
            for a in articles[:15]:
                b = dict(a, id=a["id"] + "-trickle")
                sent = time.time()
                producer.send(settings.topic_raw, key=b["id"].encode(), value=orjson.dumps(b))
                producer.flush()
                for msg in consumer:
                    if orjson.loads(msg.value)["article_id"] == b["id"]:
                        trickle.append(time.time() - sent)
                        break
                time.sleep(0.3)
            consumer.close()
            q = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0.0] * 99
            print(f"worker x{workers} on the embedded broker: {len(seen)}/{len(articles)} articles in {secs:.1f}s "
                  f"= {len(seen) / secs:.1f} articles/s (produce took {produced_s:.1f}s); "
                  f"latency raw timestamp -> enriched timestamp p50 {q[49]:.2f}s p95 {q[94]:.2f}s (includes backlog queueing)")
            if trickle:
                print(f"  one article at a time on an idle worker: produce -> enriched record read back, "
                      f"median {statistics.median(trickle) * 1000:.0f} ms, max {max(trickle) * 1000:.0f} ms ({len(trickle)} articles)")
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--skip-worker", action="store_true")
    args = ap.parse_args()
    articles = load_articles(args.corpus, args.n)
    bench_offline(articles, args.batch_size)
    if not args.skip_worker:
        bench_worker(articles, args.workers)


if __name__ == "__main__":
    main()
