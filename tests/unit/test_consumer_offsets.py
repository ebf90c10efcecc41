"""The worker's consumer commits only contiguous runs of processed offsets (:mod:`streams.worker.consumer`).

Each scenario is also run through faust-streaming 0.15.3's own logic on the same state
(``stock_*``): it commits past an offset nobody processed, which is what lost articles
at rebalances in the fault suite. If a Faust upgrade fixes that, those checks fail and
say so; the consumer's own checks must hold either way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP
from faust.types.tuples import ConsumerMessage

from streams.settings import load_settings
from streams.worker.consumer import Consumer, Transport, commit_point, counts, start_offset

RAW = TP("raw", 0)
CHANGELOG = TP("g-table-changelog", 0)
GENERATION = 4


@pytest.fixture
def consumer() -> Iterator[Consumer]:
    """The worker app's real consumer, not started: one acknowledged topic ("raw"), group generation 4."""
    from streams.worker.app import create_app

    app = create_app(load_settings({}))
    app.topics.acks_enabled_for = lambda topic: topic == RAW.topic  # type: ignore[method-assign]
    app.consumer_generation_id = GENERATION
    c = app.consumer
    assert isinstance(c, Consumer)
    yield c


def message(offset: int, *, tp: TP = RAW, tracked: bool = True, generation: int = GENERATION) -> ConsumerMessage:
    m = ConsumerMessage(tp.topic, tp.partition, offset, 0.0, 0, None, b"k", b"v", None, 1, 1, tp,
                        generation_id=generation)
    m.tracked = tracked
    return m


def ack_all(c: Consumer, offsets: list[int], **kwargs: Any) -> None:
    for offset in offsets:
        c.ack(message(offset, **kwargs))


def stock_new_offset(c: Consumer, tp: TP = RAW) -> int | None:
    return faust_aiokafka.Consumer._new_offset(c, tp)


# --------------------------------------------------------------------------------------------
# the pure rules
# --------------------------------------------------------------------------------------------
def test_commit_point_is_one_past_the_run_that_starts_at_the_base() -> None:
    assert commit_point(242, [242, 243, 244]) == 245
    assert commit_point(242, [244, 242, 243, 250]) == 245  # order does not matter, 250 waits for 245-249
    assert commit_point(0, [0]) == 1


def test_commit_point_never_passes_an_offset_that_was_not_acknowledged() -> None:
    assert commit_point(242, [243, 244, 245]) is None  # Faust 0.15.3 commits 246 here (off by one)
    assert commit_point(242, []) is None
    assert commit_point(None, [0, 1, 2]) is None  # no base known: nothing may be committed
    assert commit_point(0, [3, 4]) is None


def test_start_offset_is_the_committed_offset_else_the_earliest() -> None:
    assert start_offset(242, 0) == 242
    assert start_offset(0, 0) == 0  # a committed 0 is an offset, not "nothing committed"
    assert start_offset(None, 17) == 17  # new group: consumption starts at the earliest offset
    assert start_offset(-1, 17) == 17
    assert start_offset(5, 17) == 17  # retention deleted 5..16 before anyone processed them
    assert start_offset(None, None) == 0


def test_an_acknowledgement_counts_only_for_a_processed_message_of_this_generation_at_or_above_the_base() -> None:
    assert counts(242, 242, tracked=True, generation=4, current_generation=4)
    assert not counts(242, 241, tracked=True, generation=4, current_generation=4)  # below the base: old news
    assert not counts(242, 250, tracked=False, generation=4, current_generation=4)  # skipped, never processed
    assert not counts(242, 250, tracked=True, generation=3, current_generation=4)  # fetched before a rebalance
    assert not counts(None, 250, tracked=True, generation=4, current_generation=4)  # partition not sought yet


# --------------------------------------------------------------------------------------------
# the consumer: gaps, off-by-one, committed 0
# --------------------------------------------------------------------------------------------
def test_acknowledged_offsets_above_an_unprocessed_one_are_not_committed(consumer: Consumer) -> None:
    consumer._committed_offset[RAW] = 242
    ack_all(consumer, [243, 244, 245])
    assert stock_new_offset(consumer) == 246  # Faust's: 242 was never processed
    ack_all(consumer, [243, 244, 245])
    assert consumer._filter_committable_offsets([RAW]) == {}
    consumer.ack(message(242))  # the hole fills: now everything up to 245 was processed
    assert consumer._filter_committable_offsets([RAW]) == {RAW: 246}
    assert consumer._acked[RAW] == [] and not consumer._acked_index[RAW]


def test_what_lies_beyond_a_hole_waits_for_it(consumer: Consumer) -> None:
    consumer._committed_offset[RAW] = 10
    ack_all(consumer, [10, 11, 13, 14])
    assert consumer._new_offset(RAW) == 12
    consumer._committed_offset[RAW] = 12  # as Faust's _commit_offsets does after the commit
    assert consumer._new_offset(RAW) is None
    consumer.ack(message(12))
    assert consumer._new_offset(RAW) == 15


def test_a_commit_held_by_a_hole_for_over_a_minute_is_a_warning(consumer: Consumer, monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    import streams.worker.consumer as module

    now = [1000.0]
    monkeypatch.setattr(module, "monotonic", lambda: now[0])
    consumer._committed_offset[RAW] = 10
    ack_all(consumer, [11, 12])
    with caplog.at_level("WARNING", logger="streams.worker"):
        assert consumer._new_offset(RAW) is None
        now[0] += 59
        assert consumer._new_offset(RAW) is None
        assert not caplog.records
        now[0] += 2
        assert consumer._new_offset(RAW) is None
        assert consumer._new_offset(RAW) is None
    assert [r.getMessage() for r in caplog.records] == [
        "commits held: offset 10 was never processed while 2 later ones were; a restart processes the partition "
        "again from it"]
    consumer.ack(message(10))
    assert consumer._new_offset(RAW) == 13 and RAW not in consumer._holes


def test_a_committed_offset_of_zero_is_a_base(consumer: Consumer) -> None:
    consumer._committed_offset[RAW] = 0
    ack_all(consumer, [3, 4])
    assert stock_new_offset(consumer) == 5  # Faust's: a committed 0 reads as "nothing committed"
    ack_all(consumer, [3, 4])
    assert consumer._new_offset(RAW) is None


def test_gaps_in_the_fetched_offsets_are_never_merged_into_the_acknowledged_ones(consumer: Consumer) -> None:
    """A message fetched before a rebalance reaches the stream after the seek to 242 (faust-streaming#221): Faust's
    drain loop records 243-245 as a gap, and its commit treats them as processed."""
    consumer._committed_offset[RAW] = 242
    asyncio.run(faust_aiokafka.Consumer._add_gap(consumer, RAW, 243, 245))
    consumer.ack(message(245))
    assert stock_new_offset(consumer) == 246  # Faust's: 242-244 were never processed
    consumer._gap.clear()

    asyncio.run(consumer._add_gap(RAW, 243, 245))
    assert not consumer._gap.get(RAW)
    ack_all(consumer, [245, 242])
    assert consumer._new_offset(RAW) == 243


# --------------------------------------------------------------------------------------------
# the consumer: acknowledgements that do not count
# --------------------------------------------------------------------------------------------
def test_a_stale_acknowledgement_after_a_reassignment_does_not_count(consumer: Consumer) -> None:
    consumer._committed_offset[RAW] = 242
    stale = message(245, generation=GENERATION - 1)  # prefetched before the rebalance, acked after it
    consumer._unacked_messages.add(stale)
    assert consumer.ack(stale) is False
    assert stale.acked and stale not in consumer._unacked_messages  # nobody waits for it any more
    ack_all(consumer, [242, 243, 244])
    assert consumer._new_offset(RAW) == 245  # 245 is processed again, fetched in this generation
    consumer._committed_offset[RAW] = 245
    consumer.ack(message(245))
    assert consumer._new_offset(RAW) == 246


def test_a_message_skipped_without_processing_does_not_count(consumer: Consumer) -> None:
    """Faust's pure-Python stream iterator acknowledges what it skips while the flow is stopped (a rebalance)."""
    consumer._committed_offset[RAW] = 242
    ack_all(consumer, [242, 243])
    ack_all(consumer, [244, 245], tracked=False)
    assert consumer._new_offset(RAW) == 244


def test_acknowledgements_of_unacknowledged_topics_are_faust_s_business(consumer: Consumer) -> None:
    m = message(7, tp=CHANGELOG, tracked=False, generation=1)
    assert consumer.ack(m) is False and m.acked
    assert not consumer._acked.get(CHANGELOG)


# --------------------------------------------------------------------------------------------
# the consumer: revocation and seeks
# --------------------------------------------------------------------------------------------
def test_the_revoke_handler_commits_from_the_base_then_the_partitions_are_forgotten(consumer: Consumer) -> None:
    """Faust forgets the base before its revoke handler commits; that commit then takes any run of offsets."""
    seen: dict[str, Any] = {}

    async def app_revoke_handler(revoked: set[TP]) -> None:  # waits for the streams, then commits
        seen["base"] = consumer._committed_offset.get(RAW)
        consumer.ack(message(250))  # the batch in flight ends after a hole (246-249 were dropped, never processed)
        seen["commit"] = consumer._filter_committable_offsets([RAW])

    consumer._on_partitions_revoked = app_revoke_handler
    consumer._committed_offset[RAW] = 246
    asyncio.run(consumer.on_partitions_revoked({RAW}))
    assert seen == {"base": 246, "commit": {}}
    assert RAW not in consumer._committed_offset and RAW not in consumer._acked

    # Faust's own order and logic: the base is gone when its handler acknowledges and commits
    async def stock_handler(revoked: set[TP]) -> None:
        seen["base"] = consumer._committed_offset.get(RAW)
        faust_aiokafka.Consumer.ack(consumer, message(250))
        seen["commit"] = stock_new_offset(consumer)

    consumer._on_partitions_revoked = stock_handler
    consumer._committed_offset[RAW] = 246
    asyncio.run(faust_aiokafka.Consumer.on_partitions_revoked(consumer, {RAW}))
    assert seen == {"base": None, "commit": 251}


def test_a_seek_makes_the_committed_offset_the_base_and_starts_afresh(consumer: Consumer) -> None:
    other, fresh = TP("raw", 1), TP("raw", 2)
    sought: dict[TP, int] = {}

    async def seek_to_committed() -> dict[TP, int | None]:
        return {RAW: 242, other: 0, fresh: None, CHANGELOG: None}

    async def earliest_offsets(*tps: TP) -> dict[TP, int]:
        assert CHANGELOG not in tps
        return {tp: 5 if tp == fresh else 0 for tp in tps}

    async def seek(tp: TP, offset: int) -> None:
        sought[tp] = offset

    consumer.seek_to_committed = seek_to_committed  # type: ignore[method-assign]
    consumer.earliest_offsets = earliest_offsets  # type: ignore[method-assign]
    consumer.seek = seek  # type: ignore[method-assign]
    consumer._committed_offset[RAW] = 200
    ack_all(consumer, [245, 246])  # acknowledged before the seek: their messages come again
    asyncio.run(consumer.perform_seek())
    assert {tp: consumer._committed_offset.get(tp) for tp in (RAW, other, fresh)} == {RAW: 242, other: 0, fresh: 5}
    assert {tp: consumer._read_offset.get(tp) for tp in (RAW, other, fresh)} == {RAW: 242, other: 0, fresh: 5}
    assert sought == {other: 0, fresh: 5}  # aiokafka does not seek a partition with a committed 0 or none
    assert not consumer._acked.get(RAW) and not consumer._acked_index.get(RAW)
    assert consumer._committed_offset.get(CHANGELOG) is None and CHANGELOG not in sought
    ack_all(consumer, [245, 246])
    assert consumer._new_offset(RAW) is None
    ack_all(consumer, [242, 243, 244])
    assert consumer._new_offset(RAW) == 247
    # stopped: Faust's recovery clears the streams' queues, then resumes the flow
    assert not consumer.flow_active


def test_a_record_is_handed_to_the_streams_once_between_two_seeks(consumer: Consumer) -> None:
    delivered: list[tuple[str, int]] = []

    async def streams(m: Any) -> None:
        delivered.append((m.topic, m.offset))

    consumer._deliver = streams

    async def scenario() -> None:
        for offset in (5, 6, 7, 7, 6):  # Faust's fetch loop lets 7 (its last read offset) through again
            await consumer.callback(message(offset))
        await consumer.callback(message(3, tp=CHANGELOG))  # not an acknowledged topic: Faust's business
        await consumer.callback(message(3, tp=CHANGELOG))
        consumer._committed_offset[RAW] = 5
        await consumer.seek(RAW, 5)  # after a seek the same records come again, and must
        await consumer.callback(message(5))

    async def fake_thread_seek(tp: TP, offset: int) -> None:
        pass

    consumer._seek = fake_thread_seek  # type: ignore[method-assign]
    asyncio.run(scenario())
    assert delivered == [("raw", 5), ("raw", 6), ("raw", 7), (CHANGELOG.topic, 3), (CHANGELOG.topic, 3), ("raw", 5)]


def test_a_changelog_partition_without_a_known_offset_is_read_from_its_start(consumer: Consumer) -> None:
    """Faust's recovery, racing a new rebalance, seeks standby partitions it has no offset for yet (None)."""
    sought: dict[TP, int] = {}

    async def thread_seek_wait(partitions: dict[TP, int]) -> None:
        sought.update(partitions)

    consumer._thread.seek_wait = thread_seek_wait  # type: ignore[method-assign]
    other = TP(CHANGELOG.topic, 1)
    asyncio.run(consumer.seek_wait({CHANGELOG: None, other: 17}))
    assert sought == {CHANGELOG: 0, other: 17}


def test_the_app_creates_this_consumer_and_skips_the_recovery_consistency_check() -> None:
    from streams.worker.app import create_app

    app = create_app(load_settings({}))
    assert isinstance(app.transport, Transport)
    assert isinstance(app.consumer, Consumer)
    # in-memory tables: the check only fired on the embedded broker's low end offsets (see app.py)
    assert app.conf.recovery_consistency_check is False


def test_fetches_wait_streams_fetch_max_wait_not_fausts_fixed_one_and_a_half_seconds() -> None:
    from streams.worker.app import create_app

    app = create_app(load_settings({"STREAMS_FETCH_MAX_WAIT": "0.25s"}))

    async def client_fetch_wait() -> int:
        client = app.consumer._thread._create_worker_consumer(app.transport)
        return int(client._fetch_max_wait_ms)

    assert asyncio.run(client_fetch_wait()) == 250
