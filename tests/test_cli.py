"""The command line as users and CI systems run it: the real `aiguard` executable."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from aiguard import cli, scan_command
from aiguard.outputs import FORMATS
from aiguard.outputs.json import report_schema
from tests.conftest import EXAMPLES, REPO

SECRET = "hf_exampleTokenThatMustNeverBePrinted"
LOG_GROUP = """provider "aws" {
  region = "eu-central-1"
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/ml/audit"
  retention_in_days = %d
  kms_key_id        = "arn:aws:kms:eu-central-1:123456789012:key/abc"
}
"""


def aiguard(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("aiguard")
    assert executable, "aiguard is not installed (pip install -e .)"
    return subprocess.run([executable, *args], cwd=cwd, capture_output=True, text=True, check=False)


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_scan_exits_0(tmp_path: Path) -> None:
    write(tmp_path, "logs.tf", LOG_GROUP % 365)
    result = aiguard("scan", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 findings in 1 file; 1 resources checked" in result.stdout


def test_finding_at_threshold_exits_1_and_is_grouped_by_file(tmp_path: Path) -> None:
    write(tmp_path, "logs.tf", LOG_GROUP % 30)
    result = aiguard("scan", "logs.tf", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "logs.tf"
    assert lines[1].split()[:3] == ["7", "HIGH", "AIG-LOG-002"]
    assert "[aws_cloudwatch_log_group.audit]" in lines[1]
    assert lines[-1].startswith("1 finding (1 high) in 1 file")
    assert lines[-1].endswith("FAILED: 1 at or above high")


def test_fail_on_raises_and_lowers_the_bar(tmp_path: Path) -> None:
    write(tmp_path, "logs.tf", LOG_GROUP % 30)
    assert aiguard("scan", ".", "--fail-on", "critical", cwd=tmp_path).returncode == 0
    assert aiguard("scan", ".", "--fail-on", "none", cwd=tmp_path).returncode == 0
    assert aiguard("scan", ".", "--fail-on", "low", cwd=tmp_path).returncode == 1


def test_config_regrades_and_disables_rules(tmp_path: Path) -> None:
    write(tmp_path, "logs.tf", LOG_GROUP % 30)
    write(tmp_path, ".aiguard.yaml", "rules:\n  AIG-LOG-002: {severity: low}\n")
    result = aiguard("scan", ".", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule_id"], f["severity"]) for f in findings] == [("AIG-LOG-002", "low")]
    write(tmp_path, ".aiguard.yaml", "rules:\n  AIG-LOG-002: {enabled: false}\n")
    result = aiguard("scan", ".", "--format", "json", cwd=tmp_path)
    assert json.loads(result.stdout)["findings"] == []


def test_bad_config_exits_2_with_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "logs.tf", LOG_GROUP % 30)
    write(tmp_path, ".aiguard.yaml", "fail_on: high\nrules:\n  AIG-LOG-002: {severity: huge}\n")
    result = aiguard("scan", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("aiguard: error: .aiguard.yaml:3: rules.AIG-LOG-002.severity")
    assert "Traceback" not in result.stderr


def test_bad_user_policy_exits_2_with_file_and_line(tmp_path: Path) -> None:
    policy_dir = tmp_path / "org"
    policy_dir.mkdir()
    write(policy_dir, "broken.rego", "package aiguard.rules.org.broken\n\ndeny contains {\n")
    write(tmp_path, "logs.tf", LOG_GROUP % 30)
    result = aiguard("scan", ".", "--policies", "org", cwd=tmp_path)
    assert result.returncode == 2
    assert "org/broken.rego:1: rule package aiguard.rules.org.broken has no `# METADATA`" in (
        result.stderr
    )


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = aiguard("scan", "--fail-on", "sometimes", cwd=tmp_path)
    assert result.returncode == 2
    assert "'sometimes' is not one of" in result.stderr


def test_commands_are_listed_and_imported_only_when_they_run(tmp_path: Path) -> None:
    listing = aiguard("--help", cwd=tmp_path)
    assert listing.returncode == 0
    listed = [line.split()[0] for line in listing.stdout.split("Commands:")[1].splitlines() if line]
    assert listed == sorted(cli.COMMANDS)
    heavy = ("pydantic", "jinja2", "regopy", "duckdb", "_duckdb", "aiguard.scan")
    probe = f"import sys, aiguard.cli; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_every_format_is_written_in_one_run(tmp_path: Path) -> None:
    args = []
    for name in sorted(FORMATS):
        args += ["--format", name, "--output", str(tmp_path / f"report.{name}")]
    result = aiguard("scan", str(EXAMPLES / "kubernetes"), "--fail-on", "none", *args)
    assert result.returncode == 0, result.stderr
    starts = {name: (tmp_path / f"report.{name}").read_text()[:15] for name in FORMATS}
    assert starts["html"].startswith("<!DOCTYPE html>")
    assert starts["junit"].startswith("<?xml")
    assert json.loads((tmp_path / "report.sarif").read_text())["version"] == "2.1.0"
    assert all(starts.values())


def test_internal_error_exits_3(
    monkeypatch: pytest.MonkeyPatch, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(scan_command, "run_scan", explode)
    monkeypatch.setattr("sys.argv", ["aiguard", "scan", "."])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    assert "internal error: RuntimeError: boom" in capsys.readouterr().err


def test_parse_error_is_a_finding_and_the_scan_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n")
    write(tmp_path, "logs.tf", LOG_GROUP % 30)
    result = aiguard("scan", ".", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    found = [(f["rule_id"], f["file"], f["line"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("AIG-PARSE", "broken.yaml", 4), ("AIG-LOG-002", "logs.tf", 7)]


def test_tool_rules_are_rerated_and_disabled_in_the_config(tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n")
    write(tmp_path, ".aiguard.yaml", "version: 1\nrules:\n  AIG-PARSE: {severity: low}\n")
    rerated = aiguard("scan", ".", "--format", "json", cwd=tmp_path)
    assert rerated.returncode == 0, rerated.stderr
    findings = json.loads(rerated.stdout)["findings"]
    assert [(f["rule_id"], f["severity"]) for f in findings] == [("AIG-PARSE", "low")]
    write(tmp_path, ".aiguard.yaml", "version: 1\nrules:\n  AIG-PARSE: {enabled: false}\n")
    disabled = aiguard("scan", ".", "--format", "json", cwd=tmp_path)
    assert disabled.returncode == 0, disabled.stderr
    assert json.loads(disabled.stdout)["findings"] == []


def test_json_is_byte_identical_across_runs_and_workers_and_valid(tmp_path: Path) -> None:
    first = aiguard("scan", "examples", "--format", "json", "--workers", "1")
    second = aiguard("scan", "examples", "--format", "json", "--workers", "2")
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    document = json.loads(first.stdout)
    jsonschema.validate(document, json.loads((REPO / "docs/report.schema.json").read_text()))
    assert document["schema_version"] == "1.0"
    assert document["summary"]["failed"] is True


def test_output_file_gets_the_report_and_stdout_the_summary(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = aiguard("scan", "examples", "--format", "json", "--output", str(report))
    assert result.returncode == 1
    assert result.stdout.count("\n") == 1 and "FAILED" in result.stdout
    assert json.loads(report.read_text())["summary"]["findings"] > 0


def test_secret_values_never_reach_any_report() -> None:
    assert SECRET in (EXAMPLES / "kubernetes/serving/embeddings-deployment.yaml").read_text()
    for fmt in ("console", "json", "sarif", "junit", "markdown", "github", "html"):
        result = aiguard("scan", "examples", "--format", fmt)
        assert result.stdout.strip(), fmt
        assert SECRET not in result.stdout + result.stderr


def test_committed_schema_is_current() -> None:
    assert (REPO / "docs/report.schema.json").read_text() == report_schema()


def test_policies_list_and_show() -> None:
    listing = aiguard("policies", "list")
    assert listing.returncode == 0
    row = next(line for line in listing.stdout.splitlines() if line.startswith("AIG-ENC-001"))
    assert row.split()[1] == "high"
    assert "eu-ai-act Art. 15(5), gdpr Art. 32(1)(a)" in row
    assert "AIG-PARSE" in listing.stdout
    shown = aiguard("policies", "show", "AIG-ENC-001")
    assert shown.returncode == 0
    assert shown.stdout.splitlines()[0].startswith("AIG-ENC-001: SageMaker endpoint storage")
    assert "Remediation:" in shown.stdout and "kms_key_arn" in shown.stdout
    missing = aiguard("policies", "show", "AIG-NOPE-001")
    assert missing.returncode == 2


def test_policies_list_json_has_every_field() -> None:
    rows = json.loads(aiguard("policies", "list", "--format", "json").stdout)
    by_id = {row["id"]: row for row in rows}
    assert by_id["AIG-ENC-001"]["basis"] == "evidence"
    assert by_id["AIG-ENC-001"]["kinds"] == ["aws_sagemaker_endpoint_configuration"]


def test_policies_docs_prints_the_committed_rule_reference() -> None:
    result = aiguard("policies", "docs")
    assert result.returncode == 0
    assert result.stdout == (REPO / "docs/rules.md").read_text(encoding="utf-8")


def test_each_format_goes_to_its_own_output(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = aiguard(
        "scan", "examples", "--format", "json", "-o", str(report), "--format", "console"
    )
    assert result.returncode == 1
    assert result.stdout.endswith("FAILED: 7 at or above high\n")
    assert "AIG-ENC-002" in result.stdout  # the console report, not only its summary line
    assert json.loads(report.read_text())["summary"]["findings"] == 21


def test_two_formats_on_standard_output_are_refused() -> None:
    result = aiguard("scan", "examples", "--format", "json", "--format", "console")
    assert result.returncode == 2
    assert "formats json, console would all go to standard output" in result.stderr


def test_fingerprints_ignore_line_moves(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    before = json.loads(aiguard("scan", "examples", "--format", "json", cwd=tmp_path).stdout)
    storage = tmp_path / "examples/terraform/aws/storage.tf"
    storage.write_text("\n\n\n" + storage.read_text())
    after = json.loads(aiguard("scan", "examples", "--format", "json", cwd=tmp_path).stdout)
    lines = {(f["rule_id"], f["line"]) for f in after["findings"]}
    assert ("AIG-ENC-002", 33) in lines  # moved down by three lines
    prints = [sorted(f["fingerprint"] for f in r["findings"]) for r in (before, after)]
    assert prints[0] == prints[1]
    assert len(set(prints[0])) == 21
