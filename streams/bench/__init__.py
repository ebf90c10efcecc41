"""``streams bench``: the service measured against its limit, raw spaCy on the same texts and the same model.

- :mod:`~streams.bench.corpus`: the articles (a JSONL corpus cycled to N, or generated ones for memory growth);
- :mod:`~streams.bench.inprocess`: raw ``nlp.pipe`` (best batch size) and the offline core, in this process;
- :mod:`~streams.bench.endtoend`: workers on an embedded broker: throughput, latency at a fixed rate, RSS, CPU;
- :mod:`~streams.bench.report`: the table, ``--json`` and ``--plot``;
- :mod:`~streams.bench.run`: one run of all of it.

A benchmark prints numbers and asserts no timing; it fails (non-zero exit, and says
which ids) only when an article does not come out.
"""
