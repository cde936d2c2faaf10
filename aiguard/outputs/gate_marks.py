"""How the console marks what the gate decided: waived findings, findings the diff
base already had, and the base's findings that the change fixed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from aiguard.model import Finding, ScanResult


def gate_marks(finding: Finding) -> str:
    """`  (waived: reason; owner ...; expires ...)` and `  (unchanged)` after a finding."""
    marks = ""
    waiver = finding.waiver
    if waiver is not None:
        details = [waiver.reason]
        if waiver.owner:
            details.append(f"owner {waiver.owner}")
        if waiver.ticket:
            details.append(f"ticket {waiver.ticket}")
        if waiver.expires:
            details.append(f"expires {waiver.expires.isoformat()}")
        marks += f"  (waived: {'; '.join(details)})"
    if finding.diff == "unchanged":
        marks += "  (unchanged: already in the diff base)"
    return marks


def fixed_lines(result: ScanResult) -> list[str]:
    """The base's findings the change removed, under a heading, then a blank line."""
    if not result.fixed:
        return []
    lines = ["fixed by this change"]
    for finding in result.fixed:
        resource = f"  [{finding.resource}]" if finding.resource else ""
        lines.append(
            f"  {finding.file}:{finding.line}  {finding.rule_id:<13} {finding.message}{resource}"
        )
    return [*lines, ""]


def gate_counts(result: ScanResult) -> str:
    """`; 2 waived` and, in diff mode, `; 1 new, 3 unchanged, 2 fixed` for the summary."""
    text = ""
    waived = sum(1 for f in result.findings if f.waiver is not None)
    if waived:
        text += f"; {waived} waived"
    new = sum(1 for f in result.findings if f.diff == "new")
    unchanged = sum(1 for f in result.findings if f.diff == "unchanged")
    if in_diff_mode(result):
        text += f"; {new} new, {unchanged} unchanged, {len(result.fixed)} fixed"
    return text


def in_diff_mode(result: ScanResult) -> bool:
    """Whether the result compares the working tree with a base (`--diff-base`)."""
    return result.diff_base is not None


def gate_summary(result: ScanResult) -> dict[str, Any]:
    """The optional summary fields of the JSON report: `waived` when a finding is
    waived, and `diff_base`, `new`, `unchanged`, `fixed` in diff mode."""
    counts: dict[str, Any] = {}
    waived = sum(1 for f in result.findings if f.waiver is not None)
    if waived:
        counts["waived"] = waived
    if result.diff_base is not None:
        counts["diff_base"] = result.diff_base
        counts["new"] = sum(1 for f in result.findings if f.diff == "new")
        counts["unchanged"] = sum(1 for f in result.findings if f.diff == "unchanged")
        counts["fixed"] = len(result.fixed)
    return counts


def gate_fields_unset(report: BaseModel) -> dict[str, Any]:
    """The optional gate fields left out of a JSON report, so that a plain scan's
    report stays as it was before they existed."""
    summary = getattr(report, "summary", None)
    unset: dict[str, Any] = {}
    if getattr(report, "fixed", None) is None:
        unset["fixed"] = True
    summary_unset = {
        name
        for name in ("waived", "diff_base", "new", "unchanged", "fixed")
        if getattr(summary, name) is None
    }
    if summary_unset:
        unset["summary"] = summary_unset
    return unset
