"""The enrichment core: synchronous, no Kafka. See :mod:`streams.enrich.pipeline`."""
