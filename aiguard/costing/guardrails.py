"""The change guardrails' view of a change: one input document of kind
`aiguard:cost-change`, evaluated in the same engine run as the manifests.

Rules that list this kind (AIG-COST-201, AIG-COST-202) see only this document, and no
other rule ever sees it. The document carries the totals, per-team totals and the
matching key of the line a finding should point at; amounts also come pre-formatted,
because the embedded engine formats numbers differently from OPA (docs/engine-notes.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiguard.costing.change import CostReport
from aiguard.engine.base import Violation
from aiguard.findings import finding_from_violation
from aiguard.model import CostLine, Finding, Resource, RuleMeta, Severity

COST_CHANGE_KIND = "aiguard:cost-change"
DOCUMENT_ID = "aiguard:cost-change"


def is_change_rule(rule: RuleMeta) -> bool:
    """A rule that judges the cost of a change rather than manifest resources."""
    return COST_CHANGE_KIND in rule.kinds


def team_tags(data: Mapping[str, Any]) -> list[str]:
    """The tags that name a resource's team (rules/cost_change.yaml, or the user's)."""
    tags = data.get("aiguard", {}).get("config", {}).get("cost_change", {}).get("team_tags")
    return [str(t) for t in tags] if isinstance(tags, list) else ["team", "owner"]


def change_document(
    report: CostReport, has_base: bool, rules: Sequence[str]
) -> dict[str, Any] | None:
    """The input document of the change guardrails, or None when there is nothing to judge."""
    change = report.change
    if change is None or not rules:
        return None
    currency = change.currency
    attributes: dict[str, Any] = {
        "currency": currency,
        "has_base": has_base,
        "total_after": change.total_after,
        "total_after_text": _money(change.total_after, currency),
        "teams": _teams(report, has_base),
    }
    if has_base and change.total_before is not None:
        increase = round(change.total_after - change.total_before, 2)
        attributes |= {
            "total_before": change.total_before,
            "total_before_text": _money(change.total_before, currency),
            "increase": increase,
            "increase_text": _money(increase, currency),
        }
        subject = _largest_increase(report, list(report.lines))
        if subject is not None:
            attributes["subject"] = subject
    resource = {
        "id": DOCUMENT_ID,
        "kind": COST_CHANGE_KIND,
        "provider": "aiguard",
        "file": "",
        "line": 1,
        "attributes": attributes,
        "derived": {},
    }
    return {
        "resources": [resource],
        "context": {"unit": DOCUMENT_ID, "format": "cost-change", "rules": sorted(rules)},
    }


def _teams(report: CostReport, has_base: bool) -> dict[str, dict[str, Any]]:
    by_team: dict[str, list[str]] = {}
    tags: dict[str, str] = {}
    for key, (tag, team) in sorted(report.teams.items()):
        by_team.setdefault(team, []).append(key)
        tags.setdefault(team, tag)
    currency = report.change.currency if report.change else ""
    teams: dict[str, dict[str, Any]] = {}
    for team, keys in sorted(by_team.items()):
        lines = [report.lines[k] for k in keys]
        after = round(sum(ln.monthly_after or 0.0 for ln in lines), 2)
        before = round(sum(ln.monthly_before or 0.0 for ln in lines), 2)
        entry: dict[str, Any] = {
            "tag": tags[team],
            "after": after,
            "after_text": _money(after, currency),
        }
        subject = _largest_increase(report, keys) if has_base else _largest_cost(report, keys)
        if has_base:
            entry |= {
                "before": before,
                "before_text": _money(before, currency),
                "delta": round(after - before, 2),
                "delta_text": _money(round(after - before, 2), currency),
            }
        if subject is not None:
            entry["subject"] = subject
        teams[team] = entry
    return teams


def _largest_increase(report: CostReport, keys: Sequence[str]) -> str | None:
    """The line that adds the most (ties: the first in key order), if any adds."""
    rising = [k for k in sorted(keys) if report.lines[k].delta > 0]
    return max(rising, key=lambda k: report.lines[k].delta) if rising else None


def _largest_cost(report: CostReport, keys: Sequence[str]) -> str | None:
    priced = [k for k in sorted(keys) if report.lines[k].monthly_after is not None]
    return max(priced, key=lambda k: report.lines[k].monthly_after or 0.0) if priced else None


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def change_findings(
    violations: Sequence[Violation],
    rules: Mapping[str, RuleMeta],
    report: CostReport,
    overrides: Mapping[str, Severity | None],
) -> list[Finding]:
    """Findings at the line a guardrail points to: the resource that adds the most."""
    findings = []
    for violation in violations:
        rule = rules[violation.rule]
        key = violation.resource or ""
        line = report.lines.get(key)
        located = {key: _as_resource(line, report.kinds.get(key, ""))} if line else {}
        finding = finding_from_violation(violation, rule, located, "", overrides.get(rule.id))
        if line is not None:
            finding.resource = line.resource
        findings.append(finding)
    return findings


def _as_resource(line: CostLine, kind: str) -> Resource:
    return Resource(
        id=line.resource, kind=kind, provider="", file=line.file, line=line.line, end_line=line.line
    )
