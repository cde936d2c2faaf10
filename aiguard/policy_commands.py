"""`aiguard bundle` and `aiguard policies`: the policies a scan loads, as a bundle or a list."""

from __future__ import annotations

import json
from pathlib import Path

import click

from aiguard.bundle import scan_bundle
from aiguard.cli_shared import (
    config_option,
    data_option,
    listing_format_option,
    output_file_option,
    policies_option,
)
from aiguard.config import load_config
from aiguard.errors import UsageError
from aiguard.findings import TOOL_RULES
from aiguard.model import RuleMeta
from aiguard.paths import builtin_policies_dir
from aiguard.policies import load_policies
from aiguard.policy_set import load_policy_set
from aiguard.rules_doc import render_rules_markdown


@click.command("bundle")
@output_file_option("Where to write the bundle.", default=Path("aiguard-bundle.tar.gz"))
@policies_option
@data_option
@config_option
def bundle_command(
    output: Path,
    policy_dirs: tuple[Path, ...],
    data_dirs: tuple[Path, ...],
    config_path: Path | None,
) -> None:
    """Build an OPA bundle of the policies and rule data a scan would load.

    Serve it with `opa run --server --bundle FILE` and scan with
    `aiguard scan --engine opa --opa-url URL --opa-preloaded`.
    """
    built = scan_bundle(load_config(config_path), policy_dirs, data_dirs)
    try:
        built.write(output)
    except OSError as exc:
        raise UsageError(f"cannot write the bundle: {exc.strerror}", file=str(output)) from exc
    modules = sum(1 for path in built.files if path.endswith(".rego"))
    click.echo(f"wrote {output}: {modules} policy modules, revision {built.revision}")


@click.group()
def policies() -> None:
    """List and show the rules aiguard evaluates."""


def _all_rules(config_path: Path | None, policy_dirs: tuple[Path, ...]) -> list[RuleMeta]:
    config = load_config(config_path)
    policy_set = load_policy_set(config, policy_dirs)
    return sorted([*policy_set.rules.values(), *TOOL_RULES], key=lambda r: r.id)


@policies.command("list")
@config_option
@policies_option
@listing_format_option
def policies_list(
    config_path: Path | None, policy_dirs: tuple[Path, ...], output_format: str
) -> None:
    """Every rule with id, severity, title and framework references."""
    rules = _all_rules(config_path, policy_dirs)
    if output_format == "json":
        rows = [r.model_dump(mode="json", exclude={"file", "builtin"}) for r in rules]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for rule in rules:
        refs = ", ".join(f"{f.name} {f.ref}" for f in rule.frameworks) or "-"
        click.echo(f"{rule.id:<13} {rule.severity.value:<8} {rule.title}  [{refs}]")
    click.echo(f"\n{len(rules)} rules")


@policies.command("show")
@click.argument("rule_id")
@config_option
@policies_option
def policies_show(rule_id: str, config_path: Path | None, policy_dirs: tuple[Path, ...]) -> None:
    """Everything about one rule: description, scope, references and remediation."""
    rules = {r.id: r for r in _all_rules(config_path, policy_dirs)}
    rule = rules.get(rule_id.upper())
    if rule is None:
        raise UsageError(f"no rule with id {rule_id}; `aiguard policies list` shows the ids")
    click.echo(f"{rule.id}: {rule.title}")
    click.echo(f"severity:   {rule.severity.value}")
    click.echo(f"basis:      {rule.basis}")
    click.echo(f"kinds:      {', '.join(rule.kinds)}")
    if rule.scope:
        scope = "; ".join(f"{k} in {', '.join(v)}" for k, v in rule.scope.items())
        click.echo(f"applies to: {scope}")
    if rule.effective_from:
        click.echo(f"effective:  from {rule.effective_from}")
    for ref in rule.frameworks:
        click.echo(f"framework:  {ref.name} {ref.ref}")
    if rule.file:
        click.echo(f"policy:     {rule.file}")
    click.echo(f"\n{rule.description.strip()}\n\nRemediation:\n{rule.remediation.rstrip()}")


@policies.command("docs")
@output_file_option("Write to this file instead of standard output (docs/rules.md).")
def policies_docs(output: Path | None) -> None:
    """The rule reference in Markdown: a table per family, the EU AI Act article map."""
    rules = load_policies(builtin_policies_dir(), []).rules.values()
    text = render_rules_markdown(rules)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
