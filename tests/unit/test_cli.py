"""The ``streams`` command line, run as a user runs it (a subprocess), without a broker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from conftest import clean_env, entity_named, explain, run_cli, summary

from streams.contracts.deadletter import original_payload
from streams.settings import Settings, field_env_name

COMMANDS = [
    ["config"], ["broker"], ["topics"], ["topics", "create"], ["worker"],
    ["produce"], ["tail"], ["enrich"], ["demo"],
]


def test_top_level_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0, explain(result)
    for name in ("config", "broker", "topics", "worker", "produce", "tail", "enrich", "demo"):
        assert name in result.stdout, f"{name} missing from `streams --help`:\n{result.stdout}"


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_subcommand_help(command: list[str]) -> None:
    result = run_cli(*command, "--help", timeout=60)
    assert result.returncode == 0, explain(result)
    assert "Usage:" in result.stdout and " ".join(command) in result.stdout


def test_help_works_even_with_a_bad_setting() -> None:
    # a user who mistyped a variable must still be able to read the help
    result = run_cli("config", "--help", env=clean_env(STREAMS_FOO="1"))
    assert result.returncode == 0, explain(result)


def test_config_masks_the_sasl_password() -> None:
    result = run_cli("config", env=clean_env(STREAMS_SASL_USERNAME="svc-user", STREAMS_SASL_PASSWORD="hunter2-very-secret"))
    assert result.returncode == 0, explain(result)
    output = result.stdout + result.stderr
    assert "hunter2-very-secret" not in output, "the password must never be printed"
    line = next((ln for ln in result.stdout.splitlines() if "STREAMS_SASL_PASSWORD" in ln), None)
    assert line is not None and "********" in line, result.stdout
    assert "svc-user" in result.stdout


def test_config_shows_every_variable_when_piped() -> None:
    # `streams config | grep ...` is how an operator checks a setting: every variable name
    # must appear in full even though stdout is not a terminal (default width 80)
    env = clean_env()
    env.pop("COLUMNS")
    result = run_cli("config", env=env)
    assert result.returncode == 0, explain(result)
    missing = [field_env_name(f) for f in Settings.model_fields if field_env_name(f) not in result.stdout]
    assert not missing, f"variables cut off in `streams config` output: {missing}\n{result.stdout}"


def test_unknown_setting_stops_config_with_exit_code_2() -> None:
    result = run_cli("config", env=clean_env(STREAMS_FOO="bar"))
    assert result.returncode == 2, explain(result)
    assert "STREAMS_FOO" in result.stderr
    assert "unknown setting" in result.stderr


def test_malformed_setting_stops_the_worker_before_it_starts() -> None:
    result = run_cli("worker", env=clean_env(STREAMS_PARTITIONS="four"), timeout=60)
    assert result.returncode == 2, explain(result)
    assert "STREAMS_PARTITIONS" in result.stderr and "four" in result.stderr


def test_commands_without_the_model_do_not_import_spacy() -> None:
    code = (
        "import streams.cli.main, streams.cli.kafka_tools, streams.transport.topics; import sys; "
        "assert 'spacy' not in sys.modules, 'spacy was imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=clean_env())
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------------------------
# streams enrich (offline, real model)
# --------------------------------------------------------------------------------------------
VALID = [
    {"id": "cli-1", "title": "Putin arrives in Pyongyang",
     "body": "Russian President Vladimir Putin arrived in Pyongyang for talks with Kim Jong Un. The DPRK leader met him.",
     "published_at": "2024-06-19T08:00:00Z"},
    {"id": "cli-2", "body": "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin."},
]
MALFORMED = [
    (b'{"id": "cli-bad", "title": "truncated', "invalid_json"),
    (b"\xff\xfe\x00 not text", "not_utf8"),
    (b'{"id": "cli-no-body", "title": "An article without a body"}', "missing_body"),
]


def test_enrich_file_writes_records_and_dead_letters(tmp_path: Path) -> None:
    lines = [orjson.dumps(VALID[0]), MALFORMED[0][0], MALFORMED[1][0], orjson.dumps(VALID[1]), MALFORMED[2][0]]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    result = run_cli("enrich", src, "-o", out, timeout=180)
    assert result.returncode == 0, explain(result)

    records = [orjson.loads(ln) for ln in out.read_bytes().splitlines()]
    assert [r["article_id"] for r in records] == ["cli-1", "cli-2"]
    assert entity_named(records[0], "Vladimir Putin", "PERSON"), summary(records[0])
    assert records[0]["time_basis"] == "published_at"

    dead = tmp_path / "out.deadletter.jsonl"  # the documented default next to OUTPUT
    letters = [orjson.loads(ln) for ln in dead.read_bytes().splitlines()]
    assert [d["error"] for d in letters] == [error for _, error in MALFORMED]
    # byte-exact originals, located by their 0-based line number
    assert [original_payload(d) for d in letters] == [payload for payload, _ in MALFORMED]
    assert [d["offset"] for d in letters] == [1, 2, 4]
    assert "2 enriched" in result.stderr and "3 dead-lettered" in result.stderr, result.stderr


def test_enrich_missing_input_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    result = run_cli("enrich", missing, "-o", tmp_path / "out.jsonl")
    assert result.returncode != 0, explain(result)
    assert "nope.jsonl" in result.stderr and "no such file" in result.stderr, explain(result)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_produce_missing_input_file(tmp_path: Path) -> None:
    # fails on the file before it ever needs a broker
    result = run_cli("produce", tmp_path / "nope.jsonl", env=clean_env(STREAMS_BROKER_URL="127.0.0.1:1"), timeout=60)
    assert result.returncode != 0, explain(result)
    assert "nope.jsonl" in result.stderr and "no such file" in result.stderr, explain(result)
    assert "Traceback" not in result.stderr
