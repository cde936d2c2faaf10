package aiguard.rules.cost.gpu_container_cpu_memory_test

import data.aiguard.rules.cost.gpu_container_cpu_memory

_workload(kind, resources) := {"resources": [{
	"id": concat("/", ["apps/v1", kind, "ml", "llm"]),
	"kind": kind,
	"provider": "kubernetes",
	"attributes": {"spec": {"template": {"spec": {"containers": [{"name": "server", "image": "x", "resources": resources}]}}}},
}]}

test_sized_gpu_container_passes if {
	resources := {"requests": {"cpu": "4", "memory": "16Gi"}, "limits": {"nvidia.com/gpu": 1}}
	count(gpu_container_cpu_memory.deny) == 0 with input as _workload("Deployment", resources)
}

test_limits_size_the_container_too if {
	resources := {"limits": {"cpu": "4", "memory": "16Gi", "nvidia.com/gpu": 1}}
	count(gpu_container_cpu_memory.deny) == 0 with input as _workload("Deployment", resources)
}

test_gpu_container_without_cpu_and_memory_is_denied if {
	denials := gpu_container_cpu_memory.deny with input as _workload("Deployment", {"limits": {"nvidia.com/gpu": 1}})
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.containers.0.resources"
	contains(v.msg, "GPU container server of apps/v1/Deployment/ml/llm requests no cpu or memory")
}

test_missing_memory_alone_is_named if {
	denials := gpu_container_cpu_memory.deny with input as _workload("StatefulSet", {"requests": {"cpu": "2"}, "limits": {"nvidia.com/gpu": 1}})
	some v in denials
	contains(v.msg, "requests no memory;")
}

test_cpu_containers_are_not_judged if {
	count(gpu_container_cpu_memory.deny) == 0 with input as _workload("Deployment", {})
}

test_inference_services_are_not_judged if {
	doc := {"resources": [{
		"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
		"kind": "InferenceService",
		"provider": "kubernetes",
		"attributes": {"spec": {"predictor": {"containers": [{"name": "kserve-container", "resources": {"limits": {"nvidia.com/gpu": 1}}}]}}},
	}]}
	count(gpu_container_cpu_memory.deny) == 0 with input as doc
}
