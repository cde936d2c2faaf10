"""Waivers: inline in Terraform comments and Kubernetes annotations, and in .aiguard.yaml.

Every test runs the real scan (or the real `aiguard` executable) over small manifests
written into a temporary directory, and asserts which findings are waived, by which
waiver, and the exit code.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from aiguard.config import load_config
from aiguard.model import Waiver
from aiguard.waivers import WaiverEntry, address_scopes
from tests.conftest import REPO
from tests.test_cli import aiguard, write

BUCKET = """{comment}resource "aws_s3_bucket" "data" {{
  bucket = "training-data"
{inside}}}
"""
VALID = 'aiguard:waive AIG-ENC-002 reason="public data only" owner=ml-platform ticket=SEC-7'
DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: infer
  labels:
    aiguard.io/system-id: sys-1
    cost-center: ml
    owner: ml-platform
  annotations:
    aiguard.io/risk-class: minimal
    aiguard.io/role: deployer
    aiguard.io/waive: |
      AIG-DOC-001 reason="vendor image, digest pinned by the registry mirror" expires=2099-12-31
      AIG-COST-015,AIG-COST-016 reason="sized by the operator" owner=infra
spec:
  replicas: 1
  template:
    spec:
      nodeSelector:
        topology.kubernetes.io/region: eu-central-1
      containers:
        - name: c
          image: vllm/vllm:latest
          resources:
            limits:
              nvidia.com/gpu: 1
"""


def scan_json(root: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = aiguard("scan", *args, "--format", "json", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def by_rule(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in report["findings"]:
        found.setdefault(finding["rule_id"], []).append(finding)
    return found


def plan(*addresses: str) -> str:
    """A minimal `terraform show -json` plan with an unencrypted S3 bucket per address."""
    root: list[dict[str, Any]] = []
    modules: dict[str, list[dict[str, Any]]] = {}
    for address in addresses:
        module, _, local = address.rpartition(".aws_s3_bucket.")
        entry = {
            "address": address,
            "mode": "managed",
            "type": "aws_s3_bucket",
            "name": local.split("[")[0],
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "values": {"bucket": "b"},
        }
        if module:
            modules.setdefault(module, []).append(entry)
        else:
            root.append(entry)
    document = {
        "format_version": "1.2",
        "planned_values": {
            "root_module": {
                "resources": root,
                "child_modules": [{"address": a, "resources": r} for a, r in modules.items()],
            }
        },
        "configuration": {"root_module": {}},
    }
    return json.dumps(document, indent=2)


# --- inline, Terraform --------------------------------------------------------------------


def test_comment_above_the_block_waives_its_finding_and_the_run_passes(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BUCKET.format(comment=f"# {VALID}\n", inside=""))
    code, report = scan_json(tmp_path, ".")
    assert code == 0
    [finding] = report["findings"]
    assert finding["rule_id"] == "AIG-ENC-002"
    assert finding["waiver"] == {
        "rule_id": "AIG-ENC-002",
        "reason": "public data only",
        "owner": "ml-platform",
        "ticket": "SEC-7",
        "expires": None,
        "source": "inline",
        "file": "main.tf",
        "line": 1,
    }
    assert report["summary"]["failed"] is False
    assert report["summary"]["waived"] == 1
    assert "fixed" not in report  # diff mode only
    schema = json.loads((REPO / "docs" / "report.schema.json").read_text())
    jsonschema.validate(report, schema)


def test_comment_inside_the_block_waives_and_console_marks_it(tmp_path: Path) -> None:
    comment = f"  // {VALID} expires=2099-12-31\n"
    write(tmp_path, "main.tf", BUCKET.format(comment="", inside=comment))
    result = aiguard("scan", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert (
        "(waived: public data only; owner ml-platform; ticket SEC-7; expires 2099-12-31)"
        in result.stdout
    )
    assert result.stdout.splitlines()[-1].startswith("1 finding (1 high) in 1 file")
    assert "; 1 waived; passed at --fail-on high" in result.stdout


def test_a_comment_separated_by_a_blank_line_is_not_the_blocks(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", BUCKET.format(comment=f"# {VALID}\n\n", inside=""))
    code, report = scan_json(tmp_path, ".")
    assert code == 1
    assert report["findings"][0]["waiver"] is None


def test_an_expired_waiver_stops_waiving_and_becomes_a_finding(tmp_path: Path) -> None:
    comment = f"# {VALID} expires=2020-01-31\n"
    write(tmp_path, "main.tf", BUCKET.format(comment=comment, inside=""))
    code, report = scan_json(tmp_path, ".")
    assert code == 1
    found = by_rule(report)
    assert found["AIG-ENC-002"][0]["waiver"] is None
    [expired] = found["AIG-WAIVER-001"]
    assert (expired["file"], expired["line"], expired["severity"]) == ("main.tf", 1, "medium")
    assert expired["resource"] == "aws_s3_bucket.data"
    assert expired["message"] == (
        "the inline waiver of AIG-ENC-002 for aws_s3_bucket.data expired on 2020-01-31, "
        "owner ml-platform; it no longer waives anything"
    )


def test_expiry_is_the_last_valid_day() -> None:
    entry = WaiverEntry(
        Waiver(
            rule_id="AIG-ENC-002",
            reason="r",
            expires=date(2026, 3, 1),
            source="config",
            file="c",
            line=1,
        )
    )
    assert not entry.expired(date(2026, 3, 1))
    assert entry.expired(date(2026, 3, 2))


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        (
            "# aiguard:waive AIG-ENC-002 owner=me",
            'it has no reason="..." saying why the risk is accepted',
        ),
        ('# aiguard:waive AIG-ENC-002 reason=""', 'it has no reason="..." saying why'),
        (
            '# aiguard:waive AIG-ENC-999 reason="typo"',
            "unknown rule id 'AIG-ENC-999'; `aiguard policies list` shows the ids",
        ),
        (
            '# aiguard:waive AIG-ENC-002 reason="x" expires=31.12.2099',
            "expires='31.12.2099' is not a date (YYYY-MM-DD)",
        ),
        (
            '# aiguard:waive AIG-ENC-002 reason="x" until=2099-01-01',
            "unexpected 'until=2099-01-01'; keys are reason, owner, ticket",
        ),
        ('# aiguard:waive AIG-ENC-002 reason="unterminated', "cannot read it (No closing"),
    ],
)
def test_an_invalid_inline_waiver_waives_nothing_and_is_reported_at_its_line(
    tmp_path: Path, comment: str, problem: str
) -> None:
    write(tmp_path, "main.tf", BUCKET.format(comment=f"# header\n{comment}\n", inside=""))
    code, report = scan_json(tmp_path, ".")
    assert code == 1
    found = by_rule(report)
    assert found["AIG-ENC-002"][0]["waiver"] is None
    [invalid] = found["AIG-WAIVER-002"]
    assert (invalid["file"], invalid["line"]) == ("main.tf", 2)
    assert invalid["message"].startswith(f"inline waiver ignored: {problem}")


def test_instance_waiver_covers_only_that_instance_in_a_plan(tmp_path: Path) -> None:
    comment = '  # aiguard:waive AIG-ENC-002 instance=a reason="public mirror"\n'
    write(tmp_path, "main.tf", BUCKET.format(comment="", inside=comment))
    write(tmp_path, "plan.json", plan('aws_s3_bucket.data["a"]', 'aws_s3_bucket.data["b"]'))
    code, report = scan_json(tmp_path, ".")
    assert code == 1
    waived = {f["resource"]: f["waiver"] is not None for f in report["findings"]}
    assert waived == {
        "aws_s3_bucket.data": False,  # the source block: not one instance
        'aws_s3_bucket.data["a"]': True,
        'aws_s3_bucket.data["b"]': False,
    }


def test_waiver_on_a_module_block_covers_the_resources_in_that_module(tmp_path: Path) -> None:
    write(
        tmp_path,
        "main.tf",
        '# aiguard:waive AIG-ENC-002 reason="team buckets hold public data"\n'
        'module "team" {\n  source = "./team"\n}\n',
    )
    write(
        tmp_path,
        "plan.json",
        plan(
            'module.team["x"].aws_s3_bucket.logs',
            "module.team.aws_s3_bucket.logs",
            "module.teams.aws_s3_bucket.logs",
        ),
    )
    code, report = scan_json(tmp_path, ".")
    assert code == 1
    waived = {f["resource"]: f["waiver"] is not None for f in report["findings"]}
    assert waived == {
        'module.team["x"].aws_s3_bucket.logs': True,
        "module.team.aws_s3_bucket.logs": True,
        "module.teams.aws_s3_bucket.logs": False,
    }


def test_inline_waivers_stay_in_their_module_directory(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", "main.tf", BUCKET.format(comment=f"# {VALID}\n", inside=""))
    write(tmp_path / "b", "main.tf", BUCKET.format(comment="", inside=""))
    code, report = scan_json(tmp_path, ".")
    assert code == 1
    waived = {f["file"]: f["waiver"] is not None for f in report["findings"]}
    assert waived == {"a/main.tf": True, "b/main.tf": False}


def test_address_scopes() -> None:
    assert address_scopes('module.a["x"].module.b.aws_instance.gpu[0]') == [
        'module.a["x"].module.b.aws_instance.gpu[0]',
        'module.a["x"].module.b.aws_instance.gpu',
        'module.a["x"]',
        "module.a",
        'module.a["x"].module.b',
    ]
    assert address_scopes("apps/v1/Deployment/ns/x") == ["apps/v1/Deployment/ns/x"]


# --- inline, Kubernetes ------------------------------------------------------------------


def test_annotation_waives_one_rule_per_line_and_several_rules_per_line(tmp_path: Path) -> None:
    write(tmp_path, "deploy.yaml", DEPLOYMENT)
    code, report = scan_json(tmp_path, ".", "--fail-on", "low")
    waivers = {f["rule_id"]: f["waiver"] for f in report["findings"]}
    assert set(waivers) == {"AIG-DOC-001", "AIG-COST-015", "AIG-COST-016"}
    assert waivers["AIG-DOC-001"] == {
        "rule_id": "AIG-DOC-001",
        "reason": "vendor image, digest pinned by the registry mirror",
        "owner": None,
        "ticket": None,
        "expires": "2099-12-31",
        "source": "inline",
        "file": "deploy.yaml",
        "line": 12,
    }
    assert waivers["AIG-COST-016"]["owner"] == "infra"
    assert waivers["AIG-COST-015"]["reason"] == "sized by the operator"
    assert code == 0


def test_no_inline_waivers_leaves_only_config_waivers(tmp_path: Path) -> None:
    write(tmp_path, "deploy.yaml", DEPLOYMENT)
    write(
        tmp_path,
        ".aiguard.yaml",
        "waivers:\n"
        "  - rule: AIG-DOC-001\n"
        "    path: '*.yaml'\n"
        "    reason: reviewed by security\n"
        "    owner: secops\n",
    )
    result = aiguard(
        "scan", ".", "--no-inline-waivers", "--fail-on", "low", "--format", "json", cwd=tmp_path
    )
    report = json.loads(result.stdout)
    waivers = {f["rule_id"]: f["waiver"] for f in report["findings"]}
    assert waivers["AIG-COST-015"] is None
    assert waivers["AIG-COST-016"] is None
    assert waivers["AIG-DOC-001"]["source"] == "config"
    assert waivers["AIG-DOC-001"]["file"] == ".aiguard.yaml"
    assert waivers["AIG-DOC-001"]["line"] == 2
    assert "--no-inline-waivers: 3 inline waivers ignored" in report["notices"]
    assert result.returncode == 1


# --- .aiguard.yaml ----------------------------------------------------------------------


def test_config_waiver_by_resource_glob_covers_instances_but_brackets_are_literal(
    tmp_path: Path,
) -> None:
    write(tmp_path, "plan.json", plan('aws_s3_bucket.data["a"]', 'aws_s3_bucket.data["b"]'))
    write(
        tmp_path,
        ".aiguard.yaml",
        "fail_on: high\n"
        "waivers:\n"
        "  - rule: AIG-ENC-*\n"
        "    resource: 'aws_s3_bucket.data[\"a\"]'\n"
        "    reason: public mirror\n"
        "    ticket: SEC-1\n"
        "    expires: 2099-06-30\n",
    )
    code, report = scan_json(tmp_path, ".")
    assert code == 1
    waived = {f["resource"]: f["waiver"] for f in report["findings"]}
    assert waived['aws_s3_bucket.data["b"]'] is None
    assert waived['aws_s3_bucket.data["a"]'] == {
        "rule_id": "AIG-ENC-*",
        "reason": "public mirror",
        "owner": None,
        "ticket": "SEC-1",
        "expires": "2099-06-30",
        "source": "config",
        "file": ".aiguard.yaml",
        "line": 3,
    }


def test_config_waiver_for_a_whole_resource_and_an_expired_one(tmp_path: Path) -> None:
    write(tmp_path, "plan.json", plan('aws_s3_bucket.data["a"]', "module.m.aws_s3_bucket.x"))
    write(
        tmp_path,
        ".aiguard.yaml",
        "waivers:\n"
        "  - rule: AIG-ENC-002\n"
        "    resource: aws_s3_bucket.data\n"
        "    reason: all instances\n"
        "  - rule: AIG-ENC-002\n"
        "    resource: module.m\n"
        "    reason: old exception\n"
        "    owner: data-team\n"
        "    expires: 2021-05-01\n",
    )
    code, report = scan_json(tmp_path, ".")
    assert code == 1
    found = by_rule(report)
    waived = {f["resource"]: f["waiver"] is not None for f in found["AIG-ENC-002"]}
    assert waived == {'aws_s3_bucket.data["a"]': True, "module.m.aws_s3_bucket.x": False}
    [expired] = found["AIG-WAIVER-001"]
    assert (expired["file"], expired["line"], expired["resource"]) == (".aiguard.yaml", 5, None)
    assert expired["message"] == (
        "the config waiver of AIG-ENC-002 for module.m expired on 2021-05-01, "
        "owner data-team; it no longer waives anything"
    )


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        (
            "  - rule: AIG-ENC-002\n    resource: x\n",
            ".aiguard.yaml:3: waivers.0.reason: Field required",
        ),
        (
            "  - rule: AIG-ENC-002\n    resource: x\n    reason: '  '\n",
            ".aiguard.yaml:5: waivers.0.reason: Value error, a waiver needs a reason",
        ),
        (
            "  - rule: AIG-ENC-002\n    reason: why\n",
            ".aiguard.yaml:3: waivers.0: Value error, give `resource` or `path`",
        ),
        (
            "  - rule: AIG-ENC-002\n    resource: x\n    reason: y\n    expiry: 2027-01-01\n",
            ".aiguard.yaml:6: unknown key 'waivers.0.expiry'; allowed keys: rule, resource, path, "
            "reason, owner, ticket, expires, since",
        ),
        (
            "  - rule: AIG-ENC-002\n    resource: x\n    reason: y\n    expires: next year\n",
            ".aiguard.yaml:6: waivers.0.expires: Input should be a valid date",
        ),
        (
            "  - rule: AIG-ENC-998\n    resource: x\n    reason: y\n",
            ".aiguard.yaml:3: waivers: unknown rule id AIG-ENC-998",
        ),
    ],
)
def test_a_bad_config_waiver_is_exit_2_with_file_and_line(
    tmp_path: Path, entry: str, error: str
) -> None:
    write(tmp_path, "main.tf", BUCKET.format(comment="", inside=""))
    write(tmp_path, ".aiguard.yaml", "fail_on: high\nwaivers:\n" + entry)
    result = aiguard("scan", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"aiguard: error: {error}"), result.stderr


def test_config_waiver_lines_survive_the_loader(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.yaml",
        "waivers:\n  - rule: A-1\n    path: x\n    reason: r\n\n  - rule: B-2\n"
        "    path: y\n    reason: s\n",
    )
    assert load_config(path).waiver_lines() == [2, 6]


# --- aiguard waivers list --------------------------------------------------------------


def git(root: Path, *args: str, when: str = "2025-01-15T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def test_waivers_list_shows_every_waiver_with_age_and_expiry(tmp_path: Path) -> None:
    today = datetime.now(timezone.utc).date()
    write(tmp_path, "main.tf", BUCKET.format(comment=f"# {VALID} expires=2020-02-01\n", inside=""))
    write(tmp_path, "deploy.yaml", DEPLOYMENT)
    write(
        tmp_path,
        ".aiguard.yaml",
        "waivers:\n"
        "  - rule: AIG-COST-002\n"
        "    path: 'infra/*'\n"
        "    reason: tags come from the account\n"
        "    since: 2026-01-01\n",
    )
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "main.tf", ".aiguard.yaml")
    git(tmp_path, "commit", "-q", "-m", "first")

    result = aiguard("waivers", "list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    by_rule_id = {row["rule_id"]: row for row in rows}
    assert [row["rule_id"] for row in rows] == [
        "AIG-COST-002",
        "AIG-DOC-001",
        "AIG-COST-015",
        "AIG-COST-016",
        "AIG-ENC-002",
    ]
    config = by_rule_id["AIG-COST-002"]
    assert (config["source"], config["target"], config["since"]) == (
        "config",
        "path=infra/*",
        "2026-01-01",
    )
    assert config["age_days"] == (today - date(2026, 1, 1)).days
    committed = by_rule_id["AIG-ENC-002"]  # age from the commit of its line
    assert committed["since"] == "2025-01-15"
    assert committed["age_days"] == (today - date(2025, 1, 15)).days
    assert (committed["status"], committed["expires"]) == ("expired", "2020-02-01")
    uncommitted = by_rule_id["AIG-DOC-001"]  # deploy.yaml was never committed
    assert (uncommitted["since"], uncommitted["age_days"]) == (None, None)
    assert uncommitted["target"] == "apps/v1/Deployment/default/infer"

    text = aiguard("waivers", "list", cwd=tmp_path).stdout.splitlines()
    assert text[-1] == "5 waivers, 1 expired"
    age = (today - date(2025, 1, 15)).days
    assert (
        f"main.tf:1  AIG-ENC-002  aws_s3_bucket.data  age {age}d  "
        "expires 2020-02-01 EXPIRED owner=ml-platform ticket=SEC-7"
    ) in text
    assert "    public data only" in text


def test_an_annotation_waives_only_the_object_it_is_on(tmp_path: Path) -> None:
    """The same object id in another file (an overlay) is not covered."""
    write(tmp_path, "base.yaml", DEPLOYMENT)
    overlay = "\n".join(
        line for line in DEPLOYMENT.splitlines() if "waive" not in line and "reason=" not in line
    )
    write(tmp_path, "overlay.yaml", overlay + "\n")
    _, report = scan_json(tmp_path, ".", "--fail-on", "low")
    waived = {(f["file"], f["rule_id"]): f["waiver"] is not None for f in report["findings"]}
    assert waived[("base.yaml", "AIG-DOC-001")] is True
    assert waived[("overlay.yaml", "AIG-DOC-001")] is False
