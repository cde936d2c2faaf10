"""Turn raw engine violations and parse errors into `Finding` objects.

A rule only says which resource and attribute are wrong and why; the id, title,
severity, framework references and the exact line come from here, so rules never
repeat their own metadata.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from aiguard.engine.base import Violation
from aiguard.model import Finding, ParseError, Resource, RuleMeta, Severity

PARSE_RULE = RuleMeta(
    id="AIG-PARSE",
    title="File could not be parsed",
    description=(
        "The file is not valid YAML, HCL or JSON, so none of its resources (or only some) "
        "could be checked. An unparseable file never passes silently."
    ),
    severity=Severity.HIGH,
    kinds=["*"],
    basis="practice",
    remediation="Fix the syntax error at the reported line; `terraform validate`, "
    "`kubectl apply --dry-run=client` or a YAML linter shows the same problem.",
    package="tool.parse",
)

TOOL_RULES = (PARSE_RULE,)


def finding_from_violation(
    violation: Violation,
    rule: RuleMeta,
    resources: Mapping[str, Resource],
    unit_file: str,
    severity: Severity | None = None,
) -> Finding:
    """Locate a violation at its resource's attribute line, or at the unit's first line."""
    resource = resources.get(violation.resource) if violation.resource else None
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        severity=severity or rule.severity,
        message=violation.msg,
        file=resource.file if resource else unit_file,
        line=resource.line_of(violation.attribute) if resource else 1,
        resource=violation.resource,
        kind=resource.kind if resource else None,
        attribute=violation.attribute,
        frameworks=rule.frameworks,
    )


def finding_from_parse_error(error: ParseError, severity: Severity | None = None) -> Finding:
    """An AIG-PARSE finding: the file, or part of it, was not checked."""
    return Finding(
        rule_id=PARSE_RULE.id,
        title=PARSE_RULE.title,
        severity=severity or PARSE_RULE.severity,
        message=error.message,
        file=error.file,
        line=error.line,
    )


def assign_fingerprints(findings: list[Finding]) -> list[Finding]:
    """Give each finding a fingerprint that survives edits which only move lines.

    It digests the rule, the resource (or, without one, the file) and the attribute;
    when one resource has several findings of a rule at the same attribute (two
    containers, say) their messages tell them apart. Findings must be sorted first,
    so that equal keys are numbered in a stable order.
    """
    seen: dict[str, int] = {}
    for finding in findings:
        subject = finding.resource or finding.file
        key = "\x1f".join([finding.rule_id, subject, finding.attribute or "", finding.message])
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        finding.fingerprint = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return findings
