package aiguard.rules.cost.gpu_namespace_quota_test

import data.aiguard.rules.cost.gpu_namespace_quota

_workload(namespace, has_gpu) := {
	"id": concat("/", ["apps/v1/Deployment", namespace, "llm"]),
	"kind": "Deployment",
	"provider": "kubernetes",
	"attributes": {"metadata": {"name": "llm", "namespace": namespace}},
	"derived": {"gpu_count": 1, "has_gpu": has_gpu},
}

_doc(resources, quota_namespaces) := {"resources": resources, "context": {"scan": {"gpu_quota_namespaces": quota_namespaces}}}

test_namespace_with_quota_passes if {
	count(gpu_namespace_quota.deny) == 0 with input as _doc([_workload("ml-serving", true)], ["ml-serving"])
}

test_namespace_without_quota_is_denied if {
	denials := gpu_namespace_quota.deny with input as _doc([_workload("ml-serving", true)], ["ml-training"])
	count(denials) == 1
	some v in denials
	v.attribute == "metadata.namespace"
	contains(v.msg, "runs in namespace ml-serving, which has no ResourceQuota")
}

test_missing_namespace_is_default if {
	workload := {
		"id": "apps/v1/Deployment/default/llm",
		"kind": "Deployment",
		"provider": "kubernetes",
		"attributes": {"metadata": {"name": "llm"}},
		"derived": {"gpu_count": 1, "has_gpu": true},
	}
	count(gpu_namespace_quota.deny) == 0 with input as _doc([workload], ["default"])
	count(gpu_namespace_quota.deny) == 1 with input as _doc([workload], [])
}

test_cpu_workloads_are_not_judged if {
	workload := object.union(_workload("web", false), {"derived": {"gpu_count": 0, "has_gpu": false}})
	count(gpu_namespace_quota.deny) == 0 with input as _doc([workload], [])
}

test_without_scan_context_nothing_is_judged if {
	count(gpu_namespace_quota.deny) == 0 with input as {"resources": [_workload("ml-serving", true)]}
}
