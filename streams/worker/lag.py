"""Lag gauges of a worker: per-partition consumer lag and event-loop lag.

``streams_consumer_lag{topic,partition}`` is highwater minus the next offset to
process, per assigned partition of a consumed topic. The next offset is this worker's
own position (after its last processed message), else the group's committed offset,
else the earliest offset (a new group starts at the earliest). The highwater is the one
the consumer's last fetch brought back (no request); only a partition not fetched yet
costs a ListOffsets request, so the timer stays cheap on an idle worker.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from streams.ops import metrics


async def next_offsets(consumer: Any, tps: list[Any], positions: Mapping[Any, int]) -> dict[Any, int | None]:
    """The next offset to process of each partition: own position, else committed, else earliest."""
    committed = getattr(consumer, "_committed_offset", {})
    offsets: dict[Any, int | None] = {tp: positions.get(tp) for tp in tps}
    for tp in tps:
        if offsets[tp] is None and committed.get(tp) is not None:
            offsets[tp] = committed.get(tp)
    missing = [tp for tp in tps if offsets[tp] is None]
    if missing:
        offsets.update(await consumer.earliest_offsets(*missing))
    return offsets


async def update_consumer_lag(consumer: Any, positions: Mapping[Any, int], topics: set[str],
                              labels: set[tuple[str, str]]) -> None:
    """Set the gauge for every assigned partition of ``topics``; remove series of partitions no longer held.

    ``labels``: the series this worker set last time (updated in place).
    """
    tps = sorted((tp for tp in consumer.assignment() if tp.topic in topics), key=lambda tp: (tp.topic, tp.partition))
    current: set[tuple[str, str]] = set()
    if tps:
        highwaters = await _highwaters(consumer, tps)
        offsets = await next_offsets(consumer, tps, positions)
        for tp in tps:
            if tp not in highwaters or offsets[tp] is None:
                continue
            label = (tp.topic, str(tp.partition))
            metrics.CONSUMER_LAG.labels(*label).set(max(int(highwaters[tp]) - int(offsets[tp] or 0), 0))
            current.add(label)
    for label in labels - current:
        try:
            metrics.CONSUMER_LAG.remove(*label)
        except KeyError:
            pass
    labels.clear()
    labels.update(current)


async def _highwaters(consumer: Any, tps: list[Any]) -> dict[Any, int]:
    """The cached highwater of each partition (from fetches), asking the broker only for the others."""
    out: dict[Any, int] = {}
    for tp in tps:
        try:
            cached = consumer.highwater(tp)
        except Exception:  # not assigned any more, or a consumer without a cache
            cached = None
        if cached is not None:
            out[tp] = int(cached)
    missing = [tp for tp in tps if tp not in out]
    if missing:
        out.update(await consumer.highwaters(*missing))
    return out


async def measure_event_loop_lag(interval_s: float = 0.5) -> None:
    """Forever: sleep ``interval_s`` and record how much later than asked the loop woke up."""
    loop = asyncio.get_running_loop()
    while True:
        t0 = loop.time()
        await asyncio.sleep(interval_s)
        metrics.EVENT_LOOP_LAG.set(max(loop.time() - t0 - interval_s, 0.0))
