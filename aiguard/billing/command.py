"""`aiguard billing scan`: the command line of billing scans (docs/billing.md)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from aiguard.billing.formats import FORMATS as SOURCE_FORMATS
from aiguard.billing.reader_process import DEFAULT_MEMORY_LIMIT, BillingOptions
from aiguard.billing.sources import exports_being_read
from aiguard.cli_shared import emit_report, evaluation_options
from aiguard.outputs import pair_outputs


def _memory_size(value: str) -> str:
    """A size DuckDB's memory_limit takes (512MB, 2GB, 1.5GiB); anything else is a usage
    error here rather than a failure inside the reader."""
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", value):
        raise click.BadParameter(f"{value!r} is not a size such as 512MB or 2GB")
    return value


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
    default=DEFAULT_MEMORY_LIMIT,
    show_default=True,
    callback=lambda _context, _parameter, value: _memory_size(value),
    help="DuckDB memory limit, e.g. 2GB; larger exports spill to disk.",
)
@click.option("--threads", type=click.IntRange(min=1), help="DuckDB threads (default: all CPUs).")
@evaluation_options
def billing_scan(
    sources: tuple[str, ...],
    source_format: str | None,
    memory_limit: str,
    threads: int | None,
    config_path: Path | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    fail_on: str | None,
    policy_dirs: tuple[Path, ...],
    data_dirs: tuple[Path, ...],
    engine: str,
    opa_url: str | None,
) -> None:
    """Scan billing exports: files, directories, globs or s3://bucket/prefix URIs."""
    if opa_url and engine != "opa":
        raise click.UsageError("--opa-url needs --engine opa")
    # The reader starts first, with what to read: everything it needs for its pass over
    # the rows comes from the command line. The rest is imported and loaded while
    # DuckDB reads (aiguard/billing/reader_process.py).
    pairs = pair_outputs(formats, outputs)
    options = BillingOptions(source_format, memory_limit, threads)
    with exports_being_read(list(sources), options) as (reader, files):
        from aiguard.billing.scan import finish_billing_scan
        from aiguard.config import load_config
        from aiguard.engine import OpaOptions

        config = load_config(config_path)
        result = finish_billing_scan(
            reader,
            files,
            sources[0],
            config,
            policy_dirs,
            data_dirs,
            engine_name=engine,
            opa=OpaOptions(url=opa_url),
        )
    emit_report(result, pairs, fail_on or config.fail_on)
