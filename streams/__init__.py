"""streams: real-time news enrichment on Kafka.

The enrichment core is importable without Kafka::

    from streams import Enricher
    record = Enricher().enrich({"title": "...", "body": "..."})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Enricher", "InvalidArticle", "__version__"]

if TYPE_CHECKING:
    from streams.contracts.article import InvalidArticle
    from streams.enrich.pipeline import Enricher


def __getattr__(name: str) -> Any:
    # Lazy, so that `import streams` (the CLI, produce/tail/config) never imports spaCy.
    if name == "Enricher":
        from streams.enrich.pipeline import Enricher

        return Enricher
    if name == "InvalidArticle":
        from streams.contracts.article import InvalidArticle

        return InvalidArticle
    raise AttributeError(name)
