"""The `aiguard` command line.

Exit codes are a contract with CI systems: 0 clean, 1 findings at or above
`--fail-on`, 2 usage, configuration or policy error, 3 internal error.

Each command lives beside its area and is imported only when it runs (`LazyGroup`):
a pre-commit hook pays for the scan's imports, not for Jinja2, the compliance report
or the billing reader, and `aiguard billing scan` starts DuckDB before anything else.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import NoReturn

import click

from aiguard import __version__
from aiguard.cli_shared import EXIT_CLEAN, EXIT_INTERNAL, EXIT_USAGE
from aiguard.errors import UsageError

# command name -> "module:attribute" of its click command or group
COMMANDS = {
    "baseline": "aiguard.gate_commands:baseline_group",
    "billing": "aiguard.billing.command:billing",
    "bundle": "aiguard.policy_commands:bundle_command",
    "cost": "aiguard.costing.command:cost_command",
    "policies": "aiguard.policy_commands:policies",
    "prices": "aiguard.costing.command:prices_group",
    "report": "aiguard.compliance.command:report_command",
    "scan": "aiguard.scan_command:scan",
    "waivers": "aiguard.gate_commands:waivers_group",
}


class LazyGroup(click.Group):
    """A group whose commands are imported when they are looked up (click's documented
    pattern for lazily loaded subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aiguard")
def cli() -> None:
    """Policy-as-code compliance and FinOps linter for AI infrastructure."""


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


def run() -> NoReturn:
    """The `aiguard` console script: `main`, then leave without Python's own teardown.

    Tearing down the modules a scan imports takes 50-80 ms, as long as much of a
    pre-commit run's own work, and does nothing a run needs: by then the reports are
    written and closed, the policy engine, a local OPA server and the billing reader are
    stopped, and standard output and error are flushed here.
    """
    try:
        main()
        code = EXIT_CLEAN
    except SystemExit as exc:
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    for stream in (sys.stdout, sys.stderr):
        # The reader of our output may have gone away (`| head`) or closed it.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)
