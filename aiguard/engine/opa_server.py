"""The `opa` engine: a real OPA server, reached through opa-python-client.

OPA is the reference for correctness, and large organisations run it centrally, fed
by bundles. This backend either uses a server at a URL or starts `opa run --server`
on a free loopback port for the length of one scan. Per scan it:

1. puts the policies and data into OPA under aiguard's own namespace (policy ids
   and data under `aiguard/`, the same paths a bundle uses, see aiguard/bundle.py);
   a server it starts itself gets them as a bundle on its command line; with
   `preloaded` it checks that a bundle already there holds exactly what this scan
   would upload (otherwise findings could silently differ from the embedded
   engine's);
2. evaluates the scan units in batches: OPA has no batch endpoint, so a generated
   module (`data.aiguard.batch.results`) evaluates `data.aiguard.deny` once per unit
   of `input.units` with `with input as`, and a scan of thousands of files costs a
   handful of requests.

Network trouble (refused, timed out, HTTP 5xx) is retried with exponential backoff
for a bounded time, then reported naming the URL and what failed; a policy OPA
rejects is reported with its original file and line.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any, TypeVar
from urllib.parse import urlsplit

import requests
from opa_client import OpaClient
from opa_client.errors import PolicyNotFoundError

from aiguard.bundle import BATCH_MODULE, BATCH_QUERY, ROOT, Bundle, build_bundle, module_ids
from aiguard.engine import OpaOptions
from aiguard.engine.base import Engine, Violation
from aiguard.errors import EngineError, PolicyError, UsageError
from aiguard.policies import ENTRYPOINT_PATH, PolicyModule

INSTALL_OPA = (
    "install it with `go install github.com/open-policy-agent/opa@v1.22.3` (then add "
    "$(go env GOPATH)/bin to PATH) or download it from "
    "https://www.openpolicyagent.org/docs/#running-opa"
)
_ID_PREFIX = ROOT + "/"
_RULE_PACKAGE = re.compile(r"^package\s+aiguard\.rules\.", re.MULTILINE)
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
# How `opa run` reports a bundle module it cannot compile: "<id>:<line>: <message>".
_BUNDLE_ERROR = re.compile(r"(?P<id>aiguard/[^\s:]+\.rego):(?P<line>\d+): (?P<message>[^\n]+)")
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\"()]+)")
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try a request that failed on the network or with HTTP 5xx/429."""

    attempts: int = 4
    first_delay: float = 0.5  # doubled after each failure
    budget: float = 30.0  # seconds; no retry starts once this much time has passed


@dataclass(frozen=True)
class BatchLimits:
    """How many scan units one evaluation request carries (OPA decodes the whole body)."""

    units: int = 200
    bytes: int = 4_000_000


class OpaHttpError(requests.HTTPError):
    """An error response from OPA, with its status and OPA's JSON error body."""

    def __init__(self, response: requests.Response) -> None:
        self.status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = {}
        self.body: dict[str, Any] = body if isinstance(body, dict) else {}
        self.message = str(self.body.get("message") or response.reason or "no message")
        super().__init__(f"HTTP {self.status}: {self.message}", response=response)

    @property
    def errors(self) -> list[dict[str, Any]]:
        """OPA's detailed errors (`errors[]`: code, message, location)."""
        return [e for e in self.body.get("errors") or [] if isinstance(e, dict)]

    @property
    def retryable(self) -> bool:
        """Server trouble is worth another try; an evaluation error is not."""
        evaluation = any(str(e.get("code", "")).startswith("eval_") for e in self.errors)
        return (self.status >= 500 or self.status == 429) and not evaluation


class _Session(requests.Session):
    """A session whose CA bundle, when given, wins over REQUESTS_CA_BUNDLE.

    requests lets REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE override `Session.verify`
    (psf/requests#3829), and many machines set them; `--opa-ca` must still be the CA
    the server is checked against.
    """

    def __init__(self, ca_file: Path | None) -> None:
        super().__init__()
        self._ca_file = ca_file

    def merge_environment_settings(
        self,
        url: str | bytes | None,
        proxies: Any,
        stream: bool | None,
        verify: bool | str | None,
        cert: Any,
    ) -> Any:  # requests' stubs type this with a private TypedDict
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if self._ca_file is not None:
            settings["verify"] = str(self._ca_file)
        return settings


class _Client(OpaClient):  # type: ignore[misc]  # opa-python-client ships no type hints
    """opa-python-client on our own session: a pinned CA, a request count, one error type.

    `_init_session` is the library's hook for subclasses. The library reports error
    responses differently per method (an HTTPError here, a RegoParseError or
    DeletePolicyError built from the body there) and drops the status code on the
    way; a response hook raises `OpaHttpError` for all of them so every call is
    handled alike. The library's urllib3 retries are left out: they never retry a
    POST, so the engine retries every call itself.
    """

    def __init__(self, url: str, token: str | None, ca_file: Path | None, timeout: float) -> None:
        parts = urlsplit(url)
        host = parts.hostname or ""
        self._ca_file = ca_file
        self.requests_made = 0
        super().__init__(
            host=f"[{host}]" if ":" in host else host,
            port=parts.port or (443 if parts.scheme == "https" else 80),
            ssl=parts.scheme == "https",
            token=token,
            timeout=timeout,
        )

    def _init_session(self) -> requests.Session:
        session = _Session(self._ca_file)
        session.headers.update(self.headers or {})
        session.hooks["response"].append(self._on_response)
        return session

    def _on_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self.requests_made += 1
        if response.status_code >= 400:
            raise OpaHttpError(response)


class OpaServerEngine(Engine):
    """Evaluate on a real OPA server: the one at `options.url`, or a local one."""

    def __init__(
        self,
        options: OpaOptions,
        *,
        retry: RetryPolicy = RetryPolicy(),
        timeout: float = 60.0,
        batch: BatchLimits = BatchLimits(),
        startup_timeout: float = 15.0,
    ) -> None:
        self._options = options
        self._retry = retry
        self._timeout = timeout
        self._batch = batch
        self._server: LocalOpa | None = None
        self._client: _Client | None = None
        self._ids: dict[str, str] = {}  # a module's original path -> its policy id
        self._sources: dict[str, str] = {}  # a policy id -> the module's original path
        self._url = "" if options.url is None else _checked_url(options.url)
        if options.url is None:
            if options.preloaded:
                raise UsageError(
                    "--opa-preloaded needs --opa-url: an OPA that aiguard starts itself "
                    "has no bundle loaded"
                )
            binary = shutil.which("opa")
            if binary is None:
                raise EngineError(
                    "--engine opa needs an OPA server: pass --opa-url, or put an `opa` "
                    f"binary on PATH so that aiguard can start one; {INSTALL_OPA}"
                )
            self._server = LocalOpa(binary, startup_timeout)

    @property
    def requests_made(self) -> int:
        """HTTP requests answered by OPA so far (health checks included)."""
        return 0 if self._client is None else self._client.requests_made

    def load(self, modules: Sequence[PolicyModule], data: Mapping[str, Any]) -> None:
        if self._server is not None:
            self._start_local(modules, data)
            return
        self._client = _Client(self._url, self._options.token, self._options.ca_file, self._timeout)
        if self._options.preloaded:
            self._check_preloaded(modules, data)
        else:
            self._upload(modules, data)

    def evaluate(self, inputs: Sequence[Mapping[str, Any]]) -> list[list[Violation]]:
        results: list[list[Violation]] = []
        for units in _batches(inputs, self._batch):
            results += self._evaluate_batch(units)
        return results

    def close(self) -> None:
        if self._client is not None:
            self._client.close_connection()
        if self._server is not None:
            self._server.stop()

    # Loading

    def _start_local(self, modules: Sequence[PolicyModule], data: Mapping[str, Any]) -> None:
        """Start the local OPA with the scan's bundle: OPA compiles it once at start-up,
        where uploading ~100 modules one by one recompiles them all on every upload
        (0.7 s against about 28 s for the shipped library)."""
        assert self._server is not None
        bundle = build_bundle(modules, data)
        self._sources = bundle.sources
        self._url = self._server.start(bundle)
        self._client = _Client(self._url, None, None, self._timeout)
        try:
            self._server.wait_until_healthy(self._client)
        except EngineError as exc:
            raise self._startup_policy_error(str(exc)) or exc from None

    def _startup_policy_error(self, log: str) -> PolicyError | None:
        """OPA's start-up complaint about a bundle module, as an error at its source."""
        for match in _BUNDLE_ERROR.finditer(log):
            source = self._sources.get(match["id"])
            if source is not None:
                return PolicyError(
                    f"OPA rejected this policy: {match['message'].strip()}",
                    file=source,
                    line=int(match["line"]),
                )
        return None

    def _upload(self, modules: Sequence[PolicyModule], data: Mapping[str, Any]) -> None:
        """Replace whatever aiguard put into OPA before with these policies and data."""
        client = self._connected()
        everything = [*modules, BATCH_MODULE]
        self._ids = module_ids(everything)
        self._sources = {policy_id: path for path, policy_id in self._ids.items()}
        listed: list[str] = self._call("listing policies", client.get_policies_list)
        stale = sorted(i for i in listed if i.startswith(_ID_PREFIX) and i not in self._sources)
        _settle(stale, self._delete_policy, self._rejected_delete)
        _settle(_upload_order(everything), self._put_policy, self._policy_error)
        config = dict(data[ROOT]["config"])
        try:
            self._call(
                "uploading the rule data",
                lambda: client.update_or_create_data(config, f"{ROOT}/config"),
            )
        except OpaHttpError as exc:
            raise EngineError(
                f"OPA at {self._url} rejected the rule data (HTTP {exc.status}: "
                f"{exc.message}){_owned_hint(exc)}"
            ) from exc

    def _put_policy(self, module: PolicyModule) -> None:
        client = self._connected()
        policy_id = self._ids[module.path]
        self._call(
            f"uploading policy {policy_id}",
            lambda: client.update_policy_from_string(module.source, policy_id, rego_compat=False),
        )

    def _delete_policy(self, policy_id: str) -> None:
        client = self._connected()
        self._call(f"deleting stale policy {policy_id}", lambda: client.delete_policy(policy_id))

    def _rejected_delete(self, policy_id: str, exc: OpaHttpError) -> UsageError:
        return EngineError(
            f"OPA at {self._url} refused to delete the stale policy {policy_id} "
            f"(HTTP {exc.status}: {exc.message})"
        )

    def _policy_error(self, module: PolicyModule, exc: OpaHttpError) -> UsageError:
        """OPA's first compile error, at the original file and line."""
        if not exc.errors:
            return EngineError(
                f"OPA at {self._url} rejected policy {module.path} (HTTP {exc.status}: "
                f"{exc.message}){_owned_hint(exc)}"
            )
        first = exc.errors[0]
        location = first.get("location") or {}
        more = len(exc.errors) - 1
        return PolicyError(
            f"OPA rejected the policy: {first.get('message')} ({first.get('code')})"
            + (f"; {more} more errors (`opa check --strict` shows them all)" if more else ""),
            file=self._source_of(location.get("file")) or module.path,
            line=location.get("row"),
        )

    def _check_preloaded(self, modules: Sequence[PolicyModule], data: Mapping[str, Any]) -> None:
        """A preloaded bundle must hold what this scan would load, or findings differ."""
        expected = build_bundle(modules, data)
        self._sources = expected.sources
        client = self._connected()
        try:
            loaded = self._call(
                "reading the loaded bundles", lambda: client.get_data("system/bundles")
            )["result"]
        except PolicyNotFoundError:
            loaded = {}
        revisions = {
            name: manifest.get("revision")
            for name, bundle in loaded.items()
            if ROOT in (manifest := bundle.get("manifest") or {}).get("roots", [])
        }
        if not revisions:
            raise EngineError(
                f"--opa-preloaded: OPA at {self._url} has no bundle with root `{ROOT}`; "
                "build one with `aiguard bundle` and start OPA with `opa run --server "
                "--bundle aiguard-bundle.tar.gz`, or drop --opa-preloaded to upload the policies"
            )
        if expected.revision not in revisions.values():
            found = ", ".join(f"{name} (revision {rev})" for name, rev in sorted(revisions.items()))
            raise EngineError(
                f"--opa-preloaded: OPA at {self._url} serves {found}, but these policies, data "
                f"and settings give revision {expected.revision}; rebuild the bundle with "
                "`aiguard bundle` and the same --policies/--data/--config, or drop --opa-preloaded"
            )

    # Evaluation

    def _evaluate_batch(self, units: list[Mapping[str, Any]]) -> list[list[Violation]]:
        client = self._connected()
        span = _span(units)
        try:
            body = self._call(
                f"evaluating {span}",
                lambda: client.query_rule({"units": units}, BATCH_QUERY.replace("/", ".")),
            )
        except OpaHttpError as exc:
            raise self._evaluation_error(exc, span) from exc
        results = body.get("result")
        if not isinstance(results, list) or len(results) != len(units):
            raise EngineError(
                f"OPA at {self._url} gave no result for data.{BATCH_QUERY.replace('/', '.')}: "
                "are aiguard's policies loaded there?"
            )
        return [[Violation.from_rego(value) for value in violations] for violations in results]

    def _evaluation_error(self, exc: OpaHttpError, span: str) -> UsageError:
        first = exc.errors[0] if exc.errors else {}
        location = first.get("location") or {}
        return EngineError(
            f"policy evaluation failed on {span}: {first.get('message') or exc.message}",
            file=self._source_of(location.get("file")),
            line=location.get("row"),
        )

    # Plumbing

    def _connected(self) -> _Client:
        if self._client is None:
            raise EngineError("the engine has no policies loaded")
        return self._client

    def _source_of(self, location: object) -> str | None:
        """The original path of a policy OPA names by id (bundles prefix their name)."""
        if not isinstance(location, str) or not location:
            return None
        for policy_id, path in self._sources.items():
            if location == policy_id or location.endswith("/" + policy_id):
                return path
        return location

    def _call(self, what: str, action: Callable[[], T]) -> T:
        """`action` with retries on network trouble and server errors, within the budget."""
        started = time.monotonic()
        delay = self._retry.first_delay
        attempt = 0
        while True:
            attempt += 1
            try:
                return action()
            except requests.exceptions.SSLError as exc:
                raise EngineError(
                    f"TLS with OPA at {self._url} failed while {what}: {_reason(exc)}; "
                    "pass --opa-ca with the CA certificate that signed the server's"
                ) from exc
            except OpaHttpError as exc:
                if exc.status in (401, 403):
                    raise self._refused(exc, what) from exc
                if not exc.retryable:
                    raise
                failure = f"HTTP {exc.status}: {exc.message}"
            except (requests.ConnectionError, requests.Timeout) as exc:
                failure = _reason(exc)
            except requests.RequestException as exc:  # e.g. an answer that is not JSON
                raise EngineError(f"OPA at {self._url}: {what} failed: {exc}") from exc
            elapsed = time.monotonic() - started
            if attempt >= self._retry.attempts or elapsed + delay > self._retry.budget:
                raise EngineError(
                    f"OPA at {self._url}: {what} failed after {attempt} attempts in "
                    f"{elapsed:.1f}s: {failure}"
                )
            time.sleep(delay)
            delay *= 2

    def _refused(self, exc: OpaHttpError, what: str) -> EngineError:
        if self._options.token is None:
            return EngineError(
                f"OPA at {self._url} requires a token (HTTP {exc.status} while {what}: "
                f"{exc.message}); pass --opa-token or set AIGUARD_OPA_TOKEN"
            )
        return EngineError(
            f"OPA at {self._url} refused the token (HTTP {exc.status} while {what}: "
            f"{exc.message}); check --opa-token / AIGUARD_OPA_TOKEN"
        )


class LocalOpa:
    """`opa run --server` on a free loopback port, owned by this process.

    It runs in its own process group, so a Ctrl-C in the terminal reaches aiguard
    only and aiguard stops OPA itself, in order. SIGTERM would end Python without
    running `finally` blocks; while OPA runs it raises SystemExit instead, so the
    caller's cleanup (`Engine.close`) stops OPA then too. On Linux the kernel also
    stops OPA if aiguard is killed outright.
    """

    def __init__(self, binary: str, startup_timeout: float) -> None:
        self._binary = binary
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._bundle_dir: tempfile.TemporaryDirectory[str] | None = None
        self._previous_sigterm: Any = None

    def start(self, bundle: Bundle) -> str:
        """Start OPA serving `bundle` and return its URL (not yet healthy: see
        `wait_until_healthy`)."""
        port = _free_port()
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        self._bundle_dir = tempfile.TemporaryDirectory(prefix="aiguard-opa-")
        bundle_path = Path(self._bundle_dir.name) / "bundle.tar.gz"
        bundle.write(bundle_path)
        self._trap_sigterm()
        command = [self._binary, "run", "--server", "--addr", f"127.0.0.1:{port}"]
        command += ["--bundle", str(bundle_path)]
        try:
            self._process = subprocess.Popen(
                [*command, "--log-level", "error", "--skip-version-check"],
                stdin=subprocess.DEVNULL,
                stdout=self._log,  # start-up errors, such as a policy it rejects
                stderr=self._log,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        except OSError as exc:
            raise EngineError(f"cannot run {self._binary}: {exc.strerror}") from exc
        return f"http://127.0.0.1:{port}"

    def wait_until_healthy(self, client: OpaClient) -> None:
        """Poll `GET /health` until OPA answers, it exits, or the deadline passes."""
        assert self._process is not None, "start() first"
        deadline = time.monotonic() + self._startup_timeout
        while not client.check_health():
            if self._process.poll() is not None:
                raise EngineError(
                    f"`opa run --server` exited with code {self._process.returncode}: "
                    f"{self._log_tail()}"
                )
            if time.monotonic() > deadline:
                raise EngineError(
                    f"`opa run --server` did not become healthy within "
                    f"{self._startup_timeout:.0f}s: {self._log_tail()}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """Terminate OPA's process group and wait for it; safe to call twice."""
        process, self._process = self._process, None
        if process is not None:
            _signal_group(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _signal_group(process.pid, signal.SIGKILL)
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._bundle_dir is not None:
            self._bundle_dir.cleanup()
            self._bundle_dir = None
        self._restore_sigterm()

    def _trap_sigterm(self) -> None:
        if threading.current_thread() is threading.main_thread():
            self._previous_sigterm = signal.signal(signal.SIGTERM, _exit_on_sigterm)

    def _restore_sigterm(self) -> None:
        if self._previous_sigterm is not None:
            signal.signal(signal.SIGTERM, self._previous_sigterm)
            self._previous_sigterm = None

    def _log_tail(self) -> str:
        if self._log is None:
            return "no output"
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace").strip()
        return text[-2000:] or "no output"


def _die_with_parent() -> None:
    """In the child, before exec: the kernel sends OPA SIGTERM if aiguard dies without
    cleaning up (SIGKILL, a crash), the one case `stop()` cannot cover."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it may have exited already
        os.killpg(pid, signum)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _checked_url(url: str) -> str:
    """`scheme://host[:port]`; opa-python-client cannot reach OPA under a path prefix."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--opa-url {url!r} is not an http:// or https:// URL")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise UsageError(
            f"--opa-url {url!r} has a path; give the server root, e.g. http://opa:8181"
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise UsageError(f"--opa-url {url!r}: {exc}") from exc
    return f"{parts.scheme}://{parts.netloc}"


def _upload_order(modules: Sequence[PolicyModule]) -> list[PolicyModule]:
    """Libraries first, then rules, then the generated modules that name the rules.

    OPA compiles everything on each upload, so a rule calling a library function
    not yet uploaded is rejected; `_settle` retries what is left in any order.
    """

    def rank(module: PolicyModule) -> int:
        if module.path in (ENTRYPOINT_PATH, BATCH_MODULE.path):
            return 2
        return 1 if _RULE_PACKAGE.search(module.source) else 0

    return sorted(modules, key=rank)


def _settle(
    items: Sequence[T],
    action: Callable[[T], None],
    rejected: Callable[[T, OpaHttpError], UsageError],
) -> None:
    """Apply `action` to every item; what OPA rejects is retried while others succeed.

    Uploading or deleting one module can fail only because another is not there (or
    still there) yet; once a round makes no progress the first rejection is real.
    """
    pending = list(items)
    while pending:
        failures: list[tuple[T, OpaHttpError]] = []
        for item in pending:
            try:
                action(item)
            except OpaHttpError as exc:
                if exc.status != 400:
                    raise
                failures.append((item, exc))
        if len(failures) == len(pending):
            first, error = failures[0]
            raise rejected(first, error) from error
        pending = [item for item, _ in failures]


def _batches(
    inputs: Sequence[Mapping[str, Any]], limits: BatchLimits
) -> Iterator[list[Mapping[str, Any]]]:
    batch: list[Mapping[str, Any]] = []
    size = 0
    for document in inputs:
        length = len(json.dumps(document, ensure_ascii=False).encode())
        if batch and (len(batch) >= limits.units or size + length > limits.bytes):
            yield batch
            batch, size = [], 0
        batch.append(document)
        size += length
    if batch:
        yield batch


def _span(units: Sequence[Mapping[str, Any]]) -> str:
    names = [str(u.get("context", {}).get("unit", "?")) for u in units]
    return names[0] if len(names) == 1 else f"{len(names)} units ({names[0]} ... {names[-1]})"


def _reason(exc: requests.RequestException) -> str:
    """The short cause of a network error (`Connection refused`, a TLS complaint).

    With urllib3's retries off, timeouts arrive wrapped in a ConnectionError, so the
    cause is read from the text rather than from the exception type.
    """
    text = str(exc)
    if isinstance(exc, requests.exceptions.ReadTimeout) or "Read timed out" in text:
        return "no answer before the timeout"
    if isinstance(exc, requests.exceptions.ConnectTimeout) or "ConnectTimeoutError" in text:
        return "connecting timed out"
    if isinstance(exc, requests.exceptions.SSLError):
        match = re.search(r"\[SSL[^\]]*\] ([^(')\"]+)", text)
        return match.group(1).strip() if match else text
    match = _ERRNO.search(text)
    return match.group(1).strip() if match else text


def _owned_hint(exc: OpaHttpError) -> str:
    if "owned by bundle" in exc.message:
        return f"; a bundle owns `{ROOT}` there, so use --opa-preloaded"
    return ""
