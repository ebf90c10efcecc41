"""Spelling-tolerant keys of people's names, and the fuzzy score between two of them.

Contract: :func:`name_key` maps the spellings that news romanisation produces for one
name to one key, so that an exact lookup by key finds "Zelenskyy", "Zelenskiy" and
"Zelensky", "Andrey" and "Andrei", "Rachmaninoff" and "Rachmaninov", "Sergej" and
"Sergei", whatever script the text used (the text is first normalised by
:func:`streams.enrich.mentions.normalise`, which transliterates Cyrillic and Greek).
Vowel shifts between transliteration systems ("Bilousov" / "Belousov",
"Gaddafi" / "Qadhafi") are not folded: they are left to :func:`similarity`, which the
linker accepts only when the text's title or country agrees with the candidate's office.
"""

from __future__ import annotations

import re
from functools import lru_cache

from streams.enrich.mentions import NAME_CACHE_SIZE, surface_key

# Rules applied in order to each lower-case ASCII word; each merges spellings of the
# same sound that English-language news uses side by side.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"[^a-z]", ""),  # apostrophes, hyphens, dots
    (r"^ye", "e"),  # Yevgeny / Evgeny
    (r"ph", "f"),
    (r"kh", "h"),  # Khodorkovsky / Hodorkovsky
    (r"dh", "d"),  # Qadhafi / Qaddafi
    (r"j", "y"),  # Sergej / Sergey
    (r"w", "v"),  # Wladimir / Vladimir
    (r"y", "i"),  # Andrey / Andrei, Zelenskyy / Zelenskiy
    (r"(.)\1+", r"\1"),  # doubled letters: Gaddafi / Gadafi, Zelenskii / Zelenski
    (r"of$", "ov"),  # Rachmaninoff / Rachmaninov
))


@lru_cache(maxsize=NAME_CACHE_SIZE)
def word_key(word: str) -> str:
    from anyascii import anyascii

    w = anyascii(word).lower()
    for pattern, repl in _RULES:
        w = pattern.sub(repl, w)
    return w


# Arabic articles written joined, apart or not at all: "al-Thani", "Al Thani", "el-Sisi" / "al-Sisi".
_ARTICLES = frozenset({"al", "el"})


def name_key(text: str) -> str:
    """ "Andrey Bilousov" -> "andrei bilousov"; the same key for every spelling variant listed above,
    and for hyphenated and spaced parts ("Sanwo-Olu" / "Sanwo Olu", "al-Thani" / "Al Thani" / "el-Thani")."""
    words = [k for k in (word_key(w) for w in surface_key(text).replace("-", " ").split()) if k]
    kept = [w for w in words if w not in _ARTICLES]
    return " ".join(kept if kept else words)


def first_last_keys(names: list[str]) -> set[str]:
    """Keys of every first name x surname combination of a person's names and aliases.

    An actor known as "Andrei Belousov" with aliases "Andrey Belousov" and "Bilousov" is found
    as "Andrey Bilousov" too: first names come from multi-word names, surnames from every name.
    """
    firsts, lasts = set(), set()
    for n in names:
        words = name_key(n).split()
        if not words:
            continue
        lasts.add(words[-1])
        if len(words) >= 2:
            firsts.add(words[0])
    return {f"{f} {s}" for f in firsts for s in lasts} | {name_key(n) for n in names}


def similarity(a: str, b: str) -> float:
    """0-100 similarity of two names' keys (rapidfuzz's normalised Indel ratio)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(name_key(a), name_key(b)))


def surname(text: str) -> str:
    words = name_key(text).split()
    return words[-1] if words else ""
