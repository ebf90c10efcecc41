"""Starting a worker process: the rule file, topics, model, then the :class:`~streams.worker.worker.Worker`.

The order is cheapest check first: a broken rule file stops the worker before it
touches the broker, a broker problem before the model (8-12 s) is loaded.
"""

from __future__ import annotations

import logging
import signal
import sys

from streams.ops import logging as jsonlog
from streams.settings import Settings

log = logging.getLogger("streams.worker")


def run_worker(settings: Settings, *, create_topics: bool = True) -> int:
    """Run until SIGTERM/SIGINT (graceful: in-flight batch finishes, offsets commit); the exit code."""
    from streams.alerts.rules import RulesError
    from streams.worker.rules import RulesHolder

    jsonlog.configure(settings.log_level)
    rules = RulesHolder(settings.rules_file, settings.alert_throttle_s)
    if rules.enabled:
        try:
            ruleset = rules.load()
        except RulesError as exc:
            print(f"streams worker: invalid rule file (STREAMS_RULES_FILE={settings.rules_file}):\n  "
                  + "\n  ".join(exc.problems), file=sys.stderr)
            return 2
        log.info("rule file loaded: %d rules (version %s)", len(ruleset), ruleset.version)
    signal.signal(signal.SIGHUP, rules.request_reload)  # the default action would kill the worker

    from streams.worker.worker import Worker

    worker = Worker(settings, rules=rules)
    if create_topics:
        worker.check_topics()
    worker.load_model()
    worker.install()
    return worker.run()
