"""The default engine: regopy (rego-cpp) in-process, used the fast way.

shared/ENGINES.md has the measurements behind each choice here: policies are
compiled once into a bundle and each scan unit is evaluated with
`query_bundle_entrypoint` (never `query`, which recompiles every call). Threads
barely help (benchmarks/README.md: evaluation holds the GIL for most of its time),
so large scans evaluate in worker processes, each loading the compiled bundle from
a file instead of compiling again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from regopy import BundleFormat, Interpreter, LogLevel, RegoError

from aiguard.engine.base import ENTRYPOINT, Engine, Violation
from aiguard.errors import EngineError, PolicyError
from aiguard.policies import PolicyModule

# regopy reports errors as an AST dump: (error 8:file.rego|OFFSET|LEN (errormsg N:TEXT) ...)
_REGO_ERROR = re.compile(r"\(error \d+:(.*?)\|(\d+)\|\d+\s*\(errormsg \d+:([^)]*)\)", re.DOTALL)
# Below this many units a process pool costs more than it saves.
_MIN_UNITS_FOR_PROCESSES = 64
_RULE_PACKAGE = re.compile(r"^package\s+(aiguard\.rules\.\w+\.\w+)\s*$", re.MULTILINE)
_CHUNK = 32


def _interpreter() -> Interpreter:
    interpreter = Interpreter()
    interpreter.log_level = LogLevel.NONE
    interpreter.strict_built_in_errors = True
    return interpreter


class _Evaluator:
    """One interpreter and the compiled bundle: evaluates serialised input documents."""

    def __init__(self, bundle: Any, rule_entrypoints: Sequence[str]) -> None:
        self._bundle = bundle
        self._rule_entrypoints = rule_entrypoints
        self._interpreter = _interpreter()

    def evaluate(self, unit: str, document: str) -> list[Violation]:
        self._interpreter.set_input_term(document)
        try:
            output = self._interpreter.query_bundle_entrypoint(self._bundle, ENTRYPOINT)
        except ValueError as exc:  # regopy could not decode its own result
            raise EngineError(f"policy evaluation failed on {unit}: {exc}") from exc
        text = str(output)
        if not output.ok():
            raise EngineError(
                f"policy evaluation failed on {unit}: {self._culprit()} raised an error "
                "(strict built-in errors: e.g. a type error); fix the rule or report it"
            )
        if text == "undefined":
            return []
        expressions = json.loads(text)["expressions"]
        return [Violation.from_rego(value) for value in expressions[0]]

    def _culprit(self) -> str:
        """The first rule package whose own `deny` fails on the current input."""
        for entrypoint in self._rule_entrypoints:
            if not self._interpreter.query_bundle_entrypoint(self._bundle, entrypoint).ok():
                package = entrypoint.removesuffix("/deny").replace("/", ".")
                return f"package {package}"
        return "a policy"


_worker: _Evaluator | None = None


def _start_worker(bundle_path: str, rule_entrypoints: list[str]) -> None:
    global _worker
    bundle = _interpreter().load_bundle(bundle_path, BundleFormat.Binary)
    _worker = _Evaluator(bundle, rule_entrypoints)


def _evaluate_in_worker(chunk: list[tuple[str, str]]) -> list[list[Violation]]:
    assert _worker is not None, "worker process was not initialised"
    return [_worker.evaluate(unit, document) for unit, document in chunk]


class EmbeddedEngine(Engine):
    """Evaluate with regopy, in this process or in `workers` processes."""

    def __init__(self, workers: int = 1, cache_dir: Path | None = None) -> None:
        self._workers = max(1, workers)
        self._cache_dir = cache_dir or _default_cache_dir()
        self._builder = _interpreter()
        self._bundle: Any = None
        self._bundle_file: Path | None = None
        self._rule_entrypoints: list[str] = []

    def load(self, modules: Sequence[PolicyModule], data: Mapping[str, Any]) -> None:
        """Compile, or load the bundle compiled by an earlier run from the same sources.

        The cache is keyed by a hash of every module, the data and the regopy version,
        so a pre-commit run on one file does not pay for compiling every policy.
        """
        data_json = json.dumps(data, ensure_ascii=False, sort_keys=True)
        # Each rule's own `deny` is an entrypoint too, to name the rule when one fails.
        self._rule_entrypoints = sorted(
            f"{match.group(1).replace('.', '/')}/deny"
            for module in modules
            if (match := _RULE_PACKAGE.search(module.source))
        )
        cached = self._cache_dir / f"{_bundle_key(modules, data_json)}.rbb"
        if _intact(cached):
            self._bundle = self._builder.load_bundle(str(cached), BundleFormat.Binary)
            self._bundle_file = cached
            return
        try:
            for module in modules:
                self._builder.add_module(module.path, module.source)
            self._builder.add_data_json(data_json)
            self._bundle = self._builder.build(None, [ENTRYPOINT, *self._rule_entrypoints])
        except RegoError as exc:
            raise _policy_error(str(exc), {m.path: m.source for m in modules}) from exc
        self._bundle_file = self._save(cached)

    def _save(self, target: Path) -> Path | None:
        """Write the bundle and its digest to the cache; a read-only cache means no cache.

        regopy crashes the process on a damaged bundle file, so a bundle is only ever
        loaded after its digest checks out (`_intact`).
        """
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            self._builder.save_bundle(str(partial), self._bundle, BundleFormat.Binary)
            digest = hashlib.sha256(partial.read_bytes()).hexdigest()
            os.replace(partial, target)
            _digest_file(target).write_text(digest, encoding="ascii")
        except (OSError, RegoError):
            return None
        return target

    def evaluate(self, inputs: Sequence[Mapping[str, Any]]) -> list[list[Violation]]:
        if self._bundle is None:
            raise EngineError("the engine has no policies loaded")
        documents = [
            (str(doc.get("context", {}).get("unit", "?")), json.dumps(doc, ensure_ascii=False))
            for doc in inputs
        ]
        if self._workers == 1 or len(documents) < _MIN_UNITS_FOR_PROCESSES:
            evaluator = _Evaluator(self._bundle, self._rule_entrypoints)
            return [evaluator.evaluate(unit, document) for unit, document in documents]
        return self._evaluate_in_processes(documents)

    def _evaluate_in_processes(self, documents: list[tuple[str, str]]) -> list[list[Violation]]:
        # Imported here: most scans evaluate in this process (a pre-commit run, a billing
        # scan), and these imports cost them 20 ms.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunks = [documents[i : i + _CHUNK] for i in range(0, len(documents), _CHUNK)]
        with tempfile.TemporaryDirectory(prefix="aiguard-") as folder:
            bundle_path = str(self._bundle_file or os.path.join(folder, "policies.rbb"))
            if self._bundle_file is None:
                self._builder.save_bundle(bundle_path, self._bundle, BundleFormat.Binary)
            with ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(bundle_path, self._rule_entrypoints),
            ) as pool:
                results = pool.map(_evaluate_in_worker, chunks)
                return [result for chunk in results for result in chunk]


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aiguard" / "bundles"


def _digest_file(bundle: Path) -> Path:
    return bundle.with_suffix(".sha256")


def _intact(bundle: Path) -> bool:
    """The cached bundle exists and matches the digest written after it."""
    try:
        expected = _digest_file(bundle).read_text(encoding="ascii").strip()
        return hashlib.sha256(bundle.read_bytes()).hexdigest() == expected
    except OSError:
        return False


def _bundle_key(modules: Sequence[PolicyModule], data_json: str) -> str:
    digest = hashlib.sha256(f"regopy {version('regopy')}\n".encode())
    for module in modules:
        digest.update(f"{module.path}\n{len(module.source)}\n{module.source}".encode())
    digest.update(data_json.encode())
    return digest.hexdigest()


def _error_text(raw: str) -> str:
    messages = [m.strip() for m in re.findall(r"\(errormsg \d+:([^)]*)\)", raw)]
    return "; ".join(messages) or raw.strip()


def _policy_error(raw: str, sources: Mapping[str, str]) -> PolicyError:
    """The first compile error with file and line, from regopy's AST-dump message."""
    match = _REGO_ERROR.search(raw)
    if not match:
        return PolicyError(f"policies failed to compile: {_error_text(raw)}")
    path, offset, message = match.group(1), int(match.group(2)), match.group(3).strip()
    source = sources.get(path, "")
    line = source.count("\n", 0, offset) + 1 if source else None
    return PolicyError(
        f"Rego error: {message}; fix the policy (`opa check --strict` shows every error)",
        file=path,
        line=line,
    )
