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
  :meth:`CopyIndex.restore` rebuilds the index from stored entries after a restart.
- Its memory is bounded by ``max_articles`` rows of about 0.7 KB each.

:mod:`streams.stories.minhash` computes the signatures and the LSH banding as datasketch
1.6 does (same values, same band count and width for ``threshold``, which give a pair at
the threshold a high chance to share a band); the bands live in numpy arrays, not in a
dict-based index (see :class:`CopyIndex`).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from streams.stories.minhash import minhash, optimal_banding

NUM_PERM = 128
SHINGLE_WORDS = 3
# shorter bodies are not checked: one templated sentence ("X visited Y on Monday.") says too
# little to tell a syndicated copy from another report of the same kind
MIN_WORDS = 20
SEED = 1
# an odd 64-bit multiplier (the golden ratio's): a band's hash is its values as digits of this base, mod 2**64
_BAND_MIX = 0x9E3779B97F4A7C15
_WORD = re.compile(r"\w+")


def checkable(text: str) -> bool:
    return len(_WORD.findall(text)) >= MIN_WORDS


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash values of a body (uint32); an empty body hashes to the empty-set signature."""
    return minhash(shingles(text), NUM_PERM, SEED).astype(np.uint32)


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
    """The near-copy index of the copy stage (see the module docstring).

    Its rows are slots of a few numpy arrays (signature, band hashes, clock, arrival
    order), grown by doubling up to ``max_articles`` + 1 and reused after eviction, so
    that one article costs about 0.7 KB however long the worker runs; the datasketch LSH
    it replaced kept a dict entry and a bytes key per band per article (about 8 KB).
    A query compares the article's band hashes with every live row's, a vectorised scan
    (well under a millisecond at 20,000 rows), then the signatures of the candidates.
    """

    def __init__(self, threshold: float = 0.5, window_s: float = 3 * 86400.0, max_articles: int = 20_000) -> None:
        self.threshold, self.window_s, self.max_articles = threshold, window_s, max_articles
        self._bands_n, self._rows_per_band = optimal_banding(threshold, NUM_PERM)
        self._band_weights = np.asarray([pow(_BAND_MIX, k, 1 << 64) for k in range(self._rows_per_band)], dtype=np.uint64)
        self._slot: dict[str, int] = {}
        self._free: list[int] = []
        self._used = 0  # slots ever handed out; rows at and beyond it are unused
        self._ids: list[str | None] = []
        self._outlets: list[str | None] = []
        self._duplicate_of: list[str | None] = []
        self._sigs = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._bands = np.zeros((0, self._bands_n), dtype=np.uint64)
        self._clocks = np.zeros(0, dtype=np.float64)
        self._seqs = np.zeros(0, dtype=np.int64)
        self._sims = np.zeros(0, dtype=np.float64)
        self._live = np.zeros(0, dtype=np.bool_)
        self._grow(1024)
        self._newest = float("-inf")
        self._seq = 0

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slot

    def stored(self) -> list[tuple[str, dict[str, Any]]]:
        """Every live entry as (article id, :meth:`CopyEntry.to_json`), in arrival order."""
        entries = sorted((self._entry(slot) for slot in self._slot.values()), key=lambda e: e.seq)
        return [(e.article_id, e.to_json()) for e in entries]

    def restore(self, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Rebuild from stored entries (a restarted worker's recovered table)."""
        self.__init__(self.threshold, self.window_s, self.max_articles)  # type: ignore[misc]
        for article_id, data in sorted(items, key=lambda kv: kv[1]["seq"]):
            self._add(CopyEntry.from_json(article_id, data))

    def check(self, article_id: str, sig: np.ndarray, clock: float, outlet: str | None = None) -> Verdict:
        slot = self._slot.get(article_id)
        if slot is not None:
            return Verdict(self._entry(slot), again=True)
        original, sim = self._best_match(sig)
        entry = CopyEntry(article_id, encode(sig), clock, self._seq, outlet, original, sim)
        self._add(entry, sig)
        return Verdict(entry, self._evict())

    def band_hashes(self, sig: np.ndarray) -> np.ndarray:
        """One 64-bit hash per band of ``rows_per_band`` values; equal bands hash equal."""
        bands = np.asarray(sig[: self._bands_n * self._rows_per_band], dtype=np.uint64)
        bands = bands.reshape(self._bands_n, self._rows_per_band)
        with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
            return (bands * self._band_weights).sum(axis=1, dtype=np.uint64)

    def _best_match(self, sig: np.ndarray) -> tuple[str | None, float | None]:
        n = self._used
        if not self._slot:
            return None, None
        shared = (self._bands[:n] == self.band_hashes(sig)).any(axis=1) & self._live[:n]
        candidates = np.flatnonzero(shared)
        if not len(candidates):
            return None, None
        sims = (self._sigs[candidates] == sig).mean(axis=1)
        ok = sims >= self.threshold
        if not ok.any():
            return None, None
        candidates, sims = candidates[ok], sims[ok]
        i = int(np.lexsort((self._seqs[candidates], -sims))[0])  # the most similar; among equals the first seen
        best = int(candidates[i])
        first = self._duplicate_of[best] or self._ids[best]  # a copy of a copy is a copy of the first
        return first, round(float(sims[i]), 4)

    def _add(self, entry: CopyEntry, sig: np.ndarray | None = None) -> None:
        if self._free:
            slot = self._free.pop()
        else:
            if self._used == len(self._ids):
                self._grow(len(self._ids) * 2)
            slot, self._used = self._used, self._used + 1
        sig = decode(entry.sig) if sig is None else sig
        self._sigs[slot], self._bands[slot] = sig, self.band_hashes(sig)
        self._clocks[slot], self._seqs[slot], self._live[slot] = entry.clock, entry.seq, True
        self._sims[slot] = np.nan if entry.similarity is None else entry.similarity
        self._ids[slot], self._outlets[slot], self._duplicate_of[slot] = entry.article_id, entry.outlet, entry.duplicate_of
        self._slot[entry.article_id] = slot
        self._newest = max(self._newest, entry.clock)
        self._seq = max(self._seq, entry.seq + 1)

    def _entry(self, slot: int) -> CopyEntry:
        sim = float(self._sims[slot])
        return CopyEntry(str(self._ids[slot]), encode(self._sigs[slot]), float(self._clocks[slot]), int(self._seqs[slot]),
                         self._outlets[slot], self._duplicate_of[slot], None if np.isnan(sim) else sim)

    def _evict(self) -> tuple[str, ...]:
        n = self._used
        live = self._live[:n]
        old = np.flatnonzero(live & (self._clocks[:n] < self._newest - self.window_s))
        over = len(self._slot) - len(old) - self.max_articles
        if over > 0:  # then the oldest of the rest, by (clock, arrival)
            rest = np.flatnonzero(live & (self._clocks[:n] >= self._newest - self.window_s))
            if over == 1:  # the usual case at the cap: one linear scan rather than a sort
                oldest = rest[self._clocks[rest] == self._clocks[rest].min()]
                first = oldest[self._seqs[oldest].argmin()]
                old = np.append(old, first)
            else:
                old = np.concatenate([old, rest[np.lexsort((self._seqs[rest], self._clocks[rest]))[:over]]])
        evicted = []
        for slot in sorted(old.tolist(), key=lambda s: (self._clocks[s], self._seqs[s])):
            article_id = str(self._ids[slot])
            del self._slot[article_id]
            self._ids[slot] = self._outlets[slot] = self._duplicate_of[slot] = None
            self._live[slot] = False
            self._free.append(slot)
            evicted.append(article_id)
        return tuple(evicted)

    def _grow(self, size: int) -> None:
        old, cap = len(self._ids), self.max_articles + 1  # the cap, plus the one article added before an eviction
        if old < cap:  # else a restore of more entries than the cap (lowered since they were stored) grows on,
            size = min(size, cap)  # and the next check evicts the excess

        def grown(array: np.ndarray, fill: Any = 0) -> np.ndarray:
            new = np.full((size, *array.shape[1:]), fill, dtype=array.dtype)
            new[:old] = array
            return new

        self._sigs, self._bands, self._clocks = grown(self._sigs), grown(self._bands), grown(self._clocks)
        self._seqs, self._sims, self._live = grown(self._seqs), grown(self._sims, np.nan), grown(self._live, False)
        for column in (self._ids, self._outlets, self._duplicate_of):
            column.extend([None] * (size - old))
