"""The Kubernetes parser: ids, lines, derived facts, redaction, Helm and error handling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from aiguard.model import ParseOutput, Resource
from aiguard.parsers import kubernetes
from aiguard.parsers.kubernetes import parse_kubernetes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parsers" / "kubernetes"


def parse_fixture(name: str) -> ParseOutput:
    """Parse a fixture, displayed under its bare name as the scanner would pass it."""
    return parse_kubernetes(name, (FIXTURES / name).read_text(encoding="utf-8"))


def only_resource(name: str) -> Resource:
    output = parse_fixture(name)
    assert output.errors == []
    assert len(output.resources) == 1
    return output.resources[0]


def test_multi_document_file_gives_ids_kinds_and_document_lines() -> None:
    output = parse_fixture("multi_doc.yaml")

    assert output.errors == [] and output.notices == []
    assert [(r.id, r.kind, r.line, r.end_line) for r in output.resources] == [
        ("v1/Namespace/ml", "Namespace", 3, 6),
        ("apps/v1/Deployment/ml/llm", "Deployment", 10, 41),
        ("v1/Service/ml/llm", "Service", 43, 53),
    ]
    assert {r.provider for r in output.resources} == {"kubernetes"}
    assert {r.file for r in output.resources} == {"multi_doc.yaml"}


def test_attribute_lines_cover_keys_and_list_items() -> None:
    deployment = parse_fixture("multi_doc.yaml").resources[1]

    lines = deployment.attribute_lines
    assert lines["apiVersion"] == 10
    assert lines["metadata.labels"] == 15
    assert lines["spec.template.spec.containers.0.image"] == 33
    assert lines["spec.template.spec.containers.0.resources.limits.nvidia.com/gpu"] == 36
    assert lines["spec.template.spec.containers.1"] == 40
    assert deployment.line_of("spec.template.spec.containers.1.resources") == 40


def test_attributes_are_the_whole_document() -> None:
    service = parse_fixture("multi_doc.yaml").resources[2]

    assert service.attributes == {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "llm", "namespace": "ml"},
        "spec": {"selector": {"app": "llm"}, "ports": [{"port": 80, "targetPort": 8080}]},
    }


def test_deployment_gpus_scale_with_replicas_and_node_selector_gives_type_and_region() -> None:
    derived = parse_fixture("multi_doc.yaml").resources[1].derived

    # 3 replicas x max(limit 2, request "1"); the metrics sidecar requests none.
    assert derived.gpu_count == 6
    assert derived.replicas == 3
    assert derived.gpu_type == "L4"
    assert derived.region == "europe-west4"
    assert derived.instance_type is None
    assert derived.is_ai is True
    assert derived.tags == {"app": "llm", "aiguard.io/risk-class": "high"}


def test_resources_without_pods_have_no_workload_facts() -> None:
    service = parse_fixture("multi_doc.yaml").resources[2]

    assert service.derived.gpu_count == 0
    assert service.derived.replicas is None
    assert service.derived.is_ai is False


def test_cluster_scoped_kinds_have_no_namespace_in_their_id() -> None:
    text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: view\n"

    assert [r.id for r in parse_kubernetes("rbac.yaml", text).resources] == [
        "rbac.authorization.k8s.io/v1/ClusterRole/view"
    ]


def test_list_items_become_resources_with_their_own_lines() -> None:
    output = parse_fixture("list.yaml")

    assert output.errors == []
    assert [(r.id, r.line, r.end_line) for r in output.resources] == [
        ("v1/ConfigMap/ml/model-config", 4, 10),
        ("v1/ServiceAccount/ml/inference", 11, 15),
        ("apps/v1/Deployment/default/embedder", 21, 26),
    ]
    config_map = output.resources[0]
    assert config_map.attributes["data"] == {"MODEL": "llama"}
    assert config_map.attribute_lines["data.MODEL"] == 10
    assert output.resources[2].derived.replicas == 2


def test_inference_service_counts_gpus_of_the_model_block_and_reads_affinity() -> None:
    isvc = only_resource("inference_service.yaml")

    assert isvc.id == "serving.kserve.io/v1beta1/InferenceService/serving/llama-3-8b"
    assert isvc.kind == "InferenceService"
    # predictor: minReplicas 2 x 1 GPU in predictor.model.resources; transformer: none.
    assert isvc.derived.gpu_count == 2
    assert isvc.derived.replicas == 2
    # First value of the required node affinity `In` expression.
    assert isvc.derived.gpu_type == "NVIDIA-A100-SXM4-80GB"
    assert isvc.derived.region == "europe-west4"
    assert isvc.derived.is_ai is True
    assert isvc.attribute_lines["spec.predictor.logger"] == 43


def test_ai_metadata_annotations_win_over_labels() -> None:
    isvc = only_resource("inference_service.yaml")

    assert isvc.derived.ai.risk_class == "high"  # label says limited, annotation high
    assert isvc.derived.ai.role == "deployer"  # only in the labels
    assert isvc.derived.tags == {"aiguard.io/risk-class": "limited", "aiguard.io/role": "deployer"}


def test_ray_cluster_counts_head_and_every_worker_group() -> None:
    cluster = only_resource("raycluster.yaml")

    assert cluster.id == "ray.io/v1/RayCluster/research/training"
    # group a10g: replicas 2 x 1 GPU; group big: minReplicas 3 x 2 GPUs; head: none.
    assert cluster.derived.gpu_count == 8
    assert cluster.derived.replicas == 1 + 2 + 3
    # The head has no GPU node selector; the first worker group does.
    assert cluster.derived.gpu_type == "A10G"


def test_ray_job_reads_its_embedded_cluster_and_instance_type() -> None:
    job = only_resource("rayjob.yaml")

    assert job.id == "ray.io/v1/RayJob/default/finetune"
    assert job.derived.gpu_count == 16
    assert job.derived.replicas == 5
    assert job.derived.instance_type == "g5.12xlarge"
    assert job.derived.gpu_type == "A10G"


def test_pytorch_job_sums_every_replica_role() -> None:
    job = only_resource("pytorchjob.yaml")

    assert job.derived.gpu_count == 8 + 3 * 8
    assert job.derived.replicas == 4
    assert job.derived.instance_type == "p4d.24xlarge"
    assert job.derived.gpu_type == "A100"


def test_train_job_multiplies_resources_per_node_by_num_nodes() -> None:
    job = only_resource("trainjob.yaml")

    assert job.id == "trainer.kubeflow.org/v1alpha1/TrainJob/training/llm-sft"
    assert job.derived.gpu_count == 32
    assert job.derived.replicas == 4
    assert job.derived.is_ai is True


POD = {"containers": [{"name": "c", "image": "i", "resources": {"limits": {"nvidia.com/gpu": 2}}}]}
TEMPLATE = {"template": {"spec": POD}}


@pytest.mark.parametrize(
    ("kind", "spec", "gpu_count", "replicas"),
    [
        ("Pod", POD, 2, None),
        ("StatefulSet", {"replicas": 4, **TEMPLATE}, 8, 4),
        ("ReplicaSet", TEMPLATE, 2, 1),
        ("DaemonSet", TEMPLATE, 2, None),
        ("Job", {"parallelism": 3, **TEMPLATE}, 6, None),
        ("CronJob", {"jobTemplate": {"spec": TEMPLATE}}, 2, None),
        ("Notebook", TEMPLATE, 2, None),
        ("TFJob", {"tfReplicaSpecs": {"Worker": {"replicas": 2, **TEMPLATE}}}, 4, 2),
        ("MPIJob", {"mpiReplicaSpecs": {"Launcher": TEMPLATE}}, 2, 1),
        ("RayService", {"rayClusterConfig": {"headGroupSpec": TEMPLATE}}, 2, 1),
    ],
)
def test_every_workload_kind_finds_its_pod_template(
    kind: str, spec: dict[str, Any], gpu_count: int, replicas: int | None
) -> None:
    document = {"apiVersion": "example/v1", "kind": kind, "metadata": {"name": "w"}, "spec": spec}

    (resource,) = parse_kubernetes("workload.yaml", yaml.safe_dump(document)).resources

    assert (resource.derived.gpu_count, resource.derived.replicas) == (gpu_count, replicas)
    assert resource.derived.is_ai is True


def test_several_allowed_regions_give_no_region() -> None:
    text = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions:
              - {key: topology.kubernetes.io/region, operator: In, values: [eu-west-1, us-east-1]}
  containers: [{name: c, image: i}]
"""
    (pod,) = parse_kubernetes("pod.yaml", text).resources

    assert pod.derived.region is None
    assert pod.attributes["spec"]["affinity"]["nodeAffinity"]  # rules still see the list


def test_secret_values_and_api_key_env_vars_are_redacted_everywhere() -> None:
    output = parse_fixture("secrets.yaml")

    secret, deployment = output.resources
    assert secret.attributes["data"] == {"HF_TOKEN": "<redacted>"}
    assert secret.attributes["stringData"] == {"notes": "<redacted>"}
    env = deployment.attributes["spec"]["template"]["spec"]["containers"][0]["env"]
    assert env == [
        {"name": "OPENAI_API_KEY", "value": "<redacted>"},
        {"name": "LOG_LEVEL", "value": "debug"},
    ]
    dumped = repr(output)
    assert "do_not_leak" not in dumped
    assert "aGZfc2VjcmV0X2xpdGVyYWxfZG9fbm90X2xlYWs=" not in dumped


def test_helm_template_inside_a_chart_is_skipped_with_a_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(FIXTURES)
    path = "chart/templates/configmap.yaml"

    output = parse_kubernetes(path, Path(path).read_text(encoding="utf-8"))

    assert output.resources == [] and output.errors == []
    assert output.notices == [
        "chart/templates/configmap.yaml: skipped Helm template "
        "(render it with `helm template` and scan the output)"
    ]


def test_go_template_syntax_is_skipped_as_helm_with_a_notice() -> None:
    output = parse_fixture("helm_inline.yaml")

    assert output.resources == [] and output.errors == []
    assert output.notices == [
        "helm_inline.yaml: skipped Helm template "
        "(render it with `helm template` and scan the output)"
    ]


def test_syntax_error_keeps_earlier_documents_and_quotes_no_source() -> None:
    output = parse_fixture("broken.yaml")

    assert [r.id for r in output.resources] == ["v1/ConfigMap/default/fine"]
    assert len(output.errors) == 1
    error = output.errors[0]
    assert error.file == "broken.yaml"
    assert error.line == 12
    assert error.message == (
        "YAML syntax error: mapping values are not allowed in this context (line 12, column 19)"
    )
    assert "hunter2" not in repr(output)


def test_yaml_that_is_not_kubernetes_gives_nothing() -> None:
    output = parse_fixture("github_workflow.yaml")

    assert output == ParseOutput()


def test_empty_documents_scalars_and_objects_without_kind_are_skipped() -> None:
    text = "---\n---\n# only a comment\n---\njust text\n---\napiVersion: v1\n---\n- a\n- b\n"

    assert parse_kubernetes("misc.yaml", text) == ParseOutput()


def test_yaml_1_1_scalars_are_read_as_pyyaml_reads_them() -> None:
    spec = only_resource("yaml11_scalars.yaml").attributes["spec"]

    assert spec == {
        "enabled": True,
        "disabled": False,
        "quoted": "yes",
        "mask": 31,
        "legacy_octal": 15,
        "not_yaml11_octal": "0o17",
        "big": 1000,
        "negative": -42,
        "ratio": 0.5,
        "infinite": ".inf",  # JSON has no infinity: kept as written
        "nothing": None,
        "empty": None,
        "day": "2024-05-01",  # timestamps stay text
        "80": "http",  # non-string keys become strings
    }


def test_merge_keys_and_aliases_follow_pyyaml() -> None:
    profile = only_resource("merge_keys.yaml")

    spec = profile.attributes["spec"]
    assert spec["small"] == {"cpu": "2", "memory": "8Gi"}  # explicit key wins
    assert spec["large"] == {"cpu": "2", "memory": "32Gi", "nvidia.com/gpu": 1}  # first wins
    assert spec["anchors"] == {
        "first": "ghcr.io/example/model:1.0",
        "second": "ghcr.io/example/model:1.0",
    }
    assert profile.attribute_lines["spec.small.memory"] == 14
    assert profile.attribute_lines["spec.small.cpu"] == 6  # where the merged value is written


def test_complex_keys_become_strings_without_attribute_lines() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  ? [a, b]\n  : joined\n"

    (config_map,) = parse_kubernetes("keys.yaml", text).resources

    assert config_map.attributes["data"] == {"['a', 'b']": "joined"}
    assert "0" not in config_map.attribute_lines


def test_invalid_merge_value_is_a_parse_error() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  <<: [not, mappings]\n"

    output = parse_kubernetes("merge.yaml", text)

    assert output.resources == []
    assert [(e.line, e.message) for e in output.errors] == [
        (4, "YAML merge key `<<` needs a mapping or a list of mappings")
    ]


def test_duplicate_ids_are_numbered_and_missing_names_fall_back() -> None:
    output = parse_fixture("duplicates.yaml")

    assert [r.id for r in output.resources] == [
        "v1/ConfigMap/default/settings",
        "v1/ConfigMap/default/settings#2",
        "v1/ConfigMap/default/settings#3",
        "v1/ConfigMap/default/run-",  # generateName
        "v1/ConfigMap/default/ConfigMap#5",  # neither: kind and document number
    ]


def test_alias_bomb_is_a_parse_error_and_later_documents_still_count() -> None:
    lines = ["apiVersion: v1", "kind: ConfigMap", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 8)]
    lines += ["---", "apiVersion: v1", "kind: ConfigMap", "metadata: {name: after}"]

    output = parse_kubernetes("bomb.yaml", "\n".join(lines) + "\n")

    assert [r.id for r in output.resources] == ["v1/ConfigMap/default/after"]
    assert len(output.errors) == 1
    assert "more than 1000000 values" in output.errors[0].message


@pytest.mark.parametrize("nesting", ["[" * 50_000 + "]" * 50_000, "- " * 50_000 + "x"])
def test_absurd_nesting_is_refused_before_libyaml_overflows_its_stack(nesting: str) -> None:
    output = parse_kubernetes("deep.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n" + nesting)

    assert output.resources == []
    assert [(e.line, e.message) for e in output.errors] == [(1, "nesting deeper than 1000 levels")]


def test_nesting_beyond_python_recursion_is_a_parse_error_for_that_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(kubernetes, "MAX_NESTING", 100_000)  # let libyaml compose it
    deep = "[" * 2_000 + "]" * 2_000
    text = f"""\
apiVersion: v1
kind: ConfigMap
metadata: {{name: before}}
---
apiVersion: v1
kind: ConfigMap
data: {deep}
---
apiVersion: v1
kind: ConfigMap
metadata: {{name: after}}
"""
    output = parse_kubernetes("deep.yaml", text)

    # Newer libyaml builds (PyPI wheels of PyYAML 6.0.4) stop at 1,000 levels
    # themselves, which ends the stream at line 7; older builds compose the document
    # and our converter rejects it, keeping the documents after it. Either way the
    # deep document is a parse error, nothing before it is lost, and nothing raises.
    ids = [r.id for r in output.resources]
    errors = [(e.line, e.message) for e in output.errors]
    assert ids[0] == "v1/ConfigMap/default/before"
    assert (ids, errors) in [
        (
            ["v1/ConfigMap/default/before", "v1/ConfigMap/default/after"],
            [(5, "YAML nested too deeply")],
        ),
        (
            ["v1/ConfigMap/default/before"],
            [
                (
                    7,
                    "YAML syntax error: while increasing flow level: exceeded maximum "
                    "nesting depth (line 7, column 1006)",
                )
            ],
        ),
    ]


def test_control_character_is_a_parse_error_with_its_line() -> None:
    output = parse_kubernetes("ctl.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: ü\x01\n")

    assert [(e.line, e.message) for e in output.errors] == [
        (4, "YAML syntax error: character #x0001: control characters are not allowed")
    ]


def test_unencodable_text_is_a_parse_error() -> None:
    output = parse_kubernetes("odd.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: \ud800\n")

    assert [(e.line, e.message) for e in output.errors] == [
        (1, "could not read this YAML (UnicodeEncodeError)")
    ]


def test_byte_order_mark_does_not_shift_lines() -> None:
    text = "\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bom\n\n# end\n"

    (config_map,) = parse_kubernetes("bom.yaml", text).resources

    assert (config_map.line, config_map.end_line) == (1, 4)


def test_end_line_ignores_trailing_blank_lines_and_comments_and_follows_aliases() -> None:
    text = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: script
data:
  run.sh: |
    echo hi
    # done


# about the next document
---
apiVersion: v1
kind: ConfigMap
metadata: &meta
  name: copy
data:
  # the alias's marks are those of its anchor, three lines up
  same: *meta
"""
    first, second = parse_kubernetes("end.yaml", text).resources

    assert (first.line, first.end_line) == (1, 8)
    assert (second.line, second.end_line) == (13, 19)


def test_unexpected_failure_becomes_a_parse_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(kind: str, document: object) -> None:
        raise TypeError("bug")

    monkeypatch.setattr(kubernetes, "_derive", broken)

    output = parse_kubernetes("x.yaml", "apiVersion: v1\nkind: ConfigMap\n")

    assert [(e.line, e.message) for e in output.errors] == [
        (1, "could not read this YAML (TypeError)")
    ]
