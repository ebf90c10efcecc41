"""The project's one exception root, and what the worker does about each kind of error.

Every error type of this package derives from :class:`StreamsError`, so that a caller
can catch "anything streams refused" in one clause, and so that the worker's error
policy (:mod:`streams.worker.policy`) can read what to do from the error's class:

- ``Action.RETRY``: transient (the broker is away, a timeout); try again with backoff;
- ``Action.SKIP``: this one message cannot be handled (bad input, a bug hit by one
  record); dead-letter it or count and skip it, and go on with the next;
- ``Action.CRASH``: the worker cannot go on without losing data (outputs that the
  broker never acknowledged); stop without committing, so a restart reprocesses.

The subclasses live next to the code that raises them (``SettingsError`` in
:mod:`streams.settings`, ``InvalidArticle`` in :mod:`streams.contracts.article`, …);
only the root, the actions and the errors shared by several packages live here.
"""

from __future__ import annotations

from enum import Enum


class Action(str, Enum):  # noqa: UP042 -- not StrEnum: that would change str() and f-strings of the members
    """What the worker does about an error (see the module's docstring)."""

    RETRY = "retry"
    SKIP = "skip"
    CRASH = "crash"


class StreamsError(Exception):
    """Root of every error this package raises on purpose. ``action``: the worker's default response."""

    action: Action = Action.CRASH


class ConfigError(StreamsError, ValueError):
    """A setting, a data file or a rule file is invalid; the message names the file, rule or field."""


class InvalidInput(StreamsError, ValueError):
    """One message cannot be used as it is (a raw article, a message on an internal topic): skip or dead-letter it."""

    action = Action.SKIP


class InvalidEntityId(InvalidInput):
    """A string that is not an entity id like ``country:PRK`` (see :mod:`streams.contracts.ids`)."""


class InvalidMessage(InvalidInput):
    """A message on an internal topic (rule hits, trend observations) that cannot be parsed."""


class Unavailable(StreamsError, RuntimeError):
    """Something the service needs is missing: a model package, the embedded broker binary."""


class PublishFailed(StreamsError):
    """Outputs were not acknowledged by the broker after every retry: stop without committing the input."""

    action = Action.CRASH


__all__ = [
    "Action", "ConfigError", "InvalidEntityId", "InvalidInput", "InvalidMessage", "PublishFailed", "StreamsError",
    "Unavailable",
]
