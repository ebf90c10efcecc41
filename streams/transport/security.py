"""TLS and SASL: the ``STREAMS_SECURITY_PROTOCOL``, ``STREAMS_SASL_*`` and ``STREAMS_SSL_*`` settings.

One place turns them into what the clients take: :func:`ssl_context` (one
``ssl.SSLContext`` for both client libraries), :func:`kafka_python_config` for the CLI
tools' kafka-python clients, and :func:`faust_credentials` for the worker's Faust app
(aiokafka). :func:`security_problems` checks the combination when settings are loaded,
so that a missing password or CA file stops start-up with the setting named, before
any connection is tried.

Secrets (the SASL password, the key password) come from the environment or from a
file (``*_FILE``); :func:`register_secrets` hands their values to the log formatter,
which masks them wherever they appear (kafka-python's admin client, for one, logs its
whole configuration at DEBUG).
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streams.errors import ConfigError

if TYPE_CHECKING:
    from streams.settings import Settings

MAX_SECRET_FILE_BYTES = 64 * 1024


def uses_sasl(settings: Settings) -> bool:
    return settings.effective_security_protocol.startswith("SASL_")


def uses_tls(settings: Settings) -> bool:
    return settings.effective_security_protocol in ("SSL", "SASL_SSL")


def read_secret_file(path: str, variable: str) -> str:
    """The secret in ``path`` without its trailing newline; :class:`ConfigError` naming ``variable`` otherwise."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_SECRET_FILE_BYTES:
            raise ConfigError(f"{variable}={path}: the file is over {MAX_SECRET_FILE_BYTES} bytes; is it the right file?")
        text = file.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{variable}={path}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{variable}={path}: is a directory, not a file") from None
    except PermissionError:
        raise ConfigError(f"{variable}={path}: not readable by this user") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{variable}={path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{variable}={path}: cannot be read ({exc.strerror or exc})") from None
    secret = text.removesuffix("\n").removesuffix("\r")
    if not secret:
        raise ConfigError(f"{variable}={path}: the file is empty")
    return secret


def _secret(value: str, file: str, variable: str) -> str:
    """``value``, else the contents of ``file`` (the setting ``variable``), else ''."""
    return value or (read_secret_file(file, variable) if file else "")


def sasl_password(settings: Settings) -> str:
    """``STREAMS_SASL_PASSWORD``, else the contents of ``STREAMS_SASL_PASSWORD_FILE`` ('' when neither)."""
    return _secret(settings.sasl_password, settings.sasl_password_file, "STREAMS_SASL_PASSWORD_FILE")


def ssl_keyfile_password(settings: Settings) -> str:
    """``STREAMS_SSL_KEYFILE_PASSWORD``, else the contents of ``STREAMS_SSL_KEYFILE_PASSWORD_FILE``."""
    return _secret(settings.ssl_keyfile_password, settings.ssl_keyfile_password_file, "STREAMS_SSL_KEYFILE_PASSWORD_FILE")


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The client-side TLS context (None without TLS): the brokers' certificates are always verified,
    against ``STREAMS_SSL_CAFILE`` or the system's CAs; the host name too unless ``STREAMS_SSL_CHECK_HOSTNAME=false``."""
    if not uses_tls(settings):
        return None
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    if settings.ssl_cafile:
        try:
            context.load_verify_locations(cafile=settings.ssl_cafile)
        except FileNotFoundError:
            raise ConfigError(f"STREAMS_SSL_CAFILE={settings.ssl_cafile}: no such file") from None
        except (ssl.SSLError, ValueError, OSError) as exc:
            raise ConfigError(f"STREAMS_SSL_CAFILE={settings.ssl_cafile}: not a PEM file of CA certificates ({_why(exc)})") from None
    context.check_hostname = settings.ssl_check_hostname
    context.verify_mode = ssl.CERT_REQUIRED
    if settings.ssl_certfile:
        password = ssl_keyfile_password(settings) or None
        try:
            context.load_cert_chain(settings.ssl_certfile, settings.ssl_keyfile or None, password=password)
        except FileNotFoundError:
            raise ConfigError(f"STREAMS_SSL_CERTFILE={settings.ssl_certfile} or STREAMS_SSL_KEYFILE={settings.ssl_keyfile}: "
                              "no such file") from None
        except (ssl.SSLError, ValueError, OSError) as exc:
            key = f"STREAMS_SSL_KEYFILE={settings.ssl_keyfile}" if settings.ssl_keyfile else "its key"
            raise ConfigError(
                f"STREAMS_SSL_CERTFILE={settings.ssl_certfile}: the client certificate and {key} cannot be used ({_why(exc)}); "
                "they must be PEM files that belong together, and an encrypted key needs STREAMS_SSL_KEYFILE_PASSWORD "
                "or STREAMS_SSL_KEYFILE_PASSWORD_FILE"
            ) from None
    return context


def _why(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None)
    return str(reason or exc)[:200]


def security_problems(settings: Settings) -> list[str]:
    """Every unusable combination of the security settings, one line each naming the setting (empty: fine)."""
    problems: list[str] = []
    protocol = settings.effective_security_protocol
    named = f"STREAMS_SECURITY_PROTOCOL={protocol}" + ("" if settings.security_protocol else " (implied)")

    for value, file, name in (
        (settings.sasl_password, settings.sasl_password_file, "STREAMS_SASL_PASSWORD"),
        (settings.ssl_keyfile_password, settings.ssl_keyfile_password_file, "STREAMS_SSL_KEYFILE_PASSWORD"),
    ):
        if value and file:
            problems.append(f"{name}_FILE: set either {name} or {name}_FILE, not both")
        elif file:
            try:
                read_secret_file(file, f"{name}_FILE")
            except ConfigError as exc:
                problems.append(str(exc))

    if uses_sasl(settings):
        if not settings.sasl_username:
            problems.append(f"STREAMS_SASL_USERNAME: {named} needs a user name")
        if not (settings.sasl_password or settings.sasl_password_file):
            problems.append(f"STREAMS_SASL_PASSWORD: SASL/{settings.sasl_mechanism} needs a password: "
                            "set STREAMS_SASL_PASSWORD or STREAMS_SASL_PASSWORD_FILE")
    else:
        for name, value in (("STREAMS_SASL_USERNAME", settings.sasl_username), ("STREAMS_SASL_PASSWORD", settings.sasl_password),
                            ("STREAMS_SASL_PASSWORD_FILE", settings.sasl_password_file)):
            if value:
                problems.append(f"{name} is set, but {named} does not use SASL (use SASL_PLAINTEXT or SASL_SSL)")
        if settings.sasl_mechanism != "PLAIN":
            problems.append(f"STREAMS_SASL_MECHANISM={settings.sasl_mechanism} is set, but {named} does not use SASL: "
                            "set STREAMS_SASL_USERNAME and a password (or STREAMS_SECURITY_PROTOCOL=SASL_SSL)")

    files = (("STREAMS_SSL_CAFILE", settings.ssl_cafile), ("STREAMS_SSL_CERTFILE", settings.ssl_certfile),
             ("STREAMS_SSL_KEYFILE", settings.ssl_keyfile))
    if not uses_tls(settings):
        for name, value in (*files, ("STREAMS_SSL_KEYFILE_PASSWORD", settings.ssl_keyfile_password),
                            ("STREAMS_SSL_KEYFILE_PASSWORD_FILE", settings.ssl_keyfile_password_file)):
            if value:
                problems.append(f"{name} is set, but {named} does not use TLS (use SSL or SASL_SSL)")
        return problems
    missing = False
    for name, value in files:
        if value and not Path(value).is_file():
            problems.append(f"{name}={value}: " + ("is a directory, not a file" if Path(value).is_dir() else "no such file"))
            missing = True
    if settings.ssl_keyfile and not settings.ssl_certfile:
        problems.append("STREAMS_SSL_KEYFILE is set without STREAMS_SSL_CERTFILE: a client key needs its certificate")
    elif (settings.ssl_keyfile_password or settings.ssl_keyfile_password_file) and not settings.ssl_certfile:
        problems.append("STREAMS_SSL_KEYFILE_PASSWORD is set without STREAMS_SSL_CERTFILE and STREAMS_SSL_KEYFILE")
    elif not missing and not problems:
        try:
            ssl_context(settings)  # loads the CA, certificate and key: a wrong file or password shows now
        except ConfigError as exc:
            problems.append(str(exc))
    return problems


def kafka_python_config(settings: Settings) -> dict[str, Any]:
    """The security part of a kafka-python client's configuration."""
    protocol = settings.effective_security_protocol
    config: dict[str, Any] = {"security_protocol": protocol}
    if uses_tls(settings):
        config["ssl_context"] = ssl_context(settings)  # kafka-python's ssl_* options are then unused
    if uses_sasl(settings):
        # kafka-python takes the SCRAM credentials under the PLAIN names too
        config.update(sasl_mechanism=settings.sasl_mechanism, sasl_plain_username=settings.sasl_username,
                      sasl_plain_password=sasl_password(settings))
    return config


def faust_credentials(settings: Settings) -> Any:
    """Faust's ``broker_credentials``: None, ``SSLCredentials`` or ``SASLCredentials`` (with the TLS context for SASL_SSL)."""
    import faust

    context = ssl_context(settings)
    if uses_sasl(settings):
        return faust.SASLCredentials(username=settings.sasl_username, password=sasl_password(settings),
                                     ssl_context=context, mechanism=settings.sasl_mechanism)
    if context is not None:
        return faust.SSLCredentials(context)
    return None


def register_secrets(settings: Settings) -> None:
    """Tell the log formatter the secret values of these settings, so that no log line shows them."""
    from streams.ops.logging import register_secret

    for get in (sasl_password, ssl_keyfile_password):
        try:
            register_secret(get(settings))
        except ConfigError:
            pass  # reported by security_problems
