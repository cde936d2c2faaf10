"""What a billing scan reads: the export files its arguments name."""

from __future__ import annotations

from pathlib import Path

from aiguard.billing.files import local_files
from aiguard.billing.s3 import fetch
from aiguard.errors import UsageError


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
