"""Which local files a billing source argument names (a file, a directory or a glob)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def local_files(argument: str) -> list[Path]:
    """A file, a directory (every export file below it) or a glob, sorted."""
    path = Path(argument)
    if path.is_file():
        return [path]
    candidates: Iterable[Path]
    if path.is_dir():
        candidates = path.rglob("*")
    else:
        anchor = Path(argument.split("*", 1)[0].rsplit("/", 1)[0] or ".")
        pattern = argument[len(str(anchor)) + 1 :] if str(anchor) != "." else argument
        candidates = anchor.glob(pattern) if anchor.is_dir() else iter(())
    return sorted(p for p in candidates if p.is_file() and is_export_file(p.name))


def is_export_file(name: str) -> bool:
    """Files a billing export consists of; manifests and checksums are not data."""
    lowered = name.lower()
    return lowered.endswith(
        (".csv", ".csv.gz", ".parquet", ".json", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
    ) and not lowered.endswith("manifest.json")
