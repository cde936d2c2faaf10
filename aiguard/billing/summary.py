"""The billing summary block of the console report (JSON carries BillingSummary as is)."""

from __future__ import annotations

from aiguard.model import BillingSummary


def billing_console_lines(summary: BillingSummary | None) -> list[str]:
    """A short block: period, totals, top services, GPU spend, untagged share, anomalies."""
    if summary is None:
        return []
    currency = summary.currency
    period = f"{summary.period_start} to {summary.period_end}" if summary.period_start else "-"
    lines = [
        f"billing: {summary.rows} rows ({summary.source_format}), {period}",
        f"  billed {summary.billed_cost:,.2f} {currency}, effective "
        f"{summary.effective_cost:,.2f} {currency}; GPU {summary.gpu_cost:,.2f}; "
        f"untagged {summary.untagged_share * 100:.1f}%",
    ]
    if summary.top_services:
        top = ", ".join(f"{a.key} {a.cost:,.2f}" for a in summary.top_services[:5])
        lines.append(f"  top services: {top}")
    if summary.anomalies:
        days = ", ".join(f"{d.day} ({d.cost:,.2f})" for d in summary.anomalies)
        lines.append(f"  anomalies: {days}")
    return [*lines, ""]
