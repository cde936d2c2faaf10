"""The scan pipeline: discover, parse, evaluate per scan unit, collect findings.

A scan unit is what one policy evaluation sees: one Kubernetes file, one Terraform
module directory (so a bucket and its encryption resource in another file can be
joined), or one Terraform plan. Units holding no resource that any loaded rule
targets are not evaluated at all, which skips most of a large platform install
(CRDs, RBAC, ConfigMaps).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiguard.config import Config
from aiguard.costing.stage import cost_stage
from aiguard.derive import accelerator_resource_names
from aiguard.discover import FileKind, SourceFile, discover
from aiguard.engine import OpaOptions, create_engine
from aiguard.findings import (
    TOOL_RULES,
    apply_tool_rule_settings,
    assign_fingerprints,
    finding_from_parse_error,
    finding_from_violation,
)
from aiguard.model import Finding, ParseError, ParseOutput, Resource, ScanResult
from aiguard.parsers.kubernetes import parse_kubernetes
from aiguard.parsers.terraform import parse_terraform_module
from aiguard.parsers.terraform_plan import parse_terraform_plan
from aiguard.paths import builtin_rules_dir
from aiguard.policies import PolicySet, load_rule_data
from aiguard.policy_set import load_policy_set
from aiguard.scoping import apply_ai_defaults, in_scope
from aiguard.waivers import waivable_rule_ids, waive_findings


@dataclass
class ScanUnit:
    """The resources one policy evaluation sees, and which files may be reported."""

    path: str
    format: FileKind
    output: ParseOutput
    report_files: set[str] = field(default_factory=set)


def run_scan(
    paths: list[str],
    config: Config,
    extra_policy_dirs: Iterable[Path] = (),
    extra_data_dirs: Iterable[Path] = (),
    engine_name: str = "embedded",
    workers: int | None = None,
    opa: OpaOptions | None = None,
    cost_base: list[Resource] | None = None,
    inline_waivers: bool = True,
) -> ScanResult:
    """Scan `paths` and return every finding, sorted.

    `cost_base` is the inventory of the base of a change (`ScanResult.inventory` of a
    scan of the base revision). With it the cost estimate reports each resource's
    monthly cost before and after and the total before, and the change guardrails
    (maximum monthly increase, per-team budget) judge the delta; without it the
    estimate has only the "after" side.
    """
    policy_set = load_policy_set(config, extra_policy_dirs)
    data_dirs = [builtin_rules_dir(), *config.data_dirs(), *extra_data_dirs]
    data = load_rule_data(data_dirs, config.settings)

    workers = workers or os.cpu_count() or 1
    sources = discover(paths, config.exclude)
    units = build_units(sources)
    apply_ai_defaults((r for u in units for r in u.output.resources), config.ai_defaults)
    selected = select_inputs(units, policy_set)
    inventory = [r for u in units for r in u.output.resources]
    cost = cost_stage(inventory, cost_base, config, data, policy_set.rules)
    documents = [document for _, document in selected] + cost.documents

    engine = create_engine(engine_name, workers, opa)
    try:
        engine.load(policy_set.engine_modules(), data)
        results = engine.evaluate(documents) if documents else []
    finally:
        engine.close()

    overrides = config.severity_overrides()
    findings: list[Finding] = []
    for (unit, _), violations in zip(selected, results[: len(selected)], strict=True):
        by_id = {r.id: r for r in unit.output.resources}
        for violation in violations:
            rule = policy_set.rules[violation.rule]
            if not in_scope(rule, by_id.get(violation.resource or "")):
                continue
            finding = finding_from_violation(
                violation, rule, by_id, unit.path, overrides.get(rule.id)
            )
            if finding.file in unit.report_files:
                findings.append(finding)
    findings += cost.findings(results[len(selected) :], policy_set.rules, overrides)
    findings += _parse_findings(units)
    known_rules = waivable_rule_ids(policy_set, config)
    plan_files = frozenset(s.path for s in sources if s.kind == "terraform-plan")
    waiver_findings, waiver_notices = waive_findings(
        findings, inventory, plan_files, config, known_rules, inline_waivers
    )
    findings = apply_tool_rule_settings(findings + waiver_findings, config)

    return ScanResult(
        findings=assign_fingerprints(sorted(set_unique(findings), key=Finding.sort_key)),
        files_scanned=len(sources),
        resources=len(inventory),
        rules=len(policy_set.rules),
        notices=sorted(
            [*(n for u in units for n in u.output.notices), *waiver_notices, *cost.notices]
        ),
        rules_run={rule.id: rule for rule in [*policy_set.rules.values(), *TOOL_RULES]},
        inventory=inventory,
        cost=cost.change,
    )


def select_inputs(
    units: list[ScanUnit], policy_set: PolicySet
) -> list[tuple[ScanUnit, dict[str, Any]]]:
    """The input document of every unit that holds a resource some rule targets,
    with only the targeted resources in it."""
    matchers = {package: _kind_matcher(rule.kinds) for package, rule in policy_set.rules.items()}
    scan = scan_context(units)
    selected = []
    for unit in units:
        kinds = {r.kind for r in unit.output.resources}
        rules = sorted(p for p, matches in matchers.items() if any(map(matches, kinds)))
        if rules:
            resources = [
                r for r in unit.output.resources if any(matchers[p](r.kind) for p in rules)
            ]
            selected.append((unit, _input_document(unit, resources, rules, scan)))
    return selected


def scan_context(units: list[ScanUnit]) -> dict[str, Any]:
    """Facts about the whole scan that no single unit holds, for `input.context.scan`.

    A GPU ResourceQuota usually lives in another file than the workloads it limits, so
    the namespaces that have one are collected here, from every parsed resource.
    """
    quota_namespaces = {
        r.attributes.get("metadata", {}).get("namespace") or "default"
        for unit in units
        for r in unit.output.resources
        if r.kind == "ResourceQuota" and _limits_gpus(r.attributes)
    }
    return {"gpu_quota_namespaces": sorted(quota_namespaces)}


def _limits_gpus(quota: dict[str, Any]) -> bool:
    hard = (quota.get("spec") or {}).get("hard") or {}
    return isinstance(hard, dict) and any(
        key.removeprefix("requests.").removeprefix("limits.") in accelerator_resource_names()
        for key in hard
    )


def set_unique(findings: list[Finding]) -> list[Finding]:
    """Drop exact duplicates (a rule may derive the same violation twice)."""
    seen: dict[str, Finding] = {}
    for finding in findings:
        seen.setdefault(finding.model_dump_json(), finding)
    return list(seen.values())


def _parse_findings(units: list[ScanUnit]) -> list[Finding]:
    return [
        finding_from_parse_error(error)
        for unit in units
        for error in unit.output.errors
        if error.file in unit.report_files
    ]


def _input_document(
    unit: ScanUnit, resources: list[Resource], rules: list[str], scan: dict[str, Any]
) -> dict[str, Any]:
    """What the policies see of a unit: the targeted resources, and in `context.rules`
    the packages of the rules that target some of them (the entrypoint evaluates only
    those)."""
    return {
        "resources": [r.to_input() for r in resources],
        "context": {"unit": unit.path, "format": unit.format, "rules": rules, "scan": scan},
    }


def _kind_matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A predicate on resource kinds, from the rules' `kinds` (exact names or globs)."""
    exact: set[str] = set()
    globs: list[str] = []
    for pattern in patterns:
        if any(c in pattern for c in "*?["):
            globs.append(pattern)
        else:
            exact.add(pattern)
    regex = re.compile("|".join(fnmatch.translate(g) for g in globs)) if globs else None

    def matches(kind: str) -> bool:
        return kind in exact or (regex is not None and regex.match(kind) is not None)

    return matches


def build_units(sources: list[SourceFile]) -> list[ScanUnit]:
    """Parse every source into scan units; Terraform files are grouped by directory.

    Parsing stays in this process: in worker processes, sending the parsed resources
    back cost more than the parse itself (benchmarks/README.md).
    """
    specs: list[tuple[FileKind, str, frozenset[str]]] = []
    modules: dict[Path, set[str]] = defaultdict(set)
    for source in sources:
        if source.kind == "terraform":
            modules[Path(source.path).parent].add(source.path)
        else:
            specs.append((source.kind, source.path, frozenset({source.path})))
    for directory, requested in sorted(modules.items()):
        specs.append(("terraform", directory.as_posix(), frozenset(requested)))
    return [_parse_unit(spec) for spec in specs]


def _parse_unit(spec: tuple[FileKind, str, frozenset[str]]) -> ScanUnit:
    kind, path, requested = spec
    if kind == "terraform":
        return _parse_module(Path(path), set(requested))
    return ScanUnit(path, kind, _parse_single(SourceFile(path, kind)), set(requested))


def _parse_single(source: SourceFile) -> ParseOutput:
    try:
        text = Path(source.path).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return _unreadable(source.path, "file is not valid UTF-8")
    except OSError as exc:
        return _unreadable(source.path, f"cannot read file: {exc.strerror}")
    if source.kind == "kubernetes":
        return parse_kubernetes(source.path, text)
    return parse_terraform_plan(source.path, text)


def _parse_module(directory: Path, requested: set[str]) -> ScanUnit:
    """A Terraform module: every .tf file in the directory gives context (providers,
    variables, locals), but only the requested files are reported on."""
    files: list[tuple[str, bytes]] = []
    errors: list[ParseError] = []
    prefix = "" if str(directory) == "." else directory.as_posix() + "/"
    for path in sorted(directory.glob("*.tf")):
        display = prefix + path.name
        try:
            files.append((display, path.read_bytes()))
        except OSError as exc:
            errors.append(ParseError(file=display, line=1, message=f"cannot read file: {exc}"))
    output = parse_terraform_module(files)
    output.errors.extend(errors)
    return ScanUnit(directory.as_posix(), "terraform", output, requested)


def _unreadable(path: str, message: str) -> ParseOutput:
    return ParseOutput(errors=[ParseError(file=path, line=1, message=message)])
