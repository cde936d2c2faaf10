package aiguard.rules.cost.gpu_autoscaling_max_test

import data.aiguard.rules.cost.gpu_autoscaling_max

_pool(kind, attributes) := {"resources": [{
	"id": concat(".", [kind, "gpu"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"gpu_count": 0, "has_gpu": true},
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := gpu_autoscaling_max.deny with input as doc
}

test_eks_within_limit_passes if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"min_size": 0, "desired_size": 1, "max_size": 16}]})
	count(gpu_autoscaling_max.deny) == 0 with input as doc
}

test_eks_above_limit_is_denied if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"min_size": 0, "desired_size": 1, "max_size": 40}]})
	denials := gpu_autoscaling_max.deny with input as doc
	count(denials) == 1
	some v in denials
	v.attribute == "scaling_config.0.max_size"
	contains(v.msg, "can scale to 40 nodes")
	contains(v.msg, "max_gpu_nodes_per_pool 16")
}

test_eks_without_scaling_config_is_denied if {
	_attributes(_pool("aws_eks_node_group", {})) == {"scaling_config.0"}
}

test_limit_comes_from_data if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"max_size": 40}]})
	count(gpu_autoscaling_max.deny) == 0 with input as doc
		with data.aiguard.config.cost.max_gpu_nodes_per_pool as 64
}

test_pools_without_gpus_are_not_judged if {
	doc := {"resources": [{
		"id": "aws_eks_node_group.cpu",
		"kind": "aws_eks_node_group",
		"provider": "aws",
		"attributes": {"scaling_config": [{"max_size": 100}]},
		"derived": {"gpu_count": 0, "has_gpu": false},
	}]}
	count(gpu_autoscaling_max.deny) == 0 with input as doc
}

test_unresolved_maximum_is_not_judged if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"max_size": "${var.max}"}]})
	count(gpu_autoscaling_max.deny) == 0 with input as doc
}

test_gke_total_max_within_limit_passes if {
	doc := _pool("google_container_node_pool", {"autoscaling": [{"total_min_node_count": 0, "total_max_node_count": 12}]})
	count(gpu_autoscaling_max.deny) == 0 with input as doc
}

test_gke_per_zone_max_is_multiplied_by_zones if {
	doc := _pool("google_container_node_pool", {
		"node_locations": ["europe-west4-a", "europe-west4-b", "europe-west4-c"],
		"autoscaling": [{"min_node_count": 0, "max_node_count": 8}],
	})
	denials := gpu_autoscaling_max.deny with input as doc
	count(denials) == 1
	some v in denials
	v.attribute == "autoscaling.0.max_node_count"
	contains(v.msg, "24 nodes (autoscaling max_node_count in each of 3 zones)")
}

test_gke_autoscaling_without_maximum_is_denied if {
	_attributes(_pool("google_container_node_pool", {"autoscaling": [{"location_policy": "ANY"}]})) == {"autoscaling.0"}
}

test_gke_fixed_size_above_limit_is_denied if {
	_attributes(_pool("google_container_node_pool", {"node_count": 20})) == {"node_count"}
}

test_gke_fixed_initial_size_above_limit_is_denied if {
	_attributes(_pool("google_container_node_pool", {"initial_node_count": 20})) == {"initial_node_count"}
}

test_gke_small_fixed_size_passes if {
	count(gpu_autoscaling_max.deny) == 0 with input as _pool("google_container_node_pool", {"node_count": 2})
}

test_aks_autoscaling_max_above_limit_is_denied if {
	doc := _pool("azurerm_kubernetes_cluster_node_pool", {"auto_scaling_enabled": true, "min_count": 0, "max_count": 32})
	_attributes(doc) == {"max_count"}
}

test_aks_autoscaling_without_max_is_denied if {
	doc := _pool("azurerm_kubernetes_cluster_node_pool", {"enable_auto_scaling": true, "min_count": 0})
	_attributes(doc) == {"enable_auto_scaling"}
}

test_aks_fixed_size_above_limit_is_denied if {
	_attributes(_pool("azurerm_kubernetes_cluster_node_pool", {"node_count": 20})) == {"node_count"}
}

test_aks_within_limit_passes if {
	doc := _pool("azurerm_kubernetes_cluster_node_pool", {"auto_scaling_enabled": true, "min_count": 0, "max_count": 4, "node_count": 40})
	count(gpu_autoscaling_max.deny) == 0 with input as doc
}
