# METADATA
# title: Azure ML GPU compute clusters release idle nodes
# description: >-
#   An Azure Machine Learning compute cluster bills every node it holds, busy or idle. A
#   cluster on a GPU VM size must keep no nodes when no job runs (scale_settings
#   min_node_count 0) and must release an idle node within
#   max_idle_minutes_before_scale_down minutes (rules/cost.yaml) of its last job
#   (scale_settings scale_down_nodes_after_idle_duration, an ISO 8601 duration such as
#   PT15M). Durations that are not literal ISO 8601 days, hours, minutes and seconds are
#   not judged.
# custom:
#   id: AIG-COST-011
#   severity: medium
#   kinds: [azurerm_machine_learning_compute_cluster]
#   frameworks:
#     - {name: aiguard-finops, ref: "Idle GPU scale-down"}
#   basis: practice
#   remediation: |
#     Scale the cluster to zero soon after its last job:
#       scale_settings {
#         min_node_count                       = 0
#         max_node_count                       = 8
#         scale_down_nodes_after_idle_duration = "PT15M"
#       }
package aiguard.rules.cost.aml_cluster_scale_down

import data.aiguard.lib

# The longest an idle node may run, in minutes (rules/cost.yaml).
_limit_minutes := n if {
	n := data.aiguard.config.cost.max_idle_minutes_before_scale_down
	is_number(n)
} else := 30

deny contains {"resource": r.id, "msg": msg, "attribute": "scale_settings.0.min_node_count"} if {
	some r in _gpu_clusters
	nodes := lib.number(r.attributes.scale_settings[0].min_node_count)
	nodes > 0
	msg := concat("", [
		"Azure ML GPU compute cluster ", r.id, " keeps ", format_int(nodes, 10),
		" node(s) running when no job runs (scale_settings min_node_count); set it to 0",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "scale_settings.0.scale_down_nodes_after_idle_duration"} if {
	some r in _gpu_clusters
	duration := r.attributes.scale_settings[0].scale_down_nodes_after_idle_duration
	seconds := _duration_seconds(duration)
	seconds > _limit_minutes * 60
	msg := concat("", [
		"Azure ML GPU compute cluster ", r.id, " keeps idle nodes for ", duration,
		" (scale_down_nodes_after_idle_duration), longer than max_idle_minutes_before_scale_down ",
		format_int(_limit_minutes, 10), " minutes (rules/cost.yaml)",
	])
}

_gpu_clusters contains r if {
	some r in lib.resources_of_kind(input, "azurerm_machine_learning_compute_cluster")
	lib.has_gpu(r)
}

# Seconds in an ISO 8601 duration of days, hours, minutes and seconds ("PT1H30M", "P1D");
# undefined for anything else (months and years have no fixed length).
_duration_seconds(duration) := sum([seconds |
	some piece in regex.find_n(`[0-9]+(\.[0-9]+)?[DHMS]`, duration, -1)
	unit := substring(piece, count(piece) - 1, 1)
	seconds := to_number(substring(piece, 0, count(piece) - 1)) * _unit_seconds[unit]
]) if {
	is_string(duration)
	regex.match(`^P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?$`, duration)
	regex.match(`[0-9]`, duration)
}

_unit_seconds := {"D": 86400, "H": 3600, "M": 60, "S": 1}
