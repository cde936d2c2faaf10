"""What a billing scan reads: the export files its arguments name."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiguard.billing.files import local_files
from aiguard.billing.reader_process import BillingOptions, ReaderProcess
from aiguard.billing.s3 import fetch
from aiguard.errors import UsageError


@contextmanager
def exports_being_read(
    arguments: list[str], options: BillingOptions
) -> Iterator[tuple[ReaderProcess, list[tuple[Path, str]]]]:
    """The reader, already reading the export files `arguments` name, and those files.

    The reader starts first, before the files are resolved (s3:// downloads start
    boto3's threads, after which it could not be forked); its work directory (the
    downloads, DuckDB's spill files) lasts until the reader is stopped."""
    with tempfile.TemporaryDirectory(prefix="aiguard-") as work, ReaderProcess() as reader:
        files = resolve_exports(arguments, Path(work))
        reader.read(files, options, Path(work) / "spill")
        yield reader, files


def resolve_exports(arguments: list[str], work: Path) -> list[tuple[Path, str]]:
    """(local path, name in findings) of every export file: files, directories and
    globs as they are, s3:// URIs downloaded under `work`."""
    files: list[tuple[Path, str]] = []
    for argument in arguments:
        if argument.startswith("s3://"):
            found = fetch(argument, work / "s3")
        else:
            found = [(p, p.as_posix()) for p in local_files(argument)]
        if not found:
            raise UsageError(
                f"no billing export files (.csv, .csv.gz, .parquet, .jsonl) at {argument}"
            )
        files += found
    return files
