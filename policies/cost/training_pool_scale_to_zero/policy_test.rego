package aiguard.rules.cost.training_pool_scale_to_zero_test

import data.aiguard.rules.cost.training_pool_scale_to_zero

_pool(kind, attributes, ai) := {"resources": [{
	"id": concat(".", [kind, "train"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"gpu_count": 0, "has_gpu": true, "ai": ai},
}]}

_training := {"workload": "training"}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := training_pool_scale_to_zero.deny with input as doc
}

test_eks_training_pool_from_zero_passes if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"min_size": 0, "max_size": 8}]}, _training)
	count(training_pool_scale_to_zero.deny) == 0 with input as doc
}

test_eks_training_pool_with_floor_is_denied if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"min_size": 2, "max_size": 8}]}, _training)
	denials := training_pool_scale_to_zero.deny with input as doc
	count(denials) == 1
	some v in denials
	v.attribute == "scaling_config.0.min_size"
	contains(v.msg, "keeps 2 nodes running when no job runs (scaling_config min_size)")
}

test_declaration_is_case_insensitive if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"min_size": 2}]}, {"workload": "Training"})
	_attributes(doc) == {"scaling_config.0.min_size"}
}

test_eks_node_label_declares_training if {
	attributes := {"labels": {"aiguard.io/workload": "training"}, "scaling_config": [{"min_size": 1}]}
	_attributes(_pool("aws_eks_node_group", attributes, {})) == {"scaling_config.0.min_size"}
}

test_pools_without_declaration_are_not_judged if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"min_size": 2}]}, {})
	count(training_pool_scale_to_zero.deny) == 0 with input as doc
	inference := _pool("aws_eks_node_group", {"scaling_config": [{"min_size": 2}]}, {"workload": "inference"})
	count(training_pool_scale_to_zero.deny) == 0 with input as inference
}

test_cpu_pools_are_not_judged if {
	doc := {"resources": [{
		"id": "aws_eks_node_group.cpu",
		"kind": "aws_eks_node_group",
		"provider": "aws",
		"attributes": {"scaling_config": [{"min_size": 3}]},
		"derived": {"gpu_count": 0, "has_gpu": false, "ai": _training},
	}]}
	count(training_pool_scale_to_zero.deny) == 0 with input as doc
}

test_gke_total_minimum_is_judged if {
	attributes := {"autoscaling": [{"total_min_node_count": 1, "total_max_node_count": 8, "min_node_count": 0}]}
	_attributes(_pool("google_container_node_pool", attributes, _training)) == {"autoscaling.0.total_min_node_count"}
}

test_gke_per_zone_minimum_is_judged if {
	attributes := {"autoscaling": [{"min_node_count": 1, "max_node_count": 4}]}
	_attributes(_pool("google_container_node_pool", attributes, _training)) == {"autoscaling.0.min_node_count"}
}

test_gke_resource_label_declares_training if {
	attributes := {"autoscaling": [{"min_node_count": 1}], "node_config": [{"resource_labels": {"aiguard-workload": "training"}}]}
	_attributes(_pool("google_container_node_pool", attributes, {})) == {"autoscaling.0.min_node_count"}
}

test_gke_fixed_size_is_denied if {
	_attributes(_pool("google_container_node_pool", {"node_count": 2}, _training)) == {"node_count"}
	_attributes(_pool("google_container_node_pool", {"initial_node_count": 2}, _training)) == {"initial_node_count"}
}

test_gke_from_zero_passes if {
	doc := _pool("google_container_node_pool", {"autoscaling": [{"min_node_count": 0, "max_node_count": 4}], "initial_node_count": 1}, _training)
	count(training_pool_scale_to_zero.deny) == 0 with input as doc
}

test_aks_autoscaling_minimum_is_judged if {
	attributes := {"auto_scaling_enabled": true, "min_count": 1, "max_count": 4}
	_attributes(_pool("azurerm_kubernetes_cluster_node_pool", attributes, _training)) == {"min_count"}
	legacy := {"enable_auto_scaling": true, "min_count": 0, "max_count": 4}
	count(training_pool_scale_to_zero.deny) == 0 with input as _pool("azurerm_kubernetes_cluster_node_pool", legacy, _training)
}

test_aks_fixed_size_is_denied if {
	attributes := {"node_count": 2, "node_labels": {"aiguard.io/workload": "training"}}
	_attributes(_pool("azurerm_kubernetes_cluster_node_pool", attributes, {})) == {"node_count"}
}

test_unresolved_minimum_is_not_judged if {
	doc := _pool("aws_eks_node_group", {"scaling_config": [{"min_size": "${var.min}"}]}, _training)
	count(training_pool_scale_to_zero.deny) == 0 with input as doc
}
