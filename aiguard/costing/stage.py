"""The cost step of a scan: estimate after parsing, add the change document to the
engine run, turn its violations into findings. aiguard/scan.py calls only this."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiguard.config import Config
from aiguard.costing.catalogue import price_book
from aiguard.costing.change import CostReport, cost_of_change
from aiguard.costing.estimate import in_cost_scope
from aiguard.costing.guardrails import change_document, change_findings, is_change_rule, team_tags
from aiguard.engine.base import Violation
from aiguard.model import CostChange, Finding, Resource, RuleMeta, Severity


@dataclass
class CostStage:
    """The estimate of one scan and the engine input its guardrails need."""

    report: CostReport
    documents: list[dict[str, Any]] = field(default_factory=list)

    @property
    def change(self) -> CostChange | None:
        """What ScanResult.cost carries."""
        return self.report.change

    @property
    def notices(self) -> list[str]:
        """One line per resource in scope that could not be priced."""
        return self.report.notices

    def findings(
        self,
        results: Sequence[Sequence[Violation]],
        rules: Mapping[str, RuleMeta],
        overrides: Mapping[str, Severity | None],
    ) -> list[Finding]:
        """Findings of the change guardrails from the results of `documents`."""
        return [
            finding
            for violations in results
            for finding in change_findings(violations, rules, self.report, overrides)
        ]


def cost_stage(
    head: Sequence[Resource],
    base: Sequence[Resource] | None,
    config: Config,
    data: Mapping[str, Any],
    rules: Mapping[str, RuleMeta],
) -> CostStage:
    """Estimate the head (and base); the price catalogue is read only when some resource
    is AI compute, so scans without any pay nothing for it."""
    if not any(map(in_cost_scope, [*head, *(base or [])])):
        return CostStage(CostReport(None, []))
    prices = price_book(config.costs, config.base_dir)
    report = cost_of_change(head, base, prices, team_tags(data))
    packages = [package for package, rule in rules.items() if is_change_rule(rule)]
    document = change_document(report, base is not None, packages)
    return CostStage(report, [document] if document else [])
