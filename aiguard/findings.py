"""Turn raw engine violations and parse errors into `Finding` objects.

A rule only says which resource and attribute are wrong and why; the id, title,
severity, framework references and the exact line come from here, so rules never
repeat their own metadata.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from aiguard.engine.base import Violation
from aiguard.model import Finding, ParseError, Resource, RuleMeta, Severity

if TYPE_CHECKING:
    from aiguard.config import Config  # config imports waivers, which import this module

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

WAIVER_EXPIRED_RULE = RuleMeta(
    id="AIG-WAIVER-001",
    title="Waiver expired",
    description=(
        "A waiver accepted a finding until a date that has passed. It no longer waives "
        "anything: the finding it covered is reported again, and the stale waiver is "
        "reported here so that someone renews or removes it."
    ),
    severity=Severity.MEDIUM,
    kinds=["*"],
    basis="practice",
    remediation="Fix the finding and delete the waiver, or, if the risk is still "
    "accepted, have its owner review it and set a new `expires` date.",
    package="tool.waiver_expired",
)

WAIVER_INVALID_RULE = RuleMeta(
    id="AIG-WAIVER-002",
    title="Inline waiver is invalid",
    description=(
        "An inline waiver (a `aiguard:waive` comment or an `aiguard.io/waive` annotation) "
        "could not be read: it has no reason, an unknown rule id or key, or a date that is "
        "not YYYY-MM-DD. It waives nothing until it is fixed."
    ),
    severity=Severity.MEDIUM,
    kinds=["*"],
    basis="practice",
    remediation='Write it as `aiguard:waive RULE-ID reason="why" [owner=...] [ticket=...] '
    "[expires=YYYY-MM-DD] [since=YYYY-MM-DD]` (docs/gate.md).",
    package="tool.waiver_invalid",
)

WAIVER_RULES = (WAIVER_EXPIRED_RULE, WAIVER_INVALID_RULE)
BILLING_DATA_QUALITY_RULE = RuleMeta(
    id="AIG-DQ-001",
    title="Billing export has data-quality problems",
    description=(
        "A billing export holds values aiguard had to repair or could not read: the text "
        "NULL, numbers that are not numbers, timestamps without a time zone, enum values "
        "in the wrong case, tag keys with spaces, missing columns. No row is dropped; each "
        "repair is reported with the column and the first row it affects, so totals are "
        "never silently wrong."
    ),
    severity=Severity.LOW,
    kinds=["billing:focus"],
    basis="practice",
    remediation="Fix the export at its source (the export definition, or the job that "
    "writes it), or accept the repair aiguard describes in the message (docs/billing.md).",
    package="tool.billing_data_quality",
)

TOOL_RULES = (PARSE_RULE, *WAIVER_RULES, BILLING_DATA_QUALITY_RULE)


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


def apply_tool_rule_settings(findings: list[Finding], config: Config) -> list[Finding]:
    """`.aiguard.yaml` switches tool rules (AIG-PARSE, AIG-DQ-001, ...) off or re-rates
    them like policy rules; policy rules are already settled when their findings are made."""
    tool_ids = {rule.id for rule in TOOL_RULES}
    disabled = config.disabled_rules() & tool_ids
    kept = [f for f in findings if f.rule_id not in disabled]
    for finding in kept:
        override = config.rules.get(finding.rule_id)
        if finding.rule_id in tool_ids and override is not None and override.severity:
            finding.severity = override.severity
    return kept
