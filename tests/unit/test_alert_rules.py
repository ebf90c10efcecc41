"""Alert rules: parsing and its error messages, matching, throttle keys, throttling, alert records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from streams.alerts import (
    EntityRule,
    EventRule,
    RulesError,
    SpikeRule,
    decide,
    entity_alert,
    event_alert,
    load_rules,
    make_alert,
    parse_duration,
    parse_rules,
    throttle_key,
    trend_keys,
)
from streams.alerts.throttle import is_idle, pending

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "streams"
EXAMPLE_RULES = PACKAGE_DIR / "alerts" / "example_rules.yaml"
ALERTS_SCHEMA = json.loads((PACKAGE_DIR / "contracts" / "schemas" / "alerts.schema.json").read_text())

RULES = """
rules:
  - id: rus-prk-military
    severity: high
    throttle: 10m
    match:
      roots: ["06", "07", "15", "18", "19"]
      dyad: [RUS, PRK]
      min_confidence: 0.5
  - id: watch-iaea
    severity: low
    match:
      entities: ["igo:IAEA"]
  - id: prk-spike
    severity: medium
    spike:
      country: PRK
      window: 15m
      baseline_windows: 8
      factor: 3
      min_count: 5
  - id: chn-to-twn
    severity: critical
    throttle: 1h30m
    match:
      codes: ["19", "072"]
      source: CHN
      target: [TWN, "IGO:NATO"]
"""


def actor(country: str | None, name: str, igo: str | None = None, entity_id: str | None = None) -> dict[str, Any]:
    return {"entity_id": entity_id or (f"igo:{igo}" if igo else f"country:{country}"), "name": name,
            "country": country, "igo": igo, "role": None}


RUS = actor("RUS", "Russia")
PRK = actor("PRK", "North Korea")
CHN = actor("CHN", "China")
TWN = actor("TWN", "Taiwan")
NATO = actor(None, "NATO", igo="NATO")


def event(code: str, source: dict[str, Any] | None, target: dict[str, Any] | None, confidence: float = 0.8, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"ev-{code}-{(source or {}).get('name')}-{(target or {}).get('name')}", "code": code, "root": code[:2],
        "label": {"072": "Provide military aid", "190": "Use conventional military force"}.get(code, "Some event"),
        "quad_class": 2, "goldstein": 8.3, "source": source, "target": target,
        "location": {"name": "Pyongyang", "country": "PRK"}, "date": "2024-06-19",
        "evidence": "North Korea sent shells to Russia.", "sentence_index": 3, "confidence": confidence,
        "factuality": "asserted", **extra,
    }


def record(article_id: str = "sample-002", events: list[dict[str, Any]] | None = None, entities: list[dict[str, Any]] | None = None,
           countries: list[str] | None = None) -> dict[str, Any]:
    return {
        "schema_version": 1, "article_id": article_id, "title": "North Korea ships shells to Russia",
        "url": f"https://example.org/{article_id}", "published_at": "2024-06-19T08:00:00Z",
        "entities": entities if entities is not None else [
            {"id": "country:PRK", "name": "North Korea", "type": "GPE", "country": "PRK"},
            {"id": "igo:IAEA", "name": "International Atomic Energy Agency", "type": "ORG", "country": None, "igo": "IAEA"},
            {"id": "person:vladimir-putin", "name": "Vladimir Putin", "type": "PERSON", "country": "RUS"},
            {"id": "place:1871859", "name": "Pyongyang", "type": "GPE", "country": "PRK"},
        ],
        "countries": countries if countries is not None else ["PRK", "RUS"],
        "events": events if events is not None else [event("072", PRK, RUS)],
        "time_basis": "published_at", "reference_time": "2024-06-19T08:00:00.000Z",
    }


@pytest.fixture(scope="module")
def rules():
    return parse_rules(RULES, "rules.yaml")


# --------------------------------------------------------------------------------------------
# parsing
# --------------------------------------------------------------------------------------------
def test_parse_happy_path(rules) -> None:
    assert [r.id for r in rules] == ["rus-prk-military", "watch-iaea", "prk-spike", "chn-to-twn"]
    mil, iaea, spike, chn = rules.rules
    assert isinstance(mil, EventRule) and isinstance(iaea, EntityRule) and isinstance(spike, SpikeRule)
    assert mil.match.roots == ("06", "07", "15", "18", "19") and mil.match.dyad == ("RUS", "PRK")
    assert mil.throttle_s == 600 and chn.throttle_s == 5400
    assert iaea.throttle_s == 600, "the loader's default throttle (10m)"
    assert iaea.entities == ("igo:IAEA",)
    assert spike.spike.window_s == 900 and spike.key == "country:PRK"
    assert chn.match.target == ("TWN", "IGO:NATO") and chn.match.source == ("CHN",)
    assert len(rules.version) == 12 and rules.version == parse_rules(RULES).version
    assert rules.version != parse_rules(RULES + "\n# changed\n").version


def test_default_throttle_comes_from_the_loader() -> None:
    assert parse_rules(RULES, default_throttle="2h").get("watch-iaea").throttle_s == 7200
    assert parse_rules(RULES, default_throttle=30).get("watch-iaea").throttle_s == 30
    assert parse_rules(RULES, default_throttle="2h").get("rus-prk-military").throttle_s == 600, "the rule's own throttle wins"
    with pytest.raises(RulesError, match=r"default throttle: '10x' is not a duration"):
        parse_rules(RULES, default_throttle="10x")


def test_example_rules_file_loads() -> None:
    rules = load_rules(EXAMPLE_RULES)
    assert {"rus-prk-military", "watch-iaea", "prk-spike"} <= {r.id for r in rules}
    assert len(rules) >= 5 and rules.source == str(EXAMPLE_RULES)


def test_durations() -> None:
    assert [parse_duration(d) for d in ("30s", "15m", "2h", "1d", "1h30m", "0.5h")] == [30, 900, 7200, 86400, 5400, 1800]
    for bad in ("15x", "10", "", "m", 10, None):
        with pytest.raises(ValueError, match="is not a duration like 30s, 10m, 2h"):
            parse_duration(bad)


def one_rule(body: str) -> str:
    return "rules:\n" + "\n".join("  " + line for line in body.strip("\n").splitlines())


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("- id: prk-spike\n  severity: medium\n  spike: {country: PRK, window: 15x}",
         "rules.yaml: rule 'prk-spike' (#1): spike.window: '15x' is not a duration like 30s, 10m, 2h"),
        ("- id: r\n  severity: urgent\n  match: {roots: ['07']}",
         "rules.yaml: rule 'r' (#1): severity: 'urgent' is not one of low, medium, high, critical"),
        ("- id: r\n  severity: low\n  match: {rootz: ['07']}",
         "rules.yaml: rule 'r' (#1): match.rootz: unknown key (did you mean 'roots'?)"),
        ("- id: r\n  severity: low\n  mtach: {roots: ['07']}\n  match: {roots: ['07']}",
         "rules.yaml: rule 'r' (#1): mtach: unknown key (did you mean 'match'?)"),
        ("- id: r\n  severity: low\n  spike: {country: PRK, window: 1h, factr: 2}",
         "rules.yaml: rule 'r' (#1): spike.factr: unknown key (did you mean 'factor'?)"),
        ("- id: r\n  severity: low\n  match: {roots: ['07', '21']}",
         "rules.yaml: rule 'r' (#1): match.roots[1]: '21' is not a CAMEO root (two digits, 01 to 20"),
        ("- id: r\n  severity: low\n  match: {roots: ['7']}",
         "rules.yaml: rule 'r' (#1): match.roots[0]: '7' is not a CAMEO root"),
        ("- id: r\n  severity: low\n  match: {codes: [072]}",
         "rules.yaml: rule 'r' (#1): match.codes[0]: 58 is a number: write CAMEO codes as quoted strings"),
        ("- id: r\n  severity: low\n  match: {codes: ['0999']}",
         "rules.yaml: rule 'r' (#1): match.codes[0]: '0999' is not a CAMEO code, nor the prefix of one"),
        ("- id: r\n  severity: low\n  match: {dyad: [RUS, prk]}",
         "rules.yaml: rule 'r' (#1): match.dyad[1]: 'prk' is not a country code (ISO 3166-1 alpha-3, e.g. RUS) or IGO:<code>"),
        ("- id: r\n  severity: low\n  match: {dyad: [RUS, PRK, USA]}",
         "rules.yaml: rule 'r' (#1): match.dyad: ['RUS', 'PRK', 'USA'] is not a pair of actors"),
        ("- id: r\n  severity: low\n  match: {source: RSU}",
         "rules.yaml: rule 'r' (#1): match.source[0]: 'RSU' is not an ISO 3166-1 alpha-3 country code"),
        ("- id: r\n  severity: low\n  match: {target: 'NATO'}",
         "rules.yaml: rule 'r' (#1): match.target[0]: 'NATO' is not a country code"),
        ("- id: r\n  severity: low\n  match: {dyad: [RUS, PRK], source: RUS}",
         "rules.yaml: rule 'r' (#1): match: give either dyad (either direction) or source/target"),
        ("- id: r\n  severity: low\n  match: {min_confidence: 1.5}",
         "rules.yaml: rule 'r' (#1): match.min_confidence: Input should be less than or equal to 1 (got 1.5)"),
        ("- id: r\n  severity: low\n  match: {}",
         "rules.yaml: rule 'r' (#1): match: give at least one condition"),
        ("- id: r\n  severity: low\n  match: {roots: []}",
         "rules.yaml: rule 'r' (#1): match.roots: must list at least one value"),
        ("- id: r\n  severity: low\n  match: {entities: ['Putin']}",
         "rules.yaml: rule 'r' (#1): match.entities[0]: 'Putin' is not an entity id like country:PRK"),
        ("- id: r\n  severity: low\n  match: {entities: ['igo:IAEA'], roots: ['07']}",
         "rules.yaml: rule 'r' (#1): match: entities cannot be combined with roots"),
        ("- id: r\n  severity: low\n  match: {roots: ['07']}\n  spike: {country: PRK, window: 1h}",
         "rules.yaml: rule 'r' (#1): match/spike: a rule has exactly one of match"),
        ("- id: r\n  severity: low",
         "rules.yaml: rule 'r' (#1): match/spike: a rule needs match"),
        ("- id: r\n  severity: low\n  spike: {country: PRK, dyad: RUS|PRK, window: 1h}",
         "rules.yaml: rule 'r' (#1): spike: give exactly one of country, entity or dyad (got country, dyad)"),
        ("- id: r\n  severity: low\n  spike: {country: PRK}",
         "rules.yaml: rule 'r' (#1): spike.window: required"),
        ("- id: r\n  severity: low\n  spike: {country: PRK, window: 0s}",
         "rules.yaml: rule 'r' (#1): spike.window: '0s' must be longer than 0s"),
        ("- id: r\n  severity: low\n  spike: {country: PRK, window: 1h, min_count: 0}",
         "rules.yaml: rule 'r' (#1): spike.min_count: Input should be greater than or equal to 1 (got 0)"),
        ("- id: r\n  severity: low\n  throttle: 10\n  match: {roots: ['07']}",
         "rules.yaml: rule 'r' (#1): throttle: 10 is not a duration like 30s, 10m, 2h"),
        ("- severity: low\n  match: {roots: ['07']}",
         "rules.yaml: rule #1: id: required"),
        ("- id: 'a|b'\n  severity: low\n  match: {roots: ['07']}",
         "rules.yaml: rule 'a|b' (#1): id: 'a|b' is not a rule id"),
        ("- id: r\n  match: {roots: ['07']}",
         "rules.yaml: rule 'r' (#1): severity: required"),
    ],
)
def test_errors_name_the_file_the_rule_and_the_field(body: str, expected: str) -> None:
    with pytest.raises(RulesError) as info:
        parse_rules(one_rule(body), "rules.yaml")
    assert any(p.startswith(expected) for p in info.value.problems), str(info.value)


def test_rule_named_by_index_and_all_problems_reported() -> None:
    text = RULES + "  - id: bad-two\n    severity: low\n    match: {roots: ['99']}\n  - id: bad-three\n    severity: nope\n    match: {roots: ['07']}\n"
    with pytest.raises(RulesError) as info:
        parse_rules(text, "rules.yaml")
    assert info.value.problems == [
        "rules.yaml: rule 'bad-two' (#5): match.roots[0]: '99' is not a CAMEO root (two digits, 01 to 20, e.g. '07')",
        "rules.yaml: rule 'bad-three' (#6): severity: 'nope' is not one of low, medium, high, critical",
    ]


def test_duplicate_ids_and_keys_are_errors() -> None:
    dup = RULES + "  - id: watch-iaea\n    severity: high\n    match: {entities: ['igo:UN']}\n"
    with pytest.raises(RulesError, match=r"rules.yaml: rule 'watch-iaea' \(#5\): id: duplicate of rule #2"):
        parse_rules(dup, "rules.yaml")
    twice = one_rule("- id: r\n  severity: low\n  match: {roots: ['07']}\n  match: {roots: ['18']}")
    with pytest.raises(RulesError, match=r"rules.yaml: line 5, column 5: invalid YAML: duplicate key 'match'"):
        parse_rules(twice, "rules.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "rules.yaml: expected a mapping with a 'rules' list"),
        ("rule: []", "rules.yaml: expected a mapping with a 'rules' list at the top level (found 'rule')"),
        ("rules: {id: x}", "rules.yaml: rules: expected a list of rules"),
        ("rules: []\nextra: 1", "rules.yaml: unknown top-level key 'extra'"),
        ("rules:\n  - [1", "rules.yaml: line 2, column 7: invalid YAML"),
        ("rules:\n  - 5", "rules.yaml: rule #1: expected a mapping"),
    ],
)
def test_file_level_errors(text: str, expected: str) -> None:
    with pytest.raises(RulesError, match="^" + expected.replace("(", r"\(").replace(")", r"\)")):
        parse_rules(text, "rules.yaml")


def test_load_rules_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "my-rules.yaml"
    path.write_text(one_rule("- id: r\n  severity: low\n  match: {roots: ['21']}"))
    with pytest.raises(RulesError, match=f"^{path}: rule 'r' \\(#1\\): match.roots\\[0\\]"):
        load_rules(path)
    with pytest.raises(RulesError, match="cannot read the rule file"):
        load_rules(tmp_path / "missing.yaml")


def test_empty_rule_list_is_valid() -> None:
    assert len(parse_rules("rules: []")) == 0


# --------------------------------------------------------------------------------------------
# matching
# --------------------------------------------------------------------------------------------
def ids(rules_list) -> list[str]:
    return [r.id for r in rules_list]


def test_dyad_matches_either_direction(rules) -> None:
    assert ids(rules.match_event(event("072", PRK, RUS))) == ["rus-prk-military"]
    assert ids(rules.match_event(event("072", RUS, PRK))) == ["rus-prk-military"]
    assert ids(rules.match_event(event("072", RUS, CHN))) == []
    assert ids(rules.match_event(event("072", PRK, None))) == []


def test_roots_and_min_confidence(rules) -> None:
    assert ids(rules.match_event(event("190", RUS, PRK))) == ["rus-prk-military"]
    assert ids(rules.match_event(event("042", RUS, PRK))) == [], "root 04 is not in the rule"
    assert ids(rules.match_event(event("072", RUS, PRK, confidence=0.5))) == ["rus-prk-military"], "min_confidence is inclusive"
    assert ids(rules.match_event(event("072", RUS, PRK, confidence=0.45))) == []
    no_confidence = event("072", RUS, PRK)
    del no_confidence["confidence"]
    assert ids(rules.match_event(no_confidence)) == []


def test_source_target_one_direction_and_codes_by_prefix(rules) -> None:
    assert ids(rules.match_event(event("072", CHN, TWN))) == ["chn-to-twn"]
    assert ids(rules.match_event(event("0721", CHN, TWN))) == ["chn-to-twn"], "codes match by prefix"
    assert ids(rules.match_event(event("195", CHN, NATO))) == ["chn-to-twn"], "19 covers 195; IGO:NATO target"
    assert ids(rules.match_event(event("073", CHN, TWN))) == [], "073 does not start with 072 or 19"
    assert ids(rules.match_event(event("072", TWN, CHN))) == [], "source/target are one direction"
    nato_member = actor("USA", "United States")
    assert ids(rules.match_event(event("072", CHN, nato_member))) == []


def test_claims_never_match(rules) -> None:
    assert rules.match_event(event("072", PRK, RUS, factuality="hedged")) == []


def test_entity_rules(rules) -> None:
    matched = rules.match_record(record())
    assert [(r.id, eid) for r, eid in matched] == [("watch-iaea", "igo:IAEA")]
    assert rules.match_record(record(entities=[{"id": "igo:UN", "type": "ORG"}])) == []
    multi = parse_rules(one_rule("- id: w\n  severity: low\n  match: {entities: ['igo:IAEA', 'person:vladimir-putin', 'igo:UN']}"))
    assert [eid for _, eid in multi.match_record(record())] == ["igo:IAEA", "person:vladimir-putin"]


def test_spike_hits_count_once_per_article(rules) -> None:
    assert [(r.id, key) for r, key in rules.spike_hits(record())] == [("prk-spike", "country:PRK")]
    assert rules.spike_hits(record(countries=["RUS"], entities=[])) == []
    others = parse_rules(one_rule(
        "- id: d\n  severity: low\n  spike: {dyad: 'PRK|RUS', window: 1h}\n"
        "- id: e\n  severity: low\n  spike: {entity: 'place:1871859', window: 1h}\n"
        "- id: f\n  severity: low\n  spike: {dyad: [RUS, PRK], window: 1h}"
    ))
    assert [(r.id, key) for r, key in others.spike_hits(record())] == [("d", "PRK|RUS"), ("e", "place:1871859")], "dyads are directed"


def test_throttle_keys(rules) -> None:
    mil, iaea, spike, chn = rules.rules
    assert throttle_key(mil, event("072", PRK, RUS)) == "rus-prk-military|PRK|RUS"
    assert throttle_key(mil, event("072", RUS, PRK)) == "rus-prk-military|PRK|RUS", "dyad rules: both directions share a key"
    assert throttle_key(chn, event("072", CHN, NATO)) == "chn-to-twn|CHN|IGO:NATO"
    assert throttle_key(iaea, "igo:IAEA") == "watch-iaea|igo:IAEA"
    assert throttle_key(iaea, {"id": "igo:IAEA"}) == "watch-iaea|igo:IAEA"
    assert throttle_key(spike) == "prk-spike|country:PRK"
    with pytest.raises(ValueError):
        throttle_key(mil)


def test_hits_group_events_of_one_article(rules) -> None:
    rec = record(events=[event("072", PRK, RUS), event("190", RUS, PRK), event("072", CHN, TWN), event("042", RUS, PRK)])
    hits = rules.hits(rec)
    assert [(h.rule.id, h.throttle_key, len(h.events), h.entity_id) for h in hits] == [
        ("rus-prk-military", "rus-prk-military|PRK|RUS", 2, None),
        ("chn-to-twn", "chn-to-twn|CHN|TWN", 1, None),
        ("watch-iaea", "watch-iaea|igo:IAEA", 0, "igo:IAEA"),
    ]


def test_trend_keys() -> None:
    rec = record(events=[event("072", PRK, RUS), event("072", PRK, RUS), event("190", PRK, None), event("042", NATO, PRK)])
    assert trend_keys(rec) == [
        "country:PRK", "country:RUS", "igo:IAEA", "person:vladimir-putin", "PRK|RUS", "IGO:NATO|PRK",
    ]
    assert trend_keys({"article_id": "x"}) == []


# --------------------------------------------------------------------------------------------
# throttling
# --------------------------------------------------------------------------------------------
def test_throttle_first_publishes_then_counts_then_reports() -> None:
    t0 = 1_718_784_000.0
    publish, state, reported = decide(None, t0, 600)
    assert (publish, reported) == (True, 0) and state == {"last_published": t0, "suppressed": 0}
    publish, state, reported = decide(state, t0 + 60, 600)
    assert (publish, reported) == (False, 0)
    publish, state, reported = decide(state, t0 + 599, 600)
    assert (publish, reported) == (False, 0) and state == {"last_published": t0, "suppressed": 2}
    assert json.loads(json.dumps(state)) == state, "state is a plain JSON value"
    assert pending(state, t0 + 300, 600) == 0 and pending(state, t0 + 700, 600) == 2
    assert not is_idle(state, t0 + 700, 600)
    publish, state, reported = decide(state, t0 + 700, 600)
    assert (publish, reported) == (True, 2), "the next alert carries the suppressed count"
    assert state == {"last_published": t0 + 700, "suppressed": 0}
    publish, state, reported = decide(state, t0 + 800, 600)
    assert (publish, reported) == (False, 0) and state["suppressed"] == 1
    assert is_idle({"last_published": t0, "suppressed": 0}, t0 + 600, 600)


def test_throttle_zero_publishes_everything_and_input_is_not_modified() -> None:
    state = {"last_published": 100.0, "suppressed": 3}
    assert decide(state, 100.0, 0) == (True, {"last_published": 100.0, "suppressed": 0}, 3)
    assert state == {"last_published": 100.0, "suppressed": 3}
    # an older article (out of order) counts as within the window
    assert decide({"last_published": 1000.0, "suppressed": 0}, 900.0, 600)[0] is False


# --------------------------------------------------------------------------------------------
# alert records
# --------------------------------------------------------------------------------------------
VALIDATOR = jsonschema.Draft202012Validator(ALERTS_SCHEMA, format_checker=jsonschema.FormatChecker())


def assert_valid(alert: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(alert), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_event_alert_validates_and_reads_well(rules) -> None:
    mil = rules.get("rus-prk-military")
    rec = record()
    hit = rules.hits(rec)[0]
    alert = event_alert(hit.rule, hit.events, rec, throttle_key=hit.throttle_key, suppressed_count=2)
    assert_valid(alert)
    assert alert["summary"] == "RUS|PRK 072 Provide military aid: North Korea -> Russia (article sample-002)"
    assert alert["kind"] == "event" and alert["rule_id"] == mil.id and alert["severity"] == "high"
    assert alert["time"] == "2024-06-19T08:00:00.000Z" and alert["window"] is None
    assert alert["article_ids"] == ["sample-002"] and alert["urls"] == ["https://example.org/sample-002"]
    assert alert["suppressed_count"] == 2 and alert["throttle_key"] == "rus-prk-military|PRK|RUS"
    assert alert["schema_version"] == 1 and alert["events"] == list(hit.events) and alert["alert_id"].startswith("al-")
    again = event_alert(hit.rule, hit.events, json.loads(json.dumps(rec)), throttle_key=hit.throttle_key)
    assert again["alert_id"] == alert["alert_id"], "stable across reprocessing"
    other = event_alert(hit.rule, hit.events, record("sample-003"), throttle_key=hit.throttle_key)
    assert other["alert_id"] != alert["alert_id"]


def test_entity_and_make_alert_validate(rules) -> None:
    iaea = rules.get("watch-iaea")
    alert = entity_alert(iaea, "igo:IAEA", record())
    assert_valid(alert)
    assert alert["summary"] == ("International Atomic Energy Agency (igo:IAEA) mentioned: North Korea ships shells to Russia "
                                "(article sample-002)")
    assert alert["throttle_key"] == "watch-iaea|igo:IAEA"
    spike = rules.get("prk-spike")
    window = {"start": "2024-06-19T08:00:00Z", "end": "2024-06-19T08:15:00Z", "count": 14, "baseline": 2.125}
    manual = make_alert(spike, "spike", "2024-06-19T08:14:00+00:00", "PRK mentions spiked:\n14 in 15m vs baseline 2.1",
                        window=window, article_ids=["a", "a", "b"], urls=["u", None, "u"])
    assert_valid(manual)
    assert manual["summary"] == "PRK mentions spiked: 14 in 15m vs baseline 2.1", "one line"
    assert manual["window"]["start"] == "2024-06-19T08:00:00.000Z" and manual["article_ids"] == ["a", "b"] and manual["urls"] == ["u"]
    assert manual["time"] == "2024-06-19T08:14:00.000Z" and manual["throttle_key"] == "prk-spike|country:PRK"
    with pytest.raises(ValueError, match="is of kind 'spike', not 'event'"):
        make_alert(spike, "event", 0, "x")
    with pytest.raises(ValueError, match="needs throttle_key"):
        make_alert(iaea, "entity", 0, "x")
