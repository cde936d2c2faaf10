"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers).

One `reportingDescriptor` per rule id, so code scanning groups and explains alerts per
rule; `partialFingerprints` carry our line-independent fingerprint, so an alert survives
edits that only move it. No timestamps or absolute paths: the same input gives
byte-identical output.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiguard import __version__
from aiguard.model import Finding, RuleMeta, ScanResult, Severity
from aiguard.outputs.facts import end_line, family_of, resources_by_location

if TYPE_CHECKING:
    from aiguard.outputs import ReportOptions

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "aiguard/v1"

# GitHub code scanning reads `security-severity` as a CVSS-like score: 9.0 and above is
# critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low (GitHub docs, "SARIF support for
# code scanning", reportingDescriptor object). Info findings are the lowest low.
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.1",
}
LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}


def render_sarif(result: ScanResult) -> str:
    """The SARIF log as indented JSON with a trailing newline."""
    rules = _rules(result)
    index = {rule.id: position for position, rule in enumerate(rules)}
    resources = resources_by_location(result)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aiguard",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "results": [
                    _result(finding, index[finding.rule_id], end_line(finding, resources))
                    for finding in result.findings
                ],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rules(result: ScanResult) -> list[RuleMeta]:
    """Every rule that ran, plus any rule a finding names that the result lacks metadata
    for (a finding must always point at a descriptor)."""
    rules = dict(result.rules_run)
    for finding in result.findings:
        if finding.rule_id not in rules:
            rules[finding.rule_id] = RuleMeta(
                id=finding.rule_id,
                title=finding.title,
                description=finding.title,
                severity=finding.severity,
                kinds=["*"],
                frameworks=finding.frameworks,
                basis="practice",
                remediation="See the rule's documentation: `aiguard policies show "
                f"{finding.rule_id}`.",
            )
    return [rules[rule_id] for rule_id in sorted(rules)]


def _descriptor(rule: RuleMeta) -> dict[str, Any]:
    description = " ".join(rule.description.split())
    references = [f"{ref.name} {ref.ref}" for ref in rule.frameworks]
    help_text = f"{description}\n\nRemediation:\n{rule.remediation.rstrip()}"
    help_markdown = f"{description}\n\n**Remediation**\n\n{rule.remediation.rstrip()}"
    if references:
        help_text += "\n\nReferences: " + "; ".join(references)
        help_markdown += "\n\n**References**: " + "; ".join(references)
    help_text += f"\n\nBasis: {rule.basis}"
    help_markdown += f"\n\n**Basis**: {rule.basis}"
    return {
        "id": rule.id,
        "name": rule.id.replace("-", ""),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": description},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "severity": rule.severity.value,
            "basis": rule.basis,
            "tags": ["aiguard", family_of(rule.id).lower(), f"basis:{rule.basis}", *references],
            "precision": "high",
        },
    }


def _result(finding: Finding, rule_index: int, last_line: int) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": quote(finding.file)},
            "region": {"startLine": finding.line, "endLine": last_line},
        }
    }
    if finding.resource:
        location["logicalLocations"] = [
            {"fullyQualifiedName": finding.resource, "kind": "resource"}
        ]
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "severity": finding.severity.value,
            "security-severity": SECURITY_SEVERITY[finding.severity],
        },
    }
    if finding.attribute:
        result["properties"]["attribute"] = finding.attribute
    if finding.diff is not None:  # diff mode: SARIF's own word for new against the base
        result["baselineState"] = finding.diff
    if finding.waiver is not None:
        waiver = finding.waiver
        justification = waiver.reason
        if waiver.owner:
            justification += f" (owner: {waiver.owner})"
        if waiver.expires:
            justification += f" (expires {waiver.expires.isoformat()})"
        result["suppressions"] = [
            {
                "kind": "inSource" if waiver.source == "inline" else "external",
                "status": "accepted",
                "justification": justification,
                "location": {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(waiver.file)},
                        "region": {"startLine": waiver.line},
                    }
                },
            }
        ]
    return result


def render(result: ScanResult, options: ReportOptions) -> str:
    """`--format sarif` (aiguard/outputs/__init__.py)."""
    return render_sarif(result)
