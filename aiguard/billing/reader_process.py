"""The billing reader's process (aiguard/billing/reader.py says why it has one).

The process starts before the command loads anything, so that DuckDB's import and the
pass over the rows overlap this process importing and loading the rest. It takes two
requests on a pipe, one JSON line each, and answers in JSON on another:

1. what to read (`read`): the files and how; everything in it comes from the command
   line, so the pass over the rows starts while this process loads the configuration;
2. the settings (`send_settings`): rule data and `.aiguard.yaml`'s `billing:`, which
   the aggregates over the grouped rows need.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

from aiguard.errors import UsageError

DEFAULT_MEMORY_LIMIT = "1GB"


@dataclass(frozen=True)
class BillingOptions:
    """How to read the exports: a forced format, and DuckDB's resources."""

    source_format: str | None = None
    memory_limit: str = DEFAULT_MEMORY_LIMIT
    threads: int | None = None


class ReaderProcess:
    """The reader, started at construction (`_start`), stopped on exit."""

    def __init__(self) -> None:
        request_read, request_write = os.pipe()
        answer_read, answer_write = os.pipe()
        self._pid = _start(request_read, answer_write, parent_ends=(request_write, answer_read))
        os.close(request_read)
        os.close(answer_write)
        self._requests: int | None = request_write
        self._answer: int | None = answer_read
        self._running = True

    def read(self, files: list[tuple[Path, str]], options: BillingOptions, spill: Path) -> None:
        """Request 1: read `files` ((local path, name in findings) each)."""
        self._send(
            {
                "files": [(str(path), display) for path, display in files],
                "source_format": options.source_format,
                "memory_limit": options.memory_limit,
                "threads": options.threads,
                "spill": str(spill),
            }
        )

    def send_settings(self, settings: dict[str, Any], provider_keys: dict[str, str]) -> None:
        """Request 2: the billing settings and how provider names map to clouds."""
        self._send({"settings": settings, "provider_keys": provider_keys})
        self._close_requests()

    def answer(self) -> dict[str, Any]:
        """The reader's answer; its failure as an error, not a silent empty scan."""
        if self._answer is None:
            raise RuntimeError("the billing reader has answered already")
        answer_end, self._answer = self._answer, None
        with open(answer_end, encoding="utf-8") as answers:
            text = answers.read()
        _, status = os.waitpid(self._pid, 0)
        self._running = False
        if os.waitstatus_to_exitcode(status) != 0 or not text:
            raise RuntimeError(
                f"the billing reader failed (exit status {os.waitstatus_to_exitcode(status)}); "
                "its error is above"
            )
        answer: dict[str, Any] = json.loads(text)
        if "error" in answer:
            raise UsageError(answer["error"])
        return answer

    def _send(self, request: dict[str, Any]) -> None:
        if self._requests is None:
            raise RuntimeError("the billing reader has had its requests")
        line = (json.dumps(request) + "\n").encode()
        try:
            while line:
                line = line[os.write(self._requests, line) :]
        except BrokenPipeError:
            pass  # the reader stopped early; `answer` reports why

    def _close_requests(self) -> None:
        if self._requests is not None:
            os.close(self._requests)
            self._requests = None

    def __enter__(self) -> ReaderProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop a reader whose requests never came (a configuration error, Ctrl-C)."""
        if self._running:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._running = False
        if self._answer is not None:
            os.close(self._answer)
            self._answer = None
        self._close_requests()


def fork_is_safe() -> bool:
    """Whether this process may fork the reader: it has loaded neither regopy (whose
    allocator DuckDB must not meet) nor DuckDB's engine `_duckdb` (whose threads a fork
    would not copy; the `duckdb` package loads it too), and runs no other thread."""
    return {"regopy", "_duckdb"}.isdisjoint(sys.modules) and threading.active_count() == 1


def _start(request: int, answer: int, parent_ends: tuple[int, ...]) -> int:
    """The reader's pid: reading requests from `request` and answering on `answer`.

    Forked from this process when that is safe (`fork_is_safe`: `aiguard billing scan`
    at its start), which spares the reader a new interpreter's start (about 0.1 s);
    anywhere else (tests, library use) a new interpreter.
    """
    if fork_is_safe():
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _serve_forked(request, answer, parent_ends)
        return pid
    command = [sys.executable, "-m", "aiguard.billing.reader"]
    redirect = [(os.POSIX_SPAWN_DUP2, request, 0), (os.POSIX_SPAWN_DUP2, answer, 1)]
    return os.posix_spawn(sys.executable, command, os.environ, file_actions=redirect)


def _serve_forked(request: int, answer: int, parent_ends: tuple[int, ...]) -> NoReturn:
    """The forked reader: serve, then leave without running the parent's clean-ups."""
    code = 1
    try:
        for end in parent_ends:
            os.close(end)
        from aiguard.billing.reader import serve

        with (
            open(request, encoding="utf-8") as requests,
            open(answer, "w", encoding="utf-8") as answers,
        ):
            serve(requests, answers)
        code = 0
    except KeyboardInterrupt:
        pass  # Ctrl-C reached the whole process group; the command reports it
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)
