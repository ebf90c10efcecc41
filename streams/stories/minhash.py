"""MinHash signatures and LSH banding in plain numpy, compatible with datasketch 1.6.

Contract:

- :func:`minhash` of a set of byte strings equals ``datasketch.MinHash(num_perm, seed)``
  updated with the same strings (SHA-1's first 4 bytes as the 32-bit hash, universal
  hashing ``(a*h + b) mod (2**61 - 1)`` truncated to 32 bits, permutations drawn from
  ``numpy.random.RandomState(seed)``), as ``uint64`` values; the empty set gives the
  all-``2**32 - 1`` signature. Signatures already stored or in flight on the copy-check
  topic therefore stay comparable with the ones computed now.
- :func:`optimal_banding` is datasketch's choice of (bands, rows per band) for an LSH at
  a Jaccard threshold: the pair that minimises the equally weighted integrals of the
  false-positive and false-negative probabilities.

Why not datasketch itself: importing it imports SciPy (for one integral), which cost a
worker about 50 MB of memory for the 20 lines below.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable

import numpy as np

MERSENNE_PRIME = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)


@functools.lru_cache(maxsize=4)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters of the ``num_perm`` hash permutations, drawn as datasketch draws them."""
    gen = np.random.RandomState(seed)
    pairs = [(gen.randint(1, MERSENNE_PRIME, dtype=np.uint64), gen.randint(0, MERSENNE_PRIME, dtype=np.uint64))
             for _ in range(num_perm)]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def hash32(data: bytes) -> int:
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


def minhash(items: Iterable[bytes], num_perm: int, seed: int) -> np.ndarray:
    """The MinHash values (uint64, each below 2**32) of a set of byte strings."""
    a, b = permutations(num_perm, seed)
    hashes = np.array([hash32(item) for item in items], dtype=np.uint64)
    if not len(hashes):
        return np.full(num_perm, MAX_HASH, dtype=np.uint64)
    with np.errstate(over="ignore"):  # a*h wraps modulo 2**64 in datasketch too: the values depend on it
        permuted = (hashes[:, None] * a + b) % MERSENNE_PRIME & MAX_HASH
    return permuted.min(axis=0)


@functools.lru_cache(maxsize=16)
def optimal_banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) with ``bands * rows <= num_perm`` that minimise false positives plus negatives."""
    # Gauss-Legendre quadrature (64 nodes) on [0, threshold] and [threshold, 1]: the integrands are
    # polynomials in s, so this agrees with datasketch's adaptive quadrature on every choice checked
    nodes, weights = np.polynomial.legendre.leggauss(64)
    below, above = threshold / 2 * (nodes + 1), threshold + (1 - threshold) / 2 * (nodes + 1)
    best, best_error = (0, 0), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            # a pair of similarity s shares at least one band with probability 1 - (1 - s**rows)**bands
            fp = threshold / 2 * np.sum(weights * (1 - (1 - below**rows) ** bands))
            fn = (1 - threshold) / 2 * np.sum(weights * (1 - above**rows) ** bands)
            error = 0.5 * fp + 0.5 * fn
            if error < best_error:
                best, best_error = (bands, rows), float(error)
    return best
