"""Markdown for pull request comments: counts, a findings table, details per file,
cost and billing first when present, and never over GitHub's comment limit."""

from __future__ import annotations

from pathlib import Path

from aiguard.model import Finding, ScanResult, Severity
from aiguard.outputs.markdown import GITHUB_COMMENT_LIMIT, render_markdown
from tests.report_fixtures import billing_summary, cost_change, scan_log_groups, waive


def test_counts_table_and_details(in_tmp: Path) -> None:
    text = render_markdown(scan_log_groups(in_tmp), "high")
    lines = text.splitlines()
    assert lines[0] == "## aiguard: 2 findings, **failed**: 1 at or above high"
    assert "| 0 | 1 | 1 | 0 | 0 | 0 |" in lines
    assert "### Findings" in lines
    assert (
        "| 🔴 | high | `AIG-LOG-002` | `logs.tf:7` | log group aws_cloudwatch_log_group.audit "
        "keeps log events for 30 days; keep them at least 184 days (six months) or never "
        "expire them |"
    ) in lines
    assert "<summary><code>logs.tf</code>: 2 findings</summary>" in lines
    assert any(line.startswith("  Fix: ") and "retention_in_days" in line for line in lines)
    assert "  References: eu-ai-act Art. 19(1), eu-ai-act Art. 26(6)" in lines
    assert lines[-1].endswith("FAILED: 1 at or above high")


def test_waived_findings_are_struck_through_with_their_reason(in_tmp: Path) -> None:
    text = render_markdown(waive(scan_log_groups(in_tmp), "AIG-LOG-002"), "high")
    assert "passed at --fail-on high" in text.splitlines()[0]
    assert "~~log group aws_cloudwatch_log_group.audit keeps" in text
    assert "waived: Audit logs are archived to S3 by the platform team |" in text
    assert "  Waived: Audit logs are archived to S3 by the platform team, owner " in text


def test_cost_leads_and_billing_follows(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    result.cost = cost_change()
    result.billing = billing_summary()
    result.diff_base = "0" * 40
    lines = render_markdown(result, "high").splitlines()
    assert lines[2] == "**Monthly cost: 1,000.00 USD → 24,922.10 USD (+23,922.10 USD)**"
    assert (
        "| `aws_sagemaker_endpoint_configuration.llm` | `sagemaker.tf:12` | new | 23,922.10 "
        "| +23,922.10 USD | 1 x ml.p4d.24xlarge at 32.77/h |"
    ) in lines
    billing = next(line for line in lines if line.startswith("**Billing"))
    assert billing == (
        "**Billing 2026-11-01 to 2026-11-07**: 1,201.25 USD billed, 1,100.00 USD effective; "
        "GPU 820.00 USD; untagged 25.0% (5,321 rows of focus-1.0)"
    )
    assert "| Amazon SageMaker | 700.00 USD |" in lines
    assert "Anomalous days: 2026-11-05 (480.25 USD, expected 120.00 USD)" in lines
    assert "### New findings" in lines
    assert lines.index("### New findings") > lines.index(billing)


def test_fixed_findings_are_listed(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    result.diff_base = "0" * 40
    result.fixed = [result.findings.pop(0)]
    text = render_markdown(result, "high")
    assert "### Fixed (1)" in text and "### New findings" in text
    assert "- ~~`AIG-ENC-003` `logs.tf:5` log group" in text


def test_diff_mode_lists_only_new_findings(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    result.diff_base = "0" * 40
    result.findings[0].diff, result.findings[1].diff = "unchanged", "new"
    lines = render_markdown(result, "high").splitlines()
    rows = [line for line in lines if line.startswith("| ") and "`logs.tf:" in line]
    assert [row.split("`")[1] for row in rows] == [result.findings[1].rule_id]
    assert "<summary><code>logs.tf</code>: 1 finding</summary>" in lines
    assert (
        "1 finding of the base is unchanged by this change and not listed here "
        "(they are in the SARIF and JSON reports)."
    ) in lines
    result.findings[1].diff = "unchanged"
    assert "No new findings." in render_markdown(result, "high").splitlines()


def test_nothing_found_says_so() -> None:
    text = render_markdown(ScanResult(files_scanned=3), "high")
    assert text.splitlines()[0] == "## aiguard: 0 findings, passed at --fail-on high"
    assert "No findings." in text


def test_markup_in_messages_is_neutralised(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    result.findings[0].message = "value <redacted> | pipe\nnext"
    text = render_markdown(result, "high")
    assert "value &lt;redacted&gt; \\| pipe next |" in text


def test_large_result_is_truncated_under_the_comment_limit() -> None:
    findings = [
        Finding(
            rule_id="AIG-LOG-002",
            title="CloudWatch log groups keep records for at least six months",
            severity=Severity.HIGH,
            message=f"log group aws_cloudwatch_log_group.g{i} keeps log events for 30 days",
            file=f"modules/m{i // 10:03d}/logs.tf",
            line=7 + i % 10,
            resource=f"aws_cloudwatch_log_group.g{i}",
        )
        for i in range(3000)
    ]
    text = render_markdown(ScanResult(findings=findings, files_scanned=300), "high")
    assert len(text.encode("utf-8")) <= GITHUB_COMMENT_LIMIT
    note = next(line for line in text.splitlines() if line.startswith("> **Truncated**"))
    shown = text.count("| 🔴 | high | `AIG-LOG-002`")
    assert 100 < shown < 3000
    assert f"{shown} of 3000 findings in the table, details for 0 of 300 files" in note
    assert text.rstrip().endswith("FAILED: 3000 at or above high")
    # A smaller result fits whole: every row and every file block.
    small = ScanResult(findings=findings[:20], files_scanned=2)
    whole = render_markdown(small, "high")
    assert "Truncated" not in whole and whole.count("<details>") == 2


def test_a_cost_table_larger_than_a_comment_is_cut_with_a_note() -> None:
    cost = cost_change()
    cost.lines = [
        cost.lines[0].model_copy(update={"resource": f"aws_instance.gpu_{i:05d}"})
        for i in range(2000)
    ]
    text = render_markdown(ScanResult(cost=cost), "high")
    assert len(text.encode("utf-8")) <= GITHUB_COMMENT_LIMIT
    assert text.rstrip().endswith("see the JSON or HTML report.")
    assert text.startswith("## aiguard: 0 findings")
