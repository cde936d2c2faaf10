"""Human-readable output: findings grouped by file, then one summary line."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

import click

from aiguard.billing.summary import billing_console_lines
from aiguard.costing.render import cost_console_lines
from aiguard.model import ScanResult, Severity
from aiguard.outputs.gate_marks import fixed_lines, gate_counts, gate_marks

if TYPE_CHECKING:
    from aiguard.outputs import ReportOptions

_COLOURS = {
    Severity.CRITICAL: "magenta",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "white",
}


def render_console(result: ScanResult, fail_on: str, colour: bool) -> str:
    """Findings by file, each `line severity rule-id message [resource]`, and a summary."""
    lines: list[str] = []
    for file, findings in groupby(result.findings, key=lambda f: f.file):
        lines.append(click.style(file, bold=True) if colour else file)
        for finding in findings:
            severity = finding.severity.value.upper().ljust(8)
            if colour:
                severity = click.style(severity, fg=_COLOURS[finding.severity])
            resource = f"  [{finding.resource}]" if finding.resource else ""
            lines.append(
                f"  {finding.line:>5}  {severity} {finding.rule_id:<13} {finding.message}{resource}"
                + gate_marks(finding)
            )
        lines.append("")
    lines += fixed_lines(result)
    lines += cost_console_lines(result.cost)
    lines += billing_console_lines(result.billing)
    lines.append(summary_line(result, fail_on))
    return "\n".join(lines) + "\n"


def summary_line(result: ScanResult, fail_on: str) -> str:
    """`N findings (a critical, b high, ...) in F files, R resources, K rules; ...`."""
    counts = {s: 0 for s in Severity}
    for finding in result.findings:
        counts[finding.severity] += 1
    breakdown = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    total = len(result.findings)
    text = f"{total} finding{'s' if total != 1 else ''}"
    if breakdown:
        text += f" ({breakdown})"
    checked = "billing rows" if result.billing is not None else "resources"
    text += (
        f" in {result.files_scanned} file{'s' if result.files_scanned != 1 else ''};"
        f" {result.resources} {checked} checked against {result.rules} rules"
    )
    text += gate_counts(result)
    failing = len(result.failing(fail_on))
    if fail_on == "none":
        return text + "; --fail-on none: never fails"
    if failing:
        return f"{text}; FAILED: {failing} at or above {fail_on}"
    return f"{text}; passed at --fail-on {fail_on}"


def render(result: ScanResult, options: ReportOptions) -> str:
    """`--format console` (aiguard/outputs/__init__.py)."""
    return render_console(result, options.fail_on, options.colour)
