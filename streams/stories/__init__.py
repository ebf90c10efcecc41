"""One real-world event, many reports: syndicated copies and story events (no Kafka here).

- :mod:`~streams.stories.copies`: MinHash signatures of article bodies and the bounded
  LSH index that finds near-copies (``duplicate_of``, ``similarity``).
- :mod:`~streams.stories.story`: the pure, replayable transition that matches one coded
  event against the open stories of its blocking key (:mod:`~streams.stories.keys`),
  opens, refines, merges and closes stories.
- :mod:`~streams.stories.story_alerts`: rules with ``per: story`` and ``min_sources``.
- :mod:`~streams.stories.messages`: the typed messages of the internal topics.
- :mod:`~streams.stories.offline`: the same logic over a list of records, for the
  evaluation and the tests.

The worker edges (:mod:`streams.worker.stories`) add the topics and tables.
"""
