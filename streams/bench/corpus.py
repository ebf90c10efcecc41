"""The benchmark's articles: a JSONL corpus cycled to N with unique ids, or generated ones with new words."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from streams.errors import ConfigError


def bundled_samples() -> list[bytes]:
    return resources.files("streams").joinpath("samples", "articles.jsonl").read_bytes().splitlines()


def load_corpus(path: Path | None, n: int) -> list[dict[str, Any]]:
    """``n`` articles from ``path`` (default: the bundled samples), cycled; ids made unique (``<id>~<i>``)."""
    if path is None:
        lines = bundled_samples()
    else:
        try:
            lines = path.read_bytes().splitlines()
        except OSError as exc:
            raise ConfigError(f"cannot read the corpus {path}: {exc.strerror or exc}") from None
    base = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            article = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise ConfigError(f"{path or 'samples'}: line {number} is not JSON ({exc})") from None
        if isinstance(article, dict) and article.get("body"):
            base.append(article)
    if not base:
        raise ConfigError(f"{path or 'samples'}: no article with a body")
    return [{**base[i % len(base)], "id": f"{base[i % len(base)].get('id', 'a')}~{i}"} for i in range(n)]


# generated articles: every one brings names the vocabulary has not seen (the memory-growth run)
_SYLLABLES = ["ka", "lo", "mir", "den", "vo", "sta", "ri", "bel", "nor", "tu", "zan", "pe", "gro", "lin", "ash"]
_TEMPLATES = [
    "{a} {b}, the foreign minister of Kenya, met {c} {d} in Nairobi on Tuesday to discuss trade.",
    "Police in Lagos said {a} {b} was arrested after protests near the offices of {c}{d} Holdings.",
    "{a} {b} of the {c}{d} party said the government of Peru would hold talks with Chile next week.",
    "Troops clashed with {c}{d} rebels near the town of {a}{b}ville, officials in Kinshasa said.",
]


GENERATED_START = datetime(2024, 6, 19, 8, 0, tzinfo=timezone.utc)
# one minute apart on the article clock (a feed of 1,440 articles a day), so that what is bounded by time on that
# clock (the copy window, story expiry, trend windows) turns over during a growth run as it does in production; with
# every article at one instant nothing would ever leave, and the run would measure the size caps instead
GENERATED_STEP = timedelta(minutes=1)


def generated(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` short articles whose people, parties and towns are new words (the string store's worst case)."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    out = []
    for i in range(n):
        sentences = [t.format(a=word(), b=word(), c=word(), d=word().lower()) for t in rng.sample(_TEMPLATES, 3)]
        out.append({"id": f"gen-{i}", "title": f"Report {word()}", "body": " ".join(sentences),
                    "published_at": (GENERATED_START + i * GENERATED_STEP).strftime("%Y-%m-%dT%H:%M:%SZ"), "source": "bench"})
    return out
