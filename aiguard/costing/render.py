"""The cost block of the console report: changed lines and totals, only when there is
something to show. Other formats read ScanResult.cost themselves."""

from __future__ import annotations

from aiguard.model import CostChange, CostLine

MAX_CONSOLE_LINES = 10


def cost_console_lines(cost: CostChange | None) -> list[str]:
    """With a base: the lines whose cost changed and both totals; without one: the
    estimate per resource and its total. Nothing when nothing is priced or changed."""
    if cost is None:
        return []
    hours = f"{cost.hours_per_month:g} h a month"
    heading = f"Estimated monthly cost of AI compute ({cost.currency}, {hours})"
    if cost.total_before is None:
        shown = cost.lines
        rows = [f"  {_amount(ln.monthly_after):>14}  {_where(ln)}" for ln in shown]
        total = f"  total {_amount(cost.total_after)}"
    else:
        shown = [ln for ln in cost.lines if round(ln.delta, 2) != 0]
        if not shown:
            return []
        rows = [f"  {'before':>14} {'after':>14} {'delta':>14}  resource"]
        rows += [
            f"  {_amount(ln.monthly_before):>14} {_amount(ln.monthly_after):>14} "
            f"{_signed(ln.delta):>14}  {_where(ln)}"
            for ln in shown
        ]
        change = cost.total_after - cost.total_before
        before, after = _amount(cost.total_before), _amount(cost.total_after)
        total = f"  total {before} -> {after} ({_signed(change)})"
    if len(rows) > MAX_CONSOLE_LINES + 1:
        hidden = len(rows) - MAX_CONSOLE_LINES
        rows = [*rows[:MAX_CONSOLE_LINES], f"  ... and {hidden} more (--format json lists all)"]
    return [heading, *rows, total, ""]


def _amount(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _signed(value: float) -> str:
    return f"{value:+,.2f}"


def _where(line: CostLine) -> str:
    return f"{line.resource} ({line.file}:{line.line})"


def render_estimate(cost: CostChange | None) -> str:
    """`aiguard cost`: every priced resource with its basis, and the total."""
    if cost is None:
        return "No AI compute priced in these paths.\n"
    hours = f"{cost.hours_per_month:g} h a month"
    lines = [f"Estimated monthly cost of AI compute ({cost.currency}, {hours})"]
    for line in cost.lines:
        lines.append(f"  {_amount(line.monthly_after):>14}  {_where(line)}")
        lines.append(f"  {'':>14}  {line.basis}")
    lines.append(f"  total {_amount(cost.total_after)}")
    return "\n".join(lines) + "\n"
