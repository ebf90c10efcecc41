"""Structured logs: one JSON object per line.

Records carry identifiers (article id, topic, partition, offset, error class),
never article text or secrets: pass them as ``extra={...}`` with the keys below.
Secrets registered with :func:`register_secret` (``load_settings`` registers the SASL
and key passwords) are masked in every line, whoever logged them: a library that logs
its configuration (kafka-python's admin client does, at DEBUG) cannot leak them.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime, timezone
from typing import Any

import orjson

CONTEXT_KEYS = (
    "article_id", "topic", "partition", "offset", "error", "count", "batch_size",
    "enriched", "dead_lettered", "ms", "key", "status", "partitions", "worker", "stage", "action",
)

MASK = "********"
_secrets: set[str] = set()


def register_secret(value: str) -> None:
    """Mask ``value`` in every log line from now on: as it is, as a repr shows it, and both JSON-escaped."""
    if value:
        forms = {value, repr(value)[1:-1]}
        _secrets.update(forms, (orjson.dumps(f).decode()[1:-1] for f in forms))


def forget_secrets() -> None:
    """Unregister every secret (tests: one process loads many settings)."""
    _secrets.clear()


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in CONTEXT_KEYS:
            value = record.__dict__.get(key)
            if value is not None:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = "".join(traceback.format_exception(*record.exc_info)).strip()[-4000:]
        line = orjson.dumps(entry, default=str).decode()
        return redact(line) if _secrets else line


def logging_config(level: str) -> dict[str, Any]:
    """A dictConfig for the worker (mode/Faust apply it), JSON lines on stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": level, "handlers": ["stderr"]},
        # Faust/aiokafka are chatty at INFO about internals; keep their warnings.
        "loggers": {
            "aiokafka": {"level": "WARNING"},
            "kafka": {"level": "WARNING"},
            "faust": {"level": "WARNING" if level == "INFO" else level},
            "mode": {"level": "WARNING" if level == "INFO" else level},
        },
    }


def configure(level: str) -> None:
    import logging.config

    logging.config.dictConfig(logging_config(level))
