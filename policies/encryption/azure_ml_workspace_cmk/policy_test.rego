package aiguard.rules.encryption.azure_ml_workspace_cmk_test

import data.aiguard.rules.encryption.azure_ml_workspace_cmk

_workspace(attributes) := {"resources": [{
	"id": "azurerm_machine_learning_workspace.ml",
	"kind": "azurerm_machine_learning_workspace",
	"provider": "azurerm",
	"attributes": attributes,
}]}

test_workspace_with_cmk_passes if {
	count(azure_ml_workspace_cmk.deny) == 0 with input as _workspace({"encryption": [{
		"key_vault_id": "${azurerm_key_vault.ml.id}",
		"key_id": "${azurerm_key_vault_key.ml.id}",
	}]})
}

test_workspace_without_encryption_is_denied if {
	denials := azure_ml_workspace_cmk.deny with input as _workspace({"name": "ml"})
	count(denials) == 1
	some v in denials
	v.attribute == "encryption"
}

test_encryption_without_key_is_denied if {
	denials := azure_ml_workspace_cmk.deny with input as _workspace({"encryption": [{"key_vault_id": "${azurerm_key_vault.ml.id}"}]})
	count(denials) == 1
	some v in denials
	v.attribute == "encryption.0.key_id"
}

test_empty_encryption_list_is_denied if {
	count(azure_ml_workspace_cmk.deny) == 1 with input as _workspace({"encryption": []})
}
