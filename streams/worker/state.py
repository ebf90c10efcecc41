"""What one worker process knows about itself: what /readyz reports and what decides the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class WorkerState:
    model_loaded: bool = False
    assigned: set[Any] = field(default_factory=set)  # input (raw topic) partitions held now
    fatal: BaseException | None = None  # why the worker stopped without committing, if it did
    processed: int = 0
    # next offset to process per consumed partition (raw and repartition topics), for the consumer-lag gauge
    positions: dict[Any, int] = field(default_factory=dict)
