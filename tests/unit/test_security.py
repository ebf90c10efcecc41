"""TLS and SASL settings: validation, the mapping onto kafka-python and Faust, and that secrets never show.

The embedded broker speaks neither TLS nor SASL, so these tests check what each client
library is handed (and that aiokafka accepts it), not a handshake.
"""

from __future__ import annotations

import asyncio
import io
import logging
import ssl
from pathlib import Path
from typing import Any

import pytest
from conftest import clean_env, explain, run_cli

from streams.ops import logging as jsonlog
from streams.settings import SettingsError, load_settings
from streams.transport.clients import common_config
from streams.transport.faults import broker_problem
from streams.transport.security import faust_credentials, kafka_python_config, ssl_context
from streams.worker.app import _faust_credentials, create_app

TLS = Path(__file__).resolve().parents[1] / "fixtures" / "tls"
CA, CERT, KEY, ENCRYPTED_KEY = (str(TLS / n) for n in ("ca.pem", "client.pem", "client.key", "client-encrypted.key"))
KEY_PASSWORD = "fixture-key-pass"
SECRET = "s3cr3t-Pa55\"word\\with'quotes"


def problems(env: dict[str, str]) -> str:
    with pytest.raises(SettingsError) as info:
        load_settings(env)
    return str(info.value)


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "sasl-password"
    path.write_text(SECRET + "\n")
    return path


# ---------------------------------------------------------------------------------------------
# defaults and the implied protocol
# ---------------------------------------------------------------------------------------------
def test_defaults_are_plaintext_without_credentials() -> None:
    s = load_settings({})
    assert s.effective_security_protocol == "PLAINTEXT"
    assert common_config(s) == {"bootstrap_servers": ["localhost:9092"], "security_protocol": "PLAINTEXT"}
    assert _faust_credentials(s) is None


@pytest.mark.parametrize(("env", "protocol"), [
    ({"STREAMS_SASL_USERNAME": "u", "STREAMS_SASL_PASSWORD": "p"}, "SASL_PLAINTEXT"),  # as before TLS existed
    ({"STREAMS_SSL_CAFILE": CA}, "SSL"),
    ({"STREAMS_SSL_CAFILE": CA, "STREAMS_SASL_USERNAME": "u", "STREAMS_SASL_PASSWORD": "p"}, "SASL_SSL"),
    ({"STREAMS_SECURITY_PROTOCOL": "ssl"}, "SSL"),  # TLS with the system's CAs
])
def test_the_protocol_follows_from_the_other_settings_unless_named(env: dict[str, str], protocol: str) -> None:
    assert load_settings(env).effective_security_protocol == protocol


# ---------------------------------------------------------------------------------------------
# mapping onto kafka-python and Faust
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "scram_sha_512"])
def test_sasl_over_tls_maps_onto_both_clients(mechanism: str) -> None:
    s = load_settings({"STREAMS_SECURITY_PROTOCOL": "SASL_SSL", "STREAMS_SASL_MECHANISM": mechanism,
                       "STREAMS_SASL_USERNAME": "svc", "STREAMS_SASL_PASSWORD": SECRET, "STREAMS_SSL_CAFILE": CA})
    expected = mechanism.upper().replace("_", "-")
    config = common_config(s)
    assert config["security_protocol"] == "SASL_SSL"
    assert (config["sasl_mechanism"], config["sasl_plain_username"], config["sasl_plain_password"]) == (expected, "svc", SECRET)
    assert isinstance(config["ssl_context"], ssl.SSLContext)
    assert config["ssl_context"].verify_mode == ssl.CERT_REQUIRED and config["ssl_context"].check_hostname

    creds = _faust_credentials(s)
    import faust
    from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

    assert isinstance(creds, faust.SASLCredentials)
    auth = credentials_to_aiokafka_auth(creds)
    assert auth["security_protocol"] == "SASL_SSL" and auth["sasl_mechanism"] == expected
    assert (auth["sasl_plain_username"], auth["sasl_plain_password"]) == ("svc", SECRET)
    assert isinstance(auth["ssl_context"], ssl.SSLContext)
    assert SECRET not in repr(creds)
    # aiokafka itself accepts the combination (it validates mechanism, protocol and context on construction)
    from aiokafka import AIOKafkaProducer

    async def construct() -> None:
        AIOKafkaProducer(bootstrap_servers="127.0.0.1:1", **auth)

    asyncio.run(construct())


def test_sasl_without_tls_and_scram() -> None:
    s = load_settings({"STREAMS_SASL_MECHANISM": "SCRAM-SHA-256", "STREAMS_SASL_USERNAME": "svc", "STREAMS_SASL_PASSWORD": "pw"})
    config = common_config(s)
    assert config["security_protocol"] == "SASL_PLAINTEXT" and "ssl_context" not in config
    creds = faust_credentials(s)
    from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

    auth = credentials_to_aiokafka_auth(creds)
    assert (auth["security_protocol"], auth["sasl_mechanism"], auth["ssl_context"]) == ("SASL_PLAINTEXT", "SCRAM-SHA-256", None)


def test_mutual_tls_with_an_encrypted_key_and_no_hostname_check() -> None:
    s = load_settings({"STREAMS_SSL_CAFILE": CA, "STREAMS_SSL_CERTFILE": CERT, "STREAMS_SSL_KEYFILE": ENCRYPTED_KEY,
                       "STREAMS_SSL_KEYFILE_PASSWORD": KEY_PASSWORD, "STREAMS_SSL_CHECK_HOSTNAME": "false"})
    context = ssl_context(s)
    assert context is not None and context.verify_mode == ssl.CERT_REQUIRED and not context.check_hostname
    assert kafka_python_config(s)["security_protocol"] == "SSL"
    import faust

    creds = _faust_credentials(s)
    assert isinstance(creds, faust.SSLCredentials) and creds.context.verify_mode == ssl.CERT_REQUIRED
    # the app carries them to aiokafka
    app = create_app(s)
    assert app.conf.broker_credentials is creds or isinstance(app.conf.broker_credentials, faust.SSLCredentials)


def test_the_ca_file_is_loaded() -> None:
    context = ssl_context(load_settings({"STREAMS_SSL_CAFILE": CA}))
    assert context is not None
    assert any("streams test CA" in str(c.get("subject")) for c in context.get_ca_certs())


def test_secrets_from_files(password_file: Path, tmp_path: Path) -> None:
    key_password = tmp_path / "key-password"
    key_password.write_text(KEY_PASSWORD)
    s = load_settings({"STREAMS_SASL_USERNAME": "svc", "STREAMS_SASL_PASSWORD_FILE": str(password_file),
                       "STREAMS_SSL_CERTFILE": CERT, "STREAMS_SSL_KEYFILE": ENCRYPTED_KEY, "STREAMS_SSL_CAFILE": CA,
                       "STREAMS_SSL_KEYFILE_PASSWORD_FILE": str(key_password)})
    assert s.effective_security_protocol == "SASL_SSL"
    assert common_config(s)["sasl_plain_password"] == SECRET, "one trailing newline is not part of the password"
    assert faust_credentials(s).password == SECRET


# ---------------------------------------------------------------------------------------------
# combinations that cannot work, named
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("env", "expected"), [
    ({"STREAMS_SASL_MECHANISM": "SCRAM-SHA-512", "STREAMS_SASL_USERNAME": "svc"},
     "STREAMS_SASL_PASSWORD: SASL/SCRAM-SHA-512 needs a password: set STREAMS_SASL_PASSWORD or STREAMS_SASL_PASSWORD_FILE"),
    ({"STREAMS_SECURITY_PROTOCOL": "SASL_SSL", "STREAMS_SASL_PASSWORD": "p"}, "STREAMS_SASL_USERNAME: STREAMS_SECURITY_PROTOCOL=SASL_SSL needs a user name"),
    ({"STREAMS_SASL_MECHANISM": "SCRAM-SHA-256"}, "STREAMS_SASL_MECHANISM=SCRAM-SHA-256 is set, but STREAMS_SECURITY_PROTOCOL=PLAINTEXT (implied) does not use SASL"),
    ({"STREAMS_SASL_MECHANISM": "GSSAPI"}, "STREAMS_SASL_MECHANISM='GSSAPI': Value error, must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"),
    ({"STREAMS_SECURITY_PROTOCOL": "TLS"}, "STREAMS_SECURITY_PROTOCOL='TLS': Value error, must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"),
    ({"STREAMS_SSL_CAFILE": "/nonexistent/ca.pem"}, "STREAMS_SSL_CAFILE=/nonexistent/ca.pem: no such file"),
    ({"STREAMS_SSL_CAFILE": str(TLS)}, "is a directory, not a file"),
    ({"STREAMS_SSL_CAFILE": str(TLS / "README.md")}, f"STREAMS_SSL_CAFILE={TLS / 'README.md'}: not a PEM file of CA certificates"),
    ({"STREAMS_SSL_CERTFILE": CERT, "STREAMS_SSL_KEYFILE": ENCRYPTED_KEY, "STREAMS_SSL_KEYFILE_PASSWORD": "wrong"},
     f"STREAMS_SSL_CERTFILE={CERT}: the client certificate and STREAMS_SSL_KEYFILE={ENCRYPTED_KEY} cannot be used"),
    ({"STREAMS_SSL_CERTFILE": CA, "STREAMS_SSL_KEYFILE": KEY}, "cannot be used"),  # a key that is not the certificate's
    ({"STREAMS_SSL_KEYFILE": KEY}, "STREAMS_SSL_KEYFILE is set without STREAMS_SSL_CERTFILE"),
    ({"STREAMS_SECURITY_PROTOCOL": "PLAINTEXT", "STREAMS_SSL_CAFILE": CA}, "STREAMS_SSL_CAFILE is set, but STREAMS_SECURITY_PROTOCOL=PLAINTEXT does not use TLS"),
    ({"STREAMS_SECURITY_PROTOCOL": "SSL", "STREAMS_SASL_USERNAME": "u", "STREAMS_SASL_PASSWORD": "p"},
     "STREAMS_SASL_USERNAME is set, but STREAMS_SECURITY_PROTOCOL=SSL does not use SASL (use SASL_PLAINTEXT or SASL_SSL)"),
    ({"STREAMS_SASL_PASSWORD": "p"}, "STREAMS_SASL_PASSWORD is set, but STREAMS_SECURITY_PROTOCOL=PLAINTEXT (implied) does not use SASL"),
    ({"STREAMS_SASL_USERNAME": "u", "STREAMS_SASL_PASSWORD": "p", "STREAMS_SASL_PASSWORD_FILE": "/etc/hostname"},
     "STREAMS_SASL_PASSWORD_FILE: set either STREAMS_SASL_PASSWORD or STREAMS_SASL_PASSWORD_FILE, not both"),
    ({"STREAMS_SASL_USERNAME": "u", "STREAMS_SASL_PASSWORD_FILE": "/nonexistent/pw"}, "STREAMS_SASL_PASSWORD_FILE=/nonexistent/pw: no such file"),
    ({"STREAMS_SSL_CHECK_HOSTNAME": "perhaps"}, "STREAMS_SSL_CHECK_HOSTNAME='perhaps'"),
])
def test_unusable_combinations_are_named(env: dict[str, str], expected: str) -> None:
    message = problems(env)
    assert expected in message, message


def test_an_empty_password_file_is_named(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n")
    assert f"STREAMS_SASL_PASSWORD_FILE={empty}: the file is empty" in problems(
        {"STREAMS_SASL_USERNAME": "u", "STREAMS_SASL_PASSWORD_FILE": str(empty)})


def test_no_problem_message_shows_a_secret() -> None:
    message = problems({"STREAMS_SECURITY_PROTOCOL": "SSL", "STREAMS_SASL_PASSWORD": SECRET,
                        "STREAMS_SSL_CERTFILE": CERT, "STREAMS_SSL_KEYFILE": ENCRYPTED_KEY, "STREAMS_SSL_KEYFILE_PASSWORD": SECRET})
    assert "STREAMS_SASL_PASSWORD is set" in message
    assert SECRET not in message


# ---------------------------------------------------------------------------------------------
# secrets never shown: streams config, logs, broker errors
# ---------------------------------------------------------------------------------------------
def test_streams_config_masks_secrets_and_shows_the_file_path_only(password_file: Path) -> None:
    env = clean_env(STREAMS_SASL_USERNAME="svc", STREAMS_SASL_PASSWORD_FILE=str(password_file),
                    STREAMS_SSL_CERTFILE=CERT, STREAMS_SSL_KEYFILE=ENCRYPTED_KEY, STREAMS_SSL_CAFILE=CA,
                    STREAMS_SSL_KEYFILE_PASSWORD=KEY_PASSWORD, STREAMS_SASL_MECHANISM="SCRAM-SHA-512")
    result = run_cli("config", env=env, timeout=60)
    assert result.returncode == 0, explain(result)
    lines = {line.split("=", 1)[0]: line for line in result.stdout.splitlines()}
    assert SECRET not in result.stdout + result.stderr and KEY_PASSWORD not in result.stdout + result.stderr
    assert lines["STREAMS_SSL_KEYFILE_PASSWORD"].startswith("STREAMS_SSL_KEYFILE_PASSWORD='********'")
    assert lines["STREAMS_SASL_PASSWORD_FILE"].startswith(f"STREAMS_SASL_PASSWORD_FILE={password_file}")
    for name in ("STREAMS_SECURITY_PROTOCOL", "STREAMS_SASL_MECHANISM", "STREAMS_SSL_CAFILE", "STREAMS_SSL_CERTFILE",
                 "STREAMS_SSL_KEYFILE", "STREAMS_SSL_KEYFILE_PASSWORD_FILE", "STREAMS_SSL_CHECK_HOSTNAME", "STREAMS_SASL_PASSWORD"):
        assert name in lines, f"{name} is not documented by `streams config`"
    env["STREAMS_SASL_PASSWORD"] = SECRET
    del env["STREAMS_SASL_PASSWORD_FILE"]
    result = run_cli("config", env=env, timeout=60)
    assert result.returncode == 0 and SECRET not in result.stdout, explain(result)
    assert "STREAMS_SASL_PASSWORD='********'" in result.stdout


def json_log_of(level: int, emit: Any) -> str:
    """What the service's JSON log handler writes while ``emit()`` runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(jsonlog.JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        emit()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    return stream.getvalue()


def test_secrets_are_masked_in_every_log_line_even_a_librarys(password_file: Path) -> None:
    jsonlog.forget_secrets()  # only this test's (other tests registered short ones such as "p")
    s = load_settings({"STREAMS_BROKER_URL": "127.0.0.1:1", "STREAMS_SASL_USERNAME": "svc",
                       "STREAMS_SASL_PASSWORD_FILE": str(password_file)})

    def emit() -> None:
        from kafka.admin import KafkaAdminClient

        # kafka-python's admin client logs its whole configuration, password included, at DEBUG
        try:
            KafkaAdminClient(**common_config(s), api_version_auto_timeout_ms=200, request_timeout_ms=500)
        except Exception:
            pass
        logging.getLogger("streams.test").error("oops with %r and %s", {"pw": SECRET}, SECRET,
                                                exc_info=RuntimeError(f"password={SECRET}"))

    text = json_log_of(logging.DEBUG, emit)
    assert "Starting KafkaAdminClient with configuration" in text, "the leak this guards against is exercised"
    assert "sasl_plain_password" in text and "********" in text
    assert SECRET not in text
    for escaped in (repr(SECRET)[1:-1], SECRET.replace('"', '\\"')):
        assert escaped not in text


def test_broker_errors_name_the_setting_to_check() -> None:
    from kafka import errors

    s = load_settings({"STREAMS_BROKER_URL": "b1:9093,b2:9093", "STREAMS_SASL_USERNAME": "svc", "STREAMS_SASL_PASSWORD": SECRET,
                       "STREAMS_SASL_MECHANISM": "SCRAM-SHA-256", "STREAMS_SSL_CAFILE": CA})
    unreachable = broker_problem(errors.NoBrokersAvailable(), s)
    assert unreachable == ("cannot reach the broker at b1:9093, b2:9093 (STREAMS_BROKER_URL): is it running, "
                           "and does it speak SASL_SSL on that port (STREAMS_SECURITY_PROTOCOL)?")
    login = broker_problem(errors.SaslAuthenticationFailedError("bad"), s)
    assert login is not None and "SASL/SCRAM-SHA-256" in login and "STREAMS_SASL_PASSWORD_FILE" in login and SECRET not in login
    assert "STREAMS_SSL_CAFILE" in (broker_problem(ssl.SSLCertVerificationError("certificate verify failed"), s) or "")
    assert broker_problem(ValueError("x"), s) is None
