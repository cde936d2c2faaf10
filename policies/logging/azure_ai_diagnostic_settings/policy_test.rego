package aiguard.rules.logging.azure_ai_diagnostic_settings_test

import data.aiguard.rules.logging.azure_ai_diagnostic_settings

_account := {
	"id": "azurerm_cognitive_account.openai",
	"kind": "azurerm_cognitive_account",
	"provider": "azurerm",
	"attributes": {"name": "acme-openai", "kind": "OpenAI"},
}

_workspace := {
	"id": "azurerm_machine_learning_workspace.ml",
	"kind": "azurerm_machine_learning_workspace",
	"provider": "azurerm",
	"attributes": {"name": "acme-ml"},
}

_setting(target, logs) := {
	"id": "azurerm_monitor_diagnostic_setting.d",
	"kind": "azurerm_monitor_diagnostic_setting",
	"provider": "azurerm",
	"attributes": {
		"name": "diag",
		"target_resource_id": target,
		"log_analytics_workspace_id": "${azurerm_log_analytics_workspace.ai.id}",
		"enabled_log": logs,
	},
}

_ref := "${azurerm_cognitive_account.openai.id}"

_messages(resources) := {v.msg | some v in denials} if {
	denials := azure_ai_diagnostic_settings.deny with input as {"resources": resources}
}

test_all_logs_group_passes if {
	doc := {"resources": [_account, _setting(_ref, [{"category_group": "allLogs"}])]}
	count(azure_ai_diagnostic_settings.deny) == 0 with input as doc
}

test_required_categories_pass if {
	doc := {"resources": [_account, _setting(_ref, [{"category": "Audit"}, {"category": "requestresponse"}])]}
	count(azure_ai_diagnostic_settings.deny) == 0 with input as doc
}

test_categories_may_come_from_two_settings if {
	second := object.union(_setting(_ref, [{"category": "RequestResponse"}]), {"id": "azurerm_monitor_diagnostic_setting.e"})
	doc := {"resources": [_account, _setting(_ref, [{"category": "Audit"}]), second]}
	count(azure_ai_diagnostic_settings.deny) == 0 with input as doc
}

test_no_setting_is_denied if {
	denials := azure_ai_diagnostic_settings.deny with input as {"resources": [_account]}
	count(denials) == 1
	some v in denials
	v.resource == "azurerm_cognitive_account.openai"
	contains(v.msg, "has no azurerm_monitor_diagnostic_setting")
}

test_setting_of_another_resource_does_not_count if {
	other := _setting("${azurerm_key_vault.kv.id}", [{"category_group": "allLogs"}])
	count(azure_ai_diagnostic_settings.deny) == 1 with input as {"resources": [_account, other]}
}

test_missing_categories_are_named if {
	msgs := _messages([_account, _setting(_ref, [{"category": "Audit"}, {"category_group": "audit"}])])
	count(msgs) == 1
	some msg in msgs
	contains(msg, "do not enable the log categories RequestResponse;")
}

test_switched_off_legacy_log_does_not_count if {
	setting := object.union(_setting(_ref, []), {"attributes": {
		"target_resource_id": _ref,
		"log": [{"category": "Audit", "enabled": true}, {"category": "RequestResponse", "enabled": false}],
	}})
	msgs := _messages([_account, setting])
	some msg in msgs
	contains(msg, "log categories RequestResponse;")
}

test_workspace_categories_come_from_data if {
	doc := {"resources": [_workspace, _setting("${azurerm_machine_learning_workspace.ml.id}", [{"category": "RunEvent"}])]}
	count(azure_ai_diagnostic_settings.deny) == 0 with input as doc
		with data.aiguard.config.logging.azure_diagnostic_categories as {"azurerm_machine_learning_workspace": ["RunEvent"]}
	count(azure_ai_diagnostic_settings.deny) == 1 with input as doc
		with data.aiguard.config.logging.azure_diagnostic_categories as {"azurerm_machine_learning_workspace": ["RunEvent", "ModelsChangeEvent"]}
}

test_unknown_target_is_not_judged if {
	doc := {"resources": [_account, _workspace, _setting("${each.value}", [{"category_group": "allLogs"}])]}
	count(azure_ai_diagnostic_settings.deny) == 0 with input as doc
}

test_unknown_categories_are_not_judged if {
	doc := {"resources": [_account, _setting(_ref, [{"category": "${enabled_log.value}"}])]}
	count(azure_ai_diagnostic_settings.deny) == 0 with input as doc
}

test_plan_resource_id_matches_by_name if {
	target := "/subscriptions/0000/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/acme-openai"
	doc := {"resources": [_account, _setting(target, [{"category_group": "allLogs"}])]}
	count(azure_ai_diagnostic_settings.deny) == 0 with input as doc
}

test_plan_setting_of_another_account_does_not_count if {
	target := "/subscriptions/0000/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/other"
	doc := {"resources": [_account, _setting(target, [{"category_group": "allLogs"}])]}
	count(azure_ai_diagnostic_settings.deny) == 1 with input as doc
}

test_module_output_target_is_not_judged if {
	doc := {"resources": [_account, _setting("${module.ai.account_id}", [{"category_group": "allLogs"}])]}
	count(azure_ai_diagnostic_settings.deny) == 0 with input as doc
}
