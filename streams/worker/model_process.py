"""The enrichment core in a child process: the model's work off the worker's event loop, on its own core, killable.

Why a process and not a thread: spaCy holds the GIL for most of a parse, so a thread
shares one core with the event loop, the Kafka clients and the metrics; and a thread
cannot be stopped, so an article that sends the parser into a pathological case would
stall its partition for good. The :class:`ModelProcess` runs the whole
:class:`~streams.worker.processor.BatchProcessor` (decode, validate, enrich) in a
child process started with ``spawn`` and talks to it over a pipe:

    parent -> child: ("batch", [RawMessage, ...]) | ("stop", None)
    child -> parent: ("ready", {model_version, versions}) once, then ("results", [Result, ...]) per batch

**Time budget.** A batch of ``n`` articles has ``n`` times ``STREAMS_ARTICLE_TIMEOUT``.
When it runs over, or the child dies (a crash, the kernel's OOM killer), the child is
killed and started again, and the batch's articles are retried one at a time with one
budget each: the article that runs over again becomes a ``timeout`` dead letter (one
that kills the process again an ``enrich_failed`` one); the others are enriched as
usual. Restarting costs a model load (seconds), paid only for such batches.

**Signals.** The child ignores SIGINT and SIGTERM: a graceful stop of the worker lets
the batch in flight finish, then the parent closes the pipe and the child exits. If
the parent dies, the child sees the pipe close and exits too.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from streams.contracts.article import ENRICH_FAILED, TIMEOUT
from streams.errors import Unavailable
from streams.ops import metrics
from streams.settings import Settings
from streams.worker.processor import RawMessage, Result, dead_letter_result

log = logging.getLogger("streams.worker")

READY_TIMEOUT_S = 600.0  # loading a large pipeline (en_core_web_trf) on a busy machine
STOP_TIMEOUT_S = 10.0


class ModelProcessFailed(Unavailable):
    """The model process could not start (the model is not installed, the actors file is invalid, ...)."""


class _Overrun(Exception):
    """A batch did not come back: ``error`` is the dead-letter class for a single article that does this."""

    def __init__(self, error: str, reason: str) -> None:
        super().__init__(reason)
        self.error, self.reason = error, reason


def _child_main(conn: Connection, settings: Settings) -> None:
    """The child: load the model, say so, then enrich batches until the pipe closes or "stop" arrives."""
    from streams.enrich.pipeline import Enricher
    from streams.ops import logging as jsonlog
    from streams.worker.processor import BatchProcessor

    jsonlog.configure(settings.log_level)
    try:
        enricher = Enricher(settings.model, actors_file=settings.actors_file)
    except Exception as exc:  # sent to the parent, which reports it and exits non-zero
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    processor = BatchProcessor(settings, enricher)
    conn.send(("ready", {"model_version": enricher.model_version, "versions": enricher.versions}))
    while True:
        try:
            kind, payload = conn.recv()
        except (EOFError, OSError):
            return
        if kind == "stop":
            return
        conn.send(("results", processor.process(payload)))
        _return_freed_memory()


def _return_freed_memory() -> None:
    """Hand the heap a batch freed back to the kernel (glibc ``malloc_trim``).

    A batch's docs and arrays are freed when it ends, but glibc keeps the pages for reuse,
    so the process's RSS stays at its largest batch's high-water mark (400 MB against 252 MB
    with trimming, over 400 BBC articles in batches of 16). A trim took 1-7 ms per batch of
    16 (a batch takes about 2.5 s), plus the page faults of taking the memory back.
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _load_libc() -> Any:
    """glibc, for ``prctl`` and ``malloc_trim``; None on other systems (neither is needed for correctness)."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


_LIBC = _load_libc()


def _bootstrap(target: Callable[[Connection, Settings], None], conn: Connection, settings: Settings) -> None:
    """The child's first code, whatever its target: signals as the module docstring says, then the target."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()
    try:
        _pin(settings.model_cpu_set)
    except OSError as exc:  # sent to the parent, which reports it and exits non-zero
        conn.send(("failed", f"STREAMS_MODEL_CPUS={settings.model_cpus}: cannot pin the model process to those CPUs "
                             f"({exc.strerror}); this machine lets it use {sorted(os.sched_getaffinity(0))}"))
        return
    target(conn, settings)


def _pin(cpus: frozenset[int]) -> None:
    """Keep the model process on ``cpus`` (none: anywhere).

    Why: two model processes that the scheduler moves between the cores parsed 68 to 86 ms per
    article each (BBC articles, 2 cores), against 70 ms each when each kept its own core and
    71 ms for one alone: each migration costs the parser its warm caches.
    """
    if cpus:
        os.sched_setaffinity(0, cpus)


def _die_with_parent() -> None:
    """Linux: the kernel kills this process when its parent dies (a SIGKILLed worker leaves no model process behind)."""
    if _LIBC is not None:  # elsewhere the child exits when it finds the pipe closed
        _LIBC.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class ModelProcess:
    """The parent's side: ``process(messages)`` like a BatchProcessor, with the time budget (module docstring)."""

    def __init__(self, settings: Settings, *, ready_timeout_s: float = READY_TIMEOUT_S,
                 target: Callable[[Connection, Settings], None] | None = None) -> None:
        self.settings = settings
        self.target = target or _child_main  # a test may run another child speaking the same protocol
        self.budget_s = settings.article_timeout_s
        self.ready_timeout_s = ready_timeout_s
        self.info: dict[str, Any] = {}
        self.restarts = 0
        self._ctx = multiprocessing.get_context("spawn")
        self._proc: Any = None
        self._conn: Connection | None = None

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> dict[str, Any]:
        """Start the child and wait until its model is loaded; its versions (model_version, versions)."""
        parent, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_bootstrap, args=(self.target, child, self.settings), name="streams-model",
                                       daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent
        if not parent.poll(self.ready_timeout_s):
            self.kill()
            raise ModelProcessFailed(f"the model process did not load {self.settings.model!r} "
                                     f"within {self.ready_timeout_s:.0f}s")
        try:
            kind, payload = parent.recv()
        except EOFError:
            raise ModelProcessFailed(f"the model process exited while loading (exit code {self._proc.exitcode})") from None
        if kind != "ready":
            self.kill()
            raise ModelProcessFailed(f"the model process could not start: {payload}")
        self.info = payload
        return payload

    def stop(self) -> None:
        """Ask the child to exit after its current batch; kill it if it does not."""
        if self._conn is not None:
            try:
                self._conn.send(("stop", None))
            except OSError:
                pass
        if self._proc is not None:
            self._proc.join(STOP_TIMEOUT_S)
        self.kill()

    def kill(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
            self._proc.join(STOP_TIMEOUT_S)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def restart(self) -> None:
        self.kill()
        self.restarts += 1
        metrics.MODEL_PROCESS_RESTARTS.inc()
        self.start()

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    # -- work -----------------------------------------------------------------------------------
    def process(self, messages: Sequence[RawMessage]) -> list[Result]:
        """Every message becomes a Result (record or dead letter); a batch over budget is retried one by one."""
        if not messages:
            return []
        try:
            return self._run(list(messages), self.budget_s * len(messages))
        except _Overrun as overrun:
            log.warning("a batch of %d ran over its time budget or killed the model process (%s); "
                        "restarting it and retrying the batch article by article", len(messages), overrun.reason,
                        extra={"batch_size": len(messages), "error": overrun.error})
            self.restart()
            return [self._one(m) for m in messages]

    def _one(self, message: RawMessage) -> Result:
        try:
            return self._run([message], self.budget_s)[0]
        except _Overrun as overrun:
            log.error("dead-lettered: %s", overrun.reason, extra={"error": overrun.error, **message.log_context()})
            self.restart()
            return dead_letter_result(self.settings, message, overrun.error, overrun.reason)

    def _run(self, messages: list[RawMessage], budget_s: float) -> list[Result]:
        if self._conn is None:
            raise _Overrun(ENRICH_FAILED, "the model process is not running")
        t0 = time.monotonic()
        try:
            self._conn.send(("batch", messages))
            ready = self._conn.poll(budget_s)
        except OSError:
            ready = True  # the child is gone: recv below says so
        if not ready:
            raise _Overrun(TIMEOUT, f"enrichment took longer than its time budget of {budget_s:g}s "
                                    f"(STREAMS_ARTICLE_TIMEOUT={self.settings.article_timeout})")
        try:
            kind, payload = self._conn.recv()
        except (EOFError, OSError):
            if self._proc is not None:
                self._proc.join(STOP_TIMEOUT_S)  # reap it, for its exit code
            code = self._proc.exitcode if self._proc is not None else None
            raise _Overrun(ENRICH_FAILED, f"the model process died while enriching (exit code {code}) "
                                          f"after {time.monotonic() - t0:.1f}s") from None
        if kind != "results" or len(payload) != len(messages):
            raise _Overrun(ENRICH_FAILED, f"the model process answered {kind!r} with {len(payload)} results "
                                          f"for {len(messages)} messages")
        return list(payload)
