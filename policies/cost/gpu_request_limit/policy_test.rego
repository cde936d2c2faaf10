package aiguard.rules.cost.gpu_request_limit_test

import data.aiguard.rules.cost.gpu_request_limit

_deployment(resources) := {"resources": [{
	"id": "apps/v1/Deployment/ml/llm",
	"kind": "Deployment",
	"provider": "kubernetes",
	"attributes": {"spec": {"template": {"spec": {"containers": [{"name": "server", "image": "x", "resources": resources}]}}}},
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := gpu_request_limit.deny with input as doc
}

test_limit_only_passes if {
	count(gpu_request_limit.deny) == 0 with input as _deployment({"limits": {"nvidia.com/gpu": 1}})
}

test_equal_request_and_limit_pass if {
	count(gpu_request_limit.deny) == 0 with input as _deployment({"requests": {"nvidia.com/gpu": "2"}, "limits": {"nvidia.com/gpu": 2}})
}

test_request_without_limit_is_denied if {
	denials := gpu_request_limit.deny with input as _deployment({"requests": {"nvidia.com/gpu": 1}, "limits": {"cpu": "4"}})
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.containers.0.resources.requests.nvidia.com/gpu"
	contains(v.msg, "without a limit")
}

test_request_without_any_limits_is_denied if {
	_attributes(_deployment({"requests": {"nvidia.com/gpu": 1}})) == {"spec.template.spec.containers.0.resources.requests.nvidia.com/gpu"}
}

test_different_request_and_limit_are_denied if {
	denials := gpu_request_limit.deny with input as _deployment({"requests": {"nvidia.com/gpu": 1}, "limits": {"nvidia.com/gpu": 2}})
	count(denials) == 1
	some v in denials
	contains(v.msg, "requests 1 nvidia.com/gpu")
	contains(v.msg, "limits it to 2")
}

test_other_accelerators_come_from_the_catalogue if {
	doc := _deployment({"requests": {"amd.com/gpu": 1}})
	count(gpu_request_limit.deny) == 0 with input as doc
	denials := gpu_request_limit.deny with input as doc
		with data.aiguard.config.gpu_catalogue.resource_names as ["nvidia.com/gpu", "amd.com/gpu"]
	count(denials) == 1
}

test_cpu_requests_are_not_judged if {
	count(gpu_request_limit.deny) == 0 with input as _deployment({"requests": {"cpu": "1", "memory": "1Gi"}})
}

test_kserve_framework_block_is_judged if {
	doc := {"resources": [{
		"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
		"kind": "InferenceService",
		"provider": "kubernetes",
		"attributes": {"spec": {"predictor": {"model": {"resources": {"requests": {"nvidia.com/gpu": "1"}}}}}},
	}]}
	_attributes(doc) == {"spec.predictor.model.resources.requests.nvidia.com/gpu"}
}

test_trainjob_resources_per_node_are_judged if {
	doc := {"resources": [{
		"id": "trainer.kubeflow.org/v1alpha1/TrainJob/ml/t",
		"kind": "TrainJob",
		"provider": "kubernetes",
		"attributes": {"spec": {"trainer": {"numNodes": 2, "resourcesPerNode": {"requests": {"nvidia.com/gpu": 4}, "limits": {"nvidia.com/gpu": 8}}}}},
	}]}
	_attributes(doc) == {"spec.trainer.resourcesPerNode.requests.nvidia.com/gpu"}
}

test_init_containers_are_judged if {
	doc := {"resources": [{
		"id": "v1/Pod/ml/p",
		"kind": "Pod",
		"provider": "kubernetes",
		"attributes": {"spec": {"initContainers": [{"name": "warm", "resources": {"requests": {"nvidia.com/gpu": 1}}}], "containers": [{"name": "c"}]}},
	}]}
	_attributes(doc) == {"spec.initContainers.0.resources.requests.nvidia.com/gpu"}
}
