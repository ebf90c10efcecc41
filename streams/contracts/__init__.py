"""Record contracts: decoding of ``articles.raw``, dead letters, entity ids, JSON Schemas."""
