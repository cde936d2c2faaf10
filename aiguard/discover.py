"""Which files to scan, and which parser reads each.

Directories are walked honouring `.gitignore` and `.aiguardignore` files (git
semantics: each file's patterns apply below its own directory) and the config's
`exclude` patterns. Files named explicitly, as pre-commit passes them, are always
scanned unless `.aiguardignore` or `exclude` leaves them out: an explicit name
overrides `.gitignore`, not aiguard's own ignore rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pathspec import GitIgnoreSpec

FileKind = Literal["kubernetes", "terraform", "terraform-plan"]
IGNORE_FILES = (".gitignore", ".aiguardignore")
_ALWAYS_SKIPPED_DIRS = frozenset({".git", ".terraform", ".hg", ".svn"})
_PLAN_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class SourceFile:
    """A file to parse: its display path (posix, relative when possible) and format."""

    path: str
    kind: FileKind


def classify(path: Path) -> FileKind | None:
    """The format of a file by name, and for JSON by a look at its start."""
    name = path.name
    if name.endswith((".yaml", ".yml")):
        return "kubernetes"
    if name.endswith(".tf"):
        return "terraform"
    if name.endswith(".json"):
        try:
            with open(path, "rb") as handle:
                head = handle.read(_PLAN_SNIFF_BYTES)
        except OSError:
            return None
        return "terraform-plan" if b'"format_version"' in head else None
    return None


@lru_cache(maxsize=4096)
def _spec_for(directory: Path, names: tuple[str, ...]) -> GitIgnoreSpec | None:
    lines: list[str] = []
    for name in names:
        candidate = directory / name
        if candidate.is_file():
            lines += candidate.read_text(encoding="utf-8", errors="replace").splitlines()
    return GitIgnoreSpec.from_lines(lines) if lines else None


class IgnoreRules:
    """Answers "is this path ignored?" from ignore files and exclude patterns."""

    def __init__(self, root: Path, excludes: Iterable[str]) -> None:
        self._root = root.resolve()
        patterns = list(excludes)
        self._excludes = GitIgnoreSpec.from_lines(patterns) if patterns else None

    def ignored(self, path: Path, is_dir: bool, names: tuple[str, ...] = IGNORE_FILES) -> bool:
        """True if any ignore file between the root and `path`, or `exclude`, matches."""
        absolute = path.resolve()
        suffix = "/" if is_dir else ""
        if self._excludes is not None and self._match(self._excludes, self._root, absolute, suffix):
            return True
        for directory in self._ancestors(absolute):
            spec = _spec_for(directory, names)
            if spec is not None and self._match(spec, directory, absolute, suffix):
                return True
        return False

    def _ancestors(self, absolute: Path) -> list[Path]:
        parents = [p for p in absolute.parents if p == self._root or self._root in p.parents]
        return parents[::-1]

    @staticmethod
    def _match(spec: GitIgnoreSpec, base: Path, absolute: Path, suffix: str) -> bool:
        try:
            relative = absolute.relative_to(base).as_posix()
        except ValueError:
            return False
        return bool(relative) and spec.match_file(relative + suffix)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: Iterable[str], excludes: Iterable[str] = ()) -> list[SourceFile]:
    """Every scannable file under `paths`, sorted by path, each once."""
    patterns = list(excludes)
    found: dict[str, SourceFile] = {}
    for given in paths:
        path = Path(given)
        rules = IgnoreRules(_ignore_root(path), patterns)
        if path.is_dir():
            for file in _walk(path, rules):
                _add(found, file)
        elif path.is_file() and not rules.ignored(path, is_dir=False, names=(".aiguardignore",)):
            _add(found, path)
    return sorted(found.values(), key=lambda f: f.path)


def _ignore_root(path: Path) -> Path:
    """Ignore files count from the current directory down, or from the path itself
    when it lies outside the current directory."""
    cwd = Path.cwd().resolve()
    absolute = path.resolve()
    if absolute == cwd or cwd in absolute.parents:
        return cwd
    return absolute if absolute.is_dir() else absolute.parent


def _add(found: dict[str, SourceFile], path: Path) -> None:
    kind = classify(path)
    if kind is not None:
        display = _display(path)
        found[display] = SourceFile(display, kind)


def _walk(top: Path, rules: IgnoreRules) -> Iterable[Path]:
    if rules.ignored(top, is_dir=True):
        return
    for current, dirs, files in os.walk(top):
        base = Path(current)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in _ALWAYS_SKIPPED_DIRS and not rules.ignored(base / d, is_dir=True)
        )
        for name in sorted(files):
            candidate = base / name
            if not rules.ignored(candidate, is_dir=False):
                yield candidate
