"""The opa engine against real OPA servers: batching, namespace upkeep, errors, auth,
TLS, and the server aiguard starts itself (which must never outlive the scan)."""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from opa_client import OpaClient

from aiguard.engine import OpaOptions, Violation
from aiguard.engine.embedded import EmbeddedEngine
from aiguard.engine.opa_server import BatchLimits, OpaServerEngine, RetryPolicy
from aiguard.errors import EngineError, PolicyError
from aiguard.policies import PolicyModule, entrypoint_module
from tests.conftest import EXAMPLES, REPO
from tests.opa_server import free_port, opa_required, running_opa
from tests.test_cli import aiguard

pytestmark = opa_required()

FAST_RETRY = RetryPolicy(attempts=3, first_delay=0.01, budget=5.0)
RULE = """package aiguard.rules.test.replicas

deny contains {"resource": r.id, "msg": msg, "attribute": "n"} if {
	some r in input.resources
	r.n > data.aiguard.config.limits.max
	msg := sprintf("%s has %d replicas", [r.id, r.n])
}
"""
OTHER_RULE = """package aiguard.rules.test.named

deny contains {"resource": r.id, "msg": "named"} if {
	some r in input.resources
	r.id == "r1"
}
"""
DATA = {"aiguard": {"config": {"limits": {"max": 2}}}}
TOKEN = "s3cret-token"
AUTHZ = f"""package system.authz

default allow := false

allow if input.identity == "{TOKEN}"
"""


def modules(*sources: str) -> list[PolicyModule]:
    """Rule modules as a loader would name them, plus their entrypoint."""
    rules = [PolicyModule(f"/org/policies/{i}/policy.rego", s) for i, s in enumerate(sources)]
    packages = [s.split()[1].removeprefix("aiguard.rules.") for s in sources]
    return [*rules, entrypoint_module(packages)]


def units(count: int) -> list[dict[str, object]]:
    return [
        {
            "resources": [{"id": f"r{i}", "n": i}],
            "context": {"unit": f"u{i}", "rules": ["test.replicas", "test.named"]},
        }
        for i in range(count)
    ]


def engine(url: str, **kwargs: object) -> OpaServerEngine:
    return OpaServerEngine(OpaOptions(url=url), retry=FAST_RETRY, **kwargs)  # type: ignore[arg-type]


def policy_ids(url: str) -> list[str]:
    client = OpaClient(host="127.0.0.1", port=int(url.rsplit(":", 1)[1]))
    try:
        ids: list[str] = client.get_policies_list()
        return ids
    finally:
        client.close_connection()


@pytest.fixture(scope="module")
def opa_url() -> Iterator[str]:
    with running_opa() as server:
        yield server.url


class TestBatching:
    def test_results_per_unit_in_order_match_the_embedded_engine(self, opa_url: str) -> None:
        opa = engine(opa_url, batch=BatchLimits(units=40))
        embedded = EmbeddedEngine(workers=1)
        try:
            opa.load(modules(RULE, OTHER_RULE), DATA)
            embedded.load(modules(RULE, OTHER_RULE), DATA)
            before = opa.requests_made
            results = opa.evaluate(units(100))
            assert opa.requests_made - before == 3  # 100 units in batches of 40
        finally:
            opa.close()
        assert results == embedded.evaluate(units(100))
        assert results[3] == [Violation("test.replicas", "r3 has 3 replicas", "r3", "n")]

    def test_a_byte_limit_splits_batches_too(self, opa_url: str) -> None:
        opa = engine(opa_url, batch=BatchLimits(units=1000, bytes=2000))
        try:
            opa.load(modules(RULE), DATA)
            before = opa.requests_made
            results = opa.evaluate(units(100))
            assert opa.requests_made - before > 3
            assert [len(r) for r in results] == [0, 0, 0] + [1] * 97
        finally:
            opa.close()

    def test_non_ascii_passes_through(self, opa_url: str) -> None:
        opa = engine(opa_url)
        try:
            opa.load(modules(RULE), DATA)
            unit = {
                "resources": [{"id": "münchen-ü", "n": 9}],
                "context": {"rules": ["test.replicas"]},
            }
            assert opa.evaluate([unit])[0][0].msg == "münchen-ü has 9 replicas"
        finally:
            opa.close()


class TestNamespace:
    def test_stale_aiguard_policies_go_and_foreign_ones_stay(self, opa_url: str) -> None:
        client = OpaClient(host="127.0.0.1", port=int(opa_url.rsplit(":", 1)[1]))
        client.update_policy_from_string("package other\n\nx := 1\n", "other/x", rego_compat=False)
        client.close_connection()
        both = engine(opa_url)
        both.load(modules(RULE, OTHER_RULE), DATA)
        both.close()
        named = "aiguard/user/rules/test/named/policy.rego"
        assert {named, "aiguard/batch/batch.rego", "other/x"} <= set(policy_ids(opa_url))
        one = engine(opa_url)
        one.load(modules(RULE), DATA)
        one.close()
        ids = set(policy_ids(opa_url))
        assert named not in ids, "a rule no longer loaded must not linger"
        assert {"aiguard/user/rules/test/replicas/policy.rego", "other/x"} <= ids

    def test_rejected_policy_names_the_original_file_and_line(self, opa_url: str) -> None:
        broken = RULE.replace("r.n > data", "r.n > > data")
        with pytest.raises(PolicyError, match="rego_parse_error") as error:
            engine(opa_url).load(modules(broken), DATA)
        assert error.value.file == "/org/policies/0/policy.rego"
        assert error.value.line == 5

    def test_a_type_error_is_reported_at_its_line(self, opa_url: str) -> None:
        calls_nothing = RULE.replace("r.n > data", "data.aiguard.lib.missing(r)\n\tr.n > data")
        with pytest.raises(PolicyError, match="undefined function") as error:
            engine(opa_url).load(modules(calls_nothing), DATA)
        assert (error.value.file, error.value.line) == ("/org/policies/0/policy.rego", 5)

    def test_an_evaluation_error_names_the_rule_file(self, opa_url: str) -> None:
        conflict = RULE + "\nlimit := 1 if input.resources\n\nlimit := 2 if input.resources\n"
        conflict = conflict.replace("r.n > data", "limit > 0\n\tr.n > data")
        opa = engine(opa_url)
        try:
            opa.load(modules(conflict), DATA)
            with pytest.raises(EngineError, match=r"policy evaluation failed on u0.*conflicting"):
                opa.evaluate(units(1))
        finally:
            opa.close()


class _FlakyOpa(BaseHTTPRequestHandler):
    """A FAKE OPA, used only to test retries on HTTP 5xx and timeouts, which a real OPA
    cannot be made to produce on demand. It fails the first `failures` requests (503,
    or no answer for `stall` seconds), then gives minimal OPA-shaped answers."""

    failures = 0
    stall = 0.0
    seen = 0

    def _answer(self) -> None:
        cls = type(self)
        cls.seen += 1
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if cls.seen <= cls.failures:
            if cls.stall:
                time.sleep(cls.stall)
            self._send(503, {"code": "internal_error", "message": "overloaded"})
        elif self.command == "GET":
            self._send(200, {"result": []})
        elif self.path.startswith("/v1/data/"):
            self._send(204, None)
        else:
            self._send(200, {})

    do_GET = do_PUT = do_POST = do_DELETE = _answer

    def _send(self, status: int, body: object) -> None:
        payload = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def flaky() -> Iterator[tuple[str, type[_FlakyOpa]]]:
    handler = type("Flaky", (_FlakyOpa,), {"failures": 0, "stall": 0.0, "seen": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


class TestUnreliableServers:
    def test_refused_connections_are_retried_then_reported(self) -> None:
        url = f"http://127.0.0.1:{free_port()}"
        started = time.monotonic()
        with pytest.raises(EngineError) as error:
            engine(url).load(modules(RULE), DATA)
        assert time.monotonic() - started < 5
        message = error.value.render()
        assert f"OPA at {url}: listing policies failed after 3 attempts" in message
        assert "Connection refused" in message

    def test_server_errors_are_retried_and_then_succeed(
        self, flaky: tuple[str, type[_FlakyOpa]]
    ) -> None:
        url, handler = flaky
        handler.failures = 2
        opa = engine(url)
        opa.load(modules(RULE), DATA)
        opa.close()
        assert handler.seen == 2 + 1 + 3 + 1  # 2 failures, list, 3 modules, data

    def test_persistent_server_errors_name_the_url_and_status(
        self, flaky: tuple[str, type[_FlakyOpa]]
    ) -> None:
        url, handler = flaky
        handler.failures = 100
        with pytest.raises(
            EngineError, match=f"OPA at {url}: .* 3 attempts .*HTTP 503: overloaded"
        ):
            engine(url).load(modules(RULE), DATA)
        assert handler.seen == 3

    def test_a_silent_server_times_out_within_the_budget(
        self, flaky: tuple[str, type[_FlakyOpa]]
    ) -> None:
        url, handler = flaky
        handler.failures, handler.stall = 100, 2.0
        opa = OpaServerEngine(
            OpaOptions(url=url), retry=RetryPolicy(attempts=2, first_delay=0.01), timeout=0.2
        )
        started = time.monotonic()
        with pytest.raises(EngineError, match=r"2 attempts .*no answer before the timeout"):
            opa.load(modules(RULE), DATA)
        assert time.monotonic() - started < 2


@pytest.fixture(scope="module")
def secured_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """OPA that accepts one bearer token (a system authz policy)."""
    authz = tmp_path_factory.mktemp("authz") / "authz.rego"
    authz.write_text(AUTHZ, encoding="utf-8")
    args = ["--authentication=token", "--authorization=basic", str(authz)]
    with running_opa(*args) as server:
        yield server.url


class TestToken:
    def test_the_right_token_scans(self, secured_url: str) -> None:
        env = {**os.environ, "AIGUARD_OPA_TOKEN": TOKEN}
        result = run_aiguard(
            "scan", str(EXAMPLES), "--engine", "opa", "--opa-url", secured_url, env=env
        )
        assert result.returncode == 1, result.stderr
        assert "findings" in result.stdout

    def test_a_wrong_token_exits_2_saying_so(self, secured_url: str) -> None:
        args = ["--engine", "opa", "--opa-url", secured_url, "--opa-token", "wrong"]
        result = aiguard("scan", str(EXAMPLES), *args)
        assert result.returncode == 2
        assert f"OPA at {secured_url} refused the token (HTTP 401" in result.stderr

    def test_no_token_exits_2_asking_for_one(self, secured_url: str) -> None:
        env = {k: v for k, v in os.environ.items() if k != "AIGUARD_OPA_TOKEN"}
        args = ["--engine", "opa", "--opa-url", secured_url]
        result = run_aiguard("scan", str(EXAMPLES), *args, env=env)
        assert result.returncode == 2
        assert "requires a token" in result.stderr and "--opa-token" in result.stderr


def write_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A self-signed CA and a server certificate for 127.0.0.1 that it signed."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "aiguard test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """OPA over HTTPS with a certificate from a CA of our own, and that CA's file."""
    ca, cert, key = write_certificates(tmp_path_factory.mktemp("tls"))
    args = ["--tls-cert-file", str(cert), "--tls-private-key-file", str(key)]
    with running_opa(*args, scheme="https") as server:
        yield server.url, ca


class TestTls:
    def test_the_server_is_verified_against_the_given_ca(self, tls: tuple[str, Path]) -> None:
        url, ca = tls
        result = aiguard(
            "scan", str(EXAMPLES), "--engine", "opa", "--opa-url", url, "--opa-ca", str(ca)
        )
        assert result.returncode == 1, result.stderr

    def test_an_unknown_ca_is_refused(self, tls: tuple[str, Path]) -> None:
        url, _ = tls
        result = aiguard("scan", str(EXAMPLES), "--engine", "opa", "--opa-url", url)
        assert result.returncode == 2
        assert f"TLS with OPA at {url} failed" in result.stderr
        assert "certificate verify failed" in result.stderr
        assert "--opa-ca" in result.stderr


def run_aiguard(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`aiguard` with its own environment (the `aiguard` helper of test_cli inherits ours)."""
    executable = shutil.which("aiguard")
    assert executable, "aiguard is not installed (pip install -e .)"
    return subprocess.run(
        [executable, *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )


# A user rule that keeps OPA busy on every Deployment, so that a scan is still
# evaluating when the test interrupts it, however fast the machine (or however slowly
# a loaded CI machine runs the test's own polling).
SLOW_RULE = """# METADATA
# title: Slow rule for the interruption tests
# description: Counts a long range on every Deployment and never reports anything.
# custom:
#   id: ORG-SLOW-001
#   severity: low
#   kinds: [Deployment]
#   basis: practice
#   remediation: None.
package aiguard.rules.org.slow

deny contains {"resource": r.id, "msg": "never"} if {
\tsome r in input.resources
\tr.kind == "Deployment"
\tcount(numbers.range(1, 400000)) < 0
}
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Documents for a local OPA to work on for a while, to interrupt it mid-scan."""
    root = tmp_path_factory.mktemp("corpus") / "k8s"
    generate = REPO / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(generate), "kubernetes", "3000", str(root)], check=True)
    return root


@pytest.fixture(scope="module")
def slow_policies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("slow-policies")
    (directory / "slow.rego").write_text(SLOW_RULE)
    return directory


class TestLocalServer:
    """`--engine opa` without a URL: aiguard starts OPA, and always stops it."""

    def test_scan_starts_and_stops_opa(self, tmp_path: Path) -> None:
        embedded = aiguard("scan", str(EXAMPLES), "--format", "json")
        scan = Watched(
            "scan", str(EXAMPLES), "--engine", "opa", "--format", "json", output=tmp_path
        )
        assert scan.finish() == 1, scan.stderr.read_text()
        findings = json.loads(scan.stdout.read_text())["findings"]
        assert findings == json.loads(embedded.stdout)["findings"]
        scan.assert_opa_reaped()

    @pytest.mark.parametrize(
        ("signum", "code"),
        [
            (signal.SIGINT, 2),  # Ctrl-C: "aborted", exit 2
            (signal.SIGTERM, 143),
            pytest.param(
                signal.SIGKILL,
                -signal.SIGKILL,
                marks=pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG"),
            ),
        ],
    )
    def test_interrupted_scan_leaves_no_opa(
        self, corpus: Path, slow_policies: Path, tmp_path: Path, signum: int, code: int
    ) -> None:
        args = ["--engine", "opa", "--policies", str(slow_policies)]
        scan = Watched("scan", str(corpus), *args, output=tmp_path)
        scan.wait_for_opa()
        time.sleep(0.3)  # into the upload or the evaluation
        assert scan.process.poll() is None, "the scan ended before it could be interrupted"
        scan.process.send_signal(signum)
        assert scan.finish() == code, scan.stderr.read_text()
        if signum == signal.SIGKILL:
            scan.assert_opa_gone_soon()  # nothing in aiguard runs: the kernel's part
        else:
            scan.assert_opa_reaped()

    def test_a_policy_the_local_opa_rejects_names_its_file_and_line(self, tmp_path: Path) -> None:
        policies = tmp_path / "policies"
        policies.mkdir()
        (policies / "broken.rego").write_text(
            "package aiguard.org.helpers\n\nbroken contains msg if {\n\tmsg := foo(1)\n}\n"
        )
        result = aiguard("scan", str(EXAMPLES), "--engine", "opa", "--policies", str(policies))
        assert result.returncode == 2, result.stderr
        assert f"{policies / 'broken.rego'}:4" in result.stderr
        assert "undefined function foo" in result.stderr

    def test_without_opa_on_path_exit_2_says_how_to_install(self, tmp_path: Path) -> None:
        env = {**os.environ, "PATH": str(tmp_path)}
        result = run_aiguard("scan", str(EXAMPLES), "--engine", "opa", env=env)
        assert result.returncode == 2
        assert "go install github.com/open-policy-agent/opa@" in result.stderr

    def test_preloaded_needs_a_url(self) -> None:
        result = aiguard("scan", str(EXAMPLES), "--engine", "opa", "--opa-preloaded")
        assert result.returncode == 2
        assert "--opa-preloaded needs --opa-url" in result.stderr

    def test_opa_options_need_the_opa_engine(self) -> None:
        result = aiguard("scan", str(EXAMPLES), "--opa-url", "http://127.0.0.1:1")
        assert result.returncode == 2
        assert "need --engine opa" in result.stderr


class Watched:
    """An `aiguard` process and every `opa` process it was seen to start."""

    def __init__(self, *args: str, output: Path) -> None:
        executable = shutil.which("aiguard")
        assert executable, "aiguard is not installed (pip install -e .)"
        self.stdout, self.stderr = output / "stdout", output / "stderr"
        with self.stdout.open("w") as stdout, self.stderr.open("w") as stderr:
            self.process = subprocess.Popen(
                [executable, *args], cwd=REPO, stdout=stdout, stderr=stderr
            )
        self._parent = psutil.Process(self.process.pid)
        self.opa: dict[int, psutil.Process] = {}

    def look(self) -> None:
        """Record the `opa` children running now."""
        with suppress(psutil.NoSuchProcess):
            for child in self._parent.children(recursive=True):
                with suppress(psutil.NoSuchProcess):
                    if child.name() == "opa":
                        self.opa.setdefault(child.pid, child)

    def wait_for_opa(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.opa and self.process.poll() is None and time.monotonic() < deadline:
            self.look()
            time.sleep(0.01)
        assert self.opa, "aiguard never started opa"

    def finish(self, timeout: float = 120) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.look()
            time.sleep(0.01)
        return self.process.wait(timeout=1)

    def assert_opa_reaped(self) -> None:
        """aiguard itself stopped and reaped every `opa` it started.

        Checked at once: on Linux the kernel would also stop an orphaned OPA shortly
        after aiguard dies (PR_SET_PDEATHSIG), which must not hide a missing cleanup.
        """
        assert self.opa, "aiguard never started opa"
        alive = [p.pid for p in self.opa.values() if p.is_running()]
        assert not alive, f"opa (pids {alive}) outlived aiguard"

    def assert_opa_gone_soon(self, grace: float = 5.0) -> None:
        """Every `opa` seen exits within `grace` seconds (a zombie has exited)."""
        assert self.opa, "aiguard never started opa"
        deadline = time.monotonic() + grace
        while (alive := [p.pid for p in self.opa.values() if _running(p)]) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.05)
        assert not alive, f"opa (pids {alive}) outlived aiguard"


def _running(process: psutil.Process) -> bool:
    """Running and not a zombie (psutil has no type hints here)."""
    try:
        return bool(process.is_running() and process.status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False
