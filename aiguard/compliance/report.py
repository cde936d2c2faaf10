"""The EU AI Act compliance report: per article, the rules that evidence it, their
status per AI system, the findings and waivers, and what infrastructure cannot show.

It never calls a system compliant: a rule without findings is "no findings", and the
report says on its first line that evidence from infrastructure is not compliance.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from aiguard.compliance.articles import FRAMEWORK, Article, Status, article_of, load_articles
from aiguard.compliance.evidence import EvidenceRecord
from aiguard.model import Finding, Resource, ScanResult
from aiguard.outputs.facts import resources_by_location, rule_applies

UNASSIGNED = "(no system id)"
DISCLAIMER = (
    "This report shows what infrastructure manifests evidence for the EU AI Act. It does "
    "not state that any AI system is compliant: rules with basis `evidence` or `practice` "
    "show settings that support a duty, not the duty itself, and the articles listed as "
    "not assessable from infrastructure need organisational evidence."
)


class SystemSummary(BaseModel):
    """An AI system: resources grouped by their declared `aiguard.io/system-id`."""

    id: str
    risk_class: str | None
    role: str | None
    resources: list[str]
    open_findings: int


class RuleStatus(BaseModel):
    """One rule under one article: its legal basis and its status per system."""

    id: str
    title: str
    severity: str
    basis: str
    references: list[str]
    status: dict[str, Status]
    findings: list[Finding]


class ArticleSection(BaseModel):
    ref: str
    title: str
    beyond_infrastructure: str
    rules: list[RuleStatus]


class NotAssessable(BaseModel):
    ref: str
    title: str
    duty: str


class ComplianceReport(BaseModel):
    framework: str
    disclaimer: str
    systems: list[SystemSummary]
    articles: list[ArticleSection]
    not_assessable_from_infrastructure: list[NotAssessable]
    evidence: EvidenceRecord


def system_of(resource: Resource | None) -> str:
    if resource is None or not resource.derived.ai.system_id:
        return UNASSIGNED
    return resource.derived.ai.system_id


def build_report(result: ScanResult, evidence: EvidenceRecord) -> ComplianceReport:
    """The report for a scan result and its evidence record."""
    resources = resources_by_location(result)
    by_system: dict[str, list[Resource]] = defaultdict(list)
    for resource in result.inventory:
        by_system[system_of(resource)].append(resource)
    finding_system = {
        id(f): system_of(resources.get((f.file, f.resource or ""))) for f in result.findings
    }
    systems = sorted(by_system)
    for finding in result.findings:
        if finding_system[id(finding)] not in by_system:
            systems = sorted({*systems, finding_system[id(finding)]})

    articles = load_articles()
    known = {a.ref for a in articles}
    # A user's rule may cite an article our list lacks: it still gets its section.
    articles += [
        Article(ref=ref, title="(not in aiguard's article list)", infrastructure=True, beyond="")
        for ref in sorted(
            {
                article_of(ref.ref)
                for rule in result.rules_run.values()
                for ref in rule.frameworks
                if ref.name == FRAMEWORK and article_of(ref.ref) not in known
            }
        )
    ]
    sections = []
    for article in articles:
        if not article.infrastructure:
            continue
        rules = [
            _rule_status(rule_id, article, result, by_system, finding_system, systems)
            for rule_id in sorted(result.rules_run)
            if any(
                ref.name == FRAMEWORK and article_of(ref.ref) == article.ref
                for ref in result.rules_run[rule_id].frameworks
            )
        ]
        sections.append(
            ArticleSection(
                ref=article.ref,
                title=article.title,
                beyond_infrastructure=article.beyond,
                rules=rules,
            )
        )
    return ComplianceReport(
        framework=FRAMEWORK,
        disclaimer=DISCLAIMER,
        systems=[
            SystemSummary(
                id=system,
                risk_class=_declared(by_system.get(system, []), "risk_class"),
                role=_declared(by_system.get(system, []), "role"),
                resources=sorted(r.id for r in by_system.get(system, [])),
                open_findings=sum(
                    1
                    for f in result.findings
                    if finding_system[id(f)] == system and f.waiver is None
                ),
            )
            for system in systems
        ],
        articles=sections,
        not_assessable_from_infrastructure=[
            NotAssessable(ref=a.ref, title=a.title, duty=a.beyond)
            for a in articles
            if not a.infrastructure
        ],
        evidence=evidence,
    )


def _declared(resources: list[Resource], name: str) -> str | None:
    values = sorted(
        {str(getattr(r.derived.ai, name)) for r in resources if getattr(r.derived.ai, name)}
    )
    return ", ".join(values) if values else None


def _rule_status(
    rule_id: str,
    article: Article,
    result: ScanResult,
    by_system: dict[str, list[Resource]],
    finding_system: dict[int, str],
    systems: list[str],
) -> RuleStatus:
    rule = result.rules_run[rule_id]
    findings = [f for f in result.findings if f.rule_id == rule_id]
    status: dict[str, Status] = {}
    for system in systems:
        mine = [f for f in findings if finding_system[id(f)] == system]
        if any(f.waiver is None for f in mine):
            status[system] = "open findings"
        elif mine:
            status[system] = "waived"
        elif any(rule_applies(rule, r) for r in by_system.get(system, [])):
            status[system] = "no findings"
        else:
            status[system] = "not applicable"
    return RuleStatus(
        id=rule.id,
        title=rule.title,
        severity=rule.severity.value,
        basis=rule.basis,
        references=[
            ref.ref
            for ref in rule.frameworks
            if ref.name == FRAMEWORK and article_of(ref.ref) == article.ref
        ],
        status=status,
        findings=findings,
    )
