"""Regulatory scoping: declarations, `ai_defaults` by path, and rule scopes."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiguard.config import AIDefaults, load_config
from aiguard.discover import discover
from aiguard.errors import ConfigError, PolicyError
from aiguard.model import AIMetadata, Derived, Resource, RuleMeta
from aiguard.paths import builtin_policies_dir
from aiguard.policies import load_policies
from aiguard.scan import build_units, run_scan, scan_context
from aiguard.scoping import apply_ai_defaults, in_scope


def resource(file: str, **ai: str) -> Resource:
    return Resource(
        id="aws_sagemaker_endpoint_configuration.x",
        kind="aws_sagemaker_endpoint_configuration",
        provider="aws",
        file=file,
        line=1,
        end_line=1,
        derived=Derived(is_ai=True, ai=AIMetadata(**ai)),
    )


def rule(scope: dict[str, list[str]] | None) -> RuleMeta:
    return RuleMeta(
        id="AIG-TEST-001",
        title="t",
        description="d",
        severity="low",
        kinds=["*"],
        basis="practice",
        remediation="r",
        scope=scope,
    )


def test_ai_defaults_fill_only_what_a_resource_leaves_out() -> None:
    declared = resource("ml/serving/main.tf", risk_class="limited")
    bare = resource("ml/training/main.tf")
    elsewhere = resource("web/main.tf")
    defaults = [
        AIDefaults(paths=["ml/"], declare={"risk_class": "high", "role": "provider"}),
        AIDefaults(paths=["ml/training/"], declare={"role": "deployer"}),
    ]
    apply_ai_defaults([declared, bare, elsewhere], defaults)
    assert declared.derived.ai.risk_class == "limited"
    assert declared.derived.ai.role == "provider"
    assert (bare.derived.ai.risk_class, bare.derived.ai.role) == ("high", "provider")
    assert elsewhere.derived.ai.risk_class is None


def test_scope_binds_only_matching_declarations() -> None:
    high_provider = rule({"risk_class": ["high"], "role": ["provider"]})
    assert in_scope(high_provider, resource("a.tf", risk_class="high", role="provider"))
    assert not in_scope(high_provider, resource("a.tf", risk_class="high", role="deployer"))
    assert not in_scope(high_provider, resource("a.tf"))
    assert in_scope(high_provider, None)
    assert in_scope(rule(None), resource("a.tf"))


def test_scope_must_use_the_vocabulary() -> None:
    with pytest.raises(ValueError, match="scope key 'risk' is not one of"):
        rule({"risk": ["high"]})
    with pytest.raises(ValueError, match="are not in prohibited, high, limited, minimal"):
        rule({"risk_class": ["severe"]})


def test_bad_ai_default_value_names_line_and_allowed_values(tmp_path: Path) -> None:
    path = tmp_path / ".aiguard.yaml"
    path.write_text("ai_defaults:\n  - paths: [ml/]\n    declare: {risk_class: severe}\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.line == 3
    assert "risk_class must be one of prohibited, high, limited, minimal" in error.value.message


def test_declaration_extras_reach_policies_unchanged() -> None:
    metadata = AIMetadata(risk_class="high", oversight_owner="Risk Team <risk@example.com>")
    dumped = Derived(ai=metadata).model_dump(exclude_none=True)["ai"]
    assert dumped == {"risk_class": "high", "oversight_owner": "Risk Team <risk@example.com>"}


SCOPED_RULE = """# METADATA
# title: High-risk endpoints are named
# description: test
# custom:
#   id: ORG-TEST-001
#   severity: high
#   kinds: [aws_sagemaker_endpoint_configuration]
#   basis: practice
#   scope: {risk_class: [high]}
#   remediation: name it
package aiguard.rules.org.scoped

deny contains {"resource": r.id, "msg": "unnamed"} if {
	some r in input.resources
	not r.attributes.name
}
"""
ENDPOINT = """resource "aws_sagemaker_endpoint_configuration" "%s" {
  tags = { "aiguard.io/risk-class" = "%s" }
  kms_key_arn = "arn:aws:kms:eu-central-1:123456789012:key/k"
  production_variants {
    variant_name           = "v"
    model_name             = "m"
    instance_type          = "ml.m5.large"
    initial_instance_count = 1
  }
}
"""


def test_pipeline_drops_findings_outside_a_rule_scope(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "scoped.rego").write_text(SCOPED_RULE)
    (tmp_path / "ml").mkdir()
    (tmp_path / "ml" / "main.tf").write_text(
        ENDPOINT % ("high", "high") + ENDPOINT % ("low", "minimal")
    )
    (tmp_path / ".aiguard.yaml").write_text("policies: [org]\n")
    monkeypatch.chdir(tmp_path)
    result = run_scan(["ml"], load_config(None), workers=1)
    assert [(f.rule_id, f.resource) for f in result.findings if f.rule_id == "ORG-TEST-001"] == [
        ("ORG-TEST-001", "aws_sagemaker_endpoint_configuration.high")
    ]


def test_policy_with_a_bad_scope_is_a_policy_error(tmp_path: Path) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "scoped.rego").write_text(SCOPED_RULE.replace("[high]", "[huge]"))
    with pytest.raises(PolicyError, match="scope risk_class values"):
        load_policies(builtin_policies_dir(), [tmp_path / "org"])


def test_scan_context_lists_namespaces_with_a_gpu_quota(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "quota.yaml").write_text(
        "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: gpus, namespace: ml}\n"
        "spec:\n  hard: {requests.nvidia.com/gpu: 8}\n---\n"
        "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: cpu, namespace: web}\n"
        "spec:\n  hard: {requests.cpu: 8}\n"
    )
    monkeypatch.chdir(tmp_path)
    assert scan_context(build_units(discover(["."]))) == {"gpu_quota_namespaces": ["ml"]}
