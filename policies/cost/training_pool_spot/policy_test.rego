package aiguard.rules.cost.training_pool_spot_test

import data.aiguard.rules.cost.training_pool_spot

_pool(kind, attributes, ai) := {"resources": [{
	"id": concat(".", [kind, "train"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"gpu_count": 0, "has_gpu": true, "ai": ai},
}]}

_training := {"workload": "training"}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := training_pool_spot.deny with input as doc
}

test_eks_spot_passes if {
	count(training_pool_spot.deny) == 0 with input as _pool("aws_eks_node_group", {"capacity_type": "SPOT"}, _training)
}

test_eks_on_demand_is_denied if {
	denials := training_pool_spot.deny with input as _pool("aws_eks_node_group", {"capacity_type": "ON_DEMAND"}, _training)
	count(denials) == 1
	some v in denials
	v.attribute == "capacity_type"
	contains(v.msg, "on-demand capacity (capacity_type ON_DEMAND)")
}

test_eks_default_capacity_is_on_demand if {
	denials := training_pool_spot.deny with input as _pool("aws_eks_node_group", {}, _training)
	some v in denials
	contains(v.msg, "capacity_type not set")
}

test_not_interruptible_pools_are_not_judged if {
	ai := {"workload": "training", "interruptible": "false"}
	count(training_pool_spot.deny) == 0 with input as _pool("aws_eks_node_group", {}, ai)
	labels := {"labels": {"aiguard.io/workload": "training", "aiguard.io/interruptible": "False"}}
	count(training_pool_spot.deny) == 0 with input as _pool("aws_eks_node_group", labels, {})
}

test_undeclared_pools_are_not_judged if {
	count(training_pool_spot.deny) == 0 with input as _pool("aws_eks_node_group", {}, {})
}

test_unresolved_capacity_is_not_judged if {
	count(training_pool_spot.deny) == 0 with input as _pool("aws_eks_node_group", {"capacity_type": "${var.capacity}"}, _training)
}

test_gke_spot_or_preemptible_passes if {
	count(training_pool_spot.deny) == 0 with input as _pool("google_container_node_pool", {"node_config": [{"spot": true}]}, _training)
	count(training_pool_spot.deny) == 0 with input as _pool("google_container_node_pool", {"node_config": [{"preemptible": true}]}, _training)
}

test_gke_standard_is_denied if {
	_attributes(_pool("google_container_node_pool", {"node_config": [{"machine_type": "a2-highgpu-1g"}]}, _training)) == {"node_config.0"}
	_attributes(_pool("google_container_node_pool", {"node_config": [{"spot": false}]}, _training)) == {"node_config.0.spot"}
	_attributes(_pool("google_container_node_pool", {}, _training)) == {"node_config"}
}

test_aks_priority if {
	count(training_pool_spot.deny) == 0 with input as _pool("azurerm_kubernetes_cluster_node_pool", {"priority": "Spot"}, _training)
	_attributes(_pool("azurerm_kubernetes_cluster_node_pool", {"priority": "Regular"}, _training)) == {"priority"}
	_attributes(_pool("azurerm_kubernetes_cluster_node_pool", {}, _training)) == {"priority"}
}

test_aml_priority if {
	count(training_pool_spot.deny) == 0 with input as _pool("azurerm_machine_learning_compute_cluster", {"vm_priority": "LowPriority"}, _training)
	_attributes(_pool("azurerm_machine_learning_compute_cluster", {"vm_priority": "Dedicated"}, _training)) == {"vm_priority"}
}

test_cpu_pools_are_not_judged if {
	doc := {"resources": [{
		"id": "aws_eks_node_group.cpu",
		"kind": "aws_eks_node_group",
		"provider": "aws",
		"attributes": {},
		"derived": {"gpu_count": 0, "has_gpu": false, "ai": _training},
	}]}
	count(training_pool_spot.deny) == 0 with input as doc
}
