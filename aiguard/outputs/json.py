"""The JSON report: a versioned, documented schema (docs/json-report.md).

No timestamps, durations or absolute paths go in, and findings are sorted, so the
same input gives byte-identical output; diffing two reports shows real changes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from aiguard import __version__
from aiguard.model import BillingSummary, CostChange, Finding, ScanResult, Severity
from aiguard.outputs.gate_marks import gate_fields_unset, gate_summary, in_diff_mode

if TYPE_CHECKING:
    from aiguard.outputs import ReportOptions

SCHEMA_VERSION: Literal["1.0"] = "1.0"


class Tool(BaseModel):
    """What produced the report."""

    name: Literal["aiguard"] = "aiguard"
    version: str


class Summary(BaseModel):
    """Totals for the whole scan."""

    files_scanned: int
    resources: int
    rules: int
    findings: int
    by_severity: dict[Severity, int]
    fail_on: str
    failed: bool = Field(description="True when a finding is at or above fail_on (exit 1)")
    waived: int | None = Field(default=None, description="Findings a waiver accepts")
    diff_base: str | None = Field(
        default=None, description="Diff mode: the commit the scan was compared with"
    )
    new: int | None = Field(default=None, description="Diff mode: findings the change introduces")
    unchanged: int | None = Field(
        default=None, description="Diff mode: findings the base already had (never fail)"
    )
    fixed: int | None = Field(default=None, description="Diff mode: length of `fixed`")


class JsonReport(BaseModel):
    """The top-level JSON document of `aiguard scan --format json`."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    tool: Tool
    summary: Summary
    findings: list[Finding]
    notices: list[str] = Field(description="Files skipped on purpose, e.g. Helm templates")
    fixed: list[Finding] | None = Field(
        default=None, description="Diff mode: findings of the base that the change removed"
    )
    cost: CostChange | None = Field(
        default=None,
        description="Estimated monthly cost of the AI compute in the scan (docs/cost.md); "
        "before and after with --diff-base; null when nothing was priced",
    )
    billing: BillingSummary | None = Field(
        default=None,
        description="`aiguard billing scan` only: what the billing exports held (docs/billing.md)",
    )


def build_report(result: ScanResult, fail_on: str) -> JsonReport:
    """The report model for a scan result."""
    counts = {severity: 0 for severity in Severity}
    for finding in result.findings:
        counts[finding.severity] += 1
    return JsonReport(
        tool=Tool(version=__version__),
        summary=Summary(
            files_scanned=result.files_scanned,
            resources=result.resources,
            rules=result.rules,
            findings=len(result.findings),
            by_severity=counts,
            fail_on=fail_on,
            failed=bool(result.failing(fail_on)),
            **gate_summary(result),
        ),
        findings=result.findings,
        notices=result.notices,
        fixed=result.fixed if in_diff_mode(result) else None,
        cost=result.cost,
        billing=result.billing,
    )


def render_json(result: ScanResult, fail_on: str) -> str:
    """The report as indented JSON with a trailing newline."""
    report = build_report(result, fail_on)
    excluded = gate_fields_unset(report)
    if report.billing is None:
        excluded["billing"] = True
    document = report.model_dump(mode="json", exclude=excluded)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def report_schema() -> str:
    """The JSON Schema of the report, as committed in docs/report.schema.json."""
    schema = JsonReport.model_json_schema()
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def render(result: ScanResult, options: ReportOptions) -> str:
    """`--format json` (aiguard/outputs/__init__.py)."""
    return render_json(result, options.fail_on)
