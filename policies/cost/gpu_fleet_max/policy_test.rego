package aiguard.rules.cost.gpu_fleet_max_test

import data.aiguard.rules.cost.gpu_fleet_max

_fleet(kind, attributes, has_gpu) := {"resources": [{
	"id": concat(".", [kind, "gpu"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"gpu_count": _gpus(has_gpu), "has_gpu": has_gpu},
}]}

_gpus(has_gpu) := 1 if has_gpu

_gpus(has_gpu) := 0 if not has_gpu

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := gpu_fleet_max.deny with input as doc
}

test_autoscaling_group_above_limit_is_denied if {
	denials := gpu_fleet_max.deny with input as _fleet("aws_autoscaling_group", {"min_size": 0, "max_size": 40}, true)
	count(denials) == 1
	some v in denials
	v.attribute == "max_size"
	contains(v.msg, "can reach 40 machines (max_size)")
	contains(v.msg, "max_gpu_nodes_per_pool 16")
}

test_autoscaling_group_within_limit_passes if {
	count(gpu_fleet_max.deny) == 0 with input as _fleet("aws_autoscaling_group", {"max_size": 16}, true)
}

test_instance_count_above_limit_is_denied if {
	every kind in ["aws_instance", "google_compute_instance", "azurerm_linux_virtual_machine"] {
		_attributes(_fleet(kind, {"count": 20}, true)) == {"count"}
	}
}

test_single_instances_pass if {
	count(gpu_fleet_max.deny) == 0 with input as _fleet("aws_instance", {"instance_type": "p5.48xlarge"}, true)
}

test_compute_cluster_above_limit_is_denied if {
	doc := _fleet("azurerm_machine_learning_compute_cluster", {"scale_settings": [{"min_node_count": 0, "max_node_count": 50}]}, true)
	_attributes(doc) == {"scale_settings.0.max_node_count"}
}

test_fleets_without_gpus_are_not_judged if {
	count(gpu_fleet_max.deny) == 0 with input as _fleet("aws_autoscaling_group", {"max_size": 400}, false)
}

test_unresolved_ceiling_is_not_judged if {
	count(gpu_fleet_max.deny) == 0 with input as _fleet("aws_instance", {"count": "${var.n}"}, true)
}

test_limit_comes_from_data if {
	count(gpu_fleet_max.deny) == 0 with input as _fleet("aws_autoscaling_group", {"max_size": 40}, true)
		with data.aiguard.config.cost.max_gpu_nodes_per_pool as 64
}
