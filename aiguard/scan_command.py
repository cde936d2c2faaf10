"""`aiguard scan`: manifests, Terraform and plans against the policies (README.md)."""

from __future__ import annotations

from pathlib import Path

import click

from aiguard.cli_shared import emit_report, evaluation_options
from aiguard.config import Config, load_config
from aiguard.engine import OpaOptions
from aiguard.errors import UsageError
from aiguard.gate_commands import gate_options, gated_scan
from aiguard.model import Resource, ScanResult
from aiguard.outputs import pair_outputs
from aiguard.scan import run_scan


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@evaluation_options
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
