"""The Terraform HCL parser: tree-sitter tree -> values, resources, lines and derived facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aiguard.model import ParseError, ParseOutput, Resource
from aiguard.parsers.terraform import parse_terraform_module
from aiguard.parsers.terraform_derive import gcp_location

FIXTURES = Path(__file__).parent / "fixtures" / "parsers" / "terraform"


def _module(name: str) -> ParseOutput:
    """Parse a fixture directory, with display paths relative to the fixtures root."""
    files = sorted((FIXTURES / name).glob("*.tf"))
    return parse_terraform_module([(f"{name}/{path.name}", path.read_bytes()) for path in files])


def _by_id(output: ParseOutput) -> dict[str, Resource]:
    return {resource.id: resource for resource in output.resources}


def _only(source: str) -> Resource:
    """The single resource of a one-file module, which must parse without errors."""
    output = parse_terraform_module([("main.tf", source.encode())])
    assert output.errors == []
    assert len(output.resources) == 1
    return output.resources[0]


def _attributes(body: str) -> dict[str, Any]:
    return _only('resource "null_resource" "x" {\n' + body + "\n}\n").attributes


@pytest.fixture(scope="module")
def aws_ml() -> ParseOutput:
    return _module("aws_ml")


# --- resources, ids and locations ---------------------------------------------------


def test_resources_data_sources_and_module_calls_with_exact_locations(
    aws_ml: ParseOutput,
) -> None:
    assert aws_ml.errors == []
    assert [(r.id, r.kind, r.provider, r.file, r.line, r.end_line) for r in aws_ml.resources] == [
        ("aws_eks_node_group.gpu", "aws_eks_node_group", "aws", "aws_ml/main.tf", 1, 20),
        (
            "aws_sagemaker_endpoint_configuration.llm",
            "aws_sagemaker_endpoint_configuration",
            "aws",
            "aws_ml/main.tf",
            22,
            53,
        ),
        ("aws_kms_key.models", "aws_kms_key", "aws", "aws_ml/main.tf", 55, 62),
        ("aws_instance.trainer", "aws_instance", "aws", "aws_ml/main.tf", 64, 69),
        ("aws_db_instance.features", "aws_db_instance", "aws", "aws_ml/main.tf", 71, 75),
        ("aws_security_group.inference", "aws_security_group", "aws", "aws_ml/main.tf", 77, 88),
        ("aws_launch_template.batch", "aws_launch_template", "aws", "aws_ml/main.tf", 90, 92),
        ("aws_autoscaling_group.batch", "aws_autoscaling_group", "aws", "aws_ml/main.tf", 94, 103),
        ("data.aws_ami.deep_learning", "aws_ami", "aws", "aws_ml/main.tf", 105, 108),
        ("module.vector_store", "module", "terraform", "aws_ml/main.tf", 110, 117),
    ]


def test_module_call_keeps_its_arguments(aws_ml: ParseOutput) -> None:
    module = _by_id(aws_ml)["module.vector_store"]
    assert module.attributes == {
        "source": "terraform-aws-modules/opensearch/aws",
        "version": "1.2.0",
        "providers": {"aws": "${aws.west}"},
    }


def test_provider_kind_comes_from_the_type_prefix() -> None:
    source = (
        'resource "random_id" "a" {}\n'
        'resource "kubernetes_namespace" "b" {}\n'
        'resource "helm_release" "c" {}\n'
        'resource "google_project" "d" {}\n'
    )
    output = parse_terraform_module([("main.tf", source.encode())])
    assert [r.provider for r in output.resources] == ["random", "kubernetes", "helm", "google"]


def test_attribute_lines_cover_attributes_nested_blocks_and_object_keys(
    aws_ml: ParseOutput,
) -> None:
    resources = _by_id(aws_ml)
    assert resources["aws_eks_node_group.gpu"].attribute_lines == {
        "cluster_name": 2,
        "node_group_name": 3,
        "instance_types": 4,
        "subnet_ids": 5,
        "labels": 6,
        "labels.cycle": 6,
        "scaling_config.0": 8,
        "scaling_config.0.desired_size": 9,
        "scaling_config.0.min_size": 10,
        "scaling_config.0.max_size": 11,
        "tags": 14,
        "tags.Name": 15,
        "tags.aiguard:risk-class": 16,
        "tags.aiguard:role": 17,
        "tags.Team": 18,
    }
    assert resources["aws_sagemaker_endpoint_configuration.llm"].attribute_lines == {
        "provider": 23,
        "name": 24,
        "kms_key_arn": 25,
        "production_variants.0": 27,
        "production_variants.0.variant_name": 28,
        "production_variants.0.model_name": 29,
        "production_variants.0.instance_type": 30,
        "production_variants.0.initial_instance_count": 31,
        "production_variants.1": 34,
        "production_variants.1.variant_name": 35,
        "production_variants.1.model_name": 36,
        "production_variants.1.instance_type": 37,
        "production_variants.1.initial_instance_count": 38,
        "data_capture_config.0": 41,
        "data_capture_config.0.enable_capture": 42,
        "data_capture_config.0.initial_sampling_percentage": 43,
        "data_capture_config.0.destination_s3_uri": 44,
        "data_capture_config.0.capture_options.0": 46,
        "data_capture_config.0.capture_options.0.capture_mode": 47,
        "data_capture_config.0.capture_options.1": 49,
        "data_capture_config.0.capture_options.1.capture_mode": 50,
    }
    assert (
        resources["aws_sagemaker_endpoint_configuration.llm"].line_of(
            "production_variants.1.instance_type"
        )
        == 37
    )


def test_unquoted_type_label() -> None:
    resource = _only('resource aws_eks_cluster "main" {\n  name = "ml"\n}\n')
    assert (resource.id, resource.kind, resource.provider) == (
        "aws_eks_cluster.main",
        "aws_eks_cluster",
        "aws",
    )


def test_blocks_that_are_not_resources_are_left_out(aws_ml: ParseOutput) -> None:
    ids = {resource.id for resource in aws_ml.resources}
    assert not any(
        word in resource_id
        for resource_id in ids
        for word in ("provider", "terraform", "variable", "locals", "output")
    )
    assert len(ids) == 10


# --- the converter ------------------------------------------------------------------


def test_nested_repeated_blocks_become_lists(aws_ml: ParseOutput) -> None:
    attributes = _by_id(aws_ml)["aws_sagemaker_endpoint_configuration.llm"].attributes
    assert attributes["production_variants"] == [
        {
            "variant_name": "primary",
            "model_name": "llm",
            "instance_type": "ml.g5.2xlarge",
            "initial_instance_count": 2,
        },
        {
            "variant_name": "canary",
            "model_name": "llm-canary",
            "instance_type": "ml.p4d.24xlarge",
            "initial_instance_count": 1,
        },
    ]
    assert attributes["data_capture_config"] == [
        {
            "enable_capture": True,
            "initial_sampling_percentage": 100,
            "destination_s3_uri": "s3://ml-captures/llm",
            "capture_options": [{"capture_mode": "Input"}, {"capture_mode": "Output"}],
        }
    ]


def test_dynamic_block_renders_its_content_under_the_block_type(aws_ml: ParseOutput) -> None:
    group = _by_id(aws_ml)["aws_security_group.inference"]
    assert group.attributes == {
        "name": "inference",
        "ingress": [
            {"from_port": "${ingress.value}", "to_port": "${ingress.value}", "protocol": "tcp"}
        ],
    }
    assert group.attribute_lines == {
        "name": 78,
        "ingress.0": 80,
        "ingress.0.from_port": 83,
        "ingress.0.to_port": 84,
        "ingress.0.protocol": 85,
    }


def test_dynamic_and_static_blocks_of_one_type_share_the_list() -> None:
    attributes = _attributes(
        '  setting {\n    name = "a"\n  }\n'
        '  dynamic "setting" {\n    for_each = var.s\n    content {\n'
        "      name = setting.key\n    }\n  }"
    )
    assert attributes == {"setting": [{"name": "a"}, {"name": "${setting.key}"}]}


def test_labelled_nested_block_nests_under_its_label() -> None:
    resource = _only(
        'resource "null_resource" "x" {\n'
        '  provisioner "local-exec" {\n'
        '    command = "echo hi"\n'
        "  }\n"
        "}\n"
    )
    assert resource.attributes == {"provisioner": [{"local-exec": {"command": "echo hi"}}]}
    assert resource.attribute_lines == {"provisioner.0": 2, "provisioner.0.local-exec.command": 3}


def test_literals() -> None:
    attributes = _attributes(
        "  i = 42\n  f = 1.5\n  e = 1.5e3\n  small = 2.5E-2\n  n = -3\n"
        "  t = true\n  no = false\n  z = null\n"
        '  s = ""\n  list = [1, "two", [3]]\n  empty = {}'
    )
    assert attributes == {
        "i": 42,
        "f": 1.5,
        "e": 1500.0,
        "small": 0.025,
        "n": -3,
        "t": True,
        "no": False,
        "z": None,
        "s": "",
        "list": [1, "two", [3]],
        "empty": {},
    }
    assert isinstance(attributes["e"], float)


def test_string_escapes_are_decoded(aws_ml: ParseOutput) -> None:
    description = _by_id(aws_ml)["aws_kms_key.models"].attributes["description"]
    assert description == 'Model artefacts "prod"\tkey é'
    assert _attributes(r'  s = "a\\b\nc\U0001F600 $${literal} %%{literal}"') == {
        "s": "a\\b\nc\U0001f600 ${literal} %{literal}"
    }


def test_objects_keys_identifiers_strings_and_expressions() -> None:
    resource = _only(
        'resource "null_resource" "x" {\n'
        '  o = { a = 1, "b.c" = 2, (var.k) = 3, d: 4 }\n'
        "  nested = {\n    inner = { deep = true }\n  }\n"
        "}\n"
    )
    assert resource.attributes == {
        "o": {"a": 1, "b.c": 2, "(var.k)": 3, "d": 4},
        "nested": {"inner": {"deep": True}},
    }
    assert resource.attribute_lines == {
        "o": 2,
        "o.a": 2,
        "o.b.c": 2,
        "o.(var.k)": 2,
        "o.d": 2,
        "nested": 3,
        "nested.inner": 4,
    }


def test_heredocs(aws_ml: ParseOutput) -> None:
    policy = _by_id(aws_ml)["aws_kms_key.models"].attributes["policy"]
    assert policy == '{\n  "Version": "2012-10-17"\n}\n'
    attributes = _attributes(
        '  plain = <<EOF\n  kept "as is" \\n\n    indented\nEOF\n'
        "  flush = <<-EOT\n      a\n\n        b ${var.missing}\n      EOT\n"
        "  empty = <<EOF\nEOF"
    )
    assert attributes == {
        "plain": '  kept "as is" \\n\n    indented\n',
        "flush": "a\n\n  b ${var.missing}\n",
        "empty": "",
    }


def test_expressions_keep_their_source_as_terraform_json() -> None:
    attributes = _attributes(
        "  ref = aws_kms_key.k.arn\n"
        '  call = lookup(var.m, "k", 1)\n'
        "  cond = var.a ? 1 : 2\n"
        "  for = [for s in var.l : upper(s)]\n"
        "  index = var.l[0]\n"
        "  splat = var.l[*].id\n"
        "  sum = 1 + 2\n"
        '  tpl = "x-${var.region}"\n'
        '  directive = "%{if var.on}on%{endif}"\n'
        '  mixed = "${var.region}-$${kept}"\n'
        "  data = data.aws_ami.x.id"
    )
    assert attributes == {
        "ref": "${aws_kms_key.k.arn}",
        "call": '${lookup(var.m, "k", 1)}',
        "cond": "${var.a ? 1 : 2}",
        "for": "${[for s in var.l : upper(s)]}",
        "index": "${var.l[0]}",
        "splat": "${var.l[*].id}",
        "sum": "${1 + 2}",
        "tpl": "x-${var.region}",
        "directive": "%{if var.on}on%{endif}",
        "mixed": "${var.region}-$${kept}",
        "data": "${data.aws_ami.x.id}",
    }


# --- variables and locals -----------------------------------------------------------


def test_variables_and_locals_resolve_across_files(aws_ml: ParseOutput) -> None:
    attributes = _by_id(aws_ml)["aws_eks_node_group.gpu"].attributes
    # local -> local + var, defined in another file, in reverse order
    assert attributes["node_group_name"] == "prod-eu-central-1-gpu"
    # var with a literal default
    assert attributes["scaling_config"][0]["desired_size"] == 3
    # var without default and locals in a cycle stay references
    assert attributes["subnet_ids"] == ["${var.subnet_id}"]
    assert attributes["labels"] == {"cycle": "${local.ping}"}


def test_resolution_only_takes_literal_values() -> None:
    source = (
        'variable "name" { default = "ml" }\n'
        'variable "sizes" { default = { small = 1 } }\n'
        'variable "computed" { default = aws_vpc.x.id }\n'
        "locals {\n"
        "  arn = aws_kms_key.k.arn\n"
        '  suffix = "${var.name}-${local.arn}"\n'
        '  n = "${var.sizes}"\n'
        "  copy = var.sizes\n"
        "}\n"
        'resource "null_resource" "x" {\n'
        "  a = var.name\n"
        "  b = var.computed\n"
        "  c = local.arn\n"
        "  d = local.suffix\n"
        "  e = local.n\n"
        "  f = local.copy\n"
        '  g = "${var.name}/${1}"\n'
        "  h = local.undefined\n"
        "}\n"
    )
    resource = _only(source)
    assert resource.attributes == {
        "a": "ml",
        "b": "${var.computed}",
        "c": "${local.arn}",
        "d": "${local.suffix}",
        "e": "${local.n}",
        "f": {"small": 1},
        "g": "ml/1",
        "h": "${local.undefined}",
    }


# --- derived facts ------------------------------------------------------------------


def test_aws_region_from_default_provider_alias_and_resource(aws_ml: ParseOutput) -> None:
    resources = _by_id(aws_ml)
    # default provider: `region = var.region`, resolved from the variable's default
    assert resources["aws_kms_key.models"].derived.region == "eu-central-1"
    # `provider = aws.west`
    assert resources["aws_sagemaker_endpoint_configuration.llm"].derived.region == "us-west-2"
    # per-resource region (AWS provider v6)
    assert resources["aws_instance.trainer"].derived.region == "eu-west-3"


def test_no_provider_block_means_no_region() -> None:
    assert _only('resource "aws_s3_bucket" "b" {}').derived.region is None


def test_default_tags_merge_under_resource_tags(aws_ml: ParseOutput) -> None:
    resources = _by_id(aws_ml)
    assert resources["aws_eks_node_group.gpu"].derived.tags == {
        "Team": "research",
        "Environment": "prod",
        "aiguard:data-classification": "confidential",
        "Name": "prod-eu-central-1-gpu",
        "aiguard:risk-class": "high",
        "aiguard:role": "provider",
    }
    # the aliased provider has no default_tags
    assert resources["aws_sagemaker_endpoint_configuration.llm"].derived.tags == {}
    # data sources are read, not created: default tags do not apply
    assert resources["data.aws_ami.deep_learning"].derived.tags == {}


def test_tag_values_are_strings_and_expressions_stay_expressions() -> None:
    tags = _only(
        'resource "aws_s3_bucket" "b" {\n'
        "  tags = { n = 3, on = true, ref = aws_x.y.id, gone = null, list = [1] }\n"
        "}\n"
    ).derived.tags
    assert tags == {"n": "3", "on": "true", "ref": "${aws_x.y.id}"}


def test_ai_metadata_from_merged_tags(aws_ml: ParseOutput) -> None:
    node_group = _by_id(aws_ml)["aws_eks_node_group.gpu"].derived
    assert node_group.ai.model_dump(exclude_none=True) == {
        "risk_class": "high",
        "role": "provider",
        "data_classification": "confidential",
    }
    assert node_group.is_ai is True
    assert _by_id(aws_ml)["aws_kms_key.models"].derived.is_ai is False


def test_eks_gpu_node_group(aws_ml: ParseOutput) -> None:
    derived = _by_id(aws_ml)["aws_eks_node_group.gpu"].derived
    assert (derived.instance_type, derived.gpu_type, derived.replicas, derived.gpu_count) == (
        "p4d.24xlarge",
        "A100",
        3,
        24,
    )


def test_sagemaker_endpoint_configuration_sums_its_variants(aws_ml: ParseOutput) -> None:
    derived = _by_id(aws_ml)["aws_sagemaker_endpoint_configuration.llm"].derived
    # 2 x ml.g5.2xlarge (1 A10G each) + 1 x ml.p4d.24xlarge (8 A100)
    assert (derived.instance_type, derived.gpu_type, derived.replicas, derived.gpu_count) == (
        "ml.g5.2xlarge",
        "A10G",
        3,
        10,
    )
    assert derived.is_ai is True


def test_count_multiplies_replicas_and_gpus(aws_ml: ParseOutput) -> None:
    derived = _by_id(aws_ml)["aws_instance.trainer"].derived
    assert (derived.instance_type, derived.gpu_type, derived.replicas, derived.gpu_count) == (
        "g5.12xlarge",
        "A10G",
        2,
        8,
    )


def test_autoscaling_group_takes_the_instance_type_of_its_launch_template(
    aws_ml: ParseOutput,
) -> None:
    derived = _by_id(aws_ml)["aws_autoscaling_group.batch"].derived
    assert (derived.instance_type, derived.gpu_type, derived.replicas, derived.gpu_count) == (
        "g6.xlarge",
        "L4",
        4,
        4,
    )


def test_gke_node_pool_with_guest_accelerator() -> None:
    resources = _by_id(_module("gcp"))
    derived = resources["google_container_node_pool.v100"].derived
    # 4 V100 per node, autoscaling min_node_count 2
    assert (derived.instance_type, derived.gpu_type, derived.replicas, derived.gpu_count) == (
        "n1-standard-16",
        "V100",
        2,
        8,
    )


def test_guest_accelerator_wins_over_the_machine_type() -> None:
    derived = _only(
        'resource "google_container_node_pool" "p" {\n'
        "  node_count = 3\n"
        "  node_config {\n"
        '    machine_type = "a2-highgpu-1g"\n'
        '    guest_accelerator {\n      type  = "nvidia-tesla-t4"\n      count = 2\n    }\n'
        "  }\n"
        "}\n"
    ).derived
    assert (derived.instance_type, derived.gpu_type, derived.replicas, derived.gpu_count) == (
        "a2-highgpu-1g",
        "T4",
        3,
        6,
    )


def test_google_regions_and_labels() -> None:
    resources = _by_id(_module("gcp"))
    regions = {resource_id: r.derived.region for resource_id, r in resources.items()}
    assert regions == {
        "google_container_node_pool.v100": "europe-west4",  # zone location
        "google_vertex_ai_endpoint.scoring": "europe-west4",  # own region
        "google_storage_bucket.datasets": "EU",  # multi-region as written
        "google_compute_instance.notebook": "us-central1",  # zone
        "google_pubsub_topic.events": "europe-west1",  # provider region
    }
    endpoint = resources["google_vertex_ai_endpoint.scoring"].derived
    assert endpoint.tags == {
        "team": "ml-platform",
        "aiguard-risk-class": "high",
        "aiguard-system-id": "credit-scoring",
    }
    assert endpoint.ai.risk_class == "high"
    assert endpoint.ai.system_id == "credit-scoring"
    assert endpoint.is_ai is True
    assert resources["google_compute_instance.notebook"].derived.gpu_count == 1


@pytest.mark.parametrize(
    ("location", "region"),
    [
        ("europe-west4", "europe-west4"),
        ("europe-west4-a", "europe-west4"),
        ("US-CENTRAL1", "us-central1"),
        ("EU", "EU"),
        ("NAM4", "NAM4"),
        ("Global", "global"),
        ("${var.location}", None),
        ("not a location", None),
        (None, None),
    ],
)
def test_gcp_location(location: str | None, region: str | None) -> None:
    assert gcp_location(location) == region


def test_azurerm_locations_and_gpu_pools() -> None:
    resources = _by_id(_module("azure"))
    assert resources["azurerm_resource_group.ml"].derived.region == "westeurope"
    assert resources["azurerm_resource_group.ml"].derived.ai.system_id == "fraud-scoring"
    pool = resources["azurerm_kubernetes_cluster_node_pool.gpu"].derived
    assert pool.region is None  # node pools have no location of their own
    assert (pool.instance_type, pool.gpu_type, pool.replicas, pool.gpu_count) == (
        "Standard_NC24s_v3",
        "V100",
        2,
        8,
    )
    assert pool.ai.risk_class == "high"
    cluster = resources["azurerm_machine_learning_compute_cluster.train"].derived
    # the declared baseline (min_node_count = 0), not the ceiling
    assert (cluster.region, cluster.replicas, cluster.gpu_count, cluster.gpu_type) == (
        "northeurope",
        0,
        0,
        "V100",
    )
    assert cluster.is_ai is True  # an AI kind even with no GPUs at rest


# --- secrets and errors -------------------------------------------------------------


def test_secrets_are_redacted(aws_ml: ParseOutput) -> None:
    database = _by_id(aws_ml)["aws_db_instance.features"]
    assert database.attributes["password"] == "<redacted>"
    assert "correct-horse-battery-staple" not in repr(aws_ml)


def test_secret_from_a_variable_default_is_redacted_too() -> None:
    output = parse_terraform_module(
        [
            ("variables.tf", b'variable "db_password" { default = "s3cr3t-value" }\n'),
            ("main.tf", b'resource "aws_db_instance" "d" {\n  password = var.db_password\n}\n'),
        ]
    )
    assert output.resources[0].attributes == {"password": "<redacted>"}
    assert "s3cr3t-value" not in repr(output)


def test_broken_file_keeps_its_valid_blocks_and_the_other_files() -> None:
    output = _module("broken")
    assert output.errors == [
        ParseError(
            file="broken/broken.tf",
            line=6,
            message="HCL syntax error near line 6: unexpected =",
        )
    ]
    assert [(r.id, r.file, r.line) for r in output.resources] == [
        ("aws_s3_bucket.before", "broken/broken.tf", 1),
        ("aws_s3_bucket.after", "broken/broken.tf", 9),
        ("aws_s3_bucket.good", "broken/good.tf", 1),
    ]


def test_unclosed_block_reports_the_missing_brace() -> None:
    output = parse_terraform_module(
        [("main.tf", b'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n')]
    )
    assert output.errors == [
        ParseError(file="main.tf", line=3, message="HCL syntax error near line 3: missing }")
    ]
    assert output.resources == []


def test_syntax_error_on_a_secret_line_does_not_echo_it() -> None:
    output = parse_terraform_module(
        [("main.tf", b'resource "aws_db_instance" "d" {\n  password = "hunter22" "x"\n}\n')]
    )
    assert [(e.line, e.message) for e in output.errors] == [
        (2, "HCL syntax error near line 2: unexpected <redacted>")
    ]
    assert "hunter22" not in repr(output)


def test_invalid_utf8_is_an_error_and_other_files_still_parse() -> None:
    output = parse_terraform_module(
        [
            ("bad.tf", b'resource "aws_s3_bucket" "b" {\n  bucket = "\xff"\n}\n'),
            ("good.tf", b'resource "aws_s3_bucket" "g" {}\n'),
        ]
    )
    assert output.errors == [ParseError(file="bad.tf", line=1, message="file is not valid UTF-8")]
    assert [r.id for r in output.resources] == ["aws_s3_bucket.g"]


def test_duplicate_resource_is_kept_and_reported() -> None:
    output = _module("duplicate")
    assert [(r.id, r.file, r.line, r.attributes["bucket"]) for r in output.resources] == [
        ("aws_s3_bucket.logs", "duplicate/a.tf", 1, "logs-a"),
        ("aws_s3_bucket.logs", "duplicate/b.tf", 3, "logs-b"),
    ]
    assert output.errors == [
        ParseError(
            file="duplicate/b.tf",
            line=3,
            message="duplicate resource aws_s3_bucket.logs also defined at duplicate/a.tf:1",
        )
    ]


def test_pathological_nesting_does_not_raise() -> None:
    deep = "[" * 3000 + "1" + "]" * 3000
    output = parse_terraform_module(
        [
            (
                "main.tf",
                f'locals {{\n  x = {deep}\n}}\nresource "a_b" "c" {{\n  x = {deep}\n}}\n'.encode(),
            )
        ]
    )
    assert output.errors == []
    assert [r.id for r in output.resources] == ["a_b.c"]


def test_empty_module() -> None:
    assert parse_terraform_module([]) == ParseOutput()
    assert parse_terraform_module([("empty.tf", b"")]) == ParseOutput()


def test_gke_node_pool_vm_labels_count_as_its_tags_and_declarations() -> None:
    derived = _only(
        'provider "google" {\n  default_labels = { team = "ml" }\n}\n'
        'resource "google_container_node_pool" "p" {\n'
        "  node_config {\n"
        '    machine_type    = "g2-standard-8"\n'
        '    labels          = { "node-role" = "inference" }\n'
        '    resource_labels = { owner = "platform", aiguard-risk-class = "High" }\n'
        "  }\n"
        "}\n"
    ).derived
    assert derived.tags == {"team": "ml", "owner": "platform", "aiguard-risk-class": "High"}
    assert derived.ai.risk_class == "high"
