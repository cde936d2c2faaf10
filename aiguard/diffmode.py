"""Diff mode: scan the working tree and a git base revision, and compare by fingerprint.

The base is extracted with `git archive` into a temporary directory (nothing in the
repository changes: no worktree, no checkout) and scanned from the directory that
corresponds to the current one, with the same paths, configuration and policies, so
both scans name files and resources alike. A finding of the working tree is `new`
when the base has no finding with its fingerprint and `unchanged` otherwise;
unchanged findings are reported but never fail the run. Base findings that are gone
are listed as `fixed`.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from aiguard.config import Config
from aiguard.errors import UsageError
from aiguard.model import Resource, ScanResult

Scanner = Callable[[list[str], Config, list[Resource] | None], ScanResult]


def diff_scan(base_ref: str, paths: list[str], config: Config, scan: Scanner) -> ScanResult:
    """Scan `paths` at `base_ref` and in the working tree; classify the latter's findings.

    `scan(paths, config, cost_base)` runs one scan in the current directory; the head
    scan gets the base's inventory so that the cost of the change can be priced.
    """
    top = _repository_root()
    commit = _resolve(base_ref, top)
    cwd = Path.cwd().resolve()
    relative = [os.path.relpath(Path(p).resolve(), cwd) for p in paths]
    for given, path in zip(paths, relative, strict=True):
        if not (cwd / path).resolve().is_relative_to(top):
            raise UsageError(f"--diff-base: {given} is outside the git repository {top}")
    config = config.model_copy(update={"base_dir": config.base_dir.resolve()})
    with tempfile.TemporaryDirectory(prefix="aiguard-base-") as tmp:
        base_root = Path(tmp) / "tree"
        _extract(commit, top, Path(tmp) / "base.tar", base_root)
        base_cwd = base_root / cwd.relative_to(top)
        base_cwd.mkdir(parents=True, exist_ok=True)
        with _working_directory(base_cwd):
            present = [p for p in relative if Path(p).exists()]
            base = scan(present, config, None) if present else ScanResult()
    head = scan(relative, config, base.inventory)
    head.diff_base = commit
    return classify(head, base)


def classify(head: ScanResult, base: ScanResult) -> ScanResult:
    """Mark the head's findings new or unchanged and list the base's fixed findings.

    A finding the base had but waived, and the head no longer waives (the change
    deleted its inline waiver), is new: the change makes it fail.
    """
    base_waived = {f.fingerprint: f.waiver is not None for f in base.findings}
    head_prints = {f.fingerprint for f in head.findings}
    for finding in head.findings:
        was_waived = base_waived.get(finding.fingerprint)
        unwaived_now = was_waived and finding.waiver is None
        known = was_waived is not None and not unwaived_now
        finding.diff = "unchanged" if known else "new"
    head.fixed = [f for f in base.findings if f.fingerprint not in head_prints]
    return head


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"--diff-base needs git on PATH ({exc.strerror})") from exc


def _repository_root() -> Path:
    done = _git(["rev-parse", "--show-toplevel"], Path.cwd())
    if done.returncode != 0:
        raise UsageError(
            "--diff-base needs the scan to run inside a git repository; "
            "run aiguard from the repository's checkout"
        )
    return Path(done.stdout.decode().strip()).resolve()


def _resolve(ref: str, top: Path) -> str:
    """The commit `ref` names; a ref that names none is a usage error naming it."""
    done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top)
    if done.returncode != 0 or not ref or ref.startswith("-"):
        raise UsageError(
            f"--diff-base: {ref!r} is not a commit in this repository; "
            "fetch it first (in CI: a full clone, or `git fetch origin <base>`)"
        )
    return done.stdout.decode().strip()


def _extract(commit: str, top: Path, archive: Path, into: Path) -> None:
    """The tree of `commit`, as files under `into` (through the tar file `archive`)."""
    done = _git(["archive", "--format=tar", f"--output={archive}", commit], top)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise UsageError(f"--diff-base: git archive {commit} failed: {message}")
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):  # Python >= 3.10.12: refuse unsafe members
            tar.extractall(into, filter="data")
        else:
            tar.extractall(into)  # our own `git archive` of a commit


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    """Run the base scan from the directory matching the current one, so that it
    discovers and names files exactly as the working-tree scan does."""
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)
