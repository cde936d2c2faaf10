"""JUnit XML: a test case per rule and scan unit, read back with a JUnit XML parser."""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from junitparser import Failure, JUnitXml, Skipped

from aiguard.outputs.junit import render_junit
from tests.report_fixtures import scan_log_groups, waive
from tests.test_cli import aiguard


def parse(text: str, tmp_path: Path) -> JUnitXml:
    report = tmp_path / "junit.xml"
    report.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(report))


def cases(xml: JUnitXml) -> dict[str, Any]:
    return {case.name.split(":")[0]: case for suite in xml for case in suite}


def test_one_case_per_rule_that_looked_at_the_unit(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    xml = parse(render_junit(result, "high"), in_tmp)
    (suite,) = list(xml)
    assert suite.name == "logs.tf"
    by_rule = cases(xml)
    # Every rule whose kinds match a CloudWatch log group, plus the parse check.
    expected = sorted(
        rule.id
        for rule in result.rules_run.values()
        if any(fnmatchcase("aws_cloudwatch_log_group", kind) for kind in rule.kinds)
    )
    assert {"AIG-LOG-002", "AIG-ENC-003", "AIG-PARSE", "AIG-RES-001"} <= set(expected)
    assert sorted(by_rule) == expected
    assert suite.tests == len(expected) and suite.failures == 1 and suite.skipped == 0

    log = by_rule["AIG-LOG-002"]
    (failure,) = log.result
    assert isinstance(failure, Failure)
    assert failure.type == "high"
    assert failure.message.startswith("logs.tf:7: log group aws_cloudwatch_log_group.audit")
    assert "logs.tf:7: HIGH" in failure.text
    assert log.classname == "logs.tf"
    # Below --fail-on: the case passes and lists the finding in its output.
    enc = by_rule["AIG-ENC-003"]
    assert enc.result == [] and enc.is_passed
    assert "logs.tf:5: MEDIUM" in enc.system_out


def test_fail_on_medium_fails_both_and_waivers_skip(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    xml = parse(render_junit(result, "medium"), in_tmp)
    by_rule = cases(xml)
    assert sorted(r for r, case in by_rule.items() if not case.is_passed) == [
        "AIG-ENC-003",
        "AIG-LOG-002",
    ]
    assert isinstance(by_rule["AIG-ENC-003"].result[0], Failure)

    waived = waive(result, "AIG-LOG-002")
    by_rule = cases(parse(render_junit(waived, "medium"), in_tmp))
    (skipped,) = by_rule["AIG-LOG-002"].result
    assert isinstance(skipped, Skipped)
    assert skipped.message == "waived: Audit logs are archived to S3 by the platform team"


def test_cli_junit_for_examples_parses_and_counts_failures(tmp_path: Path) -> None:
    report = tmp_path / "aiguard.xml"
    result = aiguard("scan", "examples", "--format", "junit", "--output", str(report))
    assert result.returncode == 1
    xml = JUnitXml.fromfile(str(report))
    failed = [case for suite in xml for case in suite if not case.is_passed]
    # 7 high findings in 6 (file, rule) pairs: AIG-LOG-001 fails twice in sagemaker.tf.
    assert len(failed) == 6
    suites = {suite.name for suite in xml}
    assert "examples/terraform/aws/sagemaker.tf" in suites
