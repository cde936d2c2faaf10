"""One self-contained HTML file for people who would rather look than read.

Rendered from Jinja2 templates in templates/ with everything inline: CSS, SVG charts
drawn here from the numbers, and a few lines of script that filter the findings table
in the browser. A Content-Security-Policy forbids every network request, so the file
works offline and never calls home. Autoescaping keeps messages inert.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from aiguard import __version__
from aiguard.model import BillingSummary, ScanResult, Severity
from aiguard.outputs.console import summary_line
from aiguard.outputs.facts import family_of, framework_labels, severity_counts
from aiguard.paths import builtin_templates_dir

if TYPE_CHECKING:
    from aiguard.outputs import ReportOptions

SEVERITY_COLOURS = {
    Severity.CRITICAL: "#7b1fa2",
    Severity.HIGH: "#c62828",
    Severity.MEDIUM: "#ef6c00",
    Severity.LOW: "#1565c0",
    Severity.INFO: "#607d8b",
}


@dataclass(frozen=True)
class Bar:
    """One horizontal bar of a chart: label, value, width in percent of the widest."""

    label: str
    value: float
    text: str
    width: float
    colour: str


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment; shared with the compliance report."""
    return Environment(
        loader=FileSystemLoader(str(builtin_templates_dir())),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def bars(values: list[tuple[str, float, str, str]]) -> list[Bar]:
    """Bars scaled to the largest value (a chart of zeros draws empty bars)."""
    top = max((value for _, value, _, _ in values), default=0.0) or 1.0
    return [
        Bar(label, value, text, round(100 * value / top, 2), colour)
        for label, value, text, colour in values
    ]


def render_html(result: ScanResult, fail_on: str) -> str:
    """The whole report as one HTML document."""
    return environment().get_template("report.html.j2").render(**_context(result, fail_on))


def _context(result: ScanResult, fail_on: str) -> dict[str, Any]:
    counts = severity_counts(result.findings)
    families = Counter(family_of(f.rule_id) for f in result.findings)
    rows = []
    for number, finding in enumerate(result.findings):
        rule = result.rules_run.get(finding.rule_id)
        rows.append(
            {
                "number": number,
                "finding": finding,
                "family": family_of(finding.rule_id),
                "frameworks": framework_labels(finding),
                "description": " ".join(rule.description.split()) if rule else "",
                "remediation": rule.remediation.rstrip() if rule else "",
                "basis": rule.basis if rule else "",
            }
        )
    frameworks = sorted({label for f in result.findings for label in framework_labels(f)})
    return {
        "version": __version__,
        "summary": summary_line(result, fail_on),
        "failed": bool(result.failing(fail_on)),
        "fail_on": fail_on,
        "result": result,
        "counts": counts,
        "waived": sum(1 for f in result.findings if f.waiver is not None),
        "colours": SEVERITY_COLOURS,
        "severity_bars": bars(
            [(s.value, float(n), str(n), SEVERITY_COLOURS[s]) for s, n in counts.items()]
        ),
        "family_bars": bars(
            [(name, float(n), str(n), "#455a64") for name, n in sorted(families.items())]
        ),
        "rows": rows,
        "severities": [s.value for s in Severity],
        "families": sorted(families),
        "files": sorted({f.file for f in result.findings}),
        "frameworks": frameworks,
        "billing": _billing(result.billing) if result.billing else None,
        "cost": result.cost,
    }


def _billing(billing: BillingSummary) -> dict[str, Any]:
    """Spend charts: the daily series as an SVG polyline with anomalies marked, top
    services and the GPU and untagged shares as bars."""
    width, height, pad = 640.0, 180.0, 24.0
    daily = billing.daily
    top = max((d.cost for d in daily), default=0.0) or 1.0
    step = (width - 2 * pad) / max(len(daily) - 1, 1)
    points = [
        {
            "x": round(pad + i * step, 1),
            "y": round(height - pad - (d.cost / top) * (height - 2 * pad), 1),
            "day": d,
        }
        for i, d in enumerate(daily)
    ]
    currency = billing.currency
    total = billing.effective_cost or billing.billed_cost or 1.0
    return {
        "summary": billing,
        "width": width,
        "height": height,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "peak": f"{top:,.2f} {currency}",
        "services": bars(
            [(a.key, a.cost, f"{a.cost:,.2f} {currency}", "#00897b") for a in billing.top_services]
        ),
        # Shares of the total, drawn against 100% rather than against each other.
        "shares": [
            Bar(
                "GPU",
                billing.gpu_cost,
                f"{billing.gpu_cost:,.2f} {currency} ({billing.gpu_cost / total:.1%})",
                round(min(100.0, 100 * billing.gpu_cost / total), 2),
                "#6a1b9a",
            ),
            Bar(
                "untagged",
                billing.untagged_share,
                f"{billing.untagged_share:.1%}",
                round(min(100.0, 100 * billing.untagged_share), 2),
                "#f9a825",
            ),
        ],
    }


def render(result: ScanResult, options: ReportOptions) -> str:
    """`--format html` (aiguard/outputs/__init__.py)."""
    return render_html(result, options.fail_on)
