"""The worker's one error policy: log with context, count, then retry, skip or crash by the error's class.

Every place in the worker that can fail on one message or one send goes through an
:class:`ErrorPolicy` passed in by the :class:`~streams.worker.worker.Worker`, instead
of its own ``try/except``:

- :meth:`ErrorPolicy.on_error` for a failure handling one message (enriching one
  article, deriving one record's hits, one hit or observation in an agent): it logs
  the error with the message's context, counts it, and returns the :class:`Action`.
  ``SKIP`` means the caller dead-letters or skips that message and goes on;
  anything else means stop without committing.
- :meth:`ErrorPolicy.retrying` for an operation that must succeed (publishing
  outputs): transient errors are retried with exponential backoff; when the
  attempts run out, or the error is permanent, it raises
  :class:`~streams.errors.PublishFailed` and the worker crashes without committing.

Classification (:meth:`ErrorPolicy.classify`): a :class:`~streams.errors.StreamsError`
carries its own ``action``; broker errors that retrying cannot fix (a message too
large, an authorisation failure) crash; other broker, network and timeout errors are
transient (aiokafka's own ``retriable`` flag is not used: it marks a producer timeout,
the common symptom of a stalled broker, as not retriable); any other exception is a
problem with the one message being handled, which is skipped where skipping loses
nothing and crashes where it would (an output that cannot be sent).

Metrics stay at the edge: the policy calls ``count(stage, action)``; the worker maps
stages to its Prometheus counters.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiokafka import errors as kafka_errors

from streams.errors import Action, PublishFailed, StreamsError

T = TypeVar("T")
log = logging.getLogger("streams.worker")

PERMANENT: tuple[type[BaseException], ...] = (
    kafka_errors.MessageSizeTooLargeError, kafka_errors.RecordTooLargeError,
    kafka_errors.TopicAuthorizationFailedError, kafka_errors.ClusterAuthorizationFailedError,
    kafka_errors.AuthenticationFailedError, kafka_errors.SaslAuthenticationFailed,
    kafka_errors.KafkaConfigurationError, kafka_errors.UnsupportedCodecError, kafka_errors.ProducerFenced,
)
TRANSIENT: tuple[type[BaseException], ...] = (kafka_errors.KafkaError, TimeoutError, ConnectionError, OSError)


def _faust_errors() -> tuple[type[BaseException], ...]:
    try:  # Faust wraps producer failures in its own class
        from faust.exceptions import ProducerSendError
    except ImportError:  # pragma: no cover - faust is a dependency
        return ()
    return (ProducerSendError,)


def _no_count(stage: str, action: Action) -> None:
    """The default counter: none (unit tests, the offline command)."""


class ErrorPolicy:
    """See the module docstring. ``sleep`` is injectable so that tests do not wait for the backoff."""

    def __init__(
        self, *, attempts: int = 8, first_delay_s: float = 0.5, max_delay_s: float = 30.0,
        count: Callable[[str, Action], None] = _no_count,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        # 8 attempts with backoff 0.5 s .. 30 s: about two minutes of broker trouble before a crash
        self.attempts, self.first_delay_s, self.max_delay_s = attempts, first_delay_s, max_delay_s
        self.count, self.sleep = count, sleep
        self._transient = TRANSIENT + _faust_errors()

    def classify(self, exc: BaseException) -> Action:
        if isinstance(exc, StreamsError):
            return exc.action
        if isinstance(exc, PERMANENT):
            return Action.CRASH
        if isinstance(exc, self._transient):
            return Action.RETRY
        return Action.SKIP

    def on_error(self, stage: str, exc: BaseException, **context: Any) -> Action:
        """Log and count a failure handling one message; return what the caller does about it.

        A transient error here has nothing to retry (the handler is pure), so it is
        skipped like any other per-message failure; only ``CRASH`` stops the worker.
        """
        action = self.classify(exc)
        action = Action.SKIP if action is Action.RETRY else action
        self.count(stage, action)
        level = logging.CRITICAL if action is Action.CRASH else logging.ERROR
        log.log(level, "%s failed (%s): %s", stage, action.value, exc, exc_info=exc,
                extra={"stage": stage, "action": action.value, **context})
        return action

    async def retrying(self, stage: str, operation: Callable[[], Awaitable[T]], **context: Any) -> T:
        """Run ``operation`` until it succeeds; raise :class:`PublishFailed` when it cannot."""
        delay = self.first_delay_s
        for attempt in range(1, self.attempts + 1):
            try:
                return await operation()
            except Exception as exc:
                action = self.classify(exc)
                if action is not Action.RETRY or attempt == self.attempts:
                    self.count(stage, Action.CRASH)
                    raise PublishFailed(f"{stage} failed after {attempt} attempt(s): {exc!r}") from exc
                self.count(stage, Action.RETRY)
                log.warning("%s failed (attempt %d of %d); retrying in %.1fs: %r", stage, attempt, self.attempts,
                            delay, exc, extra={"stage": stage, "action": "retry", **context})
                await self.sleep(delay)
                delay = min(delay * 2, self.max_delay_s)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
