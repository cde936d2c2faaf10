# METADATA
# title: GPU node pools have a bounded autoscaling maximum
# description: >-
#   A GPU node pool without an explicit ceiling, or with a very high one, turns a traffic
#   spike, a runaway job or a stuck pending pod into an unbounded GPU bill. Every node pool
#   with accelerators must state its maximum size, no larger than max_gpu_nodes_per_pool
#   in rules/cost.yaml: EKS scaling_config max_size; GKE autoscaling total_max_node_count,
#   or max_node_count times the number of node_locations (it is per zone; one zone is
#   assumed when node_locations is not set), or without autoscaling the fixed node_count;
#   AKS max_count when autoscaling is enabled, else node_count.
# custom:
#   id: AIG-COST-004
#   severity: medium
#   kinds: [aws_eks_node_group, google_container_node_pool, azurerm_kubernetes_cluster_node_pool]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU autoscaling ceiling"}
#   basis: practice
#   remediation: |
#     Set an explicit maximum within the limit:
#       scaling_config { max_size = 8 }                  # EKS
#       autoscaling { total_max_node_count = 8 }          # GKE
#       auto_scaling_enabled = true                       # AKS
#       max_count            = 8
#     or raise the limit for your organisation in .aiguard.yaml:
#       settings:
#         cost:
#           max_gpu_nodes_per_pool: 32
package aiguard.rules.cost.gpu_autoscaling_max

import data.aiguard.lib

# The largest number of GPU nodes one pool may scale to (rules/cost.yaml).
_limit := n if {
	n := data.aiguard.config.cost.max_gpu_nodes_per_pool
	is_number(n)
} else := 16

_gpu_pools(kind) := object.get(_gpu_pools_by_kind, kind, [])

# The GPU node pools of the unit by kind, computed once per evaluation: every deny body
# reads them.
_gpu_pools_by_kind[kind] := pools if {
	some kind in ["aws_eks_node_group", "google_container_node_pool", "azurerm_kubernetes_cluster_node_pool"]
	pools := [r | some r in lib.resources_of_kind(input, kind); lib.has_gpu(r)]
}

# --- EKS ------------------------------------------------------------------------------

deny contains {"resource": r.id, "msg": msg, "attribute": "scaling_config.0.max_size"} if {
	some r in _gpu_pools("aws_eks_node_group")
	nodes := lib.number(_eks_scaling(r).max_size)
	nodes > _limit
	msg := _above_limit(r, nodes, "scaling_config max_size")
}

deny contains {"resource": r.id, "msg": msg, "attribute": "scaling_config.0"} if {
	some r in _gpu_pools("aws_eks_node_group")
	not lib.is_set(_eks_scaling(r), "max_size")
	msg := _no_maximum(r, "scaling_config max_size")
}

_eks_scaling(r) := scaling if {
	scaling := r.attributes.scaling_config[0]
	is_object(scaling)
} else := {}

# --- GKE ------------------------------------------------------------------------------

deny contains {"resource": r.id, "msg": msg, "attribute": "autoscaling.0.total_max_node_count"} if {
	some r in _gpu_pools("google_container_node_pool")
	autoscaling := _gke_autoscaling(r)
	nodes := lib.number(autoscaling.total_max_node_count)
	nodes > _limit
	msg := _above_limit(r, nodes, "autoscaling total_max_node_count")
}

deny contains {"resource": r.id, "msg": msg, "attribute": "autoscaling.0.max_node_count"} if {
	some r in _gpu_pools("google_container_node_pool")
	autoscaling := _gke_autoscaling(r)
	not lib.is_set(autoscaling, "total_max_node_count")
	nodes := lib.number(autoscaling.max_node_count) * _zones(r)
	nodes > _limit
	msg := _above_limit(r, nodes, _per_zone(r, "autoscaling max_node_count"))
}

deny contains {"resource": r.id, "msg": msg, "attribute": "autoscaling.0"} if {
	some r in _gpu_pools("google_container_node_pool")
	autoscaling := _gke_autoscaling(r)
	not lib.is_set(autoscaling, "total_max_node_count")
	not lib.is_set(autoscaling, "max_node_count")
	msg := _no_maximum(r, "autoscaling max_node_count or total_max_node_count")
}

deny contains {"resource": r.id, "msg": msg, "attribute": key} if {
	some r in _gpu_pools("google_container_node_pool")
	not _gke_autoscaling(r)
	key := _gke_size_key(r)
	nodes := lib.number(r.attributes[key]) * _zones(r)
	nodes > _limit
	msg := _above_limit(r, nodes, _per_zone(r, key))
}

_gke_autoscaling(r) := autoscaling if {
	autoscaling := r.attributes.autoscaling[0]
	is_object(autoscaling)
}

# The attribute that fixes the size of a pool without autoscaling.
_gke_size_key(r) := "node_count" if {
	lib.is_set(r.attributes, "node_count")
} else := "initial_node_count"

# GKE counts are per zone of the pool.
_zones(r) := count(locations) if {
	locations := r.attributes.node_locations
	is_array(locations)
	count(locations) > 0
} else := 1

_per_zone(r, what) := concat("", [what, " in each of ", format_int(_zones(r), 10), " zones"]) if {
	_zones(r) > 1
} else := what

# --- AKS ------------------------------------------------------------------------------

deny contains {"resource": r.id, "msg": msg, "attribute": "max_count"} if {
	some r in _gpu_pools("azurerm_kubernetes_cluster_node_pool")
	_aks_autoscaling_key(r)
	nodes := lib.number(r.attributes.max_count)
	nodes > _limit
	msg := _above_limit(r, nodes, "max_count")
}

deny contains {"resource": r.id, "msg": msg, "attribute": key} if {
	some r in _gpu_pools("azurerm_kubernetes_cluster_node_pool")
	key := _aks_autoscaling_key(r)
	not lib.is_set(r.attributes, "max_count")
	msg := _no_maximum(r, "max_count")
}

deny contains {"resource": r.id, "msg": msg, "attribute": "node_count"} if {
	some r in _gpu_pools("azurerm_kubernetes_cluster_node_pool")
	not _aks_autoscaling_key(r)
	nodes := lib.number(r.attributes.node_count)
	nodes > _limit
	msg := _above_limit(r, nodes, "node_count")
}

# The argument that turns autoscaling on (azurerm 4.x name first, then 3.x).
_aks_autoscaling_key(r) := "auto_scaling_enabled" if {
	r.attributes.auto_scaling_enabled == true
} else := "enable_auto_scaling" if {
	r.attributes.enable_auto_scaling == true
}

# --- messages -------------------------------------------------------------------------

_above_limit(r, nodes, what) := concat("", [
	"GPU node pool ", r.id, " can scale to ", format_int(nodes, 10), " nodes (", what,
	"), more than max_gpu_nodes_per_pool ", format_int(_limit, 10), " (rules/cost.yaml)",
])

_no_maximum(r, what) := concat("", [
	"GPU node pool ", r.id, " autoscales without an explicit maximum (", what,
	"); set one no larger than max_gpu_nodes_per_pool ", format_int(_limit, 10),
])
