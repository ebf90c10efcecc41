"""Cost and boundedness of the copy and story stages, in one process (no broker, no model).

    python bench/bench_stories.py [--articles 20000]
    python bench/bench_stories.py --stage [--articles 3000]   # the copy stage of a real worker


Generated articles (new words in each, so that no two bodies are copies, plus one
syndicated copy in ten) with one or two coded events each, on 300 dyads and an
article clock that advances ten minutes per article (20,000 articles: 139 days).
Each event goes through :func:`streams.stories.story.apply_event` with its key's state
round-tripped through JSON, as the table does. Prints the time per article of each
stage and the state size after 2,000 articles and at the end: bounded state does not
grow with the article count once the windows are full.

``--stage`` measures what the single-partition copy stage holds in a real worker on
an embedded broker: copy checks of generated articles are produced straight into
``<group>-copy-check`` and timed until the stage has forwarded every article's events
to ``<group>-story-events`` (the enrichment is not involved).
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import orjson

from streams.bench.corpus import generated
from streams.stories.copies import CopyIndex
from streams.stories.flow import copy_check, judge, story_events
from streams.stories.story import apply_event

COUNTRIES = ["RUS", "UKR", "PRK", "KOR", "CHN", "USA", "FRA", "DEU", "IRN", "ISR", "TUR", "IND", "PAK", "JPN", "GBR",
             "BRA", "ARG", "NGA", "KEN", "ETH", "EGY", "SAU", "SYR", "IRQ", "AFG"]
CODES = ["042", "043", "046", "057", "112", "163", "173", "190", "193", "195"]


def stage(n: int) -> None:
    import tempfile
    from pathlib import Path

    from streams.bench.endtoend import Cluster
    from streams.transport.clients import make_consumer, make_producer
    from streams.transport.embedded import EmbeddedBroker

    clock = 1_767_225_600.0
    checks = []
    for i, art in enumerate(generated(n)):
        record = {"article_id": f"a{i}", "source": f"outlet-{i % 40}", "title": art["title"],
                  "reference_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(clock + i * 60)),
                  "events": [{"id": f"ev-{i}", "code": "042", "root": "04", "source": {"country": "FRA"},
                              "target": {"country": "DEU"}, "date": None, "confidence": 0.7}]}
        checks.append(copy_check(record, art["body"]))
    with EmbeddedBroker() as broker, Cluster(broker.url, "s.", 1, Path(tempfile.mkdtemp())) as cluster:
        s = cluster.settings
        consumer = make_consumer(s, s.topic_story_events, group_id=None, auto_offset_reset="earliest")
        producer = make_producer(s)
        for c in checks:
            producer.send(s.topic_copy_check, key=c.article_id.encode(), value=c.to_bytes())
        producer.flush()
        t0 = time.time()
        stamps: list[float] = []
        deadline = time.monotonic() + 600
        while len(stamps) < n and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                stamps += [m.timestamp / 1000 for m in batch]
        consumer.close()
        producer.close()
    if len(stamps) < n:
        raise SystemExit(f"only {len(stamps)} of {n} articles came through the copy stage")
    print(f"copy stage of one worker: {n} articles in {max(stamps) - t0:.1f} s, "
          f"{n / (max(stamps) - t0):.0f} articles/s (each batch acknowledged by the broker before the next)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--stage", action="store_true", help="the copy stage of a real worker on an embedded broker")
    args = ap.parse_args(argv)
    if args.stage:
        stage(args.articles)
        return 0
    rng = random.Random(3)
    dyads = [tuple(rng.sample(COUNTRIES, 2)) for _ in range(300)]
    articles = generated(args.articles)
    index = CopyIndex()
    state: dict[str, bytes] = {}
    t_sig = t_copy = t_story = 0.0
    t0_clock = 1_767_225_600.0  # 2026-01-01
    checkpoints = {}
    for i, art in enumerate(articles):
        body = art["body"] if i % 10 else articles[i - 1]["body"] + " Officials confirmed it."  # one copy in ten
        clock = t0_clock + i * 600
        day = time.strftime("%Y-%m-%d", time.gmtime(clock))
        src, tgt = dyads[rng.randrange(len(dyads))]
        events = [{"id": f"ev-{i}-{n}", "code": rng.choice(CODES), "source": {"country": src}, "target": {"country": tgt},
                   "date": day, "location": None, "evidence": art["title"], "confidence": 0.7} for n in range(rng.randint(1, 2))]
        record = {"article_id": f"a{i}", "source": f"outlet-{i % 40}", "title": art["title"],
                  "reference_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(clock)), "events": events}
        t = time.perf_counter()
        check = copy_check(record, body)
        t_sig += time.perf_counter() - t
        t = time.perf_counter()
        verdict = judge(index, check)
        t_copy += time.perf_counter() - t
        t = time.perf_counter()
        for key, msg in story_events(record, verdict):
            previous = orjson.loads(state[key]) if key in state else None
            outcome = apply_event(previous, key, msg, watermark=clock)
            if outcome.state is None:
                state.pop(key, None)
            else:
                state[key] = orjson.dumps(outcome.state)
        t_story += time.perf_counter() - t
        if i + 1 in (2_000, args.articles):
            checkpoints[i + 1] = (len(index), sum(len(v) for v in state.values()),
                                  sum(len(orjson.loads(v)["stories"]) for v in state.values()))
    n = len(articles)
    print(f"{n} articles, {len(dyads)} dyads: per article signature {t_sig / n * 1000:.2f} ms (enrich batches), "
          f"copy stage {t_copy / n * 1000:.3f} ms, story stage {t_story / n * 1000:.3f} ms")
    for at, (copies, state_bytes, open_stories) in checkpoints.items():
        print(f"after {at:>6}: copy index {copies} articles, story state {state_bytes / 1e6:.2f} MB in {open_stories} open stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
