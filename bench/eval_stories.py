"""Scores story events (cross-article event clustering) and near-copy detection.

    python bench/eval_stories.py                # both modes, tables
    python bench/eval_stories.py --gold-only    # the clustering alone (no model)
    python bench/eval_stories.py --json

Gold: tests/fixtures/story_gold.jsonl, articles written for this project, each with its
events labelled with the real-world event (``story``) they report, and ``copy_of`` for
syndicated near-copies. Like the event gold it is a regression test; a hidden set decides.

Two modes, both through :func:`streams.stories.offline.cluster_records` in ``published_at`` order:

  gold      the gold events fed straight into the clustering: the clustering alone.
  coded     end to end from text: the events the coder finds. A coded event is scored when it
            matches a gold event of its article (same root and dyad; either direction for the
            symmetric roots); it then carries that event's story. Coverage says how many gold
            events were matched.

Figures: B-cubed precision, recall and F1 of ``story_id`` against the gold stories (over
events); copy detection precision and recall (an article is a copy when ``duplicate_of`` is
set); the widest date span of any predicted story in gold dates (must not exceed the window).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import FIXTURES, dump_json, enrich_texts, make_enricher, print_table, read_jsonl  # noqa: E402

from streams.stories.keys import SYMMETRIC_ROOTS  # noqa: E402
from streams.stories.offline import Clustering, StoryParams, cluster_records  # noqa: E402

GOLD = FIXTURES / "story_gold.jsonl"


def b_cubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision/recall/F1 over the items of ``gold`` (an item missing from ``predicted`` is a singleton)."""
    items = list(gold)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    pred_of = {i: predicted.get(i, f"__single__{i}") for i in items}
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for i in items:
        by_pred[pred_of[i]].add(i)
        by_gold[gold[i]].add(i)
    p = sum(len(by_pred[pred_of[i]] & by_gold[gold[i]]) / len(by_pred[pred_of[i]]) for i in items) / len(items)
    r = sum(len(by_pred[pred_of[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "n": len(items)}


def copy_scores(articles: list[dict[str, Any]], result: Clustering) -> dict[str, Any]:
    gold = {a["id"] for a in articles if a.get("copy_of")}
    found = {aid for aid, (dup, _) in result.copies.items() if dup}
    tp = len(gold & found)
    return {"precision": round(tp / len(found), 4) if found else 1.0, "recall": round(tp / len(gold), 4) if gold else 1.0,
            "tp": tp, "fp": len(found - gold), "fn": len(gold - found)}


def _actor(code: str | None) -> dict[str, Any] | None:
    if not code or code == "-":
        return None
    if code.startswith("IGO:"):
        return {"igo": code[4:], "country": None, "name": code[4:]}
    return {"country": code, "igo": None, "name": code}


def gold_records(articles: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """Records whose events are the gold events (ids ``<article>#<n>``), with their bodies."""
    out = []
    for a in articles:
        events = [{"id": f"{a['id']}#{n}", "code": e["code"], "root": e["code"][:2], "source": _actor(e.get("source")),
                   "target": _actor(e.get("target")), "location": e.get("location"), "date": e.get("date"),
                   "evidence": a.get("title"), "confidence": 0.8}
                  for n, e in enumerate(a.get("events") or ())]
        record = {"article_id": a["id"], "source": a.get("source"), "title": a.get("title"), "url": None,
                  "published_at": a["published_at"], "reference_time": a["published_at"], "events": events}
        out.append((record, a["body"]))
    return out


def _code(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    return f"IGO:{actor['igo']}" if actor.get("igo") else str(actor.get("country") or "-")


def _same_event(coded: dict[str, Any], gold: dict[str, Any]) -> bool:
    root = str(coded.get("code", ""))[:2]
    if root != gold["code"][:2]:
        return False
    pair = (_code(coded.get("source")), _code(coded.get("target")))
    want = (gold.get("source") or "-", gold.get("target") or "-")
    return pair == want or (root in SYMMETRIC_ROOTS and pair == want[::-1])


def label_coded(articles: list[dict[str, Any]], records: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str | None]]:
    """For the coded events that match a gold event of their article: event id -> gold story, and -> gold date."""
    labels: dict[str, str] = {}
    dates: dict[str, str | None] = {}
    for article, record in zip(articles, records, strict=True):
        free = list(article.get("events") or ())
        for ev in record.get("events") or ():
            hit = next((g for g in free if _same_event(ev, g)), None)
            if hit is not None:
                labels[ev["id"]], dates[ev["id"]] = hit["story"], hit.get("date")
                free.remove(hit)
    return labels, dates


def widest_span(result: Clustering, event_dates: Mapping[str, str | None]) -> int:
    """Days between the earliest and latest gold date of any predicted story (day-dated events only)."""
    spans: dict[str, list[date]] = defaultdict(list)
    for event_id, story_id in result.assignments.items():
        d = event_dates.get(event_id)
        if d and len(d) == 10:
            spans[story_id].append(date.fromisoformat(d))
    return max(((max(v) - min(v)).days for v in spans.values()), default=0)


def score(articles: list[dict[str, Any]], pairs: list[tuple[dict[str, Any], str]], labels: Mapping[str, str],
          event_dates: Mapping[str, str | None], params: StoryParams) -> dict[str, Any]:
    t0 = time.perf_counter()
    result = cluster_records(pairs, params)
    ms = (time.perf_counter() - t0) * 1000 / max(len(pairs), 1)
    predicted = {e: s for e, s in result.assignments.items() if e in labels}
    return {"b_cubed": b_cubed(predicted, labels), "copies": copy_scores(articles, result),
            "stories_predicted": len({predicted[e] for e in predicted}), "stories_gold": len(set(labels.values())),
            "widest_span_days": widest_span(result, event_dates), "ms_per_article": round(ms, 2)}


def ordered(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(articles, key=lambda a: (a["published_at"], a["id"]))


def run_gold(articles: list[dict[str, Any]], params: StoryParams) -> dict[str, Any]:
    pairs = gold_records(articles)
    labels = {ev["id"]: g["story"] for (record, _), a in zip(pairs, articles, strict=True)
              for ev, g in zip(record["events"], a.get("events") or (), strict=True)}
    dates = {ev["id"]: ev["date"] for record, _ in pairs for ev in record["events"]}
    return score(articles, pairs, labels, dates, params)


def run_coded(articles: list[dict[str, Any]], params: StoryParams, enricher: Any = None) -> dict[str, Any]:
    enricher = enricher or make_enricher()
    t0 = time.perf_counter()
    records = enrich_texts(enricher, articles)
    enrich_ms = (time.perf_counter() - t0) * 1000 / max(len(articles), 1)
    for record, article in zip(records, articles, strict=True):
        record["source"] = article.get("source")
    labels, gold_dates = label_coded(articles, records)
    matched = len(labels)
    out = score(articles, [(r, a["body"]) for r, a in zip(records, articles, strict=True)], labels, gold_dates, params)
    n_gold = sum(len(a.get("events") or ()) for a in articles)
    out["coverage"] = round(matched / n_gold, 4) if n_gold else 0.0
    out["events_coded"] = sum(len(r.get("events") or ()) for r in records)
    out["clustering_share_of_enrich"] = round(out["ms_per_article"] / enrich_ms, 4) if enrich_ms else None
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--gold-only", action="store_true", help="score the clustering alone (no model)")
    ap.add_argument("--window-days", type=float, default=StoryParams().window_days)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    articles = ordered(read_jsonl(args.gold))
    params = StoryParams(window_days=args.window_days)
    results = {"gold": run_gold(articles, params)}
    if not args.gold_only:
        results["coded"] = run_coded(articles, params)
    if args.json:
        dump_json(results)
        return 0
    for mode, r in results.items():
        rows = [("B-cubed", r["b_cubed"]), ("copies", r["copies"])]
        print_table(f"stories, {mode} events ({len(articles)} articles)", rows)
        extra = {k: v for k, v in r.items() if k not in ("b_cubed", "copies")}
        print("  " + ", ".join(f"{k}={v}" for k, v in extra.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
