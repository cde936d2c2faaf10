"""The pull-request gate on the command line: `aiguard waivers`, `aiguard baseline`,
and the `scan` options --baseline, --diff-base and --no-inline-waivers."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Literal

import click
from pydantic import BaseModel, Field

from aiguard.baseline import apply_baseline, baseline_of, load_baseline, render_baseline
from aiguard.cli_shared import (
    config_option,
    listing_format_option,
    output_file_option,
    policies_option,
)
from aiguard.config import Config, load_config
from aiguard.diffmode import Scanner, diff_scan
from aiguard.discover import discover
from aiguard.errors import UsageError
from aiguard.model import ScanResult
from aiguard.policy_set import load_policy_set
from aiguard.scan import build_units, run_scan
from aiguard.waivers import (
    WaiverEntry,
    config_waivers,
    inline_waivers,
    today_utc,
    waivable_rule_ids,
    written_on,
)


def gate_options(command: Callable[..., None]) -> Callable[..., None]:
    """--baseline, --diff-base and --no-inline-waivers for `aiguard scan`."""
    for option in reversed(
        [
            click.option(
                "--baseline",
                "baseline_file",
                type=click.Path(path_type=Path, dir_okay=False, exists=True),
                help="Report only findings not in this file (`aiguard baseline create`).",
            ),
            click.option(
                "--diff-base",
                metavar="REF",
                help="Git ref to compare with: only findings the change introduces fail; "
                "fixed ones are listed.",
            ),
            click.option(
                "--no-inline-waivers",
                is_flag=True,
                help="Ignore waivers in comments and annotations; only .aiguard.yaml waives.",
            ),
        ]
    ):
        command = option(command)
    return command


def gated_scan(
    paths: list[str],
    config: Config,
    scan: Scanner,
    diff_base: str | None,
    baseline_file: Path | None,
) -> ScanResult:
    """One scan, or a diff against `diff_base`, then without the baseline's findings."""
    baseline = load_baseline(baseline_file) if baseline_file else None
    if diff_base is not None:
        result = diff_scan(diff_base, paths, config, scan)
    else:
        result = scan(paths, config, None)
    if baseline is not None and baseline_file is not None:
        result = apply_baseline(result, baseline, str(baseline_file))
    return result


# --- aiguard baseline -------------------------------------------------------------------


@click.group("baseline")
def baseline_group() -> None:
    """Record today's findings so that later scans report only new ones."""


@baseline_group.command("create")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@output_file_option("Where to write the baseline.", default=Path(".aiguard-baseline.json"))
@config_option
@policies_option
def baseline_create(
    paths: tuple[str, ...], output: Path, config_path: Path | None, policy_dirs: tuple[Path, ...]
) -> None:
    """Scan PATHS (default: .) and write every unwaived finding to the baseline file."""
    result = run_scan(list(paths) or ["."], load_config(config_path), policy_dirs, workers=None)
    baseline = baseline_of(result)
    try:
        output.write_text(render_baseline(baseline), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the baseline: {exc.strerror}", file=str(output)) from exc
    click.echo(f"wrote {output}: {len(baseline.findings)} findings")


# --- aiguard waivers --------------------------------------------------------------------


@click.group("waivers")
def waivers_group() -> None:
    """Show the accepted risks: waivers in .aiguard.yaml, comments and annotations."""


@waivers_group.command("list")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@config_option
@policies_option
@listing_format_option
def waivers_list(
    paths: tuple[str, ...],
    config_path: Path | None,
    policy_dirs: tuple[Path, ...],
    output_format: str,
) -> None:
    """Every waiver with its target, reason, owner, age and expiry.

    Age counts from the waiver's `since` date, else from the git commit of its line;
    `-` when neither is known (an uncommitted line). Invalid inline waivers are not
    listed; `aiguard scan` reports them as AIG-WAIVER-002.
    """
    config = load_config(config_path)
    policy_set = load_policy_set(config, policy_dirs)
    known = waivable_rule_ids(policy_set, config)
    units = build_units(discover(list(paths) or ["."], config.exclude))
    inline, _ = inline_waivers([r for u in units for r in u.output.resources], known)
    entries = config_waivers(config.waivers, config.source, config.waiver_lines()) + inline
    rows = [_row(entry) for entry in entries]
    if output_format == "json":
        document = [row.model_dump(mode="json") for row in rows]
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for row in rows:
        age = f"{row.age_days}d" if row.age_days is not None else "-"
        expiry = (row.expires.isoformat() if row.expires else "never") + (
            " EXPIRED" if row.status == "expired" else ""
        )
        details = "".join(
            f" {key}={value}"
            for key, value in (("owner", row.owner), ("ticket", row.ticket))
            if value is not None
        )
        click.echo(
            f"{row.file}:{row.line}  {row.rule_id}  {row.target}  "
            f"age {age}  expires {expiry}{details}\n    {row.reason}"
        )
    expired = sum(1 for row in rows if row.status == "expired")
    click.echo(f"{len(rows)} waivers, {expired} expired")


class WaiverRow(BaseModel):
    """One line of `aiguard waivers list` (`--format json` prints these)."""

    rule_id: str
    target: str
    reason: str
    owner: str | None
    ticket: str | None
    source: Literal["inline", "config"]
    file: str
    line: int
    since: date | None = Field(description="`since`, else the git commit date of the line")
    age_days: int | None
    expires: date | None
    status: Literal["active", "expired"]


def _row(entry: WaiverEntry) -> WaiverRow:
    waiver = entry.waiver
    today = today_utc()
    written = written_on(entry)
    # An inline waiver's own file is where it is written: the target is its resource.
    path = entry.path if waiver.source == "config" else None
    target = " ".join(part for part in (entry.resource, f"path={path}" if path else None) if part)
    return WaiverRow(
        rule_id=waiver.rule_id,
        target=target,
        reason=waiver.reason,
        owner=waiver.owner,
        ticket=waiver.ticket,
        source=waiver.source,
        file=waiver.file,
        line=waiver.line,
        since=written,
        age_days=(today - written).days if written else None,
        expires=waiver.expires,
        status="expired" if entry.expired(today) else "active",
    )
