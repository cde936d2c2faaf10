package aiguard.rules.cost.gpu_replicas_max_test

import data.aiguard.rules.cost.gpu_replicas_max

_workload(kind, name, replicas, has_gpu) := {
	"id": concat("/", ["apps/v1", kind, "ml", name]),
	"kind": kind,
	"provider": "kubernetes",
	"attributes": {"metadata": {"name": name, "namespace": "ml"}, "spec": {"replicas": replicas}},
	"derived": {"gpu_count": 0, "has_gpu": has_gpu},
}

_hpa(target_kind, name, max_replicas) := {
	"id": "autoscaling/v2/HorizontalPodAutoscaler/ml/hpa",
	"kind": "HorizontalPodAutoscaler",
	"provider": "kubernetes",
	"attributes": {
		"metadata": {"name": "hpa", "namespace": "ml"},
		"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": target_kind, "name": name}, "maxReplicas": max_replicas},
	},
}

_scaled_object(spec) := {
	"id": "keda.sh/v1alpha1/ScaledObject/ml/so",
	"kind": "ScaledObject",
	"provider": "kubernetes",
	"attributes": {"metadata": {"name": "so", "namespace": "ml"}, "spec": spec},
}

_denials(resources) := denials if {
	denials := gpu_replicas_max.deny with input as {"resources": resources}
}

_found(resources) := {[v.resource, v.attribute] | some v in _denials(resources)}

test_replicas_within_limit_pass if {
	count(_denials([_workload("Deployment", "llm", 8, true)])) == 0
}

test_replicas_above_limit_are_denied if {
	denials := _denials([_workload("StatefulSet", "llm", 12, true)])
	count(denials) == 1
	some v in denials
	v.attribute == "spec.replicas"
	contains(v.msg, "runs 12 replicas")
	contains(v.msg, "max_gpu_replicas 8")
}

test_cpu_workloads_are_not_judged if {
	count(_denials([_workload("Deployment", "web", 50, false)])) == 0
}

test_string_replicas_count if {
	_found([_workload("Deployment", "llm", "12", true)]) == {["apps/v1/Deployment/ml/llm", "spec.replicas"]}
}

test_hpa_above_limit_is_denied if {
	found := _found([_workload("Deployment", "llm", 1, true), _hpa("Deployment", "llm", 20)])
	found == {["autoscaling/v2/HorizontalPodAutoscaler/ml/hpa", "spec.maxReplicas"]}
}

test_hpa_of_another_workload_is_not_judged if {
	count(_denials([_workload("Deployment", "llm", 1, true), _hpa("Deployment", "other", 20)])) == 0
	count(_denials([_workload("Deployment", "llm", 1, true), _hpa("StatefulSet", "llm", 20)])) == 0
}

test_hpa_of_a_cpu_workload_is_not_judged if {
	count(_denials([_workload("Deployment", "web", 1, false), _hpa("Deployment", "web", 50)])) == 0
}

test_hpa_in_another_namespace_is_not_judged if {
	hpa := object.union(_hpa("Deployment", "llm", 20), {"attributes": {"metadata": {"namespace": "other"}}})
	count(_denials([_workload("Deployment", "llm", 1, true), hpa])) == 0
}

test_keda_without_maximum_uses_its_default_of_100 if {
	scaler := _scaled_object({"scaleTargetRef": {"name": "llm"}, "minReplicaCount": 0})
	denials := _denials([_workload("Deployment", "llm", 1, true), scaler])
	count(denials) == 1
	some v in denials
	v.attribute == "spec"
	contains(v.msg, "to 100 replicas (KEDA's default maxReplicaCount)")
}

test_keda_within_limit_passes if {
	scaler := _scaled_object({"scaleTargetRef": {"name": "llm"}, "maxReplicaCount": 4})
	count(_denials([_workload("Deployment", "llm", 1, true), scaler])) == 0
}

test_keda_above_limit_is_denied if {
	scaler := _scaled_object({"scaleTargetRef": {"kind": "StatefulSet", "name": "llm"}, "maxReplicaCount": 30})
	_found([_workload("StatefulSet", "llm", 1, true), scaler]) == {["keda.sh/v1alpha1/ScaledObject/ml/so", "spec.maxReplicaCount"]}
}

test_limit_comes_from_data if {
	denials := gpu_replicas_max.deny with input as {"resources": [_workload("Deployment", "llm", 12, true)]}
		with data.aiguard.config.cost.max_gpu_replicas as 16
	count(denials) == 0
}
