"""SARIF 2.1.0: valid against the OASIS schema, one descriptor per rule, stable
fingerprints, waivers as suppressions, byte-identical for the same input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from aiguard.config import Config
from aiguard.outputs.sarif import render_sarif
from aiguard.scan import run_scan
from tests.conftest import EXAMPLES, REPO
from tests.report_fixtures import scan_log_groups, waive
from tests.test_cli import aiguard

SCHEMA = json.loads((REPO / "tests/data/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(document: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(document)


def test_examples_scan_is_valid_sarif_with_one_descriptor_per_rule() -> None:
    result = run_scan([str(EXAMPLES)], Config(), workers=1)
    document = json.loads(render_sarif(result))
    validate(document)
    run = document["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids == sorted(set(ids)) and set(ids) == set(result.rules_run)
    assert len(run["results"]) == len(result.findings) == 21
    for sarif_result in run["results"]:
        assert ids[sarif_result["ruleIndex"]] == sarif_result["ruleId"]


def test_rule_descriptor_and_result_carry_what_code_scanning_shows(in_tmp: Path) -> None:
    result = scan_log_groups(in_tmp)
    document = json.loads(render_sarif(result))
    validate(document)
    rules = {r["id"]: r for r in document["runs"][0]["tool"]["driver"]["rules"]}
    log = rules["AIG-LOG-002"]
    assert log["shortDescription"]["text"] == result.rules_run["AIG-LOG-002"].title
    assert "six months" in log["fullDescription"]["text"]
    assert "Remediation:" in log["help"]["text"] and "retention_in_days" in log["help"]["text"]
    assert log["properties"]["security-severity"] == "8.0"
    assert log["defaultConfiguration"]["level"] == "error"
    assert "eu-ai-act Art. 19(1)" in log["properties"]["tags"]
    assert "basis:law" in log["properties"]["tags"]
    assert rules["AIG-ENC-003"]["defaultConfiguration"]["level"] == "warning"

    by_rule = {r["ruleId"]: r for r in document["runs"][0]["results"]}
    finding = next(f for f in result.findings if f.rule_id == "AIG-LOG-002")
    located = by_rule["AIG-LOG-002"]["locations"][0]
    assert located["physicalLocation"]["artifactLocation"]["uri"] == "logs.tf"
    assert located["physicalLocation"]["region"] == {"startLine": 7, "endLine": 7}
    assert located["logicalLocations"][0]["fullyQualifiedName"] == (
        "aws_cloudwatch_log_group.audit"
    )
    assert by_rule["AIG-LOG-002"]["partialFingerprints"] == {"aiguard/v1": finding.fingerprint}
    assert by_rule["AIG-LOG-002"]["level"] == "error"
    # A finding on the resource as a whole spans the whole resource block.
    assert by_rule["AIG-ENC-003"]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5,
        "endLine": 8,
    }


def test_waived_finding_is_an_accepted_suppression(in_tmp: Path) -> None:
    result = waive(scan_log_groups(in_tmp), "AIG-LOG-002", source="inline")
    document = json.loads(render_sarif(result))
    validate(document)
    by_rule = {r["ruleId"]: r for r in document["runs"][0]["results"]}
    (suppression,) = by_rule["AIG-LOG-002"]["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["status"] == "accepted"
    assert suppression["justification"] == (
        "Audit logs are archived to S3 by the platform team (owner: platform@example.com)"
        " (expires 2027-03-31)"
    )
    assert "suppressions" not in by_rule["AIG-ENC-003"]


def test_fingerprints_survive_moved_lines(in_tmp: Path) -> None:
    before = json.loads(render_sarif(scan_log_groups(in_tmp)))["runs"][0]["results"]
    text = (in_tmp / "logs.tf").read_text()
    (in_tmp / "logs.tf").write_text("# moved down\n\n" + text)
    after = json.loads(render_sarif(run_scan(["logs.tf"], Config(), workers=1)))["runs"][0][
        "results"
    ]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [7, 9]


def test_cli_sarif_is_byte_identical_across_runs_and_workers() -> None:
    first = aiguard("scan", "examples", "--format", "sarif", "--workers", "1")
    second = aiguard("scan", "examples", "--format", "sarif", "--workers", "2")
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    validate(json.loads(first.stdout))
