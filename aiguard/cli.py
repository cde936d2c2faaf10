"""The `aiguard` command line.

Exit codes are a contract with CI systems: 0 clean, 1 findings at or above
`--fail-on`, 2 usage, configuration or policy error, 3 internal error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from aiguard import __version__
from aiguard.billing.command import billing as billing_group
from aiguard.bundle import scan_bundle
from aiguard.cli_shared import (
    EXIT_INTERNAL,
    EXIT_USAGE,
    config_option,
    data_option,
    emit_report,
    listing_format_option,
    policies_option,
    report_options,
)
from aiguard.compliance.command import report_command
from aiguard.config import Config, load_config
from aiguard.costing.command import cost_command, prices_group
from aiguard.engine import OpaOptions
from aiguard.errors import UsageError
from aiguard.findings import TOOL_RULES
from aiguard.gate_commands import baseline_group, gate_options, gated_scan, waivers_group
from aiguard.model import Resource, RuleMeta, ScanResult
from aiguard.outputs import pair_outputs
from aiguard.paths import builtin_policies_dir
from aiguard.policies import load_policies
from aiguard.rules_doc import render_rules_markdown
from aiguard.scan import load_policy_set, run_scan


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aiguard")
def cli() -> None:
    """Policy-as-code compliance and FinOps linter for AI infrastructure."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@config_option
@report_options
@policies_option
@data_option
@click.option(
    "--engine",
    type=click.Choice(["embedded", "opa"]),
    default="embedded",
    show_default=True,
    help="Policy engine: regopy in-process, or a real OPA server (docs/engines.md).",
)
@click.option(
    "--opa-url",
    metavar="URL",
    help="OPA server to evaluate on (default with --engine opa: start `opa run --server`).",
)
@click.option(
    "--opa-token",
    metavar="TOKEN",
    envvar="AIGUARD_OPA_TOKEN",
    show_envvar=True,
    help="Bearer token for the OPA server.",
)
@click.option(
    "--opa-ca",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="CA certificate (PEM) that signed the OPA server's TLS certificate.",
)
@click.option(
    "--opa-preloaded",
    is_flag=True,
    help="Use the policies and data an `aiguard bundle` already loaded into OPA.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), help="Evaluation threads (default: number of CPUs)."
)
@gate_options
def scan(
    paths: tuple[str, ...],
    config_path: Path | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    fail_on: str | None,
    policy_dirs: tuple[Path, ...],
    data_dirs: tuple[Path, ...],
    engine: str,
    workers: int | None,
    opa_url: str | None,
    opa_token: str | None,
    opa_ca: Path | None,
    opa_preloaded: bool,
    baseline_file: Path | None,
    diff_base: str | None,
    no_inline_waivers: bool,
) -> None:
    """Scan Kubernetes manifests, Terraform and Terraform plans under PATHS (default: .)."""
    opa = OpaOptions(opa_url, opa_token, opa_ca, opa_preloaded)
    _check_opa_options(engine, opa)
    pairs = pair_outputs(formats, outputs)
    config = load_config(config_path)
    threshold = fail_on or config.fail_on

    def scan_once(
        scan_paths: list[str], scan_config: Config, cost_base: list[Resource] | None
    ) -> ScanResult:
        return run_scan(
            scan_paths,
            scan_config,
            [p.resolve() for p in policy_dirs],  # the base of --diff-base scans elsewhere
            [d.resolve() for d in data_dirs],
            engine_name=engine,
            workers=workers,
            opa=opa,
            cost_base=cost_base,
            inline_waivers=not no_inline_waivers,
        )

    result = gated_scan(list(paths) or ["."], config, scan_once, diff_base, baseline_file)
    emit_report(result, pairs, threshold)


def _check_opa_options(engine: str, opa: OpaOptions) -> None:
    """OPA options without `--engine opa` would be silently ignored; say so instead.

    A token from AIGUARD_OPA_TOKEN is fine: the environment is set for every run.
    """
    source = click.get_current_context().get_parameter_source("opa_token")
    token_given = source is click.core.ParameterSource.COMMANDLINE
    if engine != "opa" and (opa.url or opa.ca_file or opa.preloaded or token_given):
        raise UsageError("--opa-url, --opa-token, --opa-ca and --opa-preloaded need --engine opa")


@cli.command("bundle")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("aiguard-bundle.tar.gz"),
    show_default=True,
    help="Where to write the bundle.",
)
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


@cli.group()
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
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output (docs/rules.md).",
)
def policies_docs(output: Path | None) -> None:
    """The rule reference in Markdown: a table per family, the EU AI Act article map."""
    rules = load_policies(builtin_policies_dir(), []).rules.values()
    text = render_rules_markdown(rules)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


cli.add_command(waivers_group)
cli.add_command(baseline_group)
cli.add_command(billing_group)
cli.add_command(prices_group)
cli.add_command(cost_command)
cli.add_command(report_command)


def main() -> None:
    """Entry point: run the CLI and map every outcome to the documented exit codes."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_USAGE)
    except UsageError as exc:
        click.echo(f"aiguard: error: {exc.render()}", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:
        click.echo(
            f"aiguard: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in aiguard; please report it with the command you ran.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
