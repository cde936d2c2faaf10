"""Scan results the report-format tests share: real scans of small Terraform modules,
plus waivers, cost and billing data set on them the way the scan core would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from aiguard.config import Config
from aiguard.model import (
    Amount,
    BillingSummary,
    CostChange,
    CostLine,
    DailyCost,
    ScanResult,
    Waiver,
)
from aiguard.scan import run_scan

# AIG-LOG-002 (high) at line 7 and AIG-ENC-003 (medium) at line 5 of logs.tf.
LOG_GROUPS = """provider "aws" {
  region = "eu-central-1"
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/ml/audit"
  retention_in_days = 30
}
"""


def scan_log_groups(root: Path) -> ScanResult:
    """Write and scan `root`/logs.tf; run it from inside `root` (the `in_tmp` fixture)
    so that the reported path is the relative `logs.tf`."""
    (root / "logs.tf").write_text(LOG_GROUPS, encoding="utf-8")
    return run_scan(["logs.tf"], Config(), workers=1)


def waive(result: ScanResult, rule_id: str, source: str = "config") -> ScanResult:
    """Accept every finding of `rule_id`, as a config waiver would."""
    for finding in result.findings:
        if finding.rule_id == rule_id:
            finding.waiver = Waiver(
                rule_id=rule_id,
                reason="Audit logs are archived to S3 by the platform team",
                owner="platform@example.com",
                expires=date(2027, 3, 31),
                source=source,  # type: ignore[arg-type]
                file=".aiguard.yaml",
                line=4,
            )
    return result


def cost_change() -> CostChange:
    """A diff that adds one GPU endpoint and shrinks another."""
    return CostChange(
        hours_per_month=730,
        total_before=1000.0,
        total_after=24922.1,
        lines=[
            CostLine(
                resource="aws_sagemaker_endpoint_configuration.llm",
                file="sagemaker.tf",
                line=12,
                monthly_before=None,
                monthly_after=23922.1,
                basis="1 x ml.p4d.24xlarge at 32.77/h",
            ),
            CostLine(
                resource="aws_instance.batch",
                file="batch.tf",
                line=3,
                monthly_before=1000.0,
                monthly_after=1000.0,
                basis="1 x g5.xlarge at 1.37/h",
            ),
        ],
    )


def billing_summary() -> BillingSummary:
    """Seven days of spend with one anomalous day."""
    costs = [120.0, 118.5, 121.0, 119.0, 480.25, 122.0, 120.5]
    daily = [
        DailyCost(day=date(2026, 11, d + 1), cost=c, expected=120.0, anomaly=c > 300)
        for d, c in enumerate(costs)
    ]
    return BillingSummary(
        source_format="focus-1.0",
        rows=5321,
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 7),
        billed_cost=1201.25,
        effective_cost=1100.0,
        top_services=[
            Amount(key="Amazon SageMaker", cost=700.0),
            Amount(key="Amazon EC2", cost=400.0),
            Amount(key="Amazon S3", cost=101.25),
        ],
        gpu_cost=820.0,
        untagged_share=0.25,
        daily=daily,
        anomalies=[d for d in daily if d.anomaly],
    )
