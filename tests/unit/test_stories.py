"""Copies and story events: the pure parts (streams.stories) and the gold regression set.

The gold (tests/fixtures/story_gold.jsonl) is written for this project; like the event gold it
is a regression test, not evidence of accuracy (bench/eval_stories.py reports the figures).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest

from streams.alerts.rules import RulesError, parse_rules
from streams.stories.copies import CopyIndex, checkable, decode, encode, signature, similarity
from streams.stories.keys import blocking_key
from streams.stories.messages import CopyCheck, StoryEvent, StorySweep, parse_story_message
from streams.stories.minhash import MAX_HASH, minhash, optimal_banding
from streams.stories.story import Story, apply_event, apply_sweep, codes_compatible
from streams.stories.story_alerts import story_alerts

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

DAY = 86400.0
T0 = 1_780_000_000.0  # 2026-05-28
WIRE = ("The foreign ministers of Kenya and Uganda met in Kampala on Tuesday to discuss the dispute over fishing "
        "rights on Lake Victoria, officials from both governments said. The talks lasted four hours and ended with a "
        "pledge to set up a joint patrol commission before the end of the year.")
OTHER = ("Kenyan and Ugandan officials are expected to resume negotiations next month after a first round in Kampala "
         "failed to settle the quarrel over fishing on the lake, according to a statement issued in Nairobi.")


def actor(country: str | None = None, igo: str | None = None) -> dict[str, Any] | None:
    return None if country is None and igo is None else {"country": country, "igo": igo, "name": igo or country}


def event(eid: str, code: str = "042", src: str = "FRA", tgt: str = "DEU", date: str | None = "2026-05-28",
          place: str | None = "Berlin", country: str | None = "DEU", confidence: float = 0.8) -> dict[str, Any]:
    return {"id": eid, "code": code, "root": code[:2], "source": actor(src), "target": actor(tgt), "date": date,
            "location": {"name": place, "country": country} if place else None, "evidence": "Macron visited Berlin",
            "confidence": confidence}


def report(eid: str, article: str, outlet: str | None, clock: float = T0, duplicate_of: str | None = None,
           **kw: Any) -> StoryEvent:
    return StoryEvent(event(eid, **kw), article, clock, outlet=outlet, duplicate_of=duplicate_of, title="Macron in Berlin")


def run(messages: list[StoryEvent], **kw: Any) -> tuple[dict[str, Any] | None, list[Any]]:
    """Apply reports of one key in order; the state and every outcome."""
    state, outcomes = None, []
    for m in messages:
        out = apply_event(state, blocking_key(m.event), m, **kw)
        state = out.state
        outcomes.append(out)
    return state, outcomes


def stories_of(state: dict[str, Any] | None) -> list[Story]:
    return [Story.from_json(s) for s in (state or {}).get("stories", ())]


# --------------------------------------------------------------------------------------------
# copies
# --------------------------------------------------------------------------------------------
def test_a_lightly_edited_copy_is_similar_and_a_different_report_is_not() -> None:
    copy_text = WIRE.replace("Tuesday", "Tuesday afternoon").replace(" before the end of the year", "")
    assert similarity(signature(WIRE), signature(copy_text)) >= 0.6
    assert similarity(signature(WIRE), signature(OTHER)) < 0.2
    assert decode(encode(signature(WIRE))).tolist() == signature(WIRE).tolist()


def test_minhash_values_and_banding_are_datasketchs() -> None:
    # signatures travel on the copy-check topic and live in the copy table, so their values must not change:
    # these are datasketch 1.6.5's MinHash(num_perm=128, seed=1) values of the same three shingles
    sig = minhash([b"the prime minister", b"prime minister said", b"minister said on"], 128, 1)
    assert sig[:4].tolist() == [1227280269, 690862182, 1337465894, 673593483]
    assert sig[-2:].tolist() == [799547007, 342103860]
    assert (minhash([], 128, 1) == MAX_HASH).all()
    # datasketch's MinHashLSH chooses these (bands, rows) for 128 values
    assert [optimal_banding(t, 128) for t in (0.3, 0.5, 0.8)] == [(37, 3), (25, 5), (9, 13)]


def test_copy_index_finds_the_first_article_of_a_family_and_replays_its_verdict() -> None:
    index = CopyIndex(threshold=0.5)
    first = index.check("a", signature(WIRE), T0, "Wire A")
    assert (first.duplicate_of, first.similarity, first.again) == (None, None, False)
    second = index.check("b", signature(WIRE + " Kenya's president welcomed the agreement."), T0 + 60, "Paper B")
    assert second.duplicate_of == "a" and second.similarity is not None and second.similarity >= 0.5
    # a copy of the copy is a copy of the first article seen
    third = index.check("c", signature(WIRE + " Kenya's president welcomed the agreement. Uganda agreed."), T0 + 120)
    assert third.duplicate_of == "a"
    assert index.check("d", signature(OTHER), T0 + 180).duplicate_of is None
    # redelivered: the same verdict, never its own duplicate, nothing added
    again = index.check("a", signature(WIRE), T0)
    assert again.again and again.duplicate_of is None and len(index) == 4
    assert index.check("b", signature(WIRE), T0).duplicate_of == "a"


def test_copy_index_is_bounded_by_window_and_cap_and_restores_from_its_entries() -> None:
    index = CopyIndex(threshold=0.5, window_s=2 * DAY, max_articles=3)
    index.check("old", signature(WIRE), T0)
    verdict = index.check("new", signature(OTHER), T0 + 3 * DAY)
    assert verdict.evicted == ("old",) and len(index) == 1
    assert index.check("late-copy", signature(WIRE), T0 + 3 * DAY).duplicate_of is None  # its original was evicted
    for i in range(3):
        index.check(f"x{i}", signature(f"{OTHER} Item number {i} of a longer series of unrelated reports."), T0 + 3 * DAY + i)
    assert len(index) == 3
    stored = index.stored()
    restored = CopyIndex(threshold=0.5, window_s=2 * DAY, max_articles=3)
    restored.restore(stored)
    assert restored.stored() == stored
    assert "new" not in restored  # evicted by the cap...
    # ...but its copies still name it: a copy of a copy is a copy of the first article seen
    assert restored.check("copy", signature(f"{OTHER} Item number 2 of a longer series of unrelated reports."),
                          T0 + 4 * DAY).duplicate_of == "new"


def test_a_copy_index_restored_under_a_lower_cap_evicts_the_excess_at_its_next_check() -> None:
    index = CopyIndex(threshold=0.5, max_articles=5)
    for i in range(5):
        index.check(f"a{i}", signature(f"{OTHER} Report number {i} of a longer series of unrelated items."), T0 + i)
    smaller = CopyIndex(threshold=0.5, max_articles=2)
    smaller.restore(index.stored())
    assert len(smaller) == 5
    verdict = smaller.check("new", signature(WIRE), T0 + 10)
    assert verdict.evicted == ("a0", "a1", "a2", "a3") and len(smaller) == 2


def test_short_bodies_are_not_judged() -> None:
    assert not checkable("North Korea fired a ballistic missile into the sea.")
    assert checkable(WIRE)


# --------------------------------------------------------------------------------------------
# story events
# --------------------------------------------------------------------------------------------
def test_reports_of_one_event_make_one_story_counted_by_independent_sources() -> None:
    state, outs = run([
        report("e1", "a1", "Wire A"),
        report("e2", "a2", "Paper B", clock=T0 + 3600, duplicate_of="a1"),  # a syndicated copy
        report("e3", "a3", "Paper C", clock=T0 + 7200, code="043", src="DEU", tgt="FRA"),  # the host's side
    ])
    [story] = stories_of(state)
    assert story.story_id == "e1"  # the first event's id
    assert [o.assignments for o in outs] == [[("e1", "e1")], [("e2", "e1")], [("e3", "e1")]]
    message = story.message()
    assert (message["reports"], message["independent_sources"], message["copies"]) == (3, 2, 1)
    assert message["article_ids"] == ["a1", "a2", "a3"] and message["outlets"] == ["Wire A", "Paper C"]
    assert message["date_start"] == message["date_end"] == "2026-05-28"
    assert 0 < outs[0].changed[0].confidence < message["confidence"] < 1


def test_a_redelivered_event_changes_nothing() -> None:
    state, _ = run([report("e1", "a1", "Wire A"), report("e2", "a2", "Paper B")])
    before = copy.deepcopy(state)
    out = apply_event(state, "04|DEU|FRA", report("e2", "a2", "Paper B"))
    assert out.duplicate and out.state == before and not out.changed and state == before


def test_dates_window_and_granularity() -> None:
    far = report("e2", "a2", "Paper B", date="2026-06-04", clock=T0 + 7 * DAY)
    state, _ = run([report("e1", "a1", "Wire A"), far])
    assert len(stories_of(state)) == 2  # a week apart: two visits
    # a chain of reports one day apart never stretches a story beyond the window
    chain = [report(f"c{i}", f"a{i}", f"O{i}", date=f"2026-05-{28 + i:02d}", clock=T0 + i * DAY) for i in range(4)]
    state, _ = run(chain, window_days=2)
    spans = [(s.day_lo, s.day_hi) for s in stories_of(state)]
    assert spans == [("2026-05-28", "2026-05-30"), ("2026-05-31", "2026-05-31")]
    # a month-dated report joins a day-dated story of that month, and does not widen it
    state, _ = run([report("e1", "a1", "Wire A"), report("m1", "a9", "Monthly", date="2026-05", clock=T0 + DAY)])
    [story] = stories_of(state)
    assert (story.reports, story.day_lo, story.day_hi) == (2, "2026-05-28", "2026-05-28")


def test_the_same_act_on_another_day_in_another_place_is_another_story() -> None:
    strike = {"code": "195", "src": "UKR", "tgt": "RUS", "country": "RUS"}
    state, _ = run([report("e1", "a1", "A", place="Volgograd", **strike),
                    report("e2", "a2", "B", place="Saratov", date="2026-05-30", clock=T0 + 2 * DAY, **strike),
                    report("e3", "a3", "C", place="Volgograd region", date="2026-05-29", clock=T0 + 2 * DAY, **strike)])
    assert sorted(s.reports for s in stories_of(state)) == [1, 2]
    # for a statement, where it was made is not part of it
    accuse = {"code": "112", "src": "IRN", "tgt": "USA"}
    state, _ = run([report("e1", "a1", "A", place="Muscat", country="OMN", **accuse),
                    report("e2", "a2", "B", place="Washington", country="USA", **accuse)])
    assert [s.reports for s in stories_of(state)] == [2]


def test_codes_of_one_root_are_compatible_and_the_most_specific_one_is_canonical() -> None:
    assert codes_compatible("190", "193") and codes_compatible("042", "043") and not codes_compatible("042", "057")
    state, _ = run([report("e1", "a1", "A", code="190", tgt="UKR", src="RUS", country="UKR", place="Kharkiv"),
                    report("e2", "a2", "B", code="194", tgt="UKR", src="RUS", country="UKR", place="Kharkiv"),
                    report("e3", "a3", "C", code="190", tgt="UKR", src="RUS", country="UKR", place="Kharkiv")])
    [story] = stories_of(state)
    assert story.code == "194"
    assert blocking_key(event("x", code="042", src="FRA", tgt="DEU")) == blocking_key(event("y", code="043", src="DEU", tgt="FRA"))
    assert blocking_key(event("x", code="190", src="RUS", tgt="UKR")) != blocking_key(event("y", code="190", src="UKR", tgt="RUS"))


def test_quiet_stories_close_on_the_article_clock_and_the_quietest_beyond_the_cap() -> None:
    state, _ = run([report("e1", "a1", "A")])
    assert apply_sweep(state, T0 + 2 * DAY, expiry_s=3 * DAY).changed == []
    out = apply_sweep(state, T0 + 4 * DAY, expiry_s=3 * DAY)
    assert out.state is None and [s.closed for s in out.changed] == [True]
    assert out.changed[0].message()["closed"] is True
    # a report far later closes the quiet story before it opens its own
    out = apply_event(state, "04|DEU|FRA", report("e9", "a9", "B", date="2026-06-20", clock=T0 + 23 * DAY))
    assert [s.story_id for s in out.changed if s.closed] == ["e1"] and len(stories_of(out.state)) == 1
    many = [report(f"e{i}", f"a{i}", "A", date=f"2026-0{1 + i // 28}-{1 + i % 28:02d}", clock=T0 + i) for i in range(0, 40, 4)]
    state, _ = run(many, max_open=3)
    assert len(stories_of(state)) == 3


def test_an_event_that_bridges_two_stories_merges_them_with_a_tombstone() -> None:
    # two stories of one key opened on different days with different places unknown...
    first = report("e1", "a1", "A", date="2026-05-28", place=None)
    second = report("e2", "a2", "B", date="2026-05-30", place=None)
    state, _ = run([first, second], window_days=1)
    assert len(stories_of(state)) == 2
    # ...turn out to be one when the window allows it (a wider window, or a coarse report)
    out = apply_event(state, "04|DEU|FRA", report("e3", "a3", "C", date="2026-05", place=None, clock=T0 + DAY),
                      window_days=2)
    [story] = stories_of(out.state)
    assert story.story_id == "e1" and story.reports == 3
    assert out.tombstones == ["e2"]
    absorbed = next(s for s in out.changed if s.story_id == "e2")
    assert absorbed.message()["merged_into"] == "e1" and absorbed.closed
    assert ("e2", "e1") in out.assignments and ("e3", "e1") in out.assignments


def test_story_messages_parse_and_refuse_garbage() -> None:
    m = report("e1", "a1", "A")
    assert parse_story_message(m.to_bytes()) == m
    assert parse_story_message(StorySweep(T0).to_bytes()) == StorySweep(T0)
    check = CopyCheck({"article_id": "a1"}, None, T0)
    assert CopyCheck.from_bytes(check.to_bytes()) == check
    from streams.errors import InvalidMessage

    for bad in (b"[]", b'{"kind": "nope", "clock": 1}', b'{"kind": "event", "event": {"id": "x"}, "article_id": "a", "clock": 1}',
                b'{"v": 99, "kind": "sweep", "clock": 1}'):
        with pytest.raises(InvalidMessage):
            parse_story_message(bad)


# --------------------------------------------------------------------------------------------
# per: story rules
# --------------------------------------------------------------------------------------------
STORY_RULES = """
rules:
  - id: fra-deu-visits
    severity: medium
    per: story
    min_sources: 2
    match: {roots: ["04"], dyad: [FRA, DEU]}
  - id: per-article
    severity: low
    match: {roots: ["04"]}
"""


def test_per_story_rules_fire_at_min_sources_then_on_escalation_only() -> None:
    rules = parse_rules(STORY_RULES, "rules.yaml")
    assert [r.id for r in rules.story_rules] == ["fra-deu-visits"]
    assert [r.id for r in rules.match_event(event("x"))] == ["per-article"]  # per-story rules never fire per article
    fired = []
    state = None
    for m in [report("e1", "a1", "A"), report("e2", "a2", "A"), report("e3", "a3", "B"),
              report("e4", "a4", "B"), report("e5", "a5", "C", code="0421")]:
        out = apply_event(state, blocking_key(m.event), m)
        state = out.state
        fired.append([(a["update"], a["story"]["independent_sources"], a["story"]["code"])
                      for s in out.changed for a in story_alerts(s, rules.story_rules)])
        # what story_alerts recorded in the story is stored with it
        state = {"stories": [s.to_json() for s in out.changed]}
    assert fired == [[], [], [(False, 2, "042")], [], [(True, 3, "0421")]]


def test_per_story_rule_fields_are_validated() -> None:
    bad = """
rules:
  - id: r1
    severity: low
    min_sources: 2
    match: {roots: ["04"]}
  - id: r2
    severity: low
    per: story
    throttle: 10m
    match: {roots: ["04"]}
  - id: r3
    severity: low
    per: stories
    match: {roots: ["04"]}
"""
    with pytest.raises(RulesError) as err:
        parse_rules(bad, "rules.yaml")
    text = str(err.value)
    assert "rule 'r1' (#1)" in text and "min_sources" in text and "per: story" in text
    assert "rule 'r2' (#2)" in text and "throttle" in text
    assert "rule 'r3' (#3): per" in text


# --------------------------------------------------------------------------------------------
# the gold set (written for this project)
# --------------------------------------------------------------------------------------------
def test_clustering_of_the_gold_events_meets_the_targets() -> None:
    from eval_stories import GOLD, ordered, read_jsonl, run_gold

    from streams.stories.offline import StoryParams

    articles = ordered(read_jsonl(GOLD))
    assert len({e["story"] for a in articles for e in a["events"]}) >= 40
    result = run_gold(articles, StoryParams())
    assert result["b_cubed"]["f1"] >= 0.90, result
    assert result["copies"]["precision"] >= 0.98 and result["copies"]["recall"] >= 0.95, result
    assert result["widest_span_days"] <= 2, result


def test_clustering_of_coded_events_on_a_slice(enricher: Any) -> None:
    """End to end from text on the first 40 articles: the coder's events, then the clustering."""
    from eval_stories import GOLD, ordered, read_jsonl, run_coded

    from streams.stories.offline import StoryParams

    result = run_coded(ordered(read_jsonl(GOLD))[:40], StoryParams(), enricher)
    assert result["coverage"] >= 0.3, result
    assert result["b_cubed"]["f1"] >= 0.80, result
    assert result["copies"]["recall"] >= 0.95 and result["copies"]["precision"] >= 0.98, result
