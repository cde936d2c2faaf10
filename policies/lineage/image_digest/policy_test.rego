package aiguard.rules.lineage.image_digest_test

import data.aiguard.rules.lineage.image_digest

_digest := "sha256:4f1c7b8f0e6b1f9a7d2a3c5e8b9d0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e"

_pinned := concat("@", ["vllm/vllm-openai:v0.6.4", _digest])

_deployment(pod_spec, is_ai) := {"resources": [{
	"id": "apps/v1/Deployment/ml/llm",
	"kind": "Deployment",
	"provider": "kubernetes",
	"attributes": {"spec": {"template": {"spec": pod_spec}}},
	"derived": {"is_ai": is_ai},
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := image_digest.deny with input as doc
}

test_pinned_images_pass if {
	spec := {"containers": [{"name": "vllm", "image": _pinned}], "initContainers": [{"name": "fetch", "image": concat("@", ["busybox", _digest])}]}
	count(image_digest.deny) == 0 with input as _deployment(spec, true)
}

test_tagged_image_is_denied if {
	spec := {"containers": [{"name": "vllm", "image": "vllm/vllm-openai:v0.6.4"}]}
	denials := image_digest.deny with input as _deployment(spec, true)
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.containers.0.image"
	contains(v.msg, "vllm/vllm-openai:v0.6.4")
}

test_each_unpinned_container_is_reported if {
	spec := {
		"initContainers": [{"name": "fetch", "image": "busybox:1.36"}],
		"containers": [{"name": "vllm", "image": _pinned}, {"name": "proxy", "image": "envoyproxy/envoy:v1.31"}],
	}
	_attributes(_deployment(spec, true)) == {
		"spec.template.spec.initContainers.0.image",
		"spec.template.spec.containers.1.image",
	}
}

test_short_or_uppercase_digest_is_not_a_pin if {
	spec := {"containers": [
		{"name": "a", "image": "busybox@sha256:abc"},
		{"name": "b", "image": concat("", ["busybox@", upper(_digest)])},
	]}
	count(image_digest.deny) == 2 with input as _deployment(spec, true)
}

test_workloads_that_are_not_ai_are_not_judged if {
	spec := {"containers": [{"name": "web", "image": "nginx:latest"}]}
	count(image_digest.deny) == 0 with input as _deployment(spec, false)
}

test_inference_service_containers_are_checked if {
	doc := {"resources": [{
		"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
		"kind": "InferenceService",
		"provider": "kubernetes",
		"attributes": {"spec": {
			"predictor": {"containers": [{"name": "kserve-container", "image": "acme/llm-server:2.1"}]},
			"transformer": {"containers": [{"name": "tokenizer", "image": _pinned}]},
		}},
		"derived": {"is_ai": true},
	}]}
	_attributes(doc) == {"spec.predictor.containers.0.image"}
}

test_ray_head_and_worker_groups_are_checked if {
	doc := {"resources": [{
		"id": "ray.io/v1/RayJob/ml/train",
		"kind": "RayJob",
		"provider": "kubernetes",
		"attributes": {"spec": {"rayClusterSpec": {
			"headGroupSpec": {"template": {"spec": {"containers": [{"name": "head", "image": "rayproject/ray:2.40.0"}]}}},
			"workerGroupSpecs": [{"template": {"spec": {"containers": [{"name": "worker", "image": "rayproject/ray:2.40.0-gpu"}]}}}],
		}}},
		"derived": {"is_ai": true},
	}]}
	_attributes(doc) == {
		"spec.rayClusterSpec.headGroupSpec.template.spec.containers.0.image",
		"spec.rayClusterSpec.workerGroupSpecs.0.template.spec.containers.0.image",
	}
}

test_pytorchjob_replica_specs_are_checked if {
	doc := {"resources": [{
		"id": "kubeflow.org/v1/PyTorchJob/ml/finetune",
		"kind": "PyTorchJob",
		"provider": "kubernetes",
		"attributes": {"spec": {"pytorchReplicaSpecs": {
			"Master": {"template": {"spec": {"containers": [{"name": "pytorch", "image": "acme/finetune:1.4"}]}}},
			"Worker": {"template": {"spec": {"containers": [{"name": "pytorch", "image": _pinned}]}}},
		}}},
		"derived": {"is_ai": true},
	}]}
	_attributes(doc) == {"spec.pytorchReplicaSpecs.Master.template.spec.containers.0.image"}
}

test_trainjob_trainer_image_is_checked if {
	doc := {"resources": [{
		"id": "trainer.kubeflow.org/v1alpha1/TrainJob/ml/finetune",
		"kind": "TrainJob",
		"provider": "kubernetes",
		"attributes": {"spec": {"runtimeRef": {"name": "torch-distributed"}, "trainer": {"image": "acme/finetune:1.4"}}},
		"derived": {"is_ai": true},
	}]}
	_attributes(doc) == {"spec.trainer.image"}
}

test_sagemaker_model_images_are_checked if {
	doc := {"resources": [{
		"id": "aws_sagemaker_model.llm",
		"kind": "aws_sagemaker_model",
		"provider": "aws",
		"attributes": {
			"primary_container": [{"image": "123456789012.dkr.ecr.eu-central-1.amazonaws.com/llm:latest"}],
			"container": [{"image": _pinned}, {"image": "123456789012.dkr.ecr.eu-central-1.amazonaws.com/post:3"}],
		},
		"derived": {"is_ai": true},
	}]}
	_attributes(doc) == {"primary_container.0.image", "container.1.image"}
}

test_unresolved_terraform_images_are_not_judged if {
	doc := {"resources": [{
		"id": "aws_sagemaker_model.llm",
		"kind": "aws_sagemaker_model",
		"provider": "aws",
		"attributes": {"primary_container": [
			{"image": "${var.image}"},
			{"image": "${aws_ecr_repository.llm.repository_url}@${var.digest}"},
		]},
		"derived": {"is_ai": true},
	}]}
	count(image_digest.deny) == 0 with input as doc
}

test_terraform_image_with_a_literal_tag_is_denied if {
	doc := {"resources": [{
		"id": "aws_sagemaker_model.llm",
		"kind": "aws_sagemaker_model",
		"provider": "aws",
		"attributes": {"primary_container": [{"image": "${aws_ecr_repository.llm.repository_url}:latest"}]},
		"derived": {"is_ai": true},
	}]}
	count(image_digest.deny) == 1 with input as doc
}
