"""Starting a worker process: topics, model, Faust worker, exit code."""

from __future__ import annotations

import logging
import signal
import sys
from typing import Any

import streams
from streams.ops import logging as jsonlog
from streams.ops import metrics
from streams.settings import Settings
from streams.transport.topics import ensure_topics

log = logging.getLogger("streams.worker")


def run_worker(settings: Settings, *, create_topics: bool = True) -> int:
    """Run until SIGTERM/SIGINT (graceful: in-flight batch finishes, offsets commit)."""
    from streams.alerts.rules import RulesError
    from streams.worker.alerting import RulesHolder

    jsonlog.configure(settings.log_level)
    # the rule file first: a broken one stops the worker before anything else happens
    rules = RulesHolder(settings.rules_file, settings.alert_throttle_s)
    if rules.enabled:
        try:
            ruleset = rules.load()
        except RulesError as exc:
            print(f"streams worker: invalid rule file (STREAMS_RULES_FILE={settings.rules_file}):\n  "
                  + "\n  ".join(exc.problems), file=sys.stderr)
            return 2
        log.info("rule file loaded: %d rules (version %s)", len(ruleset), ruleset.version)

    def early_sighup(_signum: int, _frame: Any) -> None:
        rules.pending_reload = True  # reloaded once the event loop runs (see install_sighup)

    signal.signal(signal.SIGHUP, early_sighup)  # the default action would kill the worker

    import faust

    from streams.enrich.pipeline import Enricher
    from streams.worker.app import WorkerState, create_app
    from streams.worker.processor import BatchProcessor

    if create_topics:
        for status in ensure_topics(settings):
            (log.warning if status.mismatch else log.info)(status.describe())

    state = WorkerState()
    enricher = Enricher(settings.model, actors_file=settings.actors_file)
    state.model_loaded = True
    metrics.MODEL_LOADED.set(1)
    metrics.BUILD_INFO.info(
        {"version": streams.__version__, "model": settings.model, "model_version": enricher.model_version,
         **{k: str(v) for k, v in enricher.versions.items()}}
    )
    log.info("model loaded", extra={"status": settings.model})

    app = create_app(settings, BatchProcessor(settings, enricher), state, rules)
    worker = faust.Worker(
        app,
        loglevel=settings.log_level,
        logging_config=jsonlog.logging_config(settings.log_level),
        quiet=True,
        redirect_stdouts=False,
    )
    try:
        worker.execute_from_commandline()
    except SystemExit:
        pass
    if state.fatal is not None:
        print(f"streams worker stopped: outputs could not be published ({state.fatal!r}). "
              "Uncommitted input will be reprocessed on restart; check the broker.", file=sys.stderr)
        return 1
    crashed = worker.crash_reason or app.crash_reason
    if crashed is not None:
        # Faust itself failed (start-up, a crashed agent): a supervisor must see a failure
        print(f"streams worker stopped: {crashed!r}. See the log above; uncommitted input will be reprocessed.",
              file=sys.stderr)
        return 1
    return 0
