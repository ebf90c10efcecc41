"""The Faust app of a worker, configured from :class:`~streams.settings.Settings` (wiring only).

Everything the app does is declared on it by :class:`streams.worker.worker.Worker`;
this module only turns settings into Faust's configuration, so that the choices
that matter in production are in one place:

- raw bytes in and out (the worker decodes and validates itself, and dead-letters
  what it cannot read, instead of Faust dropping it);
- ``acks=all`` producers, the configured compression and message size;
- a short session timeout (fast rebalance after a crash) and new groups starting at
  the earliest offset;
- every topic created by :func:`streams.transport.topics.ensure_topics`, never by Faust;
- tables in memory, restored from their changelog topics, without Faust's recovery
  consistency check (see :func:`create_app`);
- the consumer of :mod:`streams.worker.consumer`, whose commits never pass an
  unprocessed offset (faust-streaming 0.15.3's can, at a rebalance), and whose fetches
  wait ``STREAMS_FETCH_MAX_WAIT`` at most instead of Faust's fixed 1.5 s.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import faust

from streams.settings import Settings, faust_broker_url
from streams.worker.consumer import Transport

STREAM_BUFFER = 1024  # messages queued per stream
POLL_RECORDS = 200  # messages per fetch: at most the queue's headroom above its pause point (1024 - 819)


def create_app(settings: Settings) -> faust.App:
    app = faust.App(
        settings.group_id,
        broker=faust_broker_url(settings),
        broker_credentials=_faust_credentials(settings),
        key_serializer="raw",
        value_serializer="raw",
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=min(3.0, settings.session_timeout_s / 3),
        broker_commit_interval=1.0,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_compression_type=None if settings.producer_compression == "none" else settings.producer_compression,
        producer_max_request_size=max(settings.max_message_bytes * 2, 1_048_576),
        topic_disable_leader=True,
        topic_allow_declare=False,
        topic_partitions=settings.partitions,
        web_enabled=settings.metrics_port > 0,
        web_port=settings.metrics_port or 6066,
        web_bind=settings.metrics_host,
        # Faust hands every fetched message to its stream's queue in one loop, for all topics: a put
        # into a full queue (the raw topic's, under a backlog the model cannot keep up with) blocks
        # that loop, and the copy and story stages starved until the whole backlog was enriched.
        # A queue past maxsize / 1.25 takes its partition out of the fetch, but the messages of the
        # fetch in hand still arrive: with at most POLL_RECORDS per fetch and that much headroom,
        # no queue ever fills (and a backlog holds ~1,000 articles in memory, not 4,096).
        stream_buffer_maxsize=STREAM_BUFFER,
        broker_max_poll_records=POLL_RECORDS,
        store="memory://",
        # The check compares the changelog offsets this process has read with the broker's end offset and
        # crashes when it read further. With tables in memory it cannot find a stale local store (there is
        # none: a new process recovers from the changelog); the embedded broker under-reports end offsets
        # (the last record batch's first offset + 1, test_the_embedded_broker_under_reports_end_offsets), so
        # there it crashed healthy workers at rebalances.
        recovery_consistency_check=False,
        # tables live in memory and are restored from their changelogs: Faust's data
        # directory stays empty, so keep it out of the working directory
        datadir=os.path.join(_faust_root(), "{conf.name}-data"),
    )
    # before anything asks for the app's transport: its consumer is created from it
    app.transport = Transport(app.conf.broker_consumer, app)
    app.transport.fetch_max_wait_ms = settings.fetch_max_wait_ms
    return app


def _faust_root() -> str:
    root = os.path.join(tempfile.gettempdir(), "streams-faust")
    os.makedirs(root, exist_ok=True)  # Faust creates only the last level
    return root


def _faust_credentials(settings: Settings) -> Any:
    """``broker_credentials``: None, ``faust.SSLCredentials`` or ``faust.SASLCredentials`` (PLAIN or SCRAM, with
    the TLS context for SASL_SSL), from the same settings and TLS context as the CLI's clients."""
    from streams.transport.security import faust_credentials

    return faust_credentials(settings)
