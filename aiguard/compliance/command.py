"""`aiguard report`: the compliance report of a scan, and `--verify` of an earlier one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aiguard.cli_shared import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    config_option,
    data_option,
    output_file_option,
    policies_option,
)
from aiguard.compliance.articles import FRAMEWORK
from aiguard.compliance.evidence import build_record as build_evidence
from aiguard.compliance.evidence import (
    compare,
    input_files,
    policy_files,
    set_digest,
)
from aiguard.compliance.render import read_evidence, render_html, render_json, render_markdown
from aiguard.compliance.report import build_report
from aiguard.config import load_config
from aiguard.errors import UsageError
from aiguard.scan import run_scan

RENDERERS = {"html": render_html, "json": render_json, "md": render_markdown}


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--framework", type=click.Choice([FRAMEWORK]), default=FRAMEWORK, show_default=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(RENDERERS)),
    default="html",
    show_default=True,
)
@output_file_option()
@click.option(
    "--verify",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A JSON or HTML report written before: recompute its digests and list changes.",
)
@config_option
@policies_option
@data_option
def report_command(
    paths: tuple[str, ...],
    framework: str,
    output_format: str,
    output: Path | None,
    verify: Path | None,
    config_path: Path | None,
    policy_dirs: tuple[Path, ...],
    data_dirs: tuple[Path, ...],
) -> None:
    """The EU AI Act evidence report for PATHS (default: .), with an evidence record.

    Exit 0 once the report is written. With --verify FILE: exit 0 when the inputs and
    policies recorded in FILE are unchanged, 1 when they changed (each change listed).
    """
    if verify is not None:
        if paths or policy_dirs or data_dirs or config_path:
            raise UsageError(
                "--verify takes the paths, config, policies and data recorded in the "
                "report; give it alone: `aiguard report --verify FILE`"
            )
        sys.exit(_verify(verify))
    config = load_config(config_path)
    scanned = list(paths) or ["."]
    result = run_scan(scanned, config, policy_dirs, data_dirs, workers=None)
    evidence = build_evidence(
        result, scanned, config, list(policy_dirs), list(data_dirs), framework
    )
    text = RENDERERS[output_format](build_report(result, evidence))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the report: {exc.strerror}", file=str(output)) from exc
    click.echo(
        f"wrote {output}: {len(result.findings)} findings, "
        f"evidence of {len(evidence.inputs)} input files"
    )


def _verify(report_file: Path) -> int:
    record = read_evidence(report_file.read_text(encoding="utf-8"), str(report_file))
    config_path = Path(record.config) if record.config else None
    if config_path is not None and not config_path.is_file():
        click.echo(f"input removed: {record.config}")
        return EXIT_FINDINGS
    config = load_config(config_path) if config_path else load_config(None)
    missing = [p for p in record.paths if not Path(p).exists()]
    present = [p for p in record.paths if Path(p).exists()]
    inputs = input_files(present, config) if present else {}
    policies = policy_files(
        config, [Path(d) for d in record.policy_dirs], [Path(d) for d in record.data_dirs]
    )
    changes = [f"path missing: {p}" for p in missing]
    changes += compare("input", record.inputs, inputs)
    if set_digest(policies) != record.policy_set_digest:
        changes += compare("policy", record.policy_files, policies)
    for line in changes:
        click.echo(line)
    if changes:
        click.echo(f"{len(changes)} changes since {record.generated_at}")
        return EXIT_FINDINGS
    click.echo(
        f"unchanged since {record.generated_at}: {len(inputs)} input files, "
        f"policy set {record.policy_set_digest}"
    )
    return EXIT_CLEAN
