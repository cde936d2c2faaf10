package aiguard.rules.cost.ray_worker_max_replicas_test

import data.aiguard.rules.cost.ray_worker_max_replicas

_gpu_template := {"spec": {"containers": [{"name": "ray-worker", "image": "x", "resources": {"limits": {"nvidia.com/gpu": 1}}}]}}

_cpu_template := {"spec": {"containers": [{"name": "ray-worker", "image": "x", "resources": {"limits": {"cpu": 4}}}]}}

_cluster(autoscaling, groups) := {"resources": [{
	"id": "ray.io/v1/RayCluster/ml/train",
	"kind": "RayCluster",
	"provider": "kubernetes",
	"attributes": {"spec": {"enableInTreeAutoscaling": autoscaling, "workerGroupSpecs": groups}},
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := ray_worker_max_replicas.deny with input as doc
}

test_bounded_autoscaling_group_passes if {
	doc := _cluster(true, [{"groupName": "a100", "minReplicas": 0, "maxReplicas": 4, "template": _gpu_template}])
	count(ray_worker_max_replicas.deny) == 0 with input as doc
}

test_autoscaling_group_without_maximum_is_denied if {
	doc := _cluster(true, [{"groupName": "a100", "minReplicas": 0, "template": _gpu_template}])
	denials := ray_worker_max_replicas.deny with input as doc
	count(denials) == 1
	some v in denials
	v.attribute == "spec.workerGroupSpecs.0"
	contains(v.msg, "GPU worker group a100")
	contains(v.msg, "2147483647")
}

test_autoscaling_group_above_limit_is_denied if {
	doc := _cluster(true, [{"groupName": "a100", "maxReplicas": 20, "template": _gpu_template}])
	_attributes(doc) == {"spec.workerGroupSpecs.0.maxReplicas"}
}

test_hosts_multiply_the_ceiling if {
	doc := _cluster(true, [{"groupName": "tpu", "maxReplicas": 2, "numOfHosts": 8, "template": _gpu_template}])
	denials := ray_worker_max_replicas.deny with input as doc
	some v in denials
	v.attribute == "spec.workerGroupSpecs.0.maxReplicas"
	contains(v.msg, "16 pods (maxReplicas x 8 numOfHosts)")
}

test_fixed_replicas_above_limit_are_denied if {
	doc := _cluster(false, [{"groupName": "a100", "replicas": 12, "maxReplicas": 40, "template": _gpu_template}])
	_attributes(doc) == {"spec.workerGroupSpecs.0.replicas"}
}

test_fixed_group_without_maximum_passes if {
	doc := _cluster(false, [{"groupName": "a100", "replicas": 2, "template": _gpu_template}])
	count(ray_worker_max_replicas.deny) == 0 with input as doc
}

test_cpu_groups_are_not_judged if {
	doc := _cluster(true, [{"groupName": "cpu", "template": _cpu_template}, {"groupName": "gpu", "maxReplicas": 2, "template": _gpu_template}])
	count(ray_worker_max_replicas.deny) == 0 with input as doc
}

test_rayjob_cluster_spec_is_judged if {
	doc := {"resources": [{
		"id": "ray.io/v1/RayJob/ml/job",
		"kind": "RayJob",
		"provider": "kubernetes",
		"attributes": {"spec": {"rayClusterSpec": {"enableInTreeAutoscaling": true, "workerGroupSpecs": [{"groupName": "g", "template": _gpu_template}]}}},
	}]}
	_attributes(doc) == {"spec.rayClusterSpec.workerGroupSpecs.0"}
}

test_rayservice_cluster_config_is_judged if {
	doc := {"resources": [{
		"id": "ray.io/v1/RayService/ml/svc",
		"kind": "RayService",
		"provider": "kubernetes",
		"attributes": {"spec": {"rayClusterConfig": {"workerGroupSpecs": [{"groupName": "g", "replicas": 9, "template": _gpu_template}]}}},
	}]}
	_attributes(doc) == {"spec.rayClusterConfig.workerGroupSpecs.0.replicas"}
}

test_limit_comes_from_data if {
	doc := _cluster(true, [{"groupName": "a100", "maxReplicas": 20, "template": _gpu_template}])
	count(ray_worker_max_replicas.deny) == 0 with input as doc with data.aiguard.config.cost.max_gpu_replicas as 32
}
