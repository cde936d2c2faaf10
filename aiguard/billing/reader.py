"""The DuckDB half of a billing scan, run in its own process.

Why a process of its own: regopy's shared library (the embedded Rego engine) exports
its own allocator and RE2 symbols. In a process that loaded regopy first, DuckDB
measured 2.8 GB peak RSS instead of 0.12 GB on a 1M-row export, and
`regexp_replace` aborted the process (free(): invalid pointer). Importing DuckDB
first avoids both, and a process of its own that has not loaded regopy is the one
place where that order is guaranteed: forked from a command that has loaded neither
regopy nor DuckDB yet, or a new interpreter (`python -m aiguard.billing.reader`).
The requests and the answer are JSON lines (aiguard/billing/reader_process.py).

The reader imports DuckDB's engine, the extension module `_duckdb`, and not the
`duckdb` package: the package re-exports the same connect, connection and errors and
adds a Python API (relations, expressions, a version lookup through importlib.metadata)
that the reader does not use and that took 60-70 of the import's 80 ms, time the pass
over the rows waits for in every scan (benchmarks/README.md).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TextIO

import _duckdb as duckdb  # the engine alone (see the module docstring)

from aiguard.billing.aggregate import (
    aggregates,
    build_cube,
    cube_tag_keys,
    quality_masks,
    top_resources,
)
from aiguard.billing.normalise import (
    SourceError,
    SourceFile,
    connect,
    first_line,
    grouped_table,
    open_source,
    rows_tables,
)
from aiguard.billing.quality import problems_from_masks


def read_exports(
    request: dict[str, Any], settings_request: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """Read, check, normalise and aggregate the files of `request` in this process.

    The pass over the rows needs no settings; `settings_request` is called for them
    after it, so that the scanning process can load them meanwhile."""
    connection = connect(request["memory_limit"], request["threads"], request["spill"])
    sources: list[SourceFile] = []
    unreadable: list[dict[str, str]] = []
    problems: list[dict[str, Any]] = []
    try:
        for path, display in request["files"]:
            try:
                source = open_source(connection, path, display, request["source_format"])
            except SourceError as exc:
                unreadable.append({"file": display, "message": str(exc)})
                continue
            sources.append(source)
        aggregate = None
        if sources:
            sources = rows_tables(connection, sources)
            later = settings_request()
            settings, provider_keys = later["settings"], later["provider_keys"]
            grouped_table(connection, sources, cube_tag_keys(settings))
            tag_keys = build_cube(connection, settings)
            masks = quality_masks(connection)
            for source in sources:
                found = problems_from_masks(connection, source, masks.get(source.display, {}))
                problems += [asdict(p) for p in found]
            aggregate = aggregates(connection, settings, tag_keys, provider_keys)
            aggregate["top_resources"] = top_resources(connection)
            aggregate["formats"] = sorted({s.format.name for s in sources})
    except duckdb.Error as exc:
        return {"error": f"DuckDB could not read the exports: {first_line(exc)}"}
    finally:
        connection.close()
    return {"unreadable": unreadable, "problems": problems, "aggregate": aggregate}


def serve(requests: TextIO, answers: TextIO) -> None:
    """Answer the two requests of aiguard/billing/reader_process.py, one JSON line each."""
    read_request = json.loads(requests.readline())
    answer = read_exports(read_request, lambda: json.loads(requests.readline()))
    json.dump(answer, answers, default=str)


if __name__ == "__main__":
    try:
        serve(sys.stdin, sys.stdout)
    except KeyboardInterrupt:  # Ctrl-C reached the whole process group; the command reports it
        sys.exit(130)
