"""The generic keyed state agent: one repartition topic in, one changelog-backed table, outputs out.

Alerts and trends are the same loop with a different pure transition::

    message (key K) --parse--> typed message --step(K, table[K], message)--> Step(new state, outputs)
                    --> publish outputs, wait for the broker's acks --> table[K] = new state --> commit

- The messages arrive keyed by state key, so every message of one key reaches one
  agent instance, on one worker, and ``table[K]`` is only ever written there.
- Publish first, store after the ack: a crash in between re-publishes the same
  outputs on restart (at-least-once; alert ids are stable, trend records idempotent).
- The input offset is released only once the outputs are acknowledged (the worker's
  ``hold``/``release``): an output that cannot be published stops the worker without
  committing its message.
- A message the handler cannot parse or step goes to the error policy: counted and
  skipped (the table keeps its state), or the worker stops.
- In batches (``batch_size`` > 1) the same holds for the whole batch: its outputs are
  published together, then the table is written, then its messages are released.

A :class:`KeyedHandler` is plain code with no Faust: it can be driven in a unit test,
and so can :class:`KeyedStateAgent` with a fake stream, table and worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from streams.errors import Action
from streams.worker.policy import ErrorPolicy
from streams.worker.processor import Output


@dataclass(slots=True)
class Step:
    """What one message did to its key: the new state, outputs to publish, and what to count once they are."""

    state: Any  # None: the key has no state left (deleted from the table)
    outputs: list[Output] = field(default_factory=list)
    published: Callable[[], None] | None = None
    evict: tuple[str, ...] = ()  # other keys of the same partition whose state this message retires


class KeyedHandler(Protocol):
    """The pure part of a keyed state agent."""

    stage: str  # the error policy's stage name and the agent's name in logs

    def parse(self, data: bytes | None) -> Any:
        """The typed message; raise :class:`~streams.errors.InvalidMessage` when it is not one."""

    def step(self, key: str, state: Any, message: Any) -> Step:
        """The key's transition; must not modify ``state``."""


class RestoringHandler(KeyedHandler, Protocol):
    """A handler with an in-memory index over the whole table (the copy stage's LSH)."""

    def restore(self, items: Any) -> None:
        """Rebuild the index from the table's ``(key, state)`` items (after start-up or a rebalance)."""


class SweepingHandler(KeyedHandler, Protocol):
    """A handler whose keys' state ends on the article clock (stories, trend windows): a timer calls :meth:`sweeps`."""

    def sweeps(self, items: Any) -> list[Output]:
        """Messages, to the handler's own topic, that ask the keys among the table's ``(key, state)`` items whose
        state is done to close (the handler's step then publishes what closing means and deletes the state)."""


class AgentIO(Protocol):
    """What an agent needs of its worker (:class:`~streams.worker.worker.Worker` provides it)."""

    def hold(self, event: Any) -> None: ...

    async def release(self, stream: Any, event: Any) -> None: ...

    async def deliver(self, outputs: list[Output]) -> bool: ...

    async def fatal(self, exc: BaseException) -> None: ...


class KeyedStateAgent:
    """Runs one :class:`KeyedHandler` over a stream of keyed messages with its table (see the module docstring).

    ``batch_size`` > 1 takes up to that many messages at a time (waiting at most
    ``batch_within_s``): their steps run in order, each on the state the previous one
    left, then all their outputs are published in one go, then the table is written and
    the messages released. The same guarantees, one broker round trip per batch instead
    of per message (the single-partition copy stage needs it).
    """

    def __init__(self, handler: KeyedHandler, table: Any, io: AgentIO, policy: ErrorPolicy, *,
                 batch_size: int = 1, batch_within_s: float = 0.05) -> None:
        self.handler, self.table, self.io, self.policy = handler, table, io, policy
        self.batch_size, self.batch_within_s = batch_size, batch_within_s
        self.stale = True  # a RestoringHandler's index must be rebuilt before the next message

    def invalidate(self) -> None:
        """The partitions moved (a rebalance): rebuild the handler's index from the table before the next message."""
        self.stale = True

    async def run(self, stream: Any) -> None:
        """The agent's body: every message in order, until the stream ends or the worker must stop."""
        if self.batch_size > 1:
            async for events in stream.take_events(self.batch_size, within=self.batch_within_s):
                if not await self.handle_batch(stream, events):
                    return
            return
        async for event in stream.events():
            if not await self.handle(stream, event):
                return

    async def handle(self, stream: Any, event: Any) -> bool:
        """Process one message; False when the worker is stopping (nothing after it may be committed)."""
        return await self.handle_batch(stream, [event])

    async def handle_batch(self, stream: Any, events: list[Any]) -> bool:
        """Process messages in order; False when the worker is stopping (nothing of them may be committed)."""
        for event in events:
            self.io.hold(event)
        if self.stale:
            restore = getattr(self.handler, "restore", None)
            if restore is not None:
                restore(list(self.table.items()))
            self.stale = False
        states: dict[str, tuple[Any, Any]] = {}  # key -> (state, the event whose partition stores it); None: delete
        outputs: list[Output] = []
        published: list[Callable[[], None]] = []
        for event in events:
            message = event.message
            key = (message.key or b"").decode("utf-8", "replace")
            previous = states[key][0] if key in states else self.table.get(key)
            try:
                step = self.handler.step(key, previous, self.handler.parse(message.value))
            except Exception as exc:
                action = self.policy.on_error(self.handler.stage, exc, topic=message.topic, partition=message.partition,
                                              offset=message.offset, key=key)
                if action is not Action.SKIP:
                    await self.io.fatal(exc)
                    return False
                continue
            outputs += step.outputs
            if step.published is not None:
                published.append(step.published)
            if step.state != previous or key in states:
                states[key] = (step.state, event)
            for other in step.evict:
                if other != key:
                    states[other] = (None, event)
        if outputs and not await self.io.deliver(outputs):
            return False
        for callback in published:
            callback()
        self._store(stream, states)
        for event in events:
            await self.io.release(stream, event)
        return True

    def _store(self, stream: Any, states: dict[str, tuple[Any, Any]]) -> None:
        """Write the batch's last state of each key; a table write goes to the changelog partition of the event
        that made it, which Faust reads from the stream's current event (set here, as Faust does per message).

        The stream's own current event is put back afterwards: Faust's ``take_events`` buffers the next
        message, already fetched while this batch was processed, by reading the stream's current event when it
        resumes, so a write's event left there took that message's place in the next batch (the message was
        never processed, and its unacknowledged offset held the commits and then a rebalance back for good)."""
        set_current = getattr(stream, "_set_current_event", None)
        current = getattr(stream, "current_event", None)
        try:
            for key, (state, event) in states.items():
                if set_current is not None:
                    set_current(event)
                if state is None:
                    if key in self.table:
                        del self.table[key]
                elif self.table.get(key) != state:
                    self.table[key] = state
        finally:
            if set_current is not None:
                set_current(current)
