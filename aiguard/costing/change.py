"""The cost of a change: every priced resource before and after, and per-team totals.

A resource of the head is matched with the base by its directory and id (a Terraform
module or a Kubernetes manifest directory, then `aws_instance.train` or
`apps/v1/Deployment/ml/llm`), so moving it to another file of the same directory is not
a removal plus an addition. Both sides must be scanned with the same relative paths.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from aiguard.costing.catalogue import PriceBook
from aiguard.costing.estimate import Estimate, Unpriced, estimate
from aiguard.model import CostChange, CostLine, Resource


@dataclass
class CostReport:
    """The change, notices about unpriced resources, and for every line its matching key
    and team (the head's tag, else the base's), for the guardrails."""

    change: CostChange | None
    notices: list[str]
    lines: dict[str, CostLine] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    teams: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (tag, team)


def cost_of_change(
    head: Sequence[Resource],
    base: Sequence[Resource] | None,
    prices: PriceBook,
    team_tags: Sequence[str],
) -> CostReport:
    """Price the head (and the base, if given) and pair their resources."""
    after, notices = _priced(head, prices)
    before, base_notices = _priced(base or [], prices)
    notices += [n for n in base_notices if n not in notices]
    report = CostReport(None, sorted(notices))
    for key in sorted(set(after) | set(before)):
        now, then = after.get(key), before.get(key)
        shown = now if now is not None else then
        assert shown is not None
        report.lines[key] = CostLine(
            resource=shown.resource.id,
            file=shown.resource.file,
            line=shown.resource.line,
            monthly_before=then.monthly if then else None,
            monthly_after=now.monthly if now else None,
            basis=shown.basis,
        )
        report.kinds[key] = shown.resource.kind
        team = _team(shown.resource, team_tags)
        if team is None and then is not None:
            team = _team(then.resource, team_tags)
        if team is not None:
            report.teams[key] = team
    if report.lines:
        report.change = CostChange(
            currency=prices.currency,
            hours_per_month=prices.hours_per_month,
            lines=sorted(report.lines.values(), key=lambda ln: (ln.file, ln.line, ln.resource)),
            total_before=_total(before.values()) if base is not None else None,
            total_after=_total(after.values()),
        )
    return report


def _total(estimates: Iterable[Estimate]) -> float:
    return round(sum(e.monthly for e in estimates), 2)


def _priced(
    resources: Iterable[Resource], prices: PriceBook
) -> tuple[dict[str, Estimate], list[str]]:
    """Estimates by matching key, and a notice for every resource that has no price."""
    resources = list(resources)
    keys = _match_keys(resources)
    priced: dict[str, Estimate] = {}
    notices: list[str] = []
    for resource, key in zip(resources, keys, strict=True):
        result = estimate(resource, prices)
        where = f"{resource.id} ({resource.file}:{resource.line})"
        if isinstance(result, Estimate):
            priced[key] = result
            if result.gap:
                notices.append(f"cost: {where} is only partly estimated: {result.gap}")
        elif isinstance(result, Unpriced):
            notices.append(
                f"cost: {where} is not in the estimate: {result.reason}; "
                "docs/cost.md says how to price it"
            )
    return priced, notices


def _match_keys(resources: Sequence[Resource]) -> list[str]:
    """Directory and id; the file instead of the directory where that is ambiguous."""
    short = [f"{posixpath.dirname(r.file)}|{r.id}" for r in resources]
    seen = Counter(short)
    return [
        key if seen[key] == 1 else f"{r.file}|{r.id}"
        for key, r in zip(short, resources, strict=True)
    ]


def _team(resource: Resource, team_tags: Sequence[str]) -> tuple[str, str] | None:
    """The first team tag the resource carries and its value (keys compared lower-case)."""
    tags = {key.lower(): value for key, value in resource.derived.tags.items()}
    for name in team_tags:
        value = tags.get(str(name).lower())
        if value and value.strip():
            return str(name), value.strip()
    return None
