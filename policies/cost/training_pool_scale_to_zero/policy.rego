# METADATA
# title: GPU training node pools scale to zero when idle
# description: >-
#   Training runs in bursts; a GPU node pool that keeps a floor of nodes bills them
#   around the clock while no job runs. A node pool declared for training
#   (aiguard.io/workload: training as a tag, a GCP label aiguard-workload, or a label of its
#   Kubernetes nodes: EKS labels, GKE node_config labels or resource_labels, AKS
#   node_labels; or through ai_defaults in .aiguard.yaml) whose machines carry
#   accelerators must be able to scale to zero: EKS scaling_config min_size 0; GKE
#   autoscaling total_min_node_count or min_node_count 0, or no fixed node_count without
#   autoscaling; AKS min_count 0 with autoscaling, or no fixed node_count without it.
#   Pools that declare no workload are not judged.
# custom:
#   id: AIG-COST-010
#   severity: medium
#   kinds: [aws_eks_node_group, google_container_node_pool, azurerm_kubernetes_cluster_node_pool]
#   frameworks:
#     - {name: aiguard-finops, ref: "Idle GPU scale-down"}
#   basis: practice
#   remediation: |
#     Let the pool scale to zero between jobs:
#       scaling_config { min_size = 0, desired_size = 0, max_size = 8 }      # EKS
#       autoscaling { total_min_node_count = 0, total_max_node_count = 8 }   # GKE
#       auto_scaling_enabled = true                                          # AKS
#       min_count            = 0
#       max_count            = 8
package aiguard.rules.cost.training_pool_scale_to_zero

import data.aiguard.lib
import data.aiguard.lib.cost

_kinds := {"aws_eks_node_group", "google_container_node_pool", "azurerm_kubernetes_cluster_node_pool"}

deny contains {"resource": r.id, "msg": msg, "attribute": setting.attribute} if {
	some r in lib.resources_of_kinds(input, _kinds)
	lib.has_gpu(r)
	cost.declares_training(r)
	some setting in _floors(r)
	nodes := lib.number(setting.value)
	nodes > 0
	msg := concat("", [
		"GPU training node pool ", r.id, " keeps ", _node_count_text(nodes), " running when no job runs (",
		setting.what, "); let it scale to zero",
	])
}

# The settings that keep nodes running, with their attribute paths (one per pool).
_floors(r) := [{"attribute": "scaling_config.0.min_size", "what": "scaling_config min_size", "value": scaling.min_size}] if {
	r.kind == "aws_eks_node_group"
	scaling := r.attributes.scaling_config[0]
}

_floors(r) := [_gke_floor(autoscaling)] if {
	r.kind == "google_container_node_pool"
	autoscaling := r.attributes.autoscaling[0]
	is_object(autoscaling)
}

_floors(r) := [{"attribute": key, "what": concat("", [key, " without autoscaling"]), "value": r.attributes[key]}] if {
	r.kind == "google_container_node_pool"
	not _has_block(r, "autoscaling")
	key := _fixed_size_key(r)
}

_floors(r) := [{"attribute": "min_count", "what": "min_count", "value": object.get(r.attributes, "min_count", null)}] if {
	r.kind == "azurerm_kubernetes_cluster_node_pool"
	_aks_autoscaling(r)
}

_floors(r) := [{"attribute": "node_count", "what": "node_count without autoscaling", "value": object.get(r.attributes, "node_count", null)}] if {
	r.kind == "azurerm_kubernetes_cluster_node_pool"
	not _aks_autoscaling(r)
}

# GKE counts total_min_node_count for the whole pool, else min_node_count per zone.
_gke_floor(autoscaling) := {"attribute": "autoscaling.0.total_min_node_count", "what": "autoscaling total_min_node_count", "value": autoscaling.total_min_node_count} if {
	lib.is_set(autoscaling, "total_min_node_count")
} else := {"attribute": "autoscaling.0.min_node_count", "what": "autoscaling min_node_count, per zone", "value": object.get(autoscaling, "min_node_count", null)}

_has_block(r, key) if {
	block := r.attributes[key][0]
	is_object(block)
}

_fixed_size_key(r) := "node_count" if {
	"node_count" in object.keys(r.attributes)
} else := "initial_node_count"

_aks_autoscaling(r) if r.attributes.auto_scaling_enabled == true

_aks_autoscaling(r) if r.attributes.enable_auto_scaling == true

_node_count_text(nodes) := "1 node" if {
	nodes == 1
} else := concat("", [format_int(nodes, 10), " nodes"])
