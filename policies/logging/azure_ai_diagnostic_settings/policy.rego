# METADATA
# title: Azure AI Services accounts and ML workspaces of high-risk systems send their logs to a diagnostic setting
# description: >-
#   High-risk AI systems must record events automatically over their lifetime (EU AI Act
#   Art. 12(1) and (2)), and deployers must keep those logs (Art. 26(6)). Azure keeps no
#   resource logs of an AI Services (Cognitive Services, Azure OpenAI) account or an Azure
#   Machine Learning workspace unless a diagnostic setting sends them somewhere. Such a
#   resource needs an azurerm_monitor_diagnostic_setting in its module whose
#   target_resource_id is the resource and which enables the categories listed for its
#   kind in rules/logging.yaml azure_diagnostic_categories (requests and responses and the
#   audit log of an AI Services account; model, deployment and inference events of a
#   workspace), or the allLogs category group. A diagnostic setting whose target or
#   categories are only known at apply time (for_each, variables) is not judged.
# custom:
#   id: AIG-LOG-007
#   severity: high
#   kinds: [azurerm_cognitive_account, azurerm_machine_learning_workspace, azurerm_monitor_diagnostic_setting]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: eu-ai-act, ref: "Art. 12(2)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#     - {name: iso-iec-42001, ref: "A.6.2.8"}
#   basis: evidence
#   scope: {risk_class: [high]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Send the resource logs to a Log Analytics workspace (or a storage account):
#       resource "azurerm_monitor_diagnostic_setting" "openai" {
#         name                       = "openai-logs"
#         target_resource_id         = azurerm_cognitive_account.openai.id
#         log_analytics_workspace_id = azurerm_log_analytics_workspace.ai.id
#         enabled_log {
#           category_group = "allLogs"
#         }
#       }
package aiguard.rules.logging.azure_ai_diagnostic_settings

import data.aiguard.lib
import data.aiguard.lib.logging

_ai_kinds := {"azurerm_cognitive_account", "azurerm_machine_learning_workspace"}

_nouns := {
	"azurerm_cognitive_account": "AI Services account",
	"azurerm_machine_learning_workspace": "ML workspace",
}

# The segment of an Azure resource id before the name, per kind.
_id_segments := {
	"azurerm_cognitive_account": "/providers/microsoft.cognitiveservices/accounts/",
	"azurerm_machine_learning_workspace": "/providers/microsoft.machinelearningservices/workspaces/",
}

deny contains {"resource": r.id, "msg": msg} if {
	some r in lib.resources_of_kinds(input, _ai_kinds)
	not _unknown_target
	count(_settings_of[r.id]) == 0
	msg := concat("", [
		_nouns[r.kind], " ", r.id, " has no azurerm_monitor_diagnostic_setting in its module,",
		" so Azure keeps none of its resource logs",
	])
}

deny contains {"resource": r.id, "msg": msg} if {
	some r in lib.resources_of_kinds(input, _ai_kinds)
	settings := _settings_of[r.id]
	count(settings) > 0
	not _unknown_categories(settings)
	not _all_logs(settings)
	enabled := {category |
		some setting in settings
		some category in _categories(setting)
	}
	missing := [category |
		some category in object.get(_required_categories, r.kind, [])
		is_string(category)
		not lower(category) in enabled
	]
	count(missing) > 0
	msg := concat("", [
		"the diagnostic settings of ", _nouns[r.kind], " ", r.id, " do not enable the log categories ",
		concat(", ", missing), "; enable them or the allLogs category group",
	])
}

_settings := lib.resources_of_kind(input, "azurerm_monitor_diagnostic_setting")

_required_categories := value if {
	value := data.aiguard.config.logging.azure_diagnostic_categories
	is_object(value)
} else := {
	"azurerm_cognitive_account": ["Audit", "RequestResponse"],
	"azurerm_machine_learning_workspace": ["ModelsChangeEvent", "ModelsActionEvent"],
}

_all_logs_groups := {lower(group) |
	some group in logging.logging_setting("azure_all_logs_groups", ["allLogs"])
	is_string(group)
}

# The diagnostic settings that target each AI resource, once per unit.
_settings_of[r.id] := settings if {
	some r in lib.resources_of_kinds(input, _ai_kinds)
	settings := [setting | some setting in _settings; _targets(setting, r)]
}

_targets(setting, r) if lib.references(setting.attributes.target_resource_id, r.id)

# In a plan, the target is the resource id, which ends in the resource's name.
_targets(setting, r) if {
	target := setting.attributes.target_resource_id
	is_string(target)
	name := r.attributes.name
	is_string(name)
	segment := object.get(_id_segments, r.kind, "")
	segment != ""
	endswith(lower(target), concat("", [segment, lower(name)]))
}

# Some setting's target is not known before apply (for_each, a variable, a local, a
# module output): it may be any AI resource, so none is reported as having no setting.
_unknown_target if {
	some setting in _settings
	target := object.get(setting.attributes, "target_resource_id", null)
	not _known_target(target)
}

_known_target(target) if {
	is_string(target)
	not lib.is_unresolved(target)
}

# A reference to a resource (`azurerm_key_vault.kv.id`, `data.azurerm_cognitive_account.x.id`).
_known_target(target) if {
	id := lib.referenced_id(target)
	not split(id, ".")[0] in {"each", "var", "local", "module", "count", "self"}
}

# The enabled log entries of a setting: enabled_log blocks, and legacy log blocks that
# are not switched off.
_log_entries(setting) := array.concat(
	[entry | some entry in setting.attributes.enabled_log; is_object(entry)],
	[entry | some entry in setting.attributes.log; is_object(entry); object.get(entry, "enabled", true) != false],
)

_categories(setting) := {lower(entry.category) |
	some entry in _log_entries(setting)
	is_string(entry.category)
}

_all_logs(settings) if {
	some setting in settings
	some entry in _log_entries(setting)
	is_string(entry.category_group)
	lower(entry.category_group) in _all_logs_groups
}

_unknown_categories(settings) if {
	some setting in settings
	some entry in _log_entries(setting)
	some field in ["category", "category_group"]
	lib.is_unresolved(entry[field])
}
