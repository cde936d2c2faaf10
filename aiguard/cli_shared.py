"""What every aiguard command shares: exit codes, common options, report writing.

Commands live in their own modules beside their area's code (aiguard/cli.py lists
them) and all report findings through `emit_report`, so formats, outputs and exit
codes behave the same everywhere. This module is imported before any command runs,
so it imports little.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aiguard.outputs import FORMATS, ReportOptions, write_reports

if TYPE_CHECKING:
    from aiguard.model import ScanResult

OptionDecorator = Callable[[Callable[..., None]], Callable[..., None]]
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FAIL_ON = ["critical", "high", "medium", "low", "info", "none"]

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file (default: .aiguard.yaml in the current directory).",
)
data_option = click.option(
    "--data",
    "data_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Extra directory of rule data (YAML/JSON); may be repeated.",
)
FORMAT_HELP = (
    "Report format; may be repeated, each with its own --output (the i-th --output "
    "is the i-th --format's file; at most one format goes to standard output)."
)


def report_options(command: Callable[..., None]) -> Callable[..., None]:
    """--format, --output and --fail-on, shared by every command that reports findings."""
    for option in reversed(
        [
            click.option(
                "--format",
                "formats",
                multiple=True,
                type=click.Choice(sorted(FORMATS)),
                help=FORMAT_HELP,
            ),
            click.option(
                "--output",
                "-o",
                "outputs",
                multiple=True,
                type=click.Path(path_type=Path, dir_okay=False),
                help="File for the report of the --format in the same position.",
            ),
            click.option(
                "--fail-on",
                type=click.Choice(FAIL_ON),
                help="Lowest severity that fails the run (default from config: high).",
            ),
        ]
    ):
        command = option(command)
    return command


def output_file_option(
    description: str | None = None, default: Path | None = None
) -> OptionDecorator:
    """--output/-o: the file a command writes (a report, a bundle, a baseline)."""
    return click.option(
        "--output",
        "-o",
        type=click.Path(path_type=Path, dir_okay=False),
        default=default,
        show_default=default is not None,
        help=description,
    )


listing_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts.",
)
policies_option = click.option(
    "--policies",
    "policy_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Extra directory of Rego policies; may be repeated.",
)


def evaluation_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of the commands that evaluate the policies and report findings
    (`aiguard scan`, `aiguard billing scan`): the config, the reports, extra policies
    and rule data, the engine and an OPA server."""
    options: list[OptionDecorator] = [
        config_option,
        report_options,
        policies_option,
        data_option,
        click.option(
            "--engine",
            type=click.Choice(["embedded", "opa"]),
            default="embedded",
            show_default=True,
            help="Policy engine: regopy in-process, or a real OPA server (docs/engines.md).",
        ),
        click.option(
            "--opa-url",
            metavar="URL",
            help="OPA server to evaluate on (default with --engine opa: start `opa run --server`).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def emit_report(result: ScanResult, pairs: list[tuple[str, Path | None]], threshold: str) -> None:
    """Print notices, write every report, and exit with the code the findings call for."""
    # Imported here, when a report is written (see the module docstring).
    from aiguard.outputs.console import summary_line
    from aiguard.outputs.github import in_github_actions, render_github

    for notice in result.notices:
        click.echo(f"notice: {notice}", err=True)
    colour = sys.stdout.isatty() and all(
        path is not None or name == "console" for name, path in pairs
    )
    text = write_reports(result, pairs, ReportOptions(threshold, colour))
    if in_github_actions() and all(name != "github" for name, _ in pairs):
        click.echo(render_github(result, threshold), nl=False, err=True)
    if text is None:
        click.echo(summary_line(result, threshold))
    else:
        click.echo(text, nl=False)
    sys.exit(exit_code(result, threshold))


def exit_code(result: ScanResult, fail_on: str) -> int:
    return EXIT_FINDINGS if result.failing(fail_on) else EXIT_CLEAN
