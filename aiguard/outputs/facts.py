"""Facts several report formats derive from a result: counts, resource lookups, scan units.

Kept in one place so that SARIF, JUnit, Markdown and HTML agree on what a scan unit is,
which resource a finding belongs to and where it ends.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterable

from aiguard.model import Finding, Resource, RuleMeta, ScanResult, Severity
from aiguard.scoping import in_scope


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Findings per severity, every severity present, worst first."""
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def resources_by_location(result: ScanResult) -> dict[tuple[str, str], Resource]:
    """Parsed resources by (file, id): resource ids repeat across modules, files do not."""
    return {(r.file, r.id): r for r in result.inventory}


def resource_of(finding: Finding, resources: dict[tuple[str, str], Resource]) -> Resource | None:
    """The parsed resource a finding is about, if it is about one."""
    if finding.resource is None:
        return None
    return resources.get((finding.file, finding.resource))


def end_line(finding: Finding, resources: dict[tuple[str, str], Resource]) -> int:
    """Where the finding's region ends: the resource's last line when the finding points
    at the resource as a whole, the finding's own line when it points at one attribute."""
    resource = resource_of(finding, resources)
    if resource is not None and finding.line == resource.line:
        return max(resource.end_line, finding.line)
    return finding.line


def rule_applies(rule: RuleMeta, resource: Resource) -> bool:
    """Whether a rule evaluates this resource: its kind matches and its scope binds it."""
    return _kind_matches(rule, resource.kind) and in_scope(rule, resource)


def _kind_matches(rule: RuleMeta, kind: str) -> bool:
    return any(fnmatch.fnmatchcase(kind, pattern) for pattern in rule.kinds)


def rules_per_file(result: ScanResult) -> dict[str, list[str]]:
    """Each scanned file (a scan unit of the reports) with the ids of the rules that
    looked at it: those targeting one of its resources, and those that found something."""
    checked: dict[str, set[str]] = defaultdict(set)
    by_kind: dict[str, list[RuleMeta]] = {}
    for resource in result.inventory:
        if resource.kind not in by_kind:
            by_kind[resource.kind] = [
                rule for rule in result.rules_run.values() if _kind_matches(rule, resource.kind)
            ]
        checked[resource.file].update(
            rule.id for rule in by_kind[resource.kind] if in_scope(rule, resource)
        )
    for finding in result.findings:
        checked[finding.file].add(finding.rule_id)
    return {file: sorted(ids) for file, ids in sorted(checked.items())}


def family_of(rule_id: str) -> str:
    """`AIG-LOG-002` -> `LOG`; tool rules such as `AIG-PARSE` are their own family."""
    parts = rule_id.split("-")
    return parts[1] if len(parts) >= 3 else parts[-1]


def framework_labels(finding: Finding) -> list[str]:
    """`eu-ai-act Art. 12(1)` for each framework reference of a finding."""
    return [f"{ref.name} {ref.ref}" for ref in finding.frameworks]
