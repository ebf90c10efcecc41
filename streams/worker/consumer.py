"""The worker's Kafka consumer: Faust's aiokafka consumer, with commits that never pass an unprocessed offset.

Contract, per assigned partition of a topic whose messages are acknowledged by a stream:

- its **base** is the next offset to process: the group's committed offset read at the
  seek that follows every assignment (the earliest offset when nothing was committed or
  retention deleted it; the consumer is sought there, so both agree), then each offset
  this worker commits;
- an acknowledgement counts only for a message a stream took to process (Faust marks it
  ``tracked``), fetched in the current group generation, at or above the base;
- the offset committed is one past the **contiguous** run of counted offsets starting at
  the base; an offset that was never counted holds the commit back, whatever is
  acknowledged after it (a commit can stall, never skip; a hold of over a minute is
  logged as a warning, and a restart processes the partition again from the hole);
- the base and the counted offsets of revoked partitions live until the app's revoke
  handler has waited for the streams and committed; every seek starts them afresh;
- a seek stops the consumer's flow (the recovery that seeks resumes it): Faust clears the
  streams' queues when it resumes, so a message fetched during the seek would be dropped
  after the consumer had moved past it;
- a message is handed to the streams at most once between two seeks: a record served
  again at or below the last one handed over is dropped (Faust's fetch loop lets the
  last one through again, and it was published twice).

faust-streaming 0.15.3 broke each of these (``Consumer._new_offset``, ``ack``,
``on_partitions_revoked``): it commits when the first acknowledged offset is one above
the committed one (``min(acked) - committed > 1``), merges "gaps" in the fetched offsets
into the acknowledged ones (a message fetched before a rebalance opens such a gap,
faust-streaming#221), forgets the committed offset of revoked partitions *before* its
revoke handler commits (so that commit takes any run of acknowledged offsets), and its
pure-Python stream iterator acknowledges messages it skips during a rebalance without
processing them; its recovery clears the streams' queues after seeking, dropping what was
fetched meanwhile. Together they let a rebalance commit past articles nobody processed
(faust-streaming#606). The pure offset rules are the functions below, unit-tested
without a broker.

Fetches wait at most ``fetch_max_wait_ms`` of the transport (``STREAMS_FETCH_MAX_WAIT``) for
records, not Faust's fixed 1.5 s: a broker that does not answer a fetch as soon as
records arrive (the embedded one) otherwise adds up to 1.5 s to every article.

The input topics must have contiguous offsets: no compaction, no transactional producers
(both hold true for ``articles.raw`` and the repartition topics this service creates).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from time import monotonic
from typing import Any

from faust.transport.consumer import CONSUMER_PARTITIONS_REVOKED, ensure_TP
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, Message
from faust.types.tuples import ack_lock
from faust.utils.tracing import traced_from_parent_span
from mode import Service
from mode.utils.futures import notify

log = logging.getLogger("streams.worker")
HOLE_WARNING_S = 60.0


# ------------------------------------------------------------------------------------------
# the pure offset rules
# ------------------------------------------------------------------------------------------
def commit_point(base: int | None, acked: Iterable[int]) -> int | None:
    """The offset to commit: one past the run ``base``, ``base + 1``, … of acknowledged offsets; None when
    ``base`` is unknown or not acknowledged (nothing may be committed yet)."""
    if base is None:
        return None
    done = set(acked)
    end = base
    while end in done:
        end += 1
    return end if end > base else None


def start_offset(committed: int | None, earliest: int | None) -> int:
    """A partition's base after a seek: its committed offset, or the earliest one when nothing was committed
    (new groups start at the earliest offset) or retention has deleted it."""
    floor = earliest if earliest is not None and earliest >= 0 else 0
    if committed is None or committed < 0:
        return floor
    return max(committed, floor)


def counts(base: int | None, offset: int, *, tracked: bool, generation: int | None, current_generation: int) -> bool:
    """Whether an acknowledgement counts towards a commit (see the module docstring)."""
    return base is not None and offset >= base and tracked and generation == current_generation


# ------------------------------------------------------------------------------------------
# the consumer and its transport
# ------------------------------------------------------------------------------------------
class ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """Faust's aiokafka client thread, with the transport's fetch wait in place of Faust's fixed 1.5 s."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        client = super()._create_worker_consumer(transport)
        client._fetch_max_wait_ms = transport.fetch_max_wait_ms  # read by its fetcher, created at start()
        return client


class Consumer(faust_aiokafka.Consumer):
    """Faust's aiokafka consumer with the offset rules above in place of its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._handed_over: dict[TP, int] = {}  # per partition: the last offset given to the streams since a seek
        self._holes: dict[TP, tuple[int, float, bool]] = {}  # per partition: (held base, since, warned)
        self._deliver = self.callback
        self.callback = self._deliver_once

    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def _deliver_once(self, message: Message) -> None:
        tp = message.tp
        if self.app.topics.acks_enabled_for(message.topic):
            last = self._handed_over.get(tp)
            if last is not None and message.offset <= last:
                log.info("dropped a record served again", extra={
                    "topic": message.topic, "partition": message.partition, "offset": message.offset})
                return
            self._handed_over[tp] = message.offset
        await self._deliver(message)

    def ack(self, message: Message) -> bool:
        topic_acks = self.app.topics.acks_enabled_for(message.topic)
        with ack_lock:  # the same critical section as Faust's ack: message state and offsets in one step
            if message.acked or not topic_acks:
                return super().ack(message)
            tp = message.tp
            if counts(self._committed_offset.get(tp), message.offset, tracked=bool(message.tracked),
                      generation=message.generation_id, current_generation=self.app.consumer_generation_id):
                return super().ack(message)
            # processed in an older generation, or never processed: redelivered from the base after the next seek
            message.acked = True
            self._unacked_messages.discard(message)
            notify(self._waiting_for_ack)
            return False

    def _new_offset(self, tp: TP) -> int | None:
        base = self._committed_offset.get(tp)
        acked = self._acked[tp]
        end = commit_point(base, acked)
        if base is None or end is None:
            if base is not None and acked:
                self._note_hole(tp, base)
            return None
        self._holes.pop(tp, None)
        # forget what the commit covers; what lies beyond a hole waits for it
        acked[:] = [offset for offset in acked if offset >= end]
        self._acked_index[tp].difference_update(range(base, end))
        return end

    def _note_hole(self, tp: TP, base: int) -> None:
        """Later offsets are acknowledged, ``base`` is not: in-order agents never do that, so warn if it lasts."""
        since = self._holes.setdefault(tp, (base, monotonic(), False))
        if since[0] != base:
            self._holes[tp] = (base, monotonic(), False)
        elif not since[2] and monotonic() - since[1] > HOLE_WARNING_S:
            self._holes[tp] = (base, since[1], True)
            log.warning("commits held: offset %d was never processed while %d later ones were; a restart processes "
                        "the partition again from it", base, len(self._acked[tp]),
                        extra={"topic": tp.topic, "partition": tp.partition, "offset": base})

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        """Never record a gap: a jump in the fetched offsets is not an acknowledgement of what it jumped over."""

    @Service.transitions_to(CONSUMER_PARTITIONS_REVOKED)
    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        # Faust's, but the app's handler (it waits for the streams and commits what they
        # acknowledged) runs while the revoked partitions still have their base
        span = self.app._start_span_from_rebalancing("on_partitions_revoked")
        with span:
            if self._active_partitions is not None:
                self._active_partitions.difference_update(revoked)
            self._paused_partitions.difference_update(revoked)
            try:
                await traced_from_parent_span(span)(self._on_partitions_revoked, partitions=revoked)(revoked)
            finally:
                for tp in revoked:
                    self._forget(tp)

    async def perform_seek(self) -> None:
        """Seek every assigned partition to its committed offset and make that its base (see the module docstring).

        Leaves the flow stopped: every caller (Faust's recovery, or its fetch loop while the flow is stopped)
        clears the streams' queues and resumes it afterwards."""
        self.stop_flow()
        committed = {ensure_TP(tp): offset for tp, offset in (await self.seek_to_committed()).items()}
        acking = [tp for tp in committed if self.app.topics.acks_enabled_for(tp.topic)]
        earliest = {ensure_TP(tp): offset for tp, offset in (await self.earliest_offsets(*acking)).items()} if acking else {}
        for tp, offset in committed.items():
            if tp not in acking:  # changelogs and other unacknowledged topics: Faust's own bookkeeping
                self._read_offset[tp] = offset if offset is not None and offset >= 0 else None
                if offset is not None:
                    self._committed_offset[tp] = offset or None
                continue
            base = start_offset(offset, earliest.get(tp))
            if not offset or base != offset:  # aiokafka seeks only to a committed offset above 0
                await self.seek(tp, base)
            self._forget(tp)
            self._committed_offset[tp] = base
            self._read_offset[tp] = base
        if acking:
            log.info("partitions sought to their committed offsets", extra={
                "partitions": {f"{tp.topic}[{tp.partition}]": self._committed_offset.get(tp) for tp in sorted(acking)}})

    async def seek_wait(self, partitions: Mapping[TP, int | None]) -> None:
        """Faust's, reading a partition without a known offset from its start (as Faust does for -1).

        Faust's table recovery can race a new rebalance and seek a changelog partition the new
        assignment added, whose offset it has not read yet (None): aiokafka raised a ValueError
        that crashed a healthy worker. The recovery restarts for the new assignment anyway."""
        await super().seek_wait({tp: offset if offset is not None and offset >= 0 else 0
                                 for tp, offset in partitions.items()})

    async def seek(self, partition: TP, offset: int) -> None:
        self._handed_over.pop(ensure_TP(partition), None)
        await super().seek(partition, offset)

    def _forget(self, tp: TP) -> None:
        for table in (self._gap, self._acked, self._acked_index, self._read_offset, self._committed_offset,
                      self._handed_over, self._holes):
            table.pop(tp, None)


# Faust's logger (its name and level), not one named after this module (mode's default for a subclass)
Consumer.logger = faust_aiokafka.Consumer.logger


class Transport(faust_aiokafka.Transport):
    """Faust's aiokafka transport, creating :class:`Consumer`; ``fetch_max_wait_ms`` is its consumer's fetch wait."""

    Consumer = Consumer
    fetch_max_wait_ms = 1500  # Faust's own; create_app sets STREAMS_FETCH_MAX_WAIT
