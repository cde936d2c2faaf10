"""The HTML report as a document: self-contained, escaped, deterministic, and complete
for scans with and without cost and billing data (the browser test runs it)."""

from __future__ import annotations

import re
from pathlib import Path

from aiguard.model import ScanResult
from aiguard.outputs.html import render_html
from tests.report_fixtures import billing_summary, cost_change, scan_log_groups, waive


def test_self_contained_and_locked_down(in_tmp: Path) -> None:
    text = render_html(scan_log_groups(in_tmp), "high")
    assert "default-src 'none'" in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "<link" not in text and "@import" not in text
    assert text == render_html(scan_log_groups(in_tmp), "high")


def test_rows_carry_filter_fields_and_rule_details(in_tmp: Path) -> None:
    text = render_html(scan_log_groups(in_tmp), "high")
    assert (
        '<tr class="finding" data-severity="high" data-family="LOG" data-file="logs.tf" '
        'data-frameworks="eu-ai-act Art. 19(1)|eu-ai-act Art. 26(6)">'
    ) in text
    assert text.count('<tr class="finding') == 2
    assert "retention_in_days" in text  # remediation of AIG-LOG-002
    assert '<option value="eu-ai-act Art. 15(5)">' in text
    assert 'id="chart-severity"' in text and 'id="billing"' not in text


def test_messages_are_escaped_and_waivers_shown(in_tmp: Path) -> None:
    result = waive(scan_log_groups(in_tmp), "AIG-LOG-002")
    result.findings[0].message = '<script>alert("x")</script>'
    text = render_html(result, "high")
    assert '<script>alert("x")</script>' not in text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text
    assert '<tr class="finding waived"' in text
    assert "<b>Waived</b>: Audit logs are archived to S3 by the platform team; owner " in text


def test_cost_and_billing_sections(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    result.cost = cost_change()
    result.billing = billing_summary()
    text = render_html(result, "high")
    assert "<b>24,922.10 USD</b> (+23,922.10)" in text
    assert text.count('class="anomaly"') == 1
    assert "2026-11-05: 480.25 (expected 120.00), anomaly" in text
    assert "820.00 USD (74.5%)" in text and ">25.0%<" in text
    assert "Amazon SageMaker: 700.00 USD" in text


def test_empty_result_renders() -> None:
    text = render_html(ScanResult(), "high")
    assert '(<span id="shown-count">0</span> of 0 shown)' in text
    assert "No findings." in text
