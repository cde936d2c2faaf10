"""Markdown for a pull request comment: what it costs, what is wrong, where, and how to fix it.

It leads with the cost change or billing summary when the result has one, then counts
by severity, a table of the findings, and per file a collapsible block with each
finding's remediation. GitHub rejects comments over 65,536 characters, so rows and
blocks that do not fit are left out with a note saying how many and where the rest is.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from aiguard.model import BillingSummary, CostChange, Finding, ScanResult, Severity
from aiguard.outputs.console import summary_line
from aiguard.outputs.facts import severity_counts

if TYPE_CHECKING:
    from aiguard.outputs import ReportOptions

GITHUB_COMMENT_LIMIT = 65_536
_ICONS = {
    Severity.CRITICAL: "🟣",
    Severity.HIGH: "🔴",
    Severity.MEDIUM: "🟠",
    Severity.LOW: "🔵",
    Severity.INFO: "⚪",
}


def render_markdown(result: ScanResult, fail_on: str, limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """The comment, at most `limit` characters long."""
    head = [_heading(result, fail_on), ""]
    if result.cost is not None:
        head += _cost(result.cost)
    if result.billing is not None:
        head += _billing(result.billing)
    head += _counts(result)
    diff_mode = result.diff_base is not None
    # In diff mode the comment is about the change: findings it leaves as they were
    # are counted, not listed.
    findings = [f for f in result.findings if not diff_mode or f.diff != "unchanged"]
    rows = [_row(f) for f in findings]
    details = [
        _file_details(file, list(group), result)
        for file, group in groupby(findings, key=lambda f: f.file)
    ]
    tail = [*_unchanged(result), *_fixed(result.fixed), summary_line(result, fail_on), ""]
    if findings:
        title = "### New findings" if diff_mode else "### Findings"
    else:
        title = "No new findings." if diff_mode else "No findings."
    return _fit(head, title, rows, details, tail, limit)


def _unchanged(result: ScanResult) -> list[str]:
    count = sum(1 for f in result.findings if f.diff == "unchanged")
    if not count:
        return []
    return [
        f"{count} finding{'s' if count != 1 else ''} of the base "
        f"{'are' if count != 1 else 'is'} unchanged by this change and not listed here "
        "(they are in the SARIF and JSON reports).",
        "",
    ]


def _fit(
    head: list[str],
    title: str,
    rows: list[str],
    details: list[str],
    tail: list[str],
    limit: int,
) -> str:
    """Head, as many table rows and file blocks as fit, a note for the rest, and tail.

    Sizes are UTF-8 bytes, never fewer than the characters or UTF-16 units a limit may
    be counted in, so the comment fits however GitHub counts.
    """
    table_head = ["| | severity | rule | location | message |", "|---|---|---|---|---|"]
    base = "\n".join(head) + "\n"
    closing = "\n".join(tail)
    # Room for the note, so that adding it never breaks the limit.
    budget = limit - _size(base) - _size(closing) - _NOTE_ROOM
    parts: list[str] = [title, ""]
    used = sum(_size(p) + 1 for p in parts)
    shown_rows = 0
    if rows:
        parts += table_head
        used += sum(_size(p) + 1 for p in table_head)
        shown_rows, used = _append_within(parts, rows, used, budget)
        parts.append("")
        used += 1
    shown_blocks = 0
    if shown_rows == len(rows):
        shown_blocks, used = _append_within(parts, details, used, budget)
    if shown_rows < len(rows) or shown_blocks < len(details):
        parts.append(
            f"> **Truncated** to stay under GitHub's comment limit: {shown_rows} of "
            f"{len(rows)} findings in the table, details for {shown_blocks} of "
            f"{len(details)} files. The full list is in the SARIF, JSON or HTML report "
            "(`--format sarif|json|html --output FILE`)."
        )
        parts.append("")
    text = base + "\n".join(parts) + "\n" + closing
    if _size(text) <= limit:
        return text
    # Only a cost table or billing summary larger than a comment gets here.
    cut = text.encode("utf-8")[: limit - _NOTE_ROOM].decode("utf-8", errors="ignore")
    return (
        cut.rsplit("\n", 1)[0]
        + "\n\n> **Truncated**: the cost and billing summary alone exceed GitHub's "
        "comment limit; see the JSON or HTML report.\n"
    )


_NOTE_ROOM = 400


def _append_within(parts: list[str], items: list[str], used: int, budget: int) -> tuple[int, int]:
    """Append `items` to `parts`, in order, while they fit in `budget` (a line each):
    how many were appended, and the size used after them."""
    shown = 0
    for item in items:
        if used + _size(item) + 1 > budget:
            break
        parts.append(item)
        used += _size(item) + 1
        shown += 1
    return shown, used


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _heading(result: ScanResult, fail_on: str) -> str:
    failing = len(result.failing(fail_on))
    if fail_on == "none":
        verdict = "never fails (--fail-on none)"
    elif failing:
        verdict = f"**failed**: {failing} at or above {fail_on}"
    else:
        verdict = f"passed at --fail-on {fail_on}"
    total = len(result.findings)
    return f"## aiguard: {total} finding{'s' if total != 1 else ''}, {verdict}"


def _counts(result: ScanResult) -> list[str]:
    counts = severity_counts(result.findings)
    waived = sum(1 for f in result.findings if f.waiver is not None)
    header = "| " + " | ".join(f"{_ICONS[s]} {s.value}" for s in Severity) + " | waived |"
    divider = "|" + "---:|" * (len(Severity) + 1)
    values = "| " + " | ".join(str(counts[s]) for s in Severity) + f" | {waived} |"
    return [header, divider, values, ""]


def _row(finding: Finding) -> str:
    rule = f"`{finding.rule_id}`"
    location = f"`{_code(finding.file)}:{finding.line}`"
    message = _cell(finding.message)
    if finding.waiver is not None:
        message = f"~~{message}~~ waived: {_cell(finding.waiver.reason)}"
    severity = finding.severity.value
    return f"| {_ICONS[finding.severity]} | {severity} | {rule} | {location} | {message} |"


def _file_details(file: str, findings: list[Finding], result: ScanResult) -> str:
    count = len(findings)
    lines = [
        "<details>",
        f"<summary><code>{_html(file)}</code>: {count} finding{'s' if count != 1 else ''}"
        "</summary>",
        "",
    ]
    for finding in findings:
        rule = result.rules_run.get(finding.rule_id)
        resource = f" `{_code(finding.resource)}`" if finding.resource else ""
        lines.append(
            f"- **{finding.rule_id}** {_text(finding.title)} (line {finding.line},"
            f" {finding.severity.value}){resource}"
        )
        lines.append(f"  {_text(finding.message)}")
        if finding.waiver is not None:
            waiver = finding.waiver
            owner = f", owner {_text(waiver.owner)}" if waiver.owner else ""
            expires = f", expires {waiver.expires.isoformat()}" if waiver.expires else ""
            lines.append(f"  Waived: {_text(waiver.reason)}{owner}{expires}")
        if finding.frameworks:
            refs = ", ".join(f"{r.name} {r.ref}" for r in finding.frameworks)
            lines.append(f"  References: {_text(refs)}")
        if rule is not None:
            remediation = " ".join(rule.remediation.split())
            lines.append(f"  Fix: {_text(remediation)}")
    lines += ["", "</details>"]
    return "\n".join(lines)


def _fixed(fixed: list[Finding]) -> list[str]:
    if not fixed:
        return []
    lines = [f"### Fixed ({len(fixed)})", ""]
    lines += [f"- ~~`{f.rule_id}` `{_code(f.file)}:{f.line}` {_text(f.message)}~~" for f in fixed]
    return [*lines, ""]


def _money(value: float, currency: str) -> str:
    return f"{value:,.2f} {currency}"


def _signed(value: float, currency: str) -> str:
    return f"{'+' if value >= 0 else '-'}{abs(value):,.2f} {currency}"


def _cost(cost: CostChange) -> list[str]:
    currency = cost.currency
    if cost.total_before is None:
        headline = f"**Estimated monthly cost: {_money(cost.total_after, currency)}**"
    else:
        delta = cost.total_after - cost.total_before
        headline = (
            f"**Monthly cost: {_money(cost.total_before, currency)} → "
            f"{_money(cost.total_after, currency)} ({_signed(delta, currency)})**"
        )
    lines = [headline, ""]
    if cost.lines:
        lines += ["| resource | location | before | after | change | basis |"]
        lines += ["|---|---|---:|---:|---:|---|"]
        for line in sorted(cost.lines, key=lambda c: (-abs(c.delta), c.resource)):
            before = "new" if line.monthly_before is None else _money(line.monthly_before, "")
            after = "removed" if line.monthly_after is None else _money(line.monthly_after, "")
            lines.append(
                f"| `{_code(line.resource)}` | `{_code(line.file)}:{line.line}` | {before.strip()} "
                f"| {after.strip()} | {_signed(line.delta, currency)} | {_cell(line.basis)} |"
            )
        lines.append("")
    return lines


def _billing(billing: BillingSummary) -> list[str]:
    currency = billing.currency
    period = ""
    if billing.period_start and billing.period_end:
        period = f" {billing.period_start.isoformat()} to {billing.period_end.isoformat()}"
    lines = [
        f"**Billing{period}**: {_money(billing.billed_cost, currency)} billed, "
        f"{_money(billing.effective_cost, currency)} effective; GPU "
        f"{_money(billing.gpu_cost, currency)}; untagged {billing.untagged_share:.1%} "
        f"({billing.rows:,} rows of {_text(billing.source_format)})",
        "",
    ]
    if billing.top_services:
        lines += ["| top service | cost |", "|---|---:|"]
        lines += [f"| {_cell(a.key)} | {_money(a.cost, currency)} |" for a in billing.top_services]
        lines.append("")
    if billing.anomalies:
        days = ", ".join(
            f"{d.day.isoformat()} ({_money(d.cost, currency)}"
            + (f", expected {_money(d.expected, currency)}" if d.expected is not None else "")
            + ")"
            for d in billing.anomalies
        )
        lines += [f"Anomalous days: {days}", ""]
    return lines


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(text: str) -> str:
    """Plain text safe in Markdown: no raw HTML, no line breaks."""
    return _html(" ".join(text.split()))


def _cell(text: str) -> str:
    """Text safe in a table cell: also no `|`."""
    return _text(text).replace("|", "\\|")


def _code(text: str) -> str:
    """Text inside backticks: backticks would end the span early."""
    return text.replace("`", "'").replace("|", "\\|")


def render(result: ScanResult, options: ReportOptions) -> str:
    """`--format markdown` (aiguard/outputs/__init__.py)."""
    return render_markdown(result, options.fail_on)
