# METADATA
# title: GPU VM fleets outside Kubernetes have a bounded size
# description: >-
#   GPU machines created outside a Kubernetes node pool multiply cost just as fast: an EC2
#   Auto Scaling group whose launch template has a GPU instance type, an Azure ML compute
#   cluster on a GPU VM size, and GPU VMs created `count` times (aws_instance,
#   google_compute_instance, azurerm_linux_virtual_machine). Each such fleet may reach at
#   most max_gpu_nodes_per_pool machines (rules/cost.yaml, the ceiling AIG-COST-004 applies
#   to node pools): the group's max_size, the cluster's scale_settings max_node_count, the
#   resource's count. Unresolved values are not judged.
# custom:
#   id: AIG-COST-006
#   severity: medium
#   kinds: [aws_autoscaling_group, aws_instance, google_compute_instance, azurerm_linux_virtual_machine, azurerm_machine_learning_compute_cluster]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU fleet ceiling"}
#   basis: practice
#   remediation: |
#     Keep the fleet within the limit:
#       resource "aws_autoscaling_group" "gpu" { max_size = 8 }
#       scale_settings {                          # azurerm_machine_learning_compute_cluster
#         min_node_count                       = 0
#         max_node_count                       = 8
#         scale_down_nodes_after_idle_duration = "PT15M"
#       }
#     or raise the limit for your organisation in .aiguard.yaml:
#       settings:
#         cost:
#           max_gpu_nodes_per_pool: 32
package aiguard.rules.cost.gpu_fleet_max

import data.aiguard.lib

# The largest number of GPU machines one fleet may reach (rules/cost.yaml).
_limit := n if {
	n := data.aiguard.config.cost.max_gpu_nodes_per_pool
	is_number(n)
} else := 16

# Where each kind states its ceiling, and how the message names it.
_ceilings := {
	"aws_autoscaling_group": ["max_size", "max_size"],
	"aws_instance": ["count", "count"],
	"google_compute_instance": ["count", "count"],
	"azurerm_linux_virtual_machine": ["count", "count"],
	"azurerm_machine_learning_compute_cluster": ["scale_settings.0.max_node_count", "scale_settings max_node_count"],
}

deny contains {"resource": r.id, "msg": msg, "attribute": ceiling[0]} if {
	some r in lib.resources_of_kinds(input, object.keys(_ceilings))
	lib.has_gpu(r)
	ceiling := _ceilings[r.kind]
	machines := lib.number(_ceiling_value(r))
	machines > _limit
	msg := concat("", [
		"GPU fleet ", r.id, " can reach ", format_int(machines, 10), " machines (", ceiling[1],
		"), more than max_gpu_nodes_per_pool ", format_int(_limit, 10), " (rules/cost.yaml)",
	])
}

_ceiling_value(r) := r.attributes.scale_settings[0].max_node_count if {
	r.kind == "azurerm_machine_learning_compute_cluster"
} else := object.get(r.attributes, "max_size", null) if {
	r.kind == "aws_autoscaling_group"
} else := object.get(r.attributes, "count", null)
