"""`aiguard prices ...` (the price catalogue) and `aiguard cost PATHS` (the estimate)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from aiguard.cli_shared import config_option, output_file_option
from aiguard.config import Config, load_config
from aiguard.costing.catalogue import builtin_catalogue_path, load_catalogue, price_book
from aiguard.costing.change import cost_of_change
from aiguard.costing.refresh import PRICING_API_REGION, refresh_catalogue
from aiguard.costing.render import render_estimate
from aiguard.discover import discover
from aiguard.errors import UsageError
from aiguard.model import Resource
from aiguard.scan import build_units
from aiguard.scoping import apply_ai_defaults


@click.group("prices")
def prices_group() -> None:
    """The price catalogue behind the cost estimate (docs/cost.md)."""


@prices_group.command("refresh")
@click.option(
    "--catalogue",
    "catalogue_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Catalogue to read (default: the built-in rules/prices.yaml).",
)
@output_file_option(
    "Where to write it (default: over --catalogue); point `costs.catalogue` in .aiguard.yaml at it."
)
@click.option(
    "--region",
    "regions",
    multiple=True,
    help="AWS region to price every entry in (repeatable; default: each entry's own regions).",
)
def refresh_command(
    catalogue_path: Path | None, output: Path | None, regions: tuple[str, ...]
) -> None:
    """Re-price the AWS EC2 entries from the AWS Price List API (needs AWS credentials
    allowed `pricing:GetProducts`)."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    source = catalogue_path or builtin_catalogue_path()
    load_catalogue(source)  # a broken catalogue stops here, with file and line
    client = boto3.client("pricing", region_name=PRICING_API_REGION)
    try:
        report = refresh_catalogue(source, output or source, client, regions, date.today())
    except (BotoCoreError, ClientError) as exc:
        raise UsageError(
            f"the AWS Price List API refused the request: {exc}; check AWS credentials "
            "and the pricing:GetProducts permission"
        ) from exc
    load_catalogue(output or source)
    click.echo(f"updated {len(report.updated)} AWS EC2 entries in {output or source}")
    for missing in report.missing:
        click.echo(f"no on-demand price from AWS for {missing}", err=True)
    if report.skipped:
        click.echo(f"not refreshed (not AWS EC2): {', '.join(report.skipped)}", err=True)


@click.command("cost")
@click.argument("paths", nargs=-1, required=True)
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["console", "json"]),
    default="console",
    show_default=True,
    help="console: every priced resource with its basis; json: the report's `cost` object.",
)
def cost_command(paths: tuple[str, ...], config_path: Path | None, output_format: str) -> None:
    """Print the estimated monthly cost of the AI compute in PATHS, without judging it.

    `aiguard scan` reports the same estimate (and, with --diff-base, the change) along with
    the findings; this command only parses and prices, so it is quick to try prices with.
    """
    config = load_config(config_path)
    head = parse_inventory(list(paths), config)
    report = cost_of_change(head, None, price_book(config.costs, config.base_dir), [])
    if output_format == "json":
        document = report.change.model_dump(mode="json") if report.change else None
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        click.echo(render_estimate(report.change), nl=False)
    for notice in report.notices:
        click.echo(notice, err=True)


def parse_inventory(paths: list[str], config: Config) -> list[Resource]:
    """Every resource in `paths`, as a scan would see it (ai_defaults applied)."""
    units = build_units(discover(paths, config.exclude))
    resources = [r for unit in units for r in unit.output.resources]
    apply_ai_defaults(resources, config.ai_defaults)
    return resources
