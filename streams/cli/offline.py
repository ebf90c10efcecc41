"""``streams enrich``: a JSON Lines file through the same processor as the worker."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import orjson
from rich.console import Console
from rich.progress import Progress

from streams.settings import Settings


@dataclass(slots=True)
class OfflineStats:
    lines: int = 0
    enriched: int = 0
    dead_lettered: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0


def enrich_file(settings: Settings, src: Path, dst: Path, deadletter: Path, batch_size: int, console: Console) -> OfflineStats:
    from streams.enrich.pipeline import Enricher
    from streams.worker.processor import BatchProcessor, RawMessage

    lines = [line.rstrip(b"\r") for line in src.read_bytes().split(b"\n")]
    # a trailing newline is not an empty article; blank lines inside the file are reported
    while lines and not lines[-1].strip():
        lines.pop()
    processor = BatchProcessor(settings, Enricher(settings.model, actors_file=settings.actors_file))
    stats = OfflineStats()
    started = time.perf_counter()
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as out, deadletter.open("wb") as dl, Progress(console=console) as progress:
        task = progress.add_task(f"enriching {src.name}", total=len(lines))
        for i in range(0, len(lines), batch_size):
            chunk = lines[i : i + batch_size]
            # the "offset" of an offline record is its 0-based line number
            messages = [RawMessage(value=v, topic=str(src), offset=i + j) for j, v in enumerate(chunk)]
            for result in processor.process(messages):
                stats.lines += 1
                if result.record is not None:
                    out.write(orjson.dumps(result.record) + b"\n")
                    stats.enriched += 1
                if result.dead_letter is not None:
                    dl.write(orjson.dumps(result.dead_letter) + b"\n")
                    stats.dead_lettered += 1
            progress.advance(task, len(chunk))
    stats.seconds = time.perf_counter() - started
    return stats
