"""The Terraform plan JSON parser, on a `terraform show -json` plan with nested modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aiguard.model import ParseError, ParseOutput, Resource
from aiguard.parsers.terraform_plan import (
    is_terraform_plan,
    parse_terraform_plan,
    plan_resource_changes,
)

PLAN = Path(__file__).parent / "fixtures" / "parsers" / "terraform_plan" / "plan.json"


@pytest.fixture(scope="module")
def text() -> str:
    return PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan(text: str) -> ParseOutput:
    return parse_terraform_plan("plan.json", text)


def _by_id(output: ParseOutput) -> dict[str, Resource]:
    return {resource.id: resource for resource in output.resources}


def test_is_terraform_plan(text: str) -> None:
    assert is_terraform_plan(json.loads(text)) is True
    assert is_terraform_plan({"format_version": "1.2", "resource_changes": []}) is True
    assert is_terraform_plan({"format_version": "1.0", "values": {}}) is False  # state
    assert is_terraform_plan({"planned_values": {}}) is False
    assert is_terraform_plan([]) is False


def test_full_addresses_kinds_and_providers_data_sources_skipped(plan: ParseOutput) -> None:
    assert plan.errors == []
    assert [(r.id, r.kind, r.provider) for r in plan.resources] == [
        ('aws_s3_bucket.artifacts["models"]', "aws_s3_bucket", "aws"),
        (
            "aws_sagemaker_endpoint_configuration.llm",
            "aws_sagemaker_endpoint_configuration",
            "aws",
        ),
        ("aws_ssm_parameter.openai", "aws_ssm_parameter", "aws"),
        ("google_container_node_pool.l4", "google_container_node_pool", "google"),
        ("google_storage_bucket.features", "google_storage_bucket", "google"),
        ("google_pubsub_topic.events", "google_pubsub_topic", "google"),
        ("module.ml.aws_eks_cluster.this", "aws_eks_cluster", "aws"),
        ("module.ml.module.gpu.aws_eks_node_group.gpu[0]", "aws_eks_node_group", "aws"),
        ("module.ml.module.gpu.aws_eks_node_group.gpu[1]", "aws_eks_node_group", "aws"),
    ]
    assert all(r.file == "plan.json" for r in plan.resources)


def test_lines_come_from_the_address_index(plan: ParseOutput) -> None:
    assert [(r.id, r.line, r.end_line) for r in plan.resources] == [
        ('aws_s3_bucket.artifacts["models"]', 16, 16),
        ("aws_sagemaker_endpoint_configuration.llm", 46, 46),
        ("aws_ssm_parameter.openai", 117, 117),
        ("google_container_node_pool.l4", 156, 156),
        ("google_storage_bucket.features", 207, 207),
        ("google_pubsub_topic.events", 239, 239),
        ("module.ml.aws_eks_cluster.this", 263, 263),
        ("module.ml.module.gpu.aws_eks_node_group.gpu[0]", 306, 306),
        ("module.ml.module.gpu.aws_eks_node_group.gpu[1]", 353, 353),
    ]


def test_a_plan_on_one_line_puts_everything_on_line_1(text: str) -> None:
    compact = json.dumps(json.loads(text))
    output = parse_terraform_plan("plan.json", compact)
    assert {r.line for r in output.resources} == {1}
    assert len(output.resources) == 9


def test_sorted_keys_do_not_let_configuration_addresses_shadow_planned_ones(text: str) -> None:
    # With sorted keys `configuration` (module-relative addresses) precedes planned_values.
    pretty_sorted = json.dumps(json.loads(text), indent=2, sort_keys=True)
    resources = _by_id(parse_terraform_plan("plan.json", pretty_sorted))
    line = resources["google_pubsub_topic.events"].line
    assert pretty_sorted.splitlines()[line - 1].strip() == (
        '"address": "google_pubsub_topic.events",'
    )
    planned_start = pretty_sorted[: pretty_sorted.index('"planned_values"')].count("\n") + 1
    assert line > planned_start


def test_values_are_the_attributes_with_nested_blocks_as_lists(plan: ParseOutput) -> None:
    node_group = _by_id(plan)["module.ml.module.gpu.aws_eks_node_group.gpu[0]"]
    assert node_group.attributes["scaling_config"] == [
        {"desired_size": 2, "max_size": 4, "min_size": 1}
    ]
    assert node_group.attributes["instance_types"] == ["p4d.24xlarge"]


def test_region_from_provider_config_aliases_variables_and_locations(plan: ParseOutput) -> None:
    regions = {resource.id: resource.derived.region for resource in plan.resources}
    assert regions == {
        # root provider `region = var.region`, from the plan's variables
        'aws_s3_bucket.artifacts["models"]': "eu-central-1",
        # provider_config_key aws.west
        "aws_sagemaker_endpoint_configuration.llm": "us-west-2",
        "aws_ssm_parameter.openai": "eu-central-1",
        # own location
        "google_container_node_pool.l4": "europe-west4",
        "google_storage_bucket.features": "EU",
        # google provider_config region
        "google_pubsub_topic.events": "europe-west1",
        # module keys `module.ml:aws` / `module.ml.module.gpu:aws` inherit the root's
        "module.ml.aws_eks_cluster.this": "eu-central-1",
        "module.ml.module.gpu.aws_eks_node_group.gpu[0]": "eu-central-1",
        "module.ml.module.gpu.aws_eks_node_group.gpu[1]": "eu-central-1",
    }


def test_resource_region_attribute_wins_over_the_provider() -> None:
    document = {
        "format_version": "1.2",
        "planned_values": {
            "root_module": {
                "resources": [
                    {
                        "address": "aws_s3_bucket.b",
                        "mode": "managed",
                        "type": "aws_s3_bucket",
                        "name": "b",
                        "provider_name": "registry.terraform.io/hashicorp/aws",
                        "values": {"bucket": "b", "region": "ap-south-1"},
                    }
                ]
            }
        },
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}
            },
            "root_module": {
                "resources": [{"address": "aws_s3_bucket.b", "provider_config_key": "aws"}]
            },
        },
    }
    output = parse_terraform_plan("p.json", json.dumps(document))
    assert output.resources[0].derived.region == "ap-south-1"


def test_tags_come_from_tags_all_and_effective_labels(plan: ParseOutput) -> None:
    resources = _by_id(plan)
    assert resources["aws_sagemaker_endpoint_configuration.llm"].derived.tags == {
        "aiguard:risk-class": "high",
        "aiguard:role": "deployer",
        "Team": "ml-platform",
        "aiguard:data-classification": "confidential",
    }
    assert resources["google_storage_bucket.features"].derived.tags == {
        "aiguard-personal-data": "yes",
        "team": "ml-platform",
        "goog-terraform-provisioned": "true",
    }
    assert resources["google_storage_bucket.features"].derived.ai.personal_data == "yes"


def test_gpu_facts_use_the_same_derivation_as_hcl(plan: ParseOutput) -> None:
    resources = _by_id(plan)
    facts = {
        resource_id: (d.instance_type, d.gpu_type, d.replicas, d.gpu_count, d.is_ai)
        for resource_id, d in ((r.id, r.derived) for r in resources.values())
        if d.instance_type
    }
    assert facts == {
        "aws_sagemaker_endpoint_configuration.llm": ("ml.g5.2xlarge", "A10G", 3, 10, True),
        "google_container_node_pool.l4": ("g2-standard-24", "L4", 2, 4, True),
        "module.ml.module.gpu.aws_eks_node_group.gpu[0]": ("p4d.24xlarge", "A100", 2, 16, True),
        "module.ml.module.gpu.aws_eks_node_group.gpu[1]": ("p4d.24xlarge", "A100", 2, 16, True),
    }
    risk = resources["module.ml.module.gpu.aws_eks_node_group.gpu[0]"].derived.ai
    assert (risk.risk_class, risk.role, risk.data_classification) == (
        "high",
        "provider",
        "confidential",
    )


def test_sensitive_values_are_redacted(plan: ParseOutput) -> None:
    parameter = _by_id(plan)["aws_ssm_parameter.openai"]
    assert parameter.attributes["value"] == "<redacted>"
    assert parameter.attributes["type"] == "SecureString"
    assert "sk-live-0123456789abcdef-do-not-leak" not in repr(plan)


def test_plan_resource_changes(text: str) -> None:
    assert plan_resource_changes(text) == {
        'aws_s3_bucket.artifacts["models"]': ["no-op"],
        "aws_sagemaker_endpoint_configuration.llm": ["delete", "create"],
        "aws_ssm_parameter.openai": ["create"],
        "data.aws_caller_identity.current": ["read"],
        "google_container_node_pool.l4": ["create"],
        "google_storage_bucket.features": ["update"],
        "google_pubsub_topic.events": ["create"],
        "aws_instance.legacy_trainer": ["delete"],
        "module.ml.aws_eks_cluster.this": ["create"],
        "module.ml.module.gpu.aws_eks_node_group.gpu[0]": ["create"],
        "module.ml.module.gpu.aws_eks_node_group.gpu[1]": ["create"],
    }
    assert plan_resource_changes("{not json") == {}


def test_invalid_json_is_a_parse_error_with_its_line() -> None:
    output = parse_terraform_plan(
        "plan.json", '{\n  "format_version": "1.2",\n  "planned_values": }\n'
    )
    assert output.resources == []
    assert output.errors == [
        ParseError(file="plan.json", line=3, message="invalid JSON: Expecting value")
    ]


def test_json_that_is_not_a_plan_is_a_parse_error() -> None:
    output = parse_terraform_plan("state.json", '{"format_version": "1.0", "values": {}}')
    assert output.errors == [
        ParseError(
            file="state.json",
            line=1,
            message="not a Terraform plan: no format_version with planned_values",
        )
    ]


def test_deep_nesting_is_a_parse_error_not_a_crash() -> None:
    deep = "[" * 700 + "]" * 700
    values = (
        '{"format_version": "1.2", "planned_values": {"root_module": {"resources": ['
        '{"address": "a_b.c", "type": "a_b", "name": "c", "values": {"x": ' + deep + "}}]}}}"
    )
    assert parse_terraform_plan("p.json", values).errors == [
        ParseError(file="p.json", line=1, message="values of a_b.c are nested too deeply")
    ]
    assert parse_terraform_plan("p.json", "[" * 100_000).errors == [
        ParseError(file="p.json", line=1, message="invalid JSON: nested too deeply")
    ]


def test_malformed_sections_are_tolerated() -> None:
    document = {
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": [None, {"address": "x"}, "junk"]}},
        "configuration": [],
        "variables": "nope",
    }
    assert parse_terraform_plan("p.json", json.dumps(document)) == ParseOutput()
