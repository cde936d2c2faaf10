# METADATA
# title: Log Analytics workspaces keep logs for at least six months
# description: >-
#   Providers and deployers of high-risk AI systems must keep the logs the system
#   generates automatically for at least six months (EU AI Act Art. 19(1) and 26(6)).
#   Azure resource logs of AI services land in Log Analytics, which deletes them after the
#   workspace's retention_in_days (30 when unset). A workspace must keep data at least the
#   minimum in rules/retention.yaml (184 days, the longest six months) and must not purge
#   it after 30 days (immediate_data_purge_on_30_days_enabled). A table that sets its own
#   retention keeps data for its total_retention_in_days (long-term retention included),
#   else its retention_in_days, and must reach the same minimum.
# custom:
#   id: AIG-LOG-009
#   severity: high
#   kinds: [azurerm_log_analytics_workspace, azurerm_log_analytics_workspace_table]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 19(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#   basis: law
#   effective_from: "2026-08-02"
#   remediation: |
#     Keep workspace data for at least 184 days, or give the AI log tables long-term
#     retention:
#       resource "azurerm_log_analytics_workspace" "ai" {
#         retention_in_days = 365
#       }
#       resource "azurerm_log_analytics_workspace_table" "diagnostics" {
#         workspace_id            = azurerm_log_analytics_workspace.ai.id
#         name                    = "AzureDiagnostics"
#         retention_in_days       = 90
#         total_retention_in_days = 365
#       }
package aiguard.rules.logging.log_analytics_retention

import data.aiguard.lib
import data.aiguard.lib.logging

# Log Analytics' retention when retention_in_days is unset.
_workspace_default_days := 30

deny contains {"resource": r.id, "msg": msg, "attribute": "retention_in_days"} if {
	some r in lib.resources_of_kind(input, "azurerm_log_analytics_workspace")
	days := _workspace_days(r)
	days < logging.log_min_days
	msg := concat("", [
		"Log Analytics workspace ", r.id, " keeps data for ", sprintf("%v", [days]), " days",
		_default_note(r), "; keep it at least ", sprintf("%v", [logging.log_min_days]),
		" days (six months)",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "immediate_data_purge_on_30_days_enabled"} if {
	some r in lib.resources_of_kind(input, "azurerm_log_analytics_workspace")
	r.attributes.immediate_data_purge_on_30_days_enabled == true
	msg := sprintf("Log Analytics workspace %s purges data after 30 days (immediate_data_purge_on_30_days_enabled), whatever its retention", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "azurerm_log_analytics_workspace_table")
	some attribute in ["total_retention_in_days", "retention_in_days"]
	days := lib.number(r.attributes[attribute])
	days >= 0
	attribute == _table_attribute(r)
	days < logging.log_min_days
	msg := concat("", [
		"Log Analytics table ", r.id, " keeps data for ", sprintf("%v", [days]), " days (",
		attribute, "); keep it at least ", sprintf("%v", [logging.log_min_days]),
		" days (six months), for example with total_retention_in_days",
	])
}

# The workspace retention in days: the literal value, or the default when unset or null.
_workspace_days(r) := lib.number(r.attributes.retention_in_days)

_workspace_days(r) := _workspace_default_days if _unset(r)

_unset(r) if object.get(r.attributes, "retention_in_days", null) == null

_default_note(r) := " (the default when retention_in_days is unset)" if _unset(r)

_default_note(r) := "" if not _unset(r)

# The table attribute that decides how long data stays: the total retention (long-term
# retention included) when set, else the interactive retention. -1 means "the workspace
# default" and is not judged here.
_table_attribute(r) := "total_retention_in_days" if {
	lib.number(r.attributes.total_retention_in_days) >= 0
} else := "retention_in_days" if {
	object.get(r.attributes, "total_retention_in_days", null) == null
}
