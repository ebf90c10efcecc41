"""The alert rules in effect in a worker: loaded at start-up, swapped on SIGHUP, counted in metrics.

The rules themselves (parsing, matching) are :mod:`streams.alerts.rules`, pure; this
is the edge that reads the file, keeps the old rules when a reload fails, and says so
in the log and in ``streams_rules_reloads_total{result}``.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from streams.alerts.rules import RulesError, RuleSet, load_rules
from streams.ops import metrics

log = logging.getLogger("streams.alerts")


class RulesHolder:
    """The rules in effect; :meth:`reload` swaps them atomically, keeping the old ones on error.

    Read from the enrich thread (one attribute read per batch) and the event loop.
    """

    def __init__(self, path: str, default_throttle_s: float) -> None:
        self.path = path
        self.default_throttle_s = default_throttle_s
        self.rules: RuleSet | None = None
        self.pending_reload = False  # a SIGHUP before the event loop took over (see run_worker)

    @property
    def enabled(self) -> bool:
        return bool(self.path)

    def load(self) -> RuleSet:
        """Load and validate the file; raise :class:`RulesError` (its message names the rule and field)."""
        rules = load_rules(self.path, default_throttle=self.default_throttle_s)
        self.rules = rules
        metrics.RULES_LOADED.set(len(rules))
        for rule in rules:  # series at 0 from the start, so that rate() and dashboards see them
            metrics.ALERTS_PUBLISHED.labels(rule.id, rule.severity)
            metrics.ALERTS_SUPPRESSED.labels(rule.id)
        return rules

    def reload(self) -> bool:
        """Reload the file (SIGHUP). On error the old rules stay in effect; the error is logged and counted."""
        if not self.enabled:
            log.warning("SIGHUP ignored: no rule file (STREAMS_RULES_FILE is empty)")
            return False
        try:
            rules = self.load()
        except RulesError as exc:
            metrics.RULES_RELOADS.labels("error").inc()
            log.error("rule file reload failed; the previous rules stay in effect: %s", exc,
                      extra={"error": "; ".join(exc.problems)[:2000]})
            return False
        metrics.RULES_RELOADS.labels("ok").inc()
        log.info("rule file reloaded: %d rules (version %s)", len(rules), rules.version)
        return True

    def request_reload(self, _signum: int = signal.SIGHUP, _frame: object = None) -> None:
        """The SIGHUP handler before the event loop runs: remember it, :meth:`install_sighup` reloads."""
        self.pending_reload = True

    def install_sighup(self) -> None:
        """SIGHUP reloads the rule file in the running event loop (without a rule file it is logged and ignored)."""
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.reload)
        if self.pending_reload:  # a SIGHUP arrived during start-up
            self.pending_reload = False
            self.reload()
