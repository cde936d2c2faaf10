"""The evidence record: what an auditor needs to reproduce a compliance report.

It holds the aiguard version, the time, digests of every policy and rule data file
(and one digest over all of them), digests of every input file and the config, and
the findings by fingerprint. `aiguard report --verify` recomputes the digests from the
recorded paths and lists what changed. SOURCE_DATE_EPOCH fixes the time, so a
report can be rebuilt byte for byte.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, Field

from aiguard import __version__
from aiguard.config import Config
from aiguard.discover import discover
from aiguard.errors import UsageError
from aiguard.model import ScanResult
from aiguard.paths import builtin_policies_dir, builtin_rules_dir

_DATA_SUFFIXES = (".yaml", ".yml", ".json")


class RecordedFinding(BaseModel):
    """A finding as the record keeps it: enough to tell it apart and find it."""

    rule_id: str
    severity: str
    file: str
    line: int
    fingerprint: str
    waived: bool


class EvidenceRecord(BaseModel):
    """Everything `--verify` needs to recompute, and what it produced."""

    aiguard_version: str
    generated_at: str = Field(description="UTC, ISO 8601; SOURCE_DATE_EPOCH when set")
    framework: str
    paths: list[str]
    config: str | None
    policy_dirs: list[str]
    data_dirs: list[str]
    policy_set_digest: str
    policy_files: dict[str, str]
    inputs: dict[str, str]
    findings: list[RecordedFinding]


def sha256_file(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def generated_at() -> str:
    """Now, or SOURCE_DATE_EPOCH (reproducible builds convention) when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = (
            datetime.fromtimestamp(int(epoch), tz=timezone.utc)
            if epoch
            else datetime.now(tz=timezone.utc)
        )
    except ValueError as exc:
        raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds, not {epoch!r}") from exc
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def policy_files(
    config: Config, policy_dirs: Iterable[Path], data_dirs: Iterable[Path]
) -> dict[str, str]:
    """Digest of every file the policy set is built from, ours labelled `aiguard:`."""
    files: dict[str, str] = {}
    sources = [
        ("aiguard:policies", builtin_policies_dir(), (".rego",)),
        ("aiguard:rules", builtin_rules_dir(), _DATA_SUFFIXES),
    ]
    sources += [(d.as_posix(), d, (".rego",)) for d in [*config.policy_dirs(), *policy_dirs]]
    sources += [(d.as_posix(), d, _DATA_SUFFIXES) for d in [*config.data_dirs(), *data_dirs]]
    for label, directory, suffixes in sources:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.suffix in suffixes:
                files[f"{label}/{path.relative_to(directory).as_posix()}"] = sha256_file(path)
    return dict(sorted(files.items()))


def set_digest(files: dict[str, str]) -> str:
    """One digest over the names and digests of all files."""
    joined = "\n".join(f"{name} {digest}" for name, digest in sorted(files.items()))
    return "sha256:" + hashlib.sha256(joined.encode()).hexdigest()


def input_files(paths: list[str], config: Config) -> dict[str, str]:
    """Digest of every file the scan read, and of the configuration file."""
    found = discover(paths, config.exclude)
    files = {source.path: sha256_file(Path(source.path)) for source in found}
    if config.source is not None:
        files[config.source] = sha256_file(Path(config.source))
    return dict(sorted(files.items()))


def build_record(
    result: ScanResult,
    paths: list[str],
    config: Config,
    policy_dirs: list[Path],
    data_dirs: list[Path],
    framework: str,
) -> EvidenceRecord:
    policies = policy_files(config, policy_dirs, data_dirs)
    return EvidenceRecord(
        aiguard_version=__version__,
        generated_at=generated_at(),
        framework=framework,
        paths=paths,
        config=config.source,
        policy_dirs=[d.as_posix() for d in policy_dirs],
        data_dirs=[d.as_posix() for d in data_dirs],
        policy_set_digest=set_digest(policies),
        policy_files=policies,
        inputs=input_files(paths, config),
        findings=[
            RecordedFinding(
                rule_id=f.rule_id,
                severity=f.severity.value,
                file=f.file,
                line=f.line,
                fingerprint=f.fingerprint,
                waived=f.waiver is not None,
            )
            for f in result.findings
        ],
    )


def compare(label: str, before: dict[str, str], after: dict[str, str]) -> list[str]:
    """`changed`, `added` and `removed` lines for two name -> digest maps."""
    lines = [
        f"{label} changed: {name}"
        for name in sorted(before)
        if name in after and before[name] != after[name]
    ]
    lines += [f"{label} added: {name}" for name in sorted(after) if name not in before]
    lines += [f"{label} removed: {name}" for name in sorted(before) if name not in after]
    return lines
