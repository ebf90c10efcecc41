"""Every entry of the bundled event lexicon codes its own example sentence (real model, no broker).

Table-driven: the examples are data (``example`` and ``expect`` of each entry in
``streams/enrich/data/lexicon/``). An entry passes when an event or a claim that the entry
coded (``lexicon_id``) comes out of its example with the expected source and target countries.
"""

from __future__ import annotations

from typing import Any

import pytest

from streams.contracts.article import article_from_dict
from streams.enrich.context import Provenance
from streams.enrich.events.lexicon import load_lexicon

MIN_ENTRIES = 1500  # measured 1,589 distinct (lemma, frame, code) entries; the issue asks for at least 1,500


def _coded(records: list[dict[str, Any]], entries: list[Any]) -> dict[str, str]:
    """entry id -> "" when its example codes it, else what came out instead."""
    out = {}
    for e, rec in zip(entries, records, strict=True):
        items = rec["events"] + rec["claims"]
        src, tgt = (list(e.expect) + [None, None])[:2]
        ok = any(i.get("lexicon_id") == e.id and (i["source"] or {}).get("country") == src
                 and (tgt is None or (i.get("target") or {}).get("country") == tgt) for i in items)
        out[e.id] = "" if ok else str([(i.get("lexicon_id"), (i["source"] or {}).get("country"),
                                         (i.get("target") or {}).get("country")) for i in items])
    return out


@pytest.fixture(scope="module")
def results(enricher: Any) -> dict[str, str]:
    entries = [e for e in load_lexicon().entries.values() if e.example]
    records: list[dict[str, Any]] = []
    for i in range(0, len(entries), 64):
        chunk = entries[i : i + 64]
        batch = [(article_from_dict({"id": f"lex-{j}", "body": e.example, "published_at": "2024-11-05T09:00:00Z"}), Provenance())
                 for j, e in enumerate(chunk, start=i)]
        records += enricher.enrich_many(batch)
    return _coded(records, entries)


def test_the_lexicon_is_large_and_every_entry_has_an_example() -> None:
    lex = load_lexicon()
    assert len(lex) >= MIN_ENTRIES
    assert all(e.example for e in lex.entries.values())
    roots = {e.code[:2] for e in lex.entries.values()}
    assert roots >= {f"{r:02d}" for r in range(2, 21)}, sorted(roots)


def test_every_example_codes_its_entry(results: dict[str, str]) -> None:
    failed = {k: v for k, v in results.items() if v}
    assert not failed, f"{len(failed)} of {len(results)} examples do not code their entry:\n" + "\n".join(
        f"{k}: got {v}" for k, v in list(failed.items())[:40])
