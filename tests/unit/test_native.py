"""The compiled event coder (mypyc, setup.py): it codes what the Python source codes, and a stale or
unwanted build is never run (streams/enrich/events/native.py)."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import MODEL, PACKAGE_DIR, SAMPLES, clean_env

from streams.enrich.events import native

EVENTS_DIR = PACKAGE_DIR / "enrich" / "events"
GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold_events.jsonl"
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _touch(path: Path, mtime: float) -> None:
    path.write_text("")
    os.utime(path, (mtime, mtime))


def test_stale_names_a_module_whose_source_changed_after_its_build(tmp_path: Path) -> None:
    _touch(tmp_path / "coder.py", 1_000_000.0)
    _touch(tmp_path / f"coder{SUFFIX}", 1_000_100.0)  # built after the source: current
    _touch(tmp_path / "frames.py", 1_000_200.0)
    _touch(tmp_path / f"frames{SUFFIX}", 1_000_100.0)  # the source edited 100 s after the build
    _touch(tmp_path / "tree.py", 1_000_101.0)
    _touch(tmp_path / f"tree{SUFFIX}", 1_000_100.0)  # unpacked by an install a second apart, in any order
    _touch(tmp_path / "dates.py", 1_000_900.0)  # never compiled: never stale
    assert set(native.extensions(str(tmp_path))) == {"coder", "frames", "tree"}
    assert native.stale(str(tmp_path)) == ["frames"]


def test_the_guard_serves_the_source_of_compiled_modules_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "coder.py").write_text("WHO = 'source'\n")
    _touch(tmp_path / f"coder{SUFFIX}", 1_000_000.0)  # older than coder.py (written now): stale
    before = list(sys.meta_path)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    native.install_guard("somepkg", str(tmp_path))
    finder = sys.meta_path[0]
    assert finder not in before
    spec = finder.find_spec("somepkg.coder")
    assert spec is not None and spec.origin == str(tmp_path / "coder.py")
    assert finder.find_spec("somepkg.dates") is None  # not a compiled module: the usual finders
    assert finder.find_spec("otherpkg.coder") is None


def test_a_current_build_installs_no_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _touch(tmp_path / "coder.py", 1_000_000.0)
    _touch(tmp_path / f"coder{SUFFIX}", 1_000_100.0)
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    before = list(sys.meta_path)
    native.install_guard("somepkg", str(tmp_path))
    assert sys.meta_path == before


def test_streams_pure_python_reads_a_boolean_as_the_settings_do() -> None:
    from streams.settings import load_settings

    for value, want in (("1", True), ("true", True), ("on", True), ("0", False), ("false", False), ("no", False),
                        ("", False)):
        env = {native.PURE_ENV: value}
        assert native.pure_python_requested(env) is want, value
        if value:
            assert load_settings(env).pure_python is want, value  # a known setting: the worker starts with it


def _coder_file(env: dict[str, str]) -> str:
    code = "import streams.enrich.events.coder as c, streams.enrich.events.native as n; print(c.__file__, n.compiled())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True)
    return out.stdout.strip()


def test_streams_pure_python_runs_the_source() -> None:
    if not native.extensions(str(EVENTS_DIR)):
        pytest.skip("installed without the compiled event coder (no C compiler, or STREAMS_PURE_PYTHON at install)")
    assert _coder_file(clean_env()).endswith(f"coder{SUFFIX} True")
    assert _coder_file(clean_env(STREAMS_PURE_PYTHON="1")).endswith("coder.py False")


PURE_CHILD = """
import json, sys
from streams.contracts.article import article_from_dict
from streams.enrich.context import Provenance
from streams.enrich.events.native import compiled
from streams.enrich.pipeline import Enricher
assert not compiled()
items = json.load(sys.stdin)
e = Enricher(sys.argv[1])
out = [{"events": r["events"], "claims": r["claims"]}
       for r in e.enrich_many([(article_from_dict(a), Provenance()) for a in items])]
print(json.dumps(out, sort_keys=True))
"""


def _articles() -> list[dict[str, Any]]:
    items = [json.loads(line) for line in SAMPLES.read_text("utf-8").splitlines() if line.strip()]
    for i, line in enumerate(GOLD.read_text("utf-8").splitlines()):
        if line.strip():
            g = json.loads(line)
            items.append({"id": f"gold-{i}", "title": "", "body": g["text"], "published_at": g["published_at"]})
    return items


def test_the_compiled_coder_codes_what_the_source_codes(enricher: Any) -> None:
    """The bundled sample and the project's event gold, coded in this process (compiled, when built) and in a
    child that runs the Python source: the same events and claims, field by field."""
    from streams.contracts.article import article_from_dict
    from streams.enrich.context import Provenance

    items = _articles()
    here = [{"events": r["events"], "claims": r["claims"]}
            for r in enricher.enrich_many([(article_from_dict(a), Provenance()) for a in items])]
    child = subprocess.run([sys.executable, "-c", PURE_CHILD, MODEL], input=json.dumps(items), text=True,
                           capture_output=True, timeout=300, env=clean_env(STREAMS_PURE_PYTHON="1"))
    assert child.returncode == 0, child.stderr[-3000:]
    there = json.loads(child.stdout)
    assert sum(len(r["events"]) for r in here) >= 40  # the comparison has events to compare
    assert json.loads(json.dumps(here, sort_keys=True)) == there
