"""One module per output format; each renders a ScanResult to text.

`FORMATS` maps a `--format` name to the module that renders it, and every such module
has a `render(result, options)`. A module is imported when its format is written, so
a command pays only for the formats it writes (the HTML report loads Jinja2).
`aiguard scan` and `aiguard billing scan` both write through `write_reports`, so a
format added here is available to both.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aiguard.errors import UsageError

if TYPE_CHECKING:
    from aiguard.model import ScanResult


@dataclass(frozen=True)
class ReportOptions:
    """What every renderer may need besides the result."""

    fail_on: str
    colour: bool = False


FORMATS = {
    "console": "console",
    "json": "json",
    "gitlab-codequality": "codequality",
    "sarif": "sarif",
    "junit": "junit",
    "markdown": "markdown",
    "github": "github",
    "html": "html",
}


def render(name: str, result: ScanResult, options: ReportOptions) -> str:
    """The report of format `name`."""
    module = importlib.import_module(f"aiguard.outputs.{FORMATS[name]}")
    renderer: Callable[[ScanResult, ReportOptions], str] = module.render
    return renderer(result, options)


def pair_outputs(formats: Sequence[str], outputs: Sequence[Path]) -> list[tuple[str, Path | None]]:
    """The i-th `--output` belongs to the i-th `--format`; formats without one go to
    standard output, and only one may, or their texts would interleave."""
    formats = list(formats) or ["console"]
    if len(outputs) > len(formats):
        raise UsageError(
            f"{len(outputs)} --output for {len(formats)} --format: "
            "give a --format for each --output"
        )
    pairs: list[tuple[str, Path | None]] = [
        (name, outputs[i] if i < len(outputs) else None) for i, name in enumerate(formats)
    ]
    to_stdout = [name for name, path in pairs if path is None]
    if len(to_stdout) > 1:
        raise UsageError(
            f"formats {', '.join(to_stdout)} would all go to standard output; "
            "give each but one an --output FILE"
        )
    return pairs


def write_reports(
    result: ScanResult, pairs: Sequence[tuple[str, Path | None]], options: ReportOptions
) -> str | None:
    """Write each report to its file and return the one meant for standard output."""
    stdout: str | None = None
    for name, path in pairs:
        text = render(name, result, options)
        if path is None:
            stdout = text
            continue
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(
                f"cannot write the {name} report: {exc.strerror}", file=str(path)
            ) from exc
    return stdout
