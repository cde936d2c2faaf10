"""A billing scan: exports -> FOCUS view -> aggregates -> cost guardrails -> findings.

The guardrails are ordinary rules (kind `billing:focus`) evaluated through the same
engine interface as manifest scans, on ONE input document: the aggregates. A manifest
has no resource of that kind, so manifest scans never select them, and a billing scan
selects nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from aiguard.billing.quality import QualityProblem
from aiguard.billing.reader_process import BillingOptions, ReaderProcess
from aiguard.billing.sources import exports_being_read
from aiguard.config import Config
from aiguard.engine import Engine, OpaOptions, Violation, create_engine
from aiguard.findings import (
    BILLING_DATA_QUALITY_RULE,
    PARSE_RULE,
    apply_tool_rule_settings,
    assign_fingerprints,
    finding_from_parse_error,
    finding_from_violation,
)
from aiguard.model import (
    Amount,
    BillingSummary,
    DailyCost,
    Finding,
    ParseError,
    RuleMeta,
    ScanResult,
)
from aiguard.paths import builtin_rules_dir
from aiguard.policies import deep_merge, load_rule_data
from aiguard.policy_set import load_policy_set

BILLING_KIND = "billing:focus"
# FOCUS ProviderName (lower-case) -> the cloud keys of rules/regions.yaml.
PROVIDER_KEYS = {
    "aws": "aws",
    "amazon web services": "aws",
    "google cloud": "google",
    "google": "google",
    "gcp": "google",
    "microsoft": "azurerm",
    "microsoft azure": "azurerm",
    "azure": "azurerm",
}


def billing_rules(config: Config, extra_policy_dirs: Iterable[Path]) -> tuple[Any, list[RuleMeta]]:
    """The policy set and the rules of it that judge billing aggregates."""
    policy_set = load_policy_set(config, extra_policy_dirs)
    rules = [r for r in policy_set.rules.values() if BILLING_KIND in r.kinds]
    return policy_set, sorted(rules, key=lambda r: r.package)


def billing_data(config: Config, extra_data_dirs: Iterable[Path]) -> dict[str, Any]:
    """Rule data with `billing:` of .aiguard.yaml over rules/billing.yaml."""
    dirs = [builtin_rules_dir(), *config.data_dirs(), *extra_data_dirs]
    data = load_rule_data(dirs, config.settings)
    merged = data["aiguard"]["config"]
    merged["billing"] = deep_merge(merged.get("billing", {}), config.billing.as_data())
    return data


def run_billing_scan(
    arguments: list[str],
    config: Config,
    options: BillingOptions | None = None,
    extra_policy_dirs: Iterable[Path] = (),
    extra_data_dirs: Iterable[Path] = (),
    engine_name: str = "embedded",
    opa: OpaOptions | None = None,
) -> ScanResult:
    """Scan the exports named by `arguments` (files, directories, globs, s3:// URIs).

    `aiguard billing scan` runs the same steps, but loads its configuration after the
    reader has its first request (aiguard/billing/command.py)."""
    with exports_being_read(arguments, options or BillingOptions()) as (reader, files):
        return finish_billing_scan(
            reader,
            files,
            arguments[0],
            config,
            extra_policy_dirs,
            extra_data_dirs,
            engine_name,
            opa,
        )


def finish_billing_scan(
    reader: ReaderProcess,
    files: list[tuple[Path, str]],
    label: str,
    config: Config,
    extra_policy_dirs: Iterable[Path] = (),
    extra_data_dirs: Iterable[Path] = (),
    engine_name: str = "embedded",
    opa: OpaOptions | None = None,
) -> ScanResult:
    """The rest of a scan whose reader is reading `files`: its settings, the guardrails
    and the findings. `label` names the scan in the guardrails' findings."""
    data = billing_data(config, extra_data_dirs)
    reader.send_settings(data["aiguard"]["config"]["billing"], PROVIDER_KEYS)
    # The policies load into the engine while DuckDB reads the exports.
    policy_set, rules = billing_rules(config, extra_policy_dirs)
    engine = create_engine(engine_name, 1, opa) if rules else None
    try:
        if engine is not None:
            engine.load(policy_set.engine_modules(), data)
        answer = reader.answer()
        aggregate = answer["aggregate"]
        violations = []
        if engine is not None and aggregate is not None:
            violations = _evaluate(engine, rules, aggregate, label)
    finally:
        if engine is not None:
            engine.close()
    findings = [
        finding_from_parse_error(ParseError(file=u["file"], line=1, message=u["message"]))
        for u in answer["unreadable"]
    ]
    if aggregate is None:
        return _result(apply_tool_rule_settings(findings, config), files, rules, None)

    overrides = config.severity_overrides()
    for violation in violations:
        rule = policy_set.rules[violation.rule]
        # Its resources are slices of spend (billing:region/...), not parsed resources:
        # the finding stands at the scan's first argument, line 1.
        finding = finding_from_violation(violation, rule, {}, label, overrides.get(rule.id))
        findings.append(finding.model_copy(update={"kind": BILLING_KIND}))
    findings += [_quality_finding(QualityProblem(**p)) for p in answer["problems"]]
    findings = apply_tool_rule_settings(findings, config)
    return _result(findings, files, rules, _summary(aggregate))


def _evaluate(
    engine: Engine, rules: list[RuleMeta], aggregate: dict[str, Any], label: str
) -> list[Violation]:
    """The guardrails' violations: ONE input document, the aggregates of every export."""
    aggregate["source"] = label
    packages = [r.package for r in rules]
    document = {
        "billing": aggregate,
        "context": {"unit": label, "format": "billing", "rules": packages},
    }
    return engine.evaluate([document])[0]


def _quality_finding(problem: QualityProblem) -> Finding:
    rule = BILLING_DATA_QUALITY_RULE
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        severity=rule.severity,
        message=problem.message,
        file=problem.file,
        line=problem.line,
        resource=f"billing:column/{problem.column}",
        kind=BILLING_KIND,
        attribute=problem.column,
    )


def _result(
    findings: list[Finding],
    files: list[tuple[Path, str]],
    rules: list[RuleMeta],
    summary: BillingSummary | None,
) -> ScanResult:
    ordered = sorted(findings, key=Finding.sort_key)
    tool_rules = [PARSE_RULE, BILLING_DATA_QUALITY_RULE]
    return ScanResult(
        findings=assign_fingerprints(ordered),
        files_scanned=len(files),
        resources=summary.rows if summary else 0,
        rules=len(rules),
        rules_run={r.id: r for r in [*rules, *tool_rules]},
        billing=summary,
    )


def _summary(aggregate: dict[str, Any]) -> BillingSummary:
    periods = aggregate["periods"]
    daily = [
        DailyCost(
            day=date.fromisoformat(d["day"]),
            cost=d["cost"],
            expected=d["expected"],
            anomaly=d["anomaly"],
        )
        for d in aggregate["daily"]
    ]
    return BillingSummary(
        source_format=", ".join(aggregate["formats"]),
        rows=aggregate["rows"],
        currency=aggregate["currency"],
        period_start=date.fromisoformat(periods[0]["first_day"]) if periods else None,
        period_end=date.fromisoformat(periods[-1]["last_day"]) if periods else None,
        billed_cost=aggregate["billed_cost"],
        effective_cost=aggregate["effective_cost"],
        top_services=[Amount(**a) for a in aggregate["top_services"]],
        gpu_cost=aggregate["gpu"]["cost"],
        untagged_share=round(aggregate["untagged"]["share_percent"] / 100, 4),
        daily=daily,
        anomalies=[d for d in daily if d.anomaly],
        top_resources=[Amount(**a) for a in aggregate["top_resources"]],
        gpu_by_sku=[Amount(**a) for a in aggregate["gpu"]["by_sku"]],
    )
