"""Record contracts: decoding of ``articles.raw``, dead letters, JSON Schemas."""
