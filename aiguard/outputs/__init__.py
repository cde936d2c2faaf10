"""One module per output format; each renders a ScanResult to text.

`FORMATS` maps a `--format` name to its renderer. `aiguard scan` and
`aiguard billing scan` both write their reports through `write_reports`, so a
format added here is available to both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aiguard.errors import UsageError
from aiguard.model import ScanResult
from aiguard.outputs.codequality import render_codequality
from aiguard.outputs.console import render_console
from aiguard.outputs.github import render_github
from aiguard.outputs.html import render_html
from aiguard.outputs.json import render_json
from aiguard.outputs.junit import render_junit
from aiguard.outputs.markdown import render_markdown
from aiguard.outputs.sarif import render_sarif


@dataclass(frozen=True)
class ReportOptions:
    """What every renderer may need besides the result."""

    fail_on: str
    colour: bool = False


Renderer = Callable[[ScanResult, ReportOptions], str]

FORMATS: dict[str, Renderer] = {
    "console": lambda result, options: render_console(result, options.fail_on, options.colour),
    "json": lambda result, options: render_json(result, options.fail_on),
    "gitlab-codequality": lambda result, options: render_codequality(result),
    "sarif": lambda result, options: render_sarif(result),
    "junit": lambda result, options: render_junit(result, options.fail_on),
    "markdown": lambda result, options: render_markdown(result, options.fail_on),
    "github": lambda result, options: render_github(result, options.fail_on),
    "html": lambda result, options: render_html(result, options.fail_on),
}


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
        text = FORMATS[name](result, options)
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
