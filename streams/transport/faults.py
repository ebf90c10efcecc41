"""Broker faults in one readable sentence, and the start-up probe of the bootstrap servers.

Every command that talks to Kafka turns a client library's exception into one line
that says what failed and what to do (:func:`broker_problem`), instead of a
traceback. The worker probes the bootstrap servers (:func:`probe_broker`) before it
loads the model, so that a broker that is not there costs seconds, not a model load.
"""

from __future__ import annotations

import socket
import ssl
from typing import TYPE_CHECKING

from streams.errors import Action, StreamsError

if TYPE_CHECKING:
    from streams.settings import Settings

PROBE_TIMEOUT_S = 5.0


class BrokerUnavailable(StreamsError, ConnectionError):
    """The brokers cannot be reached or refuse this client; the message says which and what to do."""

    action = Action.RETRY


def _where(settings: Settings) -> str:
    return ", ".join(settings.bootstrap_servers)


def broker_problem(exc: BaseException, settings: Settings) -> str | None:
    """One sentence for a broker, network or TLS failure; None when ``exc`` is none of these."""
    from kafka import errors as kafka_errors

    where = _where(settings)
    protocol = settings.effective_security_protocol
    user = f"STREAMS_SASL_USERNAME={settings.sasl_username!r}"
    if isinstance(exc, BrokerUnavailable):
        return str(exc)
    if isinstance(exc, kafka_errors.SaslAuthenticationFailedError | kafka_errors.IllegalSaslStateError):
        return (f"the broker at {where} refused the SASL/{settings.sasl_mechanism} login of {user}: check the password "
                "(STREAMS_SASL_PASSWORD or STREAMS_SASL_PASSWORD_FILE) and STREAMS_SASL_MECHANISM")
    if isinstance(exc, kafka_errors.UnsupportedSaslMechanismError):
        return (f"the broker at {where} does not offer SASL/{settings.sasl_mechanism} (STREAMS_SASL_MECHANISM): "
                "use one of the mechanisms it is configured for")
    if isinstance(exc, kafka_errors.AuthorizationError | kafka_errors.TopicAuthorizationFailedError
                  | kafka_errors.GroupAuthorizationFailedError | kafka_errors.ClusterAuthorizationFailedError):
        who = user if settings.sasl_username else "this client"
        return f"the broker at {where} refused {who} ({type(exc).__name__}): ask its operators for the ACLs the service needs"
    if isinstance(exc, kafka_errors.MessageSizeTooLargeError):
        return (f"a message is too large for the producer or the broker at {where}: raise STREAMS_MAX_MESSAGE_BYTES "
                "(the producers take twice as much) or the broker's message.max.bytes")
    if isinstance(exc, kafka_errors.KafkaTimeoutError):
        return (f"the broker at {where} did not answer in time ({exc}): is it overloaded, or does the topic not exist? "
                "(`streams topics create` creates the service's topics)")
    if isinstance(exc, ssl.SSLError):
        return (f"TLS with the broker at {where} failed ({getattr(exc, 'reason', None) or exc}): check STREAMS_SSL_CAFILE, "
                "STREAMS_SSL_CERTFILE/STREAMS_SSL_KEYFILE and STREAMS_SSL_CHECK_HOSTNAME")
    if isinstance(exc, kafka_errors.NoBrokersAvailable | kafka_errors.KafkaConnectionError | ConnectionError | socket.gaierror):
        hint = "" if protocol == "PLAINTEXT" else f", and does it speak {protocol} on that port (STREAMS_SECURITY_PROTOCOL)"
        return f"cannot reach the broker at {where} (STREAMS_BROKER_URL): is it running{hint}?"
    if isinstance(exc, kafka_errors.KafkaError):
        return f"the broker at {where} reported {type(exc).__name__}: {str(exc)[:300] or 'no detail'}"
    return None


def probe_broker(settings: Settings, timeout_s: float = PROBE_TIMEOUT_S) -> None:
    """Connect to the bootstrap servers and read the cluster's metadata; :class:`BrokerUnavailable` if that fails."""
    from kafka import KafkaConsumer

    from streams.transport.clients import common_config

    ms = int(timeout_s * 1000)
    consumer = None
    try:
        consumer = KafkaConsumer(**common_config(settings), group_id=None, api_version_auto_timeout_ms=ms)
        consumer.topics()
    except Exception as exc:
        message = broker_problem(exc, settings)
        if message is None:
            raise
        raise BrokerUnavailable(message) from exc
    finally:
        if consumer is not None:
            consumer.close()
