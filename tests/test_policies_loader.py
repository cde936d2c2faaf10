"""Policy loading: METADATA parsing, user policies, overrides, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aiguard.errors import PolicyError
from aiguard.model import Severity
from aiguard.paths import builtin_policies_dir, builtin_rules_dir
from aiguard.policies import load_policies, load_rule_data

RULE = """# METADATA
# title: Buckets are named
# description: A test rule.
# custom:
#   id: {id}
#   severity: low
#   kinds: [aws_s3_bucket]
#   frameworks:
#     - {{name: internal, ref: "naming"}}
#   basis: practice
#   remediation: Name the bucket.
package aiguard.rules.{package}

deny contains {{"resource": r.id, "msg": "unnamed"}} if {{
	some r in input.resources
	not r.attributes.bucket
}}
"""


def user_rule(tmp_path: Path, rule_id: str, package: str = "custom.named") -> Path:
    folder = tmp_path / "org"
    folder.mkdir(exist_ok=True)
    (folder / f"{package.replace('.', '_')}.rego").write_text(
        RULE.format(id=rule_id, package=package), encoding="utf-8"
    )
    return folder


def test_builtin_metadata_is_read() -> None:
    rules = load_policies(builtin_policies_dir(), []).by_id()
    rule = rules["AIG-ENC-001"]
    assert rule.severity is Severity.HIGH
    assert rule.package == "encryption.sagemaker_endpoint_kms"
    assert rule.family == "encryption"
    assert [(f.name, f.ref) for f in rule.frameworks] == [
        ("eu-ai-act", "Art. 15(5)"),
        ("gdpr", "Art. 32(1)(a)"),
    ]
    assert "kms_key_arn" in rule.remediation


def test_user_rule_is_added(tmp_path: Path) -> None:
    rules = load_policies(builtin_policies_dir(), [user_rule(tmp_path, "ORG-S3-001")]).by_id()
    assert rules["ORG-S3-001"].builtin is False
    assert "AIG-ENC-001" in rules


def test_user_rule_with_our_id_replaces_ours(tmp_path: Path) -> None:
    policy_set = load_policies(builtin_policies_dir(), [user_rule(tmp_path, "AIG-ENC-001")])
    rule = policy_set.by_id()["AIG-ENC-001"]
    assert rule.title == "Buckets are named"
    assert not any("sagemaker_endpoint_kms" in m.path for m in policy_set.modules)


def test_disabled_rule_module_is_not_loaded() -> None:
    policy_set = load_policies(builtin_policies_dir(), []).without({"AIG-ENC-001"})
    assert "AIG-ENC-001" not in policy_set.by_id()
    assert not any("sagemaker_endpoint_kms" in m.path for m in policy_set.modules)


def test_missing_metadata_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "x.rego").write_text("package aiguard.rules.custom.x\n\ndeny := set()\n")
    with pytest.raises(PolicyError) as error:
        load_policies(builtin_policies_dir(), [folder])
    assert error.value.line == 1
    assert "no `# METADATA` block" in error.value.message


def test_bad_metadata_value_names_field_and_line(tmp_path: Path) -> None:
    folder = user_rule(tmp_path, "ORG-S3-001")
    path = next(folder.glob("*.rego"))
    path.write_text(path.read_text().replace("severity: low", "severity: urgent"))
    with pytest.raises(PolicyError) as error:
        load_policies(builtin_policies_dir(), [folder])
    assert error.value.file == str(path)
    assert error.value.line == 1
    assert "severity" in error.value.message


def test_package_outside_the_convention_is_an_error(tmp_path: Path) -> None:
    folder = user_rule(tmp_path, "ORG-S3-001", package="custom.deep.named")
    with pytest.raises(PolicyError) as error:
        load_policies(builtin_policies_dir(), [folder])
    assert "aiguard.rules.<family>.<name>" in error.value.message
    assert error.value.line == 12


def test_duplicate_user_ids_are_an_error(tmp_path: Path) -> None:
    folder = user_rule(tmp_path, "ORG-S3-001")
    user_rule(tmp_path, "ORG-S3-001", package="custom.other")
    with pytest.raises(PolicyError, match="already used"):
        load_policies(builtin_policies_dir(), [folder])


def test_rule_data_merges_user_files_and_settings(tmp_path: Path) -> None:
    (tmp_path / "gpu_catalogue.yaml").write_text("accelerators: {custom-x1: X1}\n")
    (tmp_path / "extra.json").write_text(json.dumps({"limit": 3}))
    data = load_rule_data([builtin_rules_dir(), tmp_path], {"extra": {"limit": 5}})
    config = data["aiguard"]["config"]
    assert config["gpu_catalogue"]["accelerators"]["custom-x1"] == "X1"
    assert config["gpu_catalogue"]["accelerators"]["nvidia-l4"] == "L4"
    assert config["extra"] == {"limit": 5}


def test_bad_rule_data_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("a: 1\nb: [2\n")
    with pytest.raises(PolicyError) as error:
        load_rule_data([tmp_path], {})
    assert error.value.file == str(tmp_path / "broken.yaml")
    assert error.value.line == 3
