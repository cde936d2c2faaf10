"""The compliance report as JSON, Markdown or HTML; JSON and HTML carry the evidence
record in a form `aiguard report --verify` reads back."""

from __future__ import annotations

import json
import re

from aiguard.compliance.evidence import EvidenceRecord
from aiguard.compliance.report import ComplianceReport
from aiguard.errors import UsageError
from aiguard.outputs.html import environment

_EVIDENCE_SCRIPT = re.compile(
    r'<script type="application/json" id="aiguard-evidence">(.*?)</script>', re.DOTALL
)


def render_json(report: ComplianceReport) -> str:
    return report.model_dump_json(indent=2) + "\n"


def render_html(report: ComplianceReport) -> str:
    # `<\/` keeps a `</script>` inside a string from ending the element early.
    evidence = report.evidence.model_dump_json(indent=2).replace("</", "<\\/")
    return (
        environment()
        .get_template("compliance.html.j2")
        .render(report=report, evidence_json=evidence)
    )


def render_markdown(report: ComplianceReport) -> str:
    lines = ["# EU AI Act: evidence from infrastructure", "", f"> {report.disclaimer}", ""]
    lines += ["## AI systems", "", "| system | risk class | role | resources | open findings |"]
    lines += ["|---|---|---|---:|---:|"]
    for system in report.systems:
        lines.append(
            f"| {system.id} | {system.risk_class or '-'} | {system.role or '-'} | "
            f"{len(system.resources)} | {system.open_findings} |"
        )
    lines.append("")
    for article in report.articles:
        lines += [f"## {article.ref}: {article.title}", ""]
        if not article.rules:
            lines += ["No rule evidences this article in the loaded policy set.", ""]
        for rule in article.rules:
            statuses = "; ".join(f"{s}: {v}" for s, v in rule.status.items()) or "no systems"
            lines.append(
                f"- **{rule.id}** {rule.title} (basis: {rule.basis}; "
                f"{', '.join(rule.references)}): {statuses}"
            )
            for finding in rule.findings:
                waived = f" (waived: {finding.waiver.reason})" if finding.waiver else ""
                lines.append(f"  - `{finding.file}:{finding.line}` {finding.message}{waived}")
        lines += ["", f"Not shown by infrastructure: {article.beyond_infrastructure}", ""]
    lines += ["## Not assessable from infrastructure", ""]
    lines += [
        f"- **{a.ref}** {a.title}: {a.duty}" for a in report.not_assessable_from_infrastructure
    ]
    evidence = report.evidence
    lines += [
        "",
        "## Evidence record",
        "",
        f"aiguard {evidence.aiguard_version}, {evidence.generated_at}; policy set "
        f"{evidence.policy_set_digest}; {len(evidence.inputs)} input files; "
        f"{len(evidence.findings)} findings. Verify with the JSON or HTML report.",
        "",
    ]
    return "\n".join(lines)


def read_evidence(text: str, source: str) -> EvidenceRecord:
    """The evidence record of a JSON or HTML compliance report."""
    match = _EVIDENCE_SCRIPT.search(text)
    try:
        if match:
            return EvidenceRecord.model_validate_json(match.group(1).replace("<\\/", "</"))
        return EvidenceRecord.model_validate(json.loads(text)["evidence"])
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(
            "not a JSON or HTML compliance report with an evidence record "
            "(write one with `aiguard report --format json|html`)",
            file=source,
        ) from exc
