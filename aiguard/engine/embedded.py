"""The default engine: regopy (rego-cpp) in-process, used the fast way.

shared/ENGINES.md has the measurements behind each choice here: policies are
compiled once into a bundle, each scan unit is evaluated with
`query_bundle_entrypoint` (never `query`, which recompiles every call), and every
worker thread has its own Interpreter; the ctypes calls release the GIL, so
threads evaluate in parallel.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from regopy import Interpreter, LogLevel, RegoError

from aiguard.engine.base import ENTRYPOINT, Engine, Violation
from aiguard.errors import EngineError, PolicyError
from aiguard.policies import PolicyModule

# regopy reports errors as an AST dump: (error 8:file.rego|OFFSET|LEN (errormsg N:TEXT) ...)
_REGO_ERROR = re.compile(r"\(error \d+:(.*?)\|(\d+)\|\d+\s*\(errormsg \d+:([^)]*)\)", re.DOTALL)


def _interpreter() -> Interpreter:
    interpreter = Interpreter()
    interpreter.log_level = LogLevel.NONE
    interpreter.strict_built_in_errors = True
    return interpreter


class EmbeddedEngine(Engine):
    """Evaluate with regopy on `workers` threads."""

    def __init__(self, workers: int = 2) -> None:
        self._workers = max(1, workers)
        self._bundle: Any = None
        self._local = threading.local()

    def load(self, modules: Sequence[PolicyModule], data: Mapping[str, Any]) -> None:
        builder = _interpreter()
        sources = {module.path: module.source for module in modules}
        try:
            for module in modules:
                builder.add_module(module.path, module.source)
            builder.add_data_json(json.dumps(data, ensure_ascii=False))
            self._bundle = builder.build(None, [ENTRYPOINT])
        except RegoError as exc:
            raise _policy_error(str(exc), sources) from exc

    def evaluate(self, inputs: Sequence[Mapping[str, Any]]) -> list[list[Violation]]:
        if self._bundle is None:
            raise EngineError("the engine has no policies loaded")
        if self._workers == 1 or len(inputs) < 2:
            return [self._evaluate_one(document) for document in inputs]
        with ThreadPoolExecutor(max_workers=self._workers) as pool:
            return list(pool.map(self._evaluate_one, inputs, chunksize=16))

    def _evaluate_one(self, document: Mapping[str, Any]) -> list[Violation]:
        interpreter = getattr(self._local, "interpreter", None)
        if interpreter is None:
            interpreter = self._local.interpreter = _interpreter()
        interpreter.set_input_term(json.dumps(document, ensure_ascii=False))
        unit = document.get("context", {}).get("unit", "?")
        try:
            output = interpreter.query_bundle_entrypoint(self._bundle, ENTRYPOINT)
        except ValueError as exc:  # regopy could not decode its own result
            raise EngineError(f"policy evaluation failed on {unit}: {exc}") from exc
        text = str(output)
        if not output.ok():
            raise EngineError(f"policy evaluation failed on {unit}: {_error_text(text)}")
        if text == "undefined":
            return []
        expressions = json.loads(text)["expressions"]
        return [Violation.from_rego(value) for value in expressions[0]]


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
