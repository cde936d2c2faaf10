"""GitHub Actions annotations: workflow commands, escaped as @actions/core does, printed
by every reporting command when GITHUB_ACTIONS=true."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from aiguard.outputs.github import in_github_actions, render_github
from tests.report_fixtures import LOG_GROUPS, scan_log_groups, waive


def test_failing_findings_are_errors_others_warnings(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    lines = render_github(result, "high").splitlines()
    assert lines == [
        "::warning file=logs.tf,line=5,endLine=8,title=AIG-ENC-003 (medium)%3A CloudWatch log "
        "groups are encrypted with a customer-managed KMS key::log group "
        "aws_cloudwatch_log_group.audit is not encrypted with a customer-managed KMS key "
        "(kms_key_id) [aws_cloudwatch_log_group.audit]",
        "::error file=logs.tf,line=7,endLine=7,title=AIG-LOG-002 (high)%3A CloudWatch log "
        "groups keep records for at least six months::log group aws_cloudwatch_log_group.audit "
        "keeps log events for 30 days; keep them at least 184 days (six months) or never "
        "expire them [aws_cloudwatch_log_group.audit]",
    ]
    assert render_github(waive(result, "AIG-LOG-002"), "high").count("\n") == 1


def test_messages_and_properties_are_escaped(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    result.findings[0].message = "100% wrong\nsecond line"
    result.findings[0].file = "dir,with:odd/logs.tf"
    line = render_github(result, "high").splitlines()[0]
    assert line.startswith("::warning file=dir%2Cwith%3Aodd/logs.tf,line=5,")
    assert line.endswith("::100%25 wrong%0Asecond line [aws_cloudwatch_log_group.audit]")


def test_detected_from_the_environment() -> None:
    assert in_github_actions({"GITHUB_ACTIONS": "true"})
    assert not in_github_actions({})
    assert not in_github_actions({"GITHUB_ACTIONS": "false"})


def run_scan_cli(root: Path, *args: str, github: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    executable = shutil.which("aiguard")
    assert executable
    return subprocess.run(
        [executable, "scan", ".", *args], cwd=root, env=env, capture_output=True, text=True
    )


def test_scan_in_github_actions_annotates_on_stderr_and_keeps_stdout_clean(
    tmp_path: Path,
) -> None:
    (tmp_path / "logs.tf").write_text(LOG_GROUPS, encoding="utf-8")
    inside = run_scan_cli(tmp_path, "--format", "json", github=True)
    outside = run_scan_cli(tmp_path, "--format", "json", github=False)
    assert inside.returncode == outside.returncode == 1
    assert inside.stdout == outside.stdout  # the JSON report stays parseable
    annotations = [line for line in inside.stderr.splitlines() if line.startswith("::")]
    assert [a.split(" ", 1)[0] for a in annotations] == ["::warning", "::error"]
    assert "::" not in outside.stderr
    # Asked for explicitly, they go where the format goes, once.
    explicit = run_scan_cli(tmp_path, "--format", "github", github=True)
    assert explicit.stdout.count("::error") == 1 and "::error" not in explicit.stderr
