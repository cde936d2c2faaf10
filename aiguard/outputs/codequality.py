"""GitLab Code Quality report (`artifacts:reports:codequality`), for the merge request
widget and diff annotations.

GitLab compares the report of the merge request's pipeline with the target branch's
and shows what is new and what is resolved, matching issues by `fingerprint`; ours is
the finding's line-independent fingerprint, so moved code does not show as churn.
Code Quality has no notion of an accepted issue, so a waived finding is kept (waived
findings stay in every report) at severity `info`, its description naming the waiver.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiguard.model import Finding, ScanResult, Severity

if TYPE_CHECKING:
    from aiguard.outputs import ReportOptions

# GitLab's scale: info, minor, major, critical, blocker.
_SEVERITY = {
    Severity.CRITICAL: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}


def render_codequality(result: ScanResult) -> str:
    """The report: a JSON array with one issue per finding, in finding order."""
    issues = [_issue(finding) for finding in result.findings]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(finding: Finding) -> dict[str, Any]:
    description = f"{finding.rule_id} {finding.title}: {finding.message}"
    severity = _SEVERITY[finding.severity]
    if finding.waiver is not None:
        description = f"[waived: {finding.waiver.reason}] {description}"
        severity = "info"
    return {
        "type": "issue",
        "check_name": finding.rule_id,
        "description": description,
        "fingerprint": finding.fingerprint,
        "severity": severity,
        "location": {"path": finding.file, "lines": {"begin": finding.line}},
    }


def render(result: ScanResult, options: ReportOptions) -> str:
    """`--format gitlab-codequality` (aiguard/outputs/__init__.py)."""
    return render_codequality(result)
