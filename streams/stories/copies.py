"""Syndicated near-copies: MinHash over word shingles of the body, and a bounded LSH index.

Contract:

- :func:`signature` turns a body into ``NUM_PERM`` 32-bit MinHash values over its
  word 3-shingles (lower-cased ``\\w+`` words), written as base64 (:func:`encode`) so
  that it travels in JSON. The estimated Jaccard similarity of two bodies is the
  share of equal values (:func:`similarity`).
- :class:`CopyIndex` sees every article once, in one order (the single-partition copy
  stage). :meth:`CopyIndex.check` returns the article's verdict: ``duplicate_of`` (the
  first article seen of the copy's family, never the article itself) and its
  ``similarity``, or ``None`` twice for an original. An article seen again
  (redelivery) gets its stored verdict back and changes nothing.
- Bodies under ``MIN_WORDS`` words are not checked (:func:`checkable`): they are
  originals and never enter the index.
- The index is bounded: entries older than ``window_s`` on the article clock (behind the
  newest article seen) and the oldest beyond ``max_articles`` are evicted;
  :meth:`check` returns the evicted ids so that the caller can drop their stored state.
- Its state is one :class:`CopyEntry` per article (JSON via :meth:`CopyEntry.to_json`);
  :meth:`CopyIndex.restore` rebuilds the LSH from stored entries after a restart.

datasketch (MIT) supplies MinHash and the LSH banding: the band count and width it
chooses for ``threshold`` give a pair at the threshold a high chance to share a band.
"""

from __future__ import annotations

import base64
import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 3
# shorter bodies are not checked: one templated sentence ("X visited Y on Monday.") says too
# little to tell a syndicated copy from another report of the same kind
MIN_WORDS = 20
SEED = 1
_WORD = re.compile(r"\w+")
_PERMUTATIONS: Any = None


def checkable(text: str) -> bool:
    return len(_WORD.findall(text)) >= MIN_WORDS


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash values of a body (uint32); an empty body hashes to the empty-set signature."""
    global _PERMUTATIONS
    if _PERMUTATIONS is None:  # drawn once: creating them is most of a MinHash's set-up cost
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED).permutations
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS)
    m.update_batch(list(shingles(text)))
    return m.hashvalues.astype(np.uint32)


def encode(sig: np.ndarray) -> str:
    return base64.b64encode(np.asarray(sig, dtype="<u4").tobytes()).decode("ascii")


def decode(text: str) -> np.ndarray:
    """The values of :func:`encode`; ``ValueError`` when the text is not a signature of this size."""
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if len(raw) != NUM_PERM * 4:
        raise ValueError(f"a signature has {NUM_PERM} values of 4 bytes, got {len(raw)} bytes")
    return np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


@dataclass(frozen=True, slots=True)
class CopyEntry:
    """What the index keeps of one article."""

    article_id: str
    sig: str  # encode()d signature
    clock: float  # the article clock, epoch seconds
    seq: int  # arrival order in the copy stage
    outlet: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"sig": self.sig, "clock": self.clock, "seq": self.seq, "outlet": self.outlet,
                "duplicate_of": self.duplicate_of, "similarity": self.similarity}

    @classmethod
    def from_json(cls, article_id: str, data: dict[str, Any]) -> CopyEntry:
        return cls(article_id, str(data["sig"]), float(data["clock"]), int(data["seq"]), data.get("outlet"),
                   data.get("duplicate_of"), data.get("similarity"))


@dataclass(frozen=True, slots=True)
class Verdict:
    entry: CopyEntry | None  # None: not checked (a short body)
    evicted: tuple[str, ...] = ()
    again: bool = False  # the article was already in the index (a redelivery)

    @property
    def duplicate_of(self) -> str | None:
        return self.entry.duplicate_of if self.entry else None

    @property
    def similarity(self) -> float | None:
        return self.entry.similarity if self.entry else None


class CopyIndex:
    """The near-copy index of the copy stage (see the module docstring)."""

    def __init__(self, threshold: float = 0.5, window_s: float = 3 * 86400.0, max_articles: int = 20_000) -> None:
        self.threshold, self.window_s, self.max_articles = threshold, window_s, max_articles
        self.entries: dict[str, CopyEntry] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._by_age: list[tuple[float, int, str]] = []  # heap of (clock, seq, id); stale items skipped
        self._newest = float("-inf")
        self._seq = 0

    def __len__(self) -> int:
        return len(self.entries)

    def restore(self, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Rebuild from stored entries (a restarted worker's recovered table)."""
        self.__init__(self.threshold, self.window_s, self.max_articles)  # type: ignore[misc]
        for article_id, data in sorted(items, key=lambda kv: kv[1]["seq"]):
            self._add(CopyEntry.from_json(article_id, data))

    def check(self, article_id: str, sig: np.ndarray, clock: float, outlet: str | None = None) -> Verdict:
        known = self.entries.get(article_id)
        if known is not None:
            return Verdict(known, again=True)
        original, sim = self._best_match(sig)
        entry = CopyEntry(article_id, encode(sig), clock, self._seq, outlet, original, sim)
        self._add(entry)
        return Verdict(entry, self._evict())

    def _best_match(self, sig: np.ndarray) -> tuple[str | None, float | None]:
        best: tuple[float, int, CopyEntry] | None = None
        for key in self._lsh.query(LeanMinHash(seed=SEED, hashvalues=sig)):
            other = self.entries[key]
            sim = similarity(sig, decode(other.sig))
            if sim >= self.threshold and (best is None or (sim, -other.seq) > (best[0], -best[1])):
                best = (sim, other.seq, other)
        if best is None:
            return None, None
        sim, _, other = best
        return other.duplicate_of or other.article_id, round(sim, 4)  # a copy of a copy is a copy of the first

    def _add(self, entry: CopyEntry) -> None:
        self.entries[entry.article_id] = entry
        self._lsh.insert(entry.article_id, LeanMinHash(seed=SEED, hashvalues=decode(entry.sig)), check_duplication=False)
        heapq.heappush(self._by_age, (entry.clock, entry.seq, entry.article_id))
        self._newest = max(self._newest, entry.clock)
        self._seq = max(self._seq, entry.seq + 1)

    def _evict(self) -> tuple[str, ...]:
        evicted: list[str] = []
        horizon = self._newest - self.window_s
        while self._by_age:
            clock, seq, article_id = self._by_age[0]
            entry = self.entries.get(article_id)
            if entry is None or entry.seq != seq:
                heapq.heappop(self._by_age)
                continue
            if clock >= horizon and len(self.entries) <= self.max_articles:
                break
            heapq.heappop(self._by_age)
            del self.entries[article_id]
            self._lsh.remove(article_id)
            evicted.append(article_id)
        return tuple(evicted)
