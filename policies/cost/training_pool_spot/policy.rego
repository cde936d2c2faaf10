# METADATA
# title: GPU training node pools use spot capacity
# description: >-
#   Training that checkpoints can be interrupted and resumed, and spot or preemptible
#   GPU capacity costs a fraction of on-demand. A GPU node pool declared for training
#   (aiguard.io/workload: training as a tag, a GCP label aiguard-workload, a node label,
#   or through ai_defaults in .aiguard.yaml) must use it: EKS capacity_type SPOT; GKE
#   node_config spot or preemptible; AKS priority Spot; Azure ML compute cluster
#   vm_priority LowPriority. A pool whose jobs cannot be interrupted declares
#   aiguard.io/interruptible: "false" and is not judged; neither are pools that declare
#   no workload. Unresolved values are not judged.
# custom:
#   id: AIG-COST-012
#   severity: low
#   kinds: [aws_eks_node_group, google_container_node_pool, azurerm_kubernetes_cluster_node_pool, azurerm_machine_learning_compute_cluster]
#   frameworks:
#     - {name: aiguard-finops, ref: "Spot capacity for interruptible training"}
#     - {name: focus, ref: "PricingCategory"}
#   basis: practice
#   remediation: |
#     Run interruptible training on spot capacity and checkpoint it:
#       capacity_type = "SPOT"            # EKS node group
#       node_config { spot = true }       # GKE node pool
#       priority = "Spot"                 # AKS node pool
#       vm_priority = "LowPriority"       # Azure ML compute cluster
#     or declare that the pool's jobs cannot be interrupted:
#       tags = { "aiguard.io/interruptible" = "false" }
package aiguard.rules.cost.training_pool_spot

import data.aiguard.lib
import data.aiguard.lib.cost

_kinds := {
	"aws_eks_node_group", "google_container_node_pool", "azurerm_kubernetes_cluster_node_pool",
	"azurerm_machine_learning_compute_cluster",
}

deny contains {"resource": r.id, "msg": msg, "attribute": capacity.attribute} if {
	some r in lib.resources_of_kinds(input, _kinds)
	lib.has_gpu(r)
	cost.declares_training(r)
	not "false" in cost.declared_values(r, "interruptible")
	capacity := _on_demand(r)
	msg := concat("", [
		"GPU training node pool ", r.id, " runs on on-demand capacity (", capacity.what,
		"); use spot capacity for interruptible training, or declare aiguard.io/interruptible: \"false\"",
	])
}

# EKS: capacity_type defaults to ON_DEMAND.
_on_demand(r) := {"attribute": "capacity_type", "what": _value_text("capacity_type", value)} if {
	r.kind == "aws_eks_node_group"
	value := object.get(r.attributes, "capacity_type", null)
	not _resolved_as(value, "spot")
}

# GKE: node_config spot or preemptible, both false by default.
_on_demand(r) := {"attribute": attribute, "what": "node_config spot and preemptible not set"} if {
	r.kind == "google_container_node_pool"
	node_config := _node_config(r)
	not _gke_spot(node_config)
	attribute := _gke_attribute(r, node_config)
}

# AKS: priority defaults to Regular.
_on_demand(r) := {"attribute": "priority", "what": _value_text("priority", value)} if {
	r.kind == "azurerm_kubernetes_cluster_node_pool"
	value := object.get(r.attributes, "priority", null)
	not _resolved_as(value, "spot")
}

# Azure ML: vm_priority is Dedicated or LowPriority.
_on_demand(r) := {"attribute": "vm_priority", "what": _value_text("vm_priority", value)} if {
	r.kind == "azurerm_machine_learning_compute_cluster"
	value := object.get(r.attributes, "vm_priority", null)
	not _resolved_as(value, "lowpriority")
}

# True for the spot value, and for unresolved values, which are not judged.
_resolved_as(value, spot) if {
	is_string(value)
	lower(value) == spot
}

_resolved_as(value, _) if lib.is_unresolved(value)

_node_config(r) := config if {
	config := r.attributes.node_config[0]
	is_object(config)
} else := {}

_gke_spot(node_config) if {
	some key in ["spot", "preemptible"]
	node_config[key] == true
}

_gke_spot(node_config) if {
	some key in ["spot", "preemptible"]
	lib.is_unresolved(node_config[key])
}

_gke_attribute(r, node_config) := "node_config.0.spot" if {
	"spot" in object.keys(node_config)
} else := "node_config.0.preemptible" if {
	"preemptible" in object.keys(node_config)
} else := "node_config.0" if {
	r.attributes.node_config[0]
} else := "node_config"

_value_text(key, value) := concat("", [key, " ", value]) if {
	is_string(value)
} else := concat("", [key, " not set"])
