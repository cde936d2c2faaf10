# METADATA
# title: Azure OpenAI deployments process prompts inside allowed regions
# description: >-
#   The deployment type (sku.name) of an Azure OpenAI / Foundry model deployment decides
#   where prompts and responses are processed, whatever the account's region: Global
#   types (GlobalStandard, GlobalBatch, GlobalProvisionedManaged) in any Azure region
#   where the model is deployed, DeveloperTier without data residency, and DataZone types
#   (DataZoneStandard, DataZoneBatch, DataZoneProvisionedManaged) anywhere in the
#   Microsoft-specified data zone of the account's region. Prompts of an AI system often
#   carry personal data, so processing them outside the EU/EEA is a transfer under GDPR
#   Chapter V (Art. 44, 46). Global and DeveloperTier deployments are denied. A DataZone
#   deployment passes when its account, found through cognitive_account_id in the same
#   module, is in an EU member state region (rules/regions.yaml azure_eu_data_zone, where
#   Microsoft documents processing in EU member states only) and every region of that zone
#   is allowed; DataZone deployments of accounts in other regions are denied, and those
#   whose account is not in the module are not judged. Standard and ProvisionedManaged
#   deployments process in the account's region, which AIG-RES-001 judges.
# custom:
#   id: AIG-RES-004
#   severity: high
#   kinds: [azurerm_cognitive_deployment, azurerm_cognitive_account, azurerm_ai_services]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#     - {name: gdpr, ref: "Art. 46(1)"}
#   basis: practice
#   remediation: |
#     Use a regional deployment type, or a DataZone type on an account in an EU member
#     state region:
#       resource "azurerm_cognitive_deployment" "gpt" {
#         cognitive_account_id = azurerm_cognitive_account.openai.id   # location = "swedencentral"
#         sku {
#           name = "DataZoneStandard"   # or "Standard" to stay in the account's region
#         }
#       }
package aiguard.rules.residency.azure_openai_deployment_type

import data.aiguard.lib
import data.aiguard.lib.residency

deny contains {"resource": r.id, "msg": msg, "attribute": "sku.0.name"} if {
	some r in lib.resources_of_kind(input, "azurerm_cognitive_deployment")
	sku := _sku(r)
	lower(sku) in _global_types
	msg := concat("", [
		"model deployment ", r.id, " uses the ", sku, " deployment type, which may process prompts",
		" and responses in any Azure region, outside the allowed regions for personal data (rules/regions.yaml)",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "sku.0.name"} if {
	some r in lib.resources_of_kind(input, "azurerm_cognitive_deployment")
	sku := _sku(r)
	lower(sku) in _data_zone_types
	account_region := _account_region(r)
	account_region in _eu_data_zone
	outside := {region | some region in _eu_data_zone; residency.outside("azurerm", region)}
	count(outside) > 0
	msg := concat("", [
		"model deployment ", r.id, " uses the ", sku, " deployment type, which may process prompts",
		" and responses in any region of the EU data zone, including ", residency.region_list(outside),
		", outside the allowed regions for personal data (rules/regions.yaml)",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "sku.0.name"} if {
	some r in lib.resources_of_kind(input, "azurerm_cognitive_deployment")
	sku := _sku(r)
	lower(sku) in _data_zone_types
	account_region := _account_region(r)
	not account_region in _eu_data_zone
	msg := concat("", [
		"model deployment ", r.id, " uses the ", sku, " deployment type on an account in region ",
		account_region, ", outside the EU data zone, so prompts and responses may be processed",
		" anywhere in that region's data zone (rules/regions.yaml azure_eu_data_zone)",
	])
}

_sku(r) := name if {
	name := r.attributes.sku[0].name
	is_string(name)
}

_deployment_types := value if {
	value := data.aiguard.config.regions.azure_openai_deployment_types
	is_object(value)
} else := {}

_global_types := {lower(name) | some name in _deployment_types.global; is_string(name)}

_data_zone_types := {lower(name) | some name in _deployment_types.data_zone; is_string(name)}

_eu_data_zone := {lower(region) | some region in data.aiguard.config.regions.azure_eu_data_zone; is_string(region)}

# The accounts of the module by id, to join deployments through cognitive_account_id.
_accounts := {account.id: account |
	some account in lib.resources_of_kinds(input, ["azurerm_cognitive_account", "azurerm_ai_services"])
}

# The region of the deployment's account when the account is in the module.
_account_region(r) := region if {
	account := _accounts[lib.referenced_id(r.attributes.cognitive_account_id)]
	region := residency.azure_location(account.derived.region)
}
