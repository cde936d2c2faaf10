"""Real OPA servers for the tests: `opa run --server` on a free loopback port.

Test modules that need OPA set `pytestmark = opa_required()`: without an `opa`
binary they skip with instructions, and under AIGUARD_REQUIRE_OPA=1 (CI) they fail
instead, as tests/test_opa.py does. Servers are always stopped, so a failing test
leaves no `opa` behind.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

OPA = shutil.which("opa")
HOW = (
    "no `opa` binary on PATH; install it with "
    "`go install github.com/open-policy-agent/opa@v1.22.3` and add $(go env GOPATH)/bin to PATH"
)


def opa_required() -> pytest.MarkDecorator:
    """The mark for a module of OPA tests: skip without OPA, or fail where OPA is required."""
    if OPA is None and os.environ.get("AIGUARD_REQUIRE_OPA") == "1":
        pytest.fail(HOW, pytrace=False)
    return pytest.mark.skipif(OPA is None, reason=HOW)


def opa_binary() -> str:
    """The `opa` path, for tests already guarded by `opa_required()`."""
    assert OPA is not None, HOW
    return OPA


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class OpaServer:
    """A running OPA: its URL, and its process for tests that look at it."""

    url: str
    process: subprocess.Popen[bytes]


@contextmanager
def running_opa(*args: str, scheme: str = "http", timeout: float = 15.0) -> Iterator[OpaServer]:
    """`opa run --server [args]` until the block ends; ready once it accepts connections.

    Readiness is a TCP connect rather than `GET /health`, which servers with token
    authorization or TLS would refuse or need a CA for.
    """
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [
                opa_binary(),
                "run",
                "--server",
                "--addr",
                f"127.0.0.1:{port}",
                "--log-level",
                "error",
                "--skip-version-check",
                *args,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_for_port(process, port, timeout, log)
            yield OpaServer(f"{scheme}://127.0.0.1:{port}", process)
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate OPA and reap it.

    Test servers stay in pytest's process group (unlike the server the engine starts),
    so a pytest killed by `timeout` or Ctrl-C takes them along.
    """
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def opa_command(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run an `opa` subcommand (`inspect`, `check`, `fmt`) and capture its output."""
    return subprocess.run(
        [opa_binary(), *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def _wait_for_port(
    process: subprocess.Popen[bytes], port: int, timeout: float, log: IO[bytes]
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"opa exited with {process.returncode}: {_read(log)}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    stop(process)
    raise RuntimeError(f"opa did not listen on port {port} within {timeout}s: {_read(log)}")


def _read(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-2000:]
