# METADATA
# title: Log Analytics workspaces that receive AI system logs have no daily ingestion cap
# description: >-
#   High-risk AI systems must record events automatically over their whole lifetime (EU
#   AI Act Art. 12(1)). When a Log Analytics workspace reaches its daily_quota_gb, Azure
#   stops collecting data until the next day and the events in between are lost. A
#   workspace that receives the resource logs of an Azure AI Services account or Azure ML
#   workspace (through a diagnostic setting in the same module) or that declares
#   `aiguard.io/data-classification: logs` must not set a daily cap (-1, the default,
#   means unlimited). Control cost with retention tiers or table plans instead.
# custom:
#   id: AIG-LOG-015
#   severity: medium
#   kinds: [azurerm_log_analytics_workspace, azurerm_monitor_diagnostic_setting]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#   basis: evidence
#   effective_from: "2026-08-02"
#   remediation: |
#     Remove daily_quota_gb (or set it to -1) on workspaces that receive AI system logs:
#       resource "azurerm_log_analytics_workspace" "ai" {
#         name              = "ai-logs"
#         sku               = "PerGB2018"
#         retention_in_days = 365
#         daily_quota_gb    = -1
#       }
package aiguard.rules.logging.log_analytics_daily_cap

import data.aiguard.lib
import data.aiguard.lib.logging

deny contains {"resource": r.id, "msg": msg, "attribute": "daily_quota_gb"} if {
	some r in lib.resources_of_kind(input, "azurerm_log_analytics_workspace")
	quota := lib.number(r.attributes.daily_quota_gb)
	quota >= 0
	_receives_ai_logs(r)
	msg := concat("", [
		"Log Analytics workspace ", r.id, " receives AI system logs but stops ingesting them after ",
		sprintf("%v", [quota]), " GB a day (daily_quota_gb); remove the cap so that no event is lost",
	])
}

_receives_ai_logs(r) if logging.data_classification(r) in logging.log_classifications

_receives_ai_logs(r) if {
	some setting in lib.resources_of_kind(input, "azurerm_monitor_diagnostic_setting")
	logging.targets_ai_resource(setting)
	lib.references(setting.attributes.log_analytics_workspace_id, r.id)
}
