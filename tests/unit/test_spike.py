"""Spike detection on windowed counts (pure): synthetic timelines on the articles' clock."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from streams.alerts import SpikeRule, parse_rules, spike_alert, step
from streams.alerts.spike import count, evaluate, observe, window_bounds, window_index

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "streams" / "contracts" / "schemas" / "alerts.schema.json").read_text())
WINDOW = 900.0                      # 15m
T0 = 1_718_784_000.0                # 2024-06-19T08:00:00Z, a window boundary
W0 = int(T0 // WINDOW)


def spike_rule(**spec: Any) -> SpikeRule:
    fields = {"country": "PRK", "window": "15m", "baseline_windows": 8, "factor": 3, "min_count": 5, **spec}
    body = ", ".join(f"{k}: {v}" for k, v in fields.items())
    rule = parse_rules(f"rules:\n  - id: prk-spike\n    severity: medium\n    spike: {{{body}}}\n").rules[0]
    assert isinstance(rule, SpikeRule)
    return rule


def timeline(per_window: list[int], start: float = T0) -> list[float]:
    """Article times: ``per_window[i]`` articles spread over window i."""
    times = []
    for i, n in enumerate(per_window):
        times += [start + i * WINDOW + (j + 0.5) * WINDOW / max(n, 1) for j in range(n)]
    return times


def run(rule: SpikeRule, times: list[float], state: dict[str, Any] | None = None, through_json: bool = True):
    """Feed the articles one by one, storing the state as a changelog table would (JSON)."""
    fired = []
    for ts in times:
        state, result = step(state, ts, rule)
        if through_json:
            state = json.loads(json.dumps(state))
        if result is not None:
            fired.append((ts, result))
    return state, fired


def test_a_burst_fires_once() -> None:
    rule = spike_rule()
    state, fired = run(rule, timeline([1] * 8 + [12]))
    assert len(fired) == 1, "at most once per window, however many articles follow"
    ts, result = fired[0]
    assert result.window_index == W0 + 8 and result.count == 5, "fires on the article that reaches min_count"
    assert result.baseline == 1.0
    assert result.window_start == "2024-06-19T10:00:00.000Z" and result.window_end == "2024-06-19T10:15:00.000Z"
    assert result.as_window() == {"start": "2024-06-19T10:00:00.000Z", "end": "2024-06-19T10:15:00.000Z", "count": 5, "baseline": 1.0}
    assert state["fired"] == [W0 + 8] and count(state, W0 + 8) == 12


def test_same_burst_on_a_high_steady_baseline_does_not_fire() -> None:
    rule = spike_rule()
    steady, warm_up = run(rule, timeline([10] * 8))
    # cold start: the missing history counts as zeros, so the first windows of a busy key fire
    # (baselines 0, 1.25, 2.5; from 3.75 on, 10 is under 3 x baseline)
    assert [(r.window_index - W0, r.baseline) for _, r in warm_up] == [(0, 0.0), (1, 1.25), (2, 2.5)]
    burst = timeline([12], start=T0 + 8 * WINDOW)
    _, fired = run(rule, burst, steady)
    assert fired == [], "12 < 3 x 10"
    _, fired = run(rule, timeline([29], start=T0 + 8 * WINDOW), steady)
    assert fired == [], "29 < 3 x 10"
    _, fired = run(rule, timeline([30], start=T0 + 8 * WINDOW), steady)
    assert [(r.count, r.baseline) for _, r in fired] == [(30, 10.0)], "count >= factor x baseline fires"
    # the same burst of 12 does fire on a quiet key (see test_a_burst_fires_once)
    quiet, _ = run(rule, timeline([1] * 8))
    assert len(run(rule, burst, quiet)[1]) == 1


def test_min_count_is_respected() -> None:
    rule = spike_rule(min_count=6)
    _, fired = run(rule, timeline([0] * 8 + [5]))
    assert fired == [], "5 against a baseline of 0 is infinitely many times more, but under min_count"
    _, fired = run(rule, timeline([0] * 8 + [6]))
    assert [r.count for _, r in fired] == [6]


def test_short_history_uses_the_mean_over_baseline_windows() -> None:
    rule = spike_rule()
    # two windows of history (8 articles) -> baseline 8 / 8 windows = 1.0, not 8 / 2 = 4.0
    _, fired = run(rule, timeline([4, 4, 5]))
    assert [(r.count, r.baseline) for _, r in fired] == [(5, 1.0)]
    # a key never seen before fires as soon as min_count articles share a window
    _, fired = run(rule, timeline([5]))
    assert [(r.count, r.baseline) for _, r in fired] == [(5, 0.0)]


def test_fires_at_most_once_per_window_and_again_in_a_later_window() -> None:
    rule = spike_rule()
    state, fired = run(rule, timeline([0] * 8 + [6]))
    assert len(fired) == 1
    assert evaluate(state, W0 + 8, rule) is None, "already fired for this window"
    # a second, larger burst two windows later fires again (baseline now 6 / 8 = 0.75)
    state, fired = run(rule, timeline([0, 9], start=T0 + 9 * WINDOW), state)
    assert [(r.window_index, r.count, r.baseline) for _, r in fired] == [(W0 + 10, 5, 0.75)]
    assert state["fired"] == [W0 + 8, W0 + 10]


def test_pruning_keeps_the_state_bounded() -> None:
    rule = spike_rule()
    state, fired = run(rule, timeline([1, 7, 0, 3] * 250), through_json=False)
    assert len(state["counts"]) <= 8 + 2 and len(state["fired"]) <= 8 + 2
    newest = W0 + 999
    assert sorted(map(int, state["counts"])) == [w for w in range(newest - 9, newest + 1) if (w - W0) % 4 != 2]
    assert all(newest - 9 <= w <= newest for w in state["fired"])
    assert len(json.dumps(state)) < 400
    assert fired and all(r.window_index < W0 + 8 for _, r in fired), "7 fires only while the history warms up (steady mean 2.75)"


def test_late_articles() -> None:
    rule = spike_rule()
    state, _ = run(rule, timeline([1] * 12))
    newest = W0 + 11
    # a late article within the kept windows is counted ...
    late = observe(state, T0 + 10 * WINDOW + 1, WINDOW, 8)
    assert count(late, W0 + 10) == 2
    # ... one older than the kept windows is dropped
    assert observe(state, T0 + 1 * WINDOW, WINDOW, 8) == state
    # the previous window can still fire when late articles complete a burst; older windows are not judged
    for _ in range(5):
        state = observe(state, T0 + 10 * WINDOW + 5, WINDOW, 8)
    result = evaluate(state, newest - 1, rule)
    assert result is not None and result.count == 6
    state = observe(state, T0 + 9 * WINDOW + 5, WINDOW, 8, n=10)
    assert evaluate(state, newest - 2, rule) is None, "its baseline is partly pruned"


def test_a_future_dated_article_is_not_counted_when_now_is_given() -> None:
    rule = spike_rule()
    state, _ = run(rule, timeline([1] * 3))
    far = T0 + 365 * 86400
    assert observe(state, far, WINDOW, 8, now=T0 + 3 * WINDOW) == state
    moved = observe(state, far, WINDOW, 8)
    assert list(map(int, moved["counts"])) == [window_index(far, WINDOW)], "without now it moves the key forward"


def test_changing_the_window_starts_afresh() -> None:
    state, _ = run(spike_rule(), timeline([3] * 4))
    hourly = spike_rule(window="1h")
    new, _ = step(state, T0 + 4 * WINDOW, hourly)
    assert new["window_s"] == 3600.0 and new["counts"] == {str(int((T0 + 4 * WINDOW) // 3600)): 1}


def test_window_bounds() -> None:
    assert window_index(T0, WINDOW) == W0 and window_index(T0 - 0.001, WINDOW) == W0 - 1
    assert window_bounds(W0, WINDOW) == ("2024-06-19T08:00:00.000Z", "2024-06-19T08:15:00.000Z")


def test_spike_alert_validates_against_the_schema() -> None:
    rule = spike_rule(min_count=14)
    history = [2, 3, 2, 1, 3, 2, 2, 2]  # mean 2.125
    times = timeline(history + [14])
    _, fired = run(rule, times)
    ts, result = fired[0]
    alert = spike_alert(rule, result, ts, article_ids=["sample-001"], urls=["https://example.org/1"], suppressed_count=1)
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert not list(validator.iter_errors(alert))
    assert alert["summary"] == "PRK mentions spiked: 14 in 15m vs baseline 2.1"
    assert alert["kind"] == "spike" and alert["events"] == [] and alert["throttle_key"] == "prk-spike|country:PRK"
    assert alert["window"] == {"start": "2024-06-19T10:00:00.000Z", "end": "2024-06-19T10:15:00.000Z", "count": 14, "baseline": 2.125}
    again = spike_alert(rule, result, ts + 30, article_ids=["sample-001"])
    assert again["alert_id"] == alert["alert_id"], "same rule, key, window and articles: same id"
    dyad = parse_rules("rules:\n  - {id: d, severity: low, spike: {dyad: 'RUS|UKR', window: 1h, min_count: 1}}").rules[0]
    _, res = step(None, T0, dyad)
    assert res is not None and spike_alert(dyad, res, T0)["summary"] == "RUS|UKR events spiked: 1 in 1h vs baseline 0.0"
