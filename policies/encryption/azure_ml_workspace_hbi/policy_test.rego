package aiguard.rules.encryption.azure_ml_workspace_hbi_test

import data.aiguard.rules.encryption.azure_ml_workspace_hbi

_workspace(attributes) := {"resources": [{
	"id": "azurerm_machine_learning_workspace.credit",
	"kind": "azurerm_machine_learning_workspace",
	"provider": "azurerm",
	"attributes": attributes,
}]}

test_hbi_workspace_passes if {
	count(azure_ml_workspace_hbi.deny) == 0 with input as _workspace({"high_business_impact": true})
	count(azure_ml_workspace_hbi.deny) == 0 with input as _workspace({"high_business_impact": "true"})
}

test_default_is_denied if {
	denials := azure_ml_workspace_hbi.deny with input as _workspace({"name": "credit"})
	count(denials) == 1
	some v in denials
	v.attribute == "high_business_impact"
}

test_false_and_null_are_denied if {
	count(azure_ml_workspace_hbi.deny) == 1 with input as _workspace({"high_business_impact": false})
	count(azure_ml_workspace_hbi.deny) == 1 with input as _workspace({"high_business_impact": null})
}

test_unresolved_is_not_judged if {
	count(azure_ml_workspace_hbi.deny) == 0 with input as _workspace({"high_business_impact": "${var.hbi}"})
}
