"""GitHub Actions workflow commands that annotate the changed lines of a pull request.

`::error file=F,line=L,endLine=E,title=T::message` for findings that fail the run,
`::warning` for the others and `::notice` for info; waived findings are not annotated.
In GitHub Actions (GITHUB_ACTIONS=true) every command prints them besides its reports;
`--format github` prints them anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from aiguard.model import Finding, ScanResult, Severity

if TYPE_CHECKING:
    from aiguard.outputs import ReportOptions


def in_github_actions(environ: Mapping[str, str] = os.environ) -> bool:
    """GitHub sets GITHUB_ACTIONS=true in every step of a workflow run."""
    return environ.get("GITHUB_ACTIONS") == "true"


def render_github(result: ScanResult, fail_on: str) -> str:
    """One workflow command per finding that is not waived."""
    # Imported here: every scan asks in_github_actions, few write annotations, and
    # facts brings the scoping rules (pathspec) with it.
    from aiguard.outputs.facts import end_line, resources_by_location

    failing = {id(f) for f in result.failing(fail_on)}
    resources = resources_by_location(result)
    lines = []
    for finding in result.findings:
        if finding.waiver is not None:
            continue
        command = _command(finding, id(finding) in failing)
        properties = {
            "file": finding.file,
            "line": str(finding.line),
            "endLine": str(end_line(finding, resources)),
            "title": f"{finding.rule_id} ({finding.severity.value}): {finding.title}",
        }
        rendered = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
        message = finding.message
        if finding.resource:
            message += f" [{finding.resource}]"
        lines.append(f"::{command} {rendered}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def _command(finding: Finding, fails: bool) -> str:
    if fails:
        return "error"
    return "notice" if finding.severity is Severity.INFO else "warning"


def _escape_data(text: str) -> str:
    """Escape a message as @actions/core does (`%`, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a property value as @actions/core does (also `:` and `,`)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: ScanResult, options: ReportOptions) -> str:
    """`--format github` (aiguard/outputs/__init__.py)."""
    return render_github(result, options.fail_on)
