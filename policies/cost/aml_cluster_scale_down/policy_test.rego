package aiguard.rules.cost.aml_cluster_scale_down_test

import data.aiguard.rules.cost.aml_cluster_scale_down

_cluster(scale, has_gpu) := {"resources": [{
	"id": "azurerm_machine_learning_compute_cluster.gpu",
	"kind": "azurerm_machine_learning_compute_cluster",
	"provider": "azurerm",
	"attributes": {"vm_size": "Standard_NC24ads_A100_v4", "scale_settings": [scale]},
	"derived": {"gpu_count": 0, "has_gpu": has_gpu},
}]}

_scale(min_nodes, idle) := {"min_node_count": min_nodes, "max_node_count": 4, "scale_down_nodes_after_idle_duration": idle}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := aml_cluster_scale_down.deny with input as doc
}

test_scale_to_zero_quickly_passes if {
	count(aml_cluster_scale_down.deny) == 0 with input as _cluster(_scale(0, "PT15M"), true)
	count(aml_cluster_scale_down.deny) == 0 with input as _cluster(_scale(0, "PT30M"), true)
	count(aml_cluster_scale_down.deny) == 0 with input as _cluster(_scale(0, "PT120S"), true)
}

test_minimum_nodes_are_denied if {
	denials := aml_cluster_scale_down.deny with input as _cluster(_scale(2, "PT15M"), true)
	count(denials) == 1
	some v in denials
	v.attribute == "scale_settings.0.min_node_count"
	contains(v.msg, "keeps 2 node(s) running")
}

test_long_idle_duration_is_denied if {
	denials := aml_cluster_scale_down.deny with input as _cluster(_scale(0, "PT2H"), true)
	count(denials) == 1
	some v in denials
	v.attribute == "scale_settings.0.scale_down_nodes_after_idle_duration"
	contains(v.msg, "keeps idle nodes for PT2H")
	contains(v.msg, "30 minutes")
}

test_durations_add_up if {
	_attributes(_cluster(_scale(0, "PT29M61S"), true)) == {"scale_settings.0.scale_down_nodes_after_idle_duration"}
	_attributes(_cluster(_scale(0, "P1D"), true)) == {"scale_settings.0.scale_down_nodes_after_idle_duration"}
	_attributes(_cluster(_scale(0, "PT0H31M"), true)) == {"scale_settings.0.scale_down_nodes_after_idle_duration"}
}

test_unparseable_durations_are_not_judged if {
	count(aml_cluster_scale_down.deny) == 0 with input as _cluster(_scale(0, "P1M"), true)
	count(aml_cluster_scale_down.deny) == 0 with input as _cluster(_scale(0, "${var.idle}"), true)
	count(aml_cluster_scale_down.deny) == 0 with input as _cluster(_scale(0, "PT"), true)
}

test_cpu_clusters_are_not_judged if {
	count(aml_cluster_scale_down.deny) == 0 with input as _cluster(_scale(3, "PT4H"), false)
}

test_limit_comes_from_data if {
	count(aml_cluster_scale_down.deny) == 0 with input as _cluster(_scale(0, "PT2H"), true)
		with data.aiguard.config.cost.max_idle_minutes_before_scale_down as 180
}
