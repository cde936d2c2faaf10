package aiguard.rules.logging.log_analytics_daily_cap_test

import data.aiguard.rules.logging.log_analytics_daily_cap

_workspace(attributes) := {
	"id": "azurerm_log_analytics_workspace.ai",
	"kind": "azurerm_log_analytics_workspace",
	"provider": "azurerm",
	"attributes": object.union({"name": "ai-logs", "retention_in_days": 365}, attributes),
}

_setting(target) := {
	"id": "azurerm_monitor_diagnostic_setting.openai",
	"kind": "azurerm_monitor_diagnostic_setting",
	"provider": "azurerm",
	"attributes": {
		"target_resource_id": target,
		"log_analytics_workspace_id": "${azurerm_log_analytics_workspace.ai.id}",
		"enabled_log": [{"category_group": "allLogs"}],
	},
}

_openai := "${azurerm_cognitive_account.openai.id}"

test_uncapped_workspace_passes if {
	count(log_analytics_daily_cap.deny) == 0 with input as {"resources": [_workspace({}), _setting(_openai)]}
	count(log_analytics_daily_cap.deny) == 0 with input as {"resources": [_workspace({"daily_quota_gb": -1}), _setting(_openai)]}
}

test_capped_workspace_with_ai_logs_is_denied if {
	denials := log_analytics_daily_cap.deny with input as {"resources": [_workspace({"daily_quota_gb": 5}), _setting(_openai)]}
	count(denials) == 1
	some v in denials
	v.attribute == "daily_quota_gb"
	contains(v.msg, "stops ingesting them after 5 GB a day")
}

test_ml_workspace_logs_count if {
	doc := {"resources": [_workspace({"daily_quota_gb": 1}), _setting("${azurerm_machine_learning_workspace.ml.id}")]}
	count(log_analytics_daily_cap.deny) == 1 with input as doc
}

test_capped_workspace_without_ai_logs_passes if {
	doc := {"resources": [_workspace({"daily_quota_gb": 5}), _setting("${azurerm_key_vault.kv.id}")]}
	count(log_analytics_daily_cap.deny) == 0 with input as doc
}

test_declared_log_workspace_is_judged if {
	workspace := object.union(_workspace({"daily_quota_gb": "10"}), {"derived": {"ai": {"data_classification": "logs"}}})
	count(log_analytics_daily_cap.deny) == 1 with input as {"resources": [workspace]}
}

test_unresolved_quota_is_not_judged if {
	doc := {"resources": [_workspace({"daily_quota_gb": "${var.quota}"}), _setting(_openai)]}
	count(log_analytics_daily_cap.deny) == 0 with input as doc
}
