"""The model process's time budget and recovery, with a stand-in child (real processes and pipes, no model)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import psutil
import pytest
from model_child import serve

from streams.settings import load_settings
from streams.worker.model_process import ModelProcess, ModelProcessFailed
from streams.worker.processor import RawMessage


def message(i: int, body: str = "Plain text.") -> RawMessage:
    return RawMessage(orjson.dumps({"id": f"a{i}", "body": body}), key=f"a{i}".encode(), topic="raw", offset=i)


@pytest.fixture
def model() -> ModelProcess:
    settings = load_settings({"STREAMS_ARTICLE_TIMEOUT": "0.5s"})
    process = ModelProcess(settings, target=serve, ready_timeout_s=30)
    assert process.start()["model_version"] == "0.0-test"
    yield process
    process.stop()


def test_a_batch_comes_back_in_order(model: ModelProcess) -> None:
    results = model.process([message(i) for i in range(5)])
    assert [r.record["article_id"] for r in results] == ["a0", "a1", "a2", "a3", "a4"]  # type: ignore[index]
    assert model.restarts == 0


def test_an_article_over_its_budget_is_dead_lettered_and_the_rest_enriched(model: ModelProcess) -> None:
    t0 = time.monotonic()
    results = model.process([message(0), message(1, "SLOW"), message(2)])
    assert [r.record is not None for r in results] == [True, False, True]
    letter = results[1].dead_letter
    assert letter is not None and letter["error"] == "timeout" and letter["offset"] == 1
    assert "time budget of 0.5s (STREAMS_ARTICLE_TIMEOUT=0.5s)" in letter["reason"]
    assert results[1].outputs[0].topic == "articles.deadletter"
    assert model.restarts == 2, "once for the batch, once for the article"
    assert time.monotonic() - t0 < 20, "the budget, not the article, decides how long it takes"
    assert model.process([message(3)])[0].record is not None, "the new process works"


def test_an_article_that_kills_the_process_is_dead_lettered(model: ModelProcess) -> None:
    results = model.process([message(0), message(1, "CRASH")])
    assert results[0].record is not None
    letter = results[1].dead_letter
    assert letter is not None and letter["error"] == "enrich_failed" and "died while enriching (exit code 9)" in letter["reason"]


def test_a_process_killed_from_outside_loses_nothing(model: ModelProcess) -> None:
    pid = model.pid
    assert pid is not None
    threading.Timer(0.1, os.kill, (pid, signal.SIGKILL)).start()
    time.sleep(0.3)
    results = model.process([message(i) for i in range(3)])
    assert [r.record["article_id"] for r in results] == ["a0", "a1", "a2"]  # type: ignore[index]
    assert model.restarts == 1 and model.pid != pid


def test_a_child_that_cannot_start_says_why() -> None:
    settings = load_settings({"STREAMS_MODEL": "no_such_pipeline_xyz"})
    with pytest.raises(ModelProcessFailed, match="could not start: ModelNotFound: spaCy pipeline 'no_such_pipeline_xyz'"):
        ModelProcess(settings, ready_timeout_s=120).start()


def test_a_killed_worker_leaves_no_model_process_behind(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(
        "import sys, time\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from model_child import serve\n"
        "from streams.settings import load_settings\n"
        "from streams.worker.model_process import ModelProcess\n"
        "if __name__ == '__main__':\n"
        "    m = ModelProcess(load_settings({}), target=serve, ready_timeout_s=60)\n"
        "    m.start()\n"
        "    from test_model_process import message\n"
        "    import threading\n"
        "    threading.Thread(target=m.process, args=([message(0, 'SLOW')],), daemon=True).start()\n"
        "    time.sleep(0.5)  # the model process is busy: it will not see the pipe close for a minute\n"
        "    print(m.pid, flush=True)\n"
        "    time.sleep(120)\n", "utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())  # type: ignore[union-attr]
        assert psutil.pid_exists(child)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while psutil.pid_exists(child) and psutil.Process(child).status() != psutil.STATUS_ZOMBIE:
            assert time.monotonic() < deadline, "the model process outlived its worker"
            time.sleep(0.1)
    finally:
        parent.kill()


def test_the_model_process_keeps_to_the_cpus_it_is_pinned_to() -> None:
    cpu = max(os.sched_getaffinity(0))
    process = ModelProcess(load_settings({"STREAMS_MODEL_CPUS": str(cpu)}), target=serve, ready_timeout_s=30)
    process.start()
    try:
        assert psutil.Process(process.pid).cpu_affinity() == [cpu]
        assert process.process([message(0)])[0].record is not None
    finally:
        process.stop()
    unpinned = ModelProcess(load_settings({}), target=serve, ready_timeout_s=30)
    unpinned.start()
    try:
        assert set(psutil.Process(unpinned.pid).cpu_affinity()) == os.sched_getaffinity(0)
    finally:
        unpinned.stop()


def test_pinning_to_a_cpu_the_machine_lacks_stops_start_up_with_the_setting_named() -> None:
    process = ModelProcess(load_settings({"STREAMS_MODEL_CPUS": "4096"}), target=serve, ready_timeout_s=30)
    with pytest.raises(ModelProcessFailed, match=r"STREAMS_MODEL_CPUS=4096: cannot pin the model process"):
        process.start()
