"""Baselines: the findings a team has already seen, so that a scan reports only new ones.

The file is keyed by fingerprint (rule, resource or file, attribute, message; never a
line number), so moving code around does not resurface old findings. Each entry also
carries rule, resource and file for people reading the file in a review. Keys are
sorted and there is no timestamp: the same findings give a byte-identical file.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aiguard.errors import UsageError
from aiguard.model import Finding, ScanResult

BASELINE_VERSION = 1


class BaselineEntry(BaseModel):
    """What a person needs to recognise a baselined finding; matching uses the key."""

    model_config = ConfigDict(extra="forbid")

    rule_id: str
    resource: str | None = None
    file: str
    attribute: str | None = None
    message: str


class Baseline(BaseModel):
    """The document `aiguard baseline create` writes."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(default=BASELINE_VERSION, ge=1, le=BASELINE_VERSION)
    tool: str = "aiguard"
    findings: dict[str, BaselineEntry] = Field(default_factory=dict)


def baseline_of(result: ScanResult) -> Baseline:
    """Every finding that would fail without a waiver. Waived findings stay out: their
    waiver governs them, and its expiry must still bring them back."""
    return Baseline(
        findings={
            f.fingerprint: BaselineEntry(
                rule_id=f.rule_id,
                resource=f.resource,
                file=f.file,
                attribute=f.attribute,
                message=f.message,
            )
            for f in result.findings
            if f.waiver is None
        }
    )


def render_baseline(baseline: Baseline) -> str:
    """Indented JSON with sorted keys and a trailing newline."""
    document = baseline.model_dump(mode="json")
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; anything unreadable is a usage error naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read the baseline: {exc.strerror}", file=str(path)) from exc
    try:
        return Baseline.model_validate_json(text)
    except ValidationError as exc:
        # The first by location: pydantic versions list the errors in different orders.
        error = min(exc.errors(), key=lambda e: [str(part) for part in e["loc"]])
        where = ".".join(str(part) for part in error["loc"]) or "document"
        raise UsageError(
            f"not an aiguard baseline ({where}: {error['msg']}); "
            "write one with `aiguard baseline create`",
            file=str(path),
        ) from exc


def apply_baseline(result: ScanResult, baseline: Baseline, source: str) -> ScanResult:
    """The result without the findings the baseline already holds, and a notice saying
    how many were left out (so a report never silently shrinks)."""
    kept: list[Finding] = [f for f in result.findings if f.fingerprint not in baseline.findings]
    hidden = len(result.findings) - len(kept)
    notices = list(result.notices)
    if hidden:
        notices.append(f"{hidden} findings are in the baseline {source} and not reported")
    return result.model_copy(update={"findings": kept, "notices": sorted(notices)})
