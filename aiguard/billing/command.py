"""`aiguard billing scan`: the command line of billing scans (docs/billing.md)."""

from __future__ import annotations

from pathlib import Path

import click

from aiguard.billing.formats import FORMATS as SOURCE_FORMATS
from aiguard.cli_shared import (
    config_option,
    data_option,
    emit_report,
    policies_option,
    report_options,
)
from aiguard.config import load_config
from aiguard.engine import OpaOptions
from aiguard.outputs import pair_outputs


@click.group("billing")
def billing() -> None:
    """Cost guardrails over cloud billing exports (FOCUS, AWS CUR, GCP, Azure)."""


@billing.command("scan")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--source-format",
    type=click.Choice(sorted(SOURCE_FORMATS)),
    help="Export format of every source (default: detected from the headers).",
)
@click.option(
    "--memory-limit",
    metavar="SIZE",
    help="DuckDB memory limit, e.g. 2GB; larger exports spill to disk (default: config, 1GB).",
)
@click.option("--threads", type=click.IntRange(min=1), help="DuckDB threads (default: all CPUs).")
@click.option(
    "--engine",
    type=click.Choice(["embedded", "opa"]),
    default="embedded",
    show_default=True,
    help="Policy engine, as for `aiguard scan`.",
)
@click.option("--opa-url", metavar="URL", help="OPA server for --engine opa.")
@config_option
@report_options
@policies_option
@data_option
def billing_scan(
    sources: tuple[str, ...],
    source_format: str | None,
    memory_limit: str | None,
    threads: int | None,
    engine: str,
    opa_url: str | None,
    config_path: Path | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    fail_on: str | None,
    policy_dirs: tuple[Path, ...],
    data_dirs: tuple[Path, ...],
) -> None:
    """Scan billing exports: files, directories, globs or s3://bucket/prefix URIs."""
    if opa_url and engine != "opa":
        raise click.UsageError("--opa-url needs --engine opa")
    # Imported here: DuckDB costs every other command (a pre-commit hook) its import time.
    from aiguard.billing.scan import BillingOptions, run_billing_scan

    pairs = pair_outputs(formats, outputs)
    config = load_config(config_path)
    threshold = fail_on or config.fail_on
    result = run_billing_scan(
        list(sources),
        config,
        BillingOptions(source_format, memory_limit, threads),
        policy_dirs,
        data_dirs,
        engine_name=engine,
        opa=OpaOptions(url=opa_url),
    )
    emit_report(result, pairs, threshold)
