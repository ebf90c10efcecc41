"""Shared helpers for the evaluation scripts and the gold-set unit tests.

Nothing here builds an :class:`~streams.enrich.pipeline.Enricher` on import: the
scripts and tests pass one in. Everything is plain Python over enriched records
(the ``articles.enriched`` dicts), so the scoring can be unit-tested without spaCy.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_EVAL = ROOT.parent / "shared" / "eval"

BATCH_SIZE = 32


# ------------------------------------------------------------------------------------------------
# input
# ------------------------------------------------------------------------------------------------
def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The records of a JSONL file, or of every ``*.jsonl`` file of a folder in name order."""
    p = Path(path)
    if p.is_dir():
        return [row for f in sorted(p.glob("*.jsonl")) for row in read_jsonl(f)]
    with open(p, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def require_file(path: str | Path, what: str) -> Path:
    """The path, or exit with a message that says what is missing and how to point at it."""
    p = Path(path)
    if not (p.is_file() or (p.is_dir() and any(p.glob("*.jsonl")))):
        hint = (
            f"The shared evaluation data is not at {p.parent}. It lives outside the project "
            f"(../shared/eval next to the checkout); pass --shared DIR to point at it, or --skip-shared "
            f"to score only the project gold."
            if "shared" in what
            else "Pass the right path with the matching --option."
        )
        sys.exit(f"error: {what} not found: {p}\n{hint}")
    return p


def day_to_iso(day: str | None) -> str | None:
    """'2008-08-06' -> '2008-08-06T00:00:00Z'; the one 6-digit GSR date '121108' read as YYMMDD."""
    if not day:
        return None
    day = day.strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%y%m%d"):
        try:
            return datetime.strptime(day, fmt).strftime("%Y-%m-%dT00:00:00Z")
        except ValueError:
            continue
    return None


# ------------------------------------------------------------------------------------------------
# running the enricher
# ------------------------------------------------------------------------------------------------
def enrich_texts(
    enricher: Any,
    items: Sequence[dict[str, Any]],
    *,
    batch_size: int = BATCH_SIZE,
    label: str = "",
    progress: bool = False,
) -> list[dict[str, Any]]:
    """Enrich ``items`` ({id, body, title?, published_at?}) with ``enrich_many`` in batches, in order."""
    from streams.contracts.article import article_from_dict
    from streams.enrich.context import Provenance

    records: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i in range(0, len(items), batch_size):
        chunk = items[i : i + batch_size]
        batch = []
        for item in chunk:
            if not (item.get("body") or "").strip():
                continue  # the service dead-letters these; scored as an empty record below
            data = {"id": str(item["id"]), "title": item.get("title") or "", "body": item["body"]}
            if item.get("published_at"):
                data["published_at"] = item["published_at"]
            batch.append((article_from_dict(data), Provenance()))
        enriched = iter(enricher.enrich_many(batch) if batch else [])
        for item in chunk:
            records.append(next(enriched) if (item.get("body") or "").strip() else empty_record(str(item["id"])))
        if progress:
            done = min(i + batch_size, len(items))
            print(f"  {label}: {done}/{len(items)} ({time.perf_counter() - started:.1f}s)", file=sys.stderr, flush=True)
    return records


def empty_record(article_id: str) -> dict[str, Any]:
    """Stand-in for a gold item with an empty text (e.g. GSR ``abc12_3``): nothing found, its gold still counts."""
    return {"article_id": article_id, "entities": [], "countries": [], "locations": [], "events": [], "claims": [], "empty_text": True}


def make_enricher() -> Any:
    from streams.enrich.pipeline import Enricher

    return Enricher()


# ------------------------------------------------------------------------------------------------
# metrics
# ------------------------------------------------------------------------------------------------
def ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else (0.0 if p is not None and r is not None else None)
    return {
        "precision": None if p is None else round(p, 4),
        "recall": None if r is None else round(r, 4),
        "f1": None if f is None else round(f, 4),
        "tp": tp, "fp": fp, "fn": fn,
    }


def match_multiset(predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> tuple[int, int, int]:
    """(tp, fp, fn) of two bags of items: each gold item can be matched once."""
    p, g = Counter(predicted), Counter(gold)
    tp = sum((p & g).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


class PRF:
    """Accumulates tp/fp/fn over items (micro average)."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> tuple[int, int, int]:
        tp, fp, fn = match_multiset(predicted, gold)
        self.tp += tp
        self.fp += fp
        self.fn += fn
        return tp, fp, fn

    def result(self) -> dict[str, Any]:
        return prf(self.tp, self.fp, self.fn)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


# ------------------------------------------------------------------------------------------------
# actor codes
# ------------------------------------------------------------------------------------------------
# Known typos of the PLOVER GSR actor codes.
ISO3_TYPOS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# CAMEO actor codes that are not countries.
NON_COUNTRY = frozenset({"IGO", "IMG", "NGO", "ISM", "---", "NON", "MNC"})

# CAMEO IGO families (the first six characters) -> the project's igo code used to display them.
IGO_FAMILY_NAMES = {"IGOUNO": "UN", "IGOEUR": "EU", "IGOWST": "NATO", "IGOCOP": "INTERPOL", "IGOAFR": "AU",
                    "IGOWAF": "ECOWAS", "IGOARB": "ARABLEAGUE", "IGOSEA": "ASEAN"}


@lru_cache(maxsize=1)
def igo_cameo_codes() -> dict[str, str]:
    """Project igo code -> its CAMEO actor code (from the bundled igos.yaml)."""
    from streams.enrich.linking.gazetteer import load_gazetteer

    return {code: (info.cameo or "") for code, info in load_gazetteer().igos.items()}


def igo_family(cameo_code: str) -> str:
    fam = cameo_code[:6]
    return "IGO:" + IGO_FAMILY_NAMES.get(fam, fam[3:] or "?")


def project_actor_code(actor: dict[str, Any] | None) -> str | None:
    """The project-gold form of an event actor: its country, 'IGO:<igo>' for a body, else None."""
    if not actor:
        return None
    if actor.get("igo"):
        return f"IGO:{actor['igo']}"
    return actor.get("country") or None


def cameo_actor_code(actor: dict[str, Any] | None) -> str | None:
    """Our event actor in the loose form PETRARCH gold is compared with: ISO-3, or IGO:<CAMEO family>."""
    if not actor:
        return None
    igo = actor.get("igo")
    if igo:
        cameo = igo_cameo_codes().get(igo) or ""
        return igo_family(cameo) if cameo.startswith("IGO") else f"IGO:{igo}"
    return actor.get("country") or None


def gold_cameo_actor(code: str | None) -> str | None:
    """A PETRARCH gold actor code: 'RUSGOV' -> 'RUS', 'IGOUNOMIL' -> 'IGO:UN', '---REB' / '' -> None,
    other non-state codes ('IMGMUSISI', 'NGO…') -> '?IMG' (never matched)."""
    if not code:
        return None
    head = code[:3].upper()
    if head == "---":
        return None
    if head == "IGO":
        return igo_family(code.upper())
    if head in NON_COUNTRY:
        return f"?{head}"
    return ISO3_TYPOS.get(head, head)


def plover_gold_actor(code: str | None) -> str | None:
    """A PLOVER GSR actor code: ISO-3 (typos fixed), 'IGO' for IGO/NGO, '?IMG' etc for others, None when empty."""
    if not code or not isinstance(code, str):
        return None
    code = code.strip().upper()
    if code in {"", "---"}:
        return None
    if code in {"IGO", "NGO"}:
        return "IGO"
    if code in NON_COUNTRY:
        return f"?{code}"
    return ISO3_TYPOS.get(code, code)


def plover_actor(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    if actor.get("igo"):
        return "IGO"
    return actor.get("country") or None


# ------------------------------------------------------------------------------------------------
# output
# ------------------------------------------------------------------------------------------------
def fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def print_table(title: str, rows: list[tuple[str, dict[str, Any] | Any]], columns: Sequence[str] | None = None) -> None:
    """Rows of (name, metrics dict or scalar); dict rows are laid out in the given columns."""
    if title:
        print(f"\n{title}")
        print("-" * len(title))
    cols = list(columns or ["precision", "recall", "f1", "tp", "fp", "fn"])
    width = max([len(name) for name, _ in rows] + [10]) + 2
    header_done = False
    for name, value in rows:
        if isinstance(value, dict):
            if not header_done:
                print(" " * width + "".join(f"{c:>11}" for c in cols))
                header_done = True
            print(f"{name:<{width}}" + "".join(f"{fmt(value.get(c)):>11}" for c in cols))
        else:
            print(f"{name:<{width}}{fmt(value):>11}")


def dump_json(result: Any) -> None:
    print(json.dumps(result, indent=2, ensure_ascii=False, default=str))


def timed(label: str, fn: Callable[[], Any], quiet: bool = False) -> Any:
    t0 = time.perf_counter()
    out = fn()
    if not quiet:
        print(f"  {label}: {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
    return out


def run_sets(args: Any, project: tuple[Path, Any, Any], shared_sets: dict[str, tuple[Any, str, str, Any, Any]]) -> dict[str, Any]:
    """Enrich and score the project gold and, unless --skip-shared, the shared sets.

    ``shared_sets``: name -> (path option value, default file name, description, to_items, score).
    """
    verbose = not args.json
    shared = Path(args.shared)
    sets: dict[str, tuple[Path, Any, Any]] = {"project": project}
    if not args.skip_shared:
        if not shared.is_dir():
            sys.exit(
                f"error: the shared evaluation data directory is absent: {shared}\n"
                f"It is not part of the project (../shared/eval next to the checkout). Pass --shared DIR, "
                f"or --skip-shared to score only {args.gold}."
            )
        for name, (option, default_file, what, to_items, score) in shared_sets.items():
            sets[name] = (require_file(option or shared / default_file, what), to_items, score)
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only}

    if verbose:
        print("loading the enricher…", file=sys.stderr, flush=True)
    enricher = make_enricher()
    results: dict[str, Any] = {}
    for name, (path, to_items, score) in sets.items():
        gold = read_jsonl(path)
        if args.limit:
            gold = gold[: args.limit]
        records = enrich_texts(enricher, to_items(gold), label=name, progress=verbose)
        results[name] = score(gold, records)
        results[name]["file"] = str(path)
    return results


def print_errors(results: dict[str, Any], n: int) -> None:
    for name, r in results.items():
        for kind, items in (r.get("_errors") or {}).items():
            print(f"\n## {name} / {kind}: {len(items)}", file=sys.stderr)
            for line in items[:n]:
                print("  " + line, file=sys.stderr)


def eval_main(doc: str, gold_default: Path, shared_options: dict[str, str], run: Callable[[Any], dict[str, Any]],
              print_results: Callable[[dict[str, Any]], None], argv: list[str] | None = None) -> int:
    """The command line both evaluation scripts share; ``shared_options``: option name -> help text."""
    import argparse

    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(gold_default), help="project gold (default: %(default)s)")
    ap.add_argument("--shared", default=str(SHARED_EVAL), help="shared eval directory (default: %(default)s)")
    for option, help_text in shared_options.items():
        ap.add_argument(f"--{option}", help=help_text)
    ap.add_argument("--skip-shared", action="store_true", help="score only the project gold")
    ap.add_argument("--only", nargs="+", choices=["project", *shared_options], help="score only these sets")
    ap.add_argument("--limit", type=int, default=0, help="first N records of each set (debugging)")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON on stdout")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print up to N examples of each kind of error to stderr")
    args = ap.parse_args(argv)

    results = run(args)
    if args.errors:
        print_errors(results, args.errors)
    clean = {k: {kk: vv for kk, vv in v.items() if not kk.startswith("_")} for k, v in results.items()}
    if args.json:
        dump_json(clean)
    else:
        print_results(clean)
    return 0
