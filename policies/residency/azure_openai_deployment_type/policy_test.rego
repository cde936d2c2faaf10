package aiguard.rules.residency.azure_openai_deployment_type_test

import data.aiguard.rules.residency.azure_openai_deployment_type as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"azurerm": ["westeurope", "swedencentral", "germanywestcentral", "norwayeast"]},
	"adequacy": {"azurerm": ["uksouth"]},
	"include_adequacy": false,
	"azure_openai_deployment_types": {
		"global": ["GlobalStandard", "GlobalBatch", "GlobalProvisionedManaged", "DeveloperTier"],
		"data_zone": ["DataZoneStandard", "DataZoneBatch", "DataZoneProvisionedManaged"],
	},
	"azure_eu_data_zone": ["westeurope", "swedencentral", "germanywestcentral"],
}

_account(name, region) := {
	"id": concat(".", ["azurerm_cognitive_account", name]),
	"kind": "azurerm_cognitive_account",
	"provider": "azurerm",
	"attributes": {"name": name, "kind": "OpenAI", "sku_name": "S0"},
	"derived": {"region": region, "is_ai": true},
}

_deployment(account_ref, sku) := {
	"id": "azurerm_cognitive_deployment.gpt",
	"kind": "azurerm_cognitive_deployment",
	"provider": "azurerm",
	"attributes": {
		"name": "gpt",
		"cognitive_account_id": account_ref,
		"model": [{"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}],
		"sku": [{"name": sku}],
	},
	"derived": {"is_ai": true},
}

_denials(resources) := denials if {
	denials := rule.deny with input as {"resources": resources}
		with data.aiguard.config.regions as _regions
}

test_global_standard_is_denied if {
	denials := _denials([_account("openai", "swedencentral"), _deployment("${azurerm_cognitive_account.openai.id}", "GlobalStandard")])
	count(denials) == 1
	some v in denials
	v.attribute == "sku.0.name"
	contains(v.msg, "GlobalStandard deployment type")
}

test_global_types_are_denied_without_the_account if {
	every sku in ["GlobalBatch", "GlobalProvisionedManaged", "DeveloperTier", "globalstandard"] {
		count(_denials([_deployment("/subscriptions/0/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a", sku)])) == 1
	}
}

test_data_zone_on_an_eu_account_passes if {
	count(_denials([_account("openai", "swedencentral"), _deployment("${azurerm_cognitive_account.openai.id}", "DataZoneStandard")])) == 0
}

test_data_zone_on_a_norway_account_is_denied if {
	# Norway is in the EEA but Microsoft documents EU data zone processing only for
	# accounts in EU member states.
	denials := _denials([_account("openai", "norwayeast"), _deployment("${azurerm_cognitive_account.openai.id}", "DataZoneProvisionedManaged")])
	count(denials) == 1
	some v in denials
	contains(v.msg, "account in region norwayeast, outside the EU data zone")
}

test_data_zone_on_a_uk_account_is_denied if {
	count(_denials([_account("openai", "uksouth"), _deployment("${azurerm_cognitive_account.openai.id}", "DataZoneStandard")])) == 1
}

test_data_zone_is_denied_when_the_zone_has_regions_outside_a_narrow_allow_list if {
	denials := rule.deny with input as {"resources": [_account("openai", "germanywestcentral"), _deployment("${azurerm_cognitive_account.openai.id}", "DataZoneBatch")]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.allowed.azurerm as ["germanywestcentral"]
	count(denials) == 1
	some v in denials
	contains(v.msg, "including swedencentral, westeurope")
}

test_data_zone_with_an_account_outside_the_module_is_not_judged if {
	count(_denials([_deployment("/subscriptions/0/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a", "DataZoneStandard")])) == 0
}

test_ai_services_accounts_are_joined if {
	account := object.union(_account("foundry", "uksouth"), {"id": "azurerm_ai_services.foundry", "kind": "azurerm_ai_services"})
	count(_denials([account, _deployment("${azurerm_ai_services.foundry.id}", "DataZoneStandard")])) == 1
}

test_regional_deployments_pass if {
	every sku in ["Standard", "ProvisionedManaged"] {
		count(_denials([_account("openai", "uksouth"), _deployment("${azurerm_cognitive_account.openai.id}", sku)])) == 0
	}
}

test_unresolved_sku_is_not_judged if {
	count(_denials([_deployment("${azurerm_cognitive_account.openai.id}", "${var.sku}")])) == 0
}
