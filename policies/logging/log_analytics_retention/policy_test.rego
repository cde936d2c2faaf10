package aiguard.rules.logging.log_analytics_retention_test

import data.aiguard.rules.logging.log_analytics_retention

_workspace(attributes) := {"resources": [{
	"id": "azurerm_log_analytics_workspace.ai",
	"kind": "azurerm_log_analytics_workspace",
	"provider": "azurerm",
	"attributes": object.union({"name": "ai-logs", "sku": "PerGB2018"}, attributes),
}]}

_table(attributes) := {"resources": [{
	"id": "azurerm_log_analytics_workspace_table.diagnostics",
	"kind": "azurerm_log_analytics_workspace_table",
	"provider": "azurerm",
	"attributes": object.union({"name": "AzureDiagnostics", "workspace_id": "${azurerm_log_analytics_workspace.ai.id}"}, attributes),
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := log_analytics_retention.deny with input as doc
}

test_365_days_passes if {
	count(log_analytics_retention.deny) == 0 with input as _workspace({"retention_in_days": 365})
}

test_unset_retention_is_the_30_day_default if {
	denials := log_analytics_retention.deny with input as _workspace({})
	count(denials) == 1
	some v in denials
	v.attribute == "retention_in_days"
	contains(v.msg, "keeps data for 30 days (the default when retention_in_days is unset); keep it at least 184 days")
}

test_180_days_is_denied if {
	_attributes(_workspace({"retention_in_days": 180})) == {"retention_in_days"}
}

test_unresolved_retention_is_not_judged if {
	count(log_analytics_retention.deny) == 0 with input as _workspace({"retention_in_days": "${var.days}"})
}

test_purge_after_30_days_is_denied if {
	doc := _workspace({"retention_in_days": 365, "immediate_data_purge_on_30_days_enabled": true})
	_attributes(doc) == {"immediate_data_purge_on_30_days_enabled"}
}

test_purge_disabled_passes if {
	doc := _workspace({"retention_in_days": 365, "immediate_data_purge_on_30_days_enabled": false})
	count(log_analytics_retention.deny) == 0 with input as doc
}

test_table_total_retention_counts if {
	count(log_analytics_retention.deny) == 0 with input as _table({"retention_in_days": 30, "total_retention_in_days": 365})
}

test_short_table_total_retention_is_denied if {
	denials := log_analytics_retention.deny with input as _table({"retention_in_days": 30, "total_retention_in_days": 180})
	count(denials) == 1
	some v in denials
	v.attribute == "total_retention_in_days"
	contains(v.msg, "keeps data for 180 days (total_retention_in_days)")
}

test_table_without_total_uses_its_retention if {
	_attributes(_table({"retention_in_days": 90})) == {"retention_in_days"}
}

test_table_inheriting_the_workspace_is_not_judged if {
	count(log_analytics_retention.deny) == 0 with input as _table({})
	count(log_analytics_retention.deny) == 0 with input as _table({"retention_in_days": -1})
}

test_unresolved_table_total_is_not_judged if {
	count(log_analytics_retention.deny) == 0 with input as _table({"retention_in_days": 30, "total_retention_in_days": "${var.total}"})
}

test_minimum_comes_from_data if {
	count(log_analytics_retention.deny) == 1 with input as _workspace({"retention_in_days": 365})
		with data.aiguard.config.retention.min_days as 400
}
