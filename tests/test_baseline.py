"""Baselines: `aiguard baseline create` and `aiguard scan --baseline FILE`, run as users
run them, on Terraform written into a temporary directory."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import aiguard, write

BUCKETS = """resource "aws_s3_bucket" "data" {
  bucket = "training-data"
}

# aiguard:waive AIG-ENC-002 reason="public mirror"
resource "aws_s3_bucket" "mirror" {
  bucket = "public-mirror"
}
"""
NEW_BUCKET = """
resource "aws_s3_bucket" "fresh" {
  bucket = "fresh"
}
"""


def test_baseline_create_writes_unwaived_findings_keyed_by_fingerprint(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BUCKETS)
    created = aiguard("baseline", "create", "-o", "base.json", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert created.stdout == "wrote base.json: 1 findings\n"
    document = json.loads((tmp_path / "base.json").read_text())
    assert document["version"] == 1
    assert document["tool"] == "aiguard"
    [(fingerprint, entry)] = document["findings"].items()
    assert len(fingerprint) == 32
    assert entry == {
        "rule_id": "AIG-ENC-002",
        "resource": "aws_s3_bucket.data",
        "file": "main.tf",
        "attribute": None,
        "message": "bucket aws_s3_bucket.data has no server-side encryption configuration "
        "with a KMS key, so S3 encrypts it with S3-managed keys (SSE-S3) only",
    }
    scan = aiguard("scan", ".", "--format", "json", cwd=tmp_path)
    by_resource = {f["resource"]: f["fingerprint"] for f in json.loads(scan.stdout)["findings"]}
    assert by_resource["aws_s3_bucket.data"] == fingerprint

    first = (tmp_path / "base.json").read_bytes()
    aiguard("baseline", "create", "-o", "base.json", cwd=tmp_path)
    assert (tmp_path / "base.json").read_bytes() == first


def test_scan_with_the_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BUCKETS)
    aiguard("baseline", "create", cwd=tmp_path)
    assert (tmp_path / ".aiguard-baseline.json").is_file()

    same = aiguard("scan", ".", "--baseline", ".aiguard-baseline.json", cwd=tmp_path)
    assert same.returncode == 0
    assert "notice: 1 findings are in the baseline .aiguard-baseline.json and not reported" in (
        same.stderr
    )
    # the waived finding is not in the baseline, so it is still reported (as waived)
    summary = same.stdout.splitlines()[-1]
    assert summary.startswith("1 finding (1 high) in 1 file; 2 resources checked against ")
    assert summary.endswith(" rules; 1 waived; passed at --fail-on high")

    # Lines move (a comment and blank lines on top) and a bucket is added.
    write(tmp_path, "main.tf", "# moved\n\n\n" + BUCKETS + NEW_BUCKET)
    moved = aiguard(
        "scan", ".", "--baseline", ".aiguard-baseline.json", "--format", "json", cwd=tmp_path
    )
    assert moved.returncode == 1
    report = json.loads(moved.stdout)
    reported = {(f["resource"], f["waiver"] is not None) for f in report["findings"]}
    assert reported == {("aws_s3_bucket.mirror", True), ("aws_s3_bucket.fresh", False)}
    assert report["notices"] == [
        "1 findings are in the baseline .aiguard-baseline.json and not reported"
    ]


def test_a_file_that_is_not_a_baseline_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BUCKETS)
    write(tmp_path, "report.json", '{"schema_version": "1.0", "findings": []}')
    result = aiguard("scan", ".", "--baseline", "report.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "aiguard: error: report.json: not an aiguard baseline (findings: Input should be an "
        "object); write one with `aiguard baseline create`\n"
    )
    write(tmp_path, "broken.json", "{")
    result = aiguard("scan", ".", "--baseline", "broken.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("aiguard: error: broken.json: not an aiguard baseline (")
