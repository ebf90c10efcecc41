"""A stand-in model process for the ModelProcess tests: the real protocol, no model.

Runs in a spawned child (so it lives in an importable module, not in the test file).
An article whose body contains SLOW sleeps far past any budget; CRASH kills the
process; anything else becomes a record at once.
"""

from __future__ import annotations

import os
import time
from multiprocessing.connection import Connection

import orjson

from streams.settings import Settings
from streams.worker.processor import Output, Result


def serve(conn: Connection, settings: Settings) -> None:
    conn.send(("ready", {"model_version": "0.0-test", "versions": {"actors_version": "test"}}))
    while True:
        try:
            kind, messages = conn.recv()
        except EOFError:
            return
        if kind == "stop":
            return
        results = []
        for m in messages:
            if b"CRASH" in m.value:
                os._exit(9)
            if b"SLOW" in m.value:
                time.sleep(60)
            article = orjson.loads(m.value)
            result = Result(m, record={"article_id": article["id"], "processing": {}})
            result.outputs.append(Output(settings.topic_enriched, article["id"].encode(), m.value))
            results.append(result)
        conn.send(("results", results))
