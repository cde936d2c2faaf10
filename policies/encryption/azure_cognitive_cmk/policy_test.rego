package aiguard.rules.encryption.azure_cognitive_cmk_test

import data.aiguard.rules.encryption.azure_cognitive_cmk

_account(name, attributes) := {
	"id": concat(".", ["azurerm_cognitive_account", name]),
	"kind": "azurerm_cognitive_account",
	"provider": "azurerm",
	"attributes": attributes,
}

_key(name, account) := {
	"id": concat(".", ["azurerm_cognitive_account_customer_managed_key", name]),
	"kind": "azurerm_cognitive_account_customer_managed_key",
	"provider": "azurerm",
	"attributes": {"cognitive_account_id": account, "key_vault_key_id": "${azurerm_key_vault_key.k.id}"},
}

_kinds := {"cognitive_cmk_kinds": ["OpenAI", "FormRecognizer"]}

_denials(resources) := denials if {
	denials := azure_cognitive_cmk.deny with input as {"resources": resources}
		with data.aiguard.config.encryption as _kinds
}

test_inline_key_passes if {
	count(_denials([_account("openai", {"kind": "OpenAI", "customer_managed_key": [{"key_vault_key_id": "${azurerm_key_vault_key.k.id}"}]})])) == 0
}

test_separate_key_resource_passes if {
	count(_denials([
		_account("openai", {"kind": "OpenAI"}),
		_key("openai", "${azurerm_cognitive_account.openai.id}"),
	])) == 0
}

test_account_without_key_is_denied if {
	denials := _denials([_account("openai", {"kind": "OpenAI"})])
	count(denials) == 1
	some v in denials
	v.attribute == "customer_managed_key"
	contains(v.msg, "kind OpenAI")
}

test_key_of_another_account_does_not_count if {
	denials := _denials([
		_account("openai", {"kind": "OpenAI"}),
		_account("docs", {"kind": "FormRecognizer"}),
		_key("docs", "${azurerm_cognitive_account.docs.id}"),
	])
	{v.resource | some v in denials} == {"azurerm_cognitive_account.openai"}
}

test_block_without_key_is_denied if {
	count(_denials([_account("openai", {"kind": "OpenAI", "customer_managed_key": [{"identity_client_id": "x"}]})])) == 1
}

test_kinds_without_cmk_support_are_not_judged if {
	count(_denials([_account("bing", {"kind": "Bing.Search.v7"})])) == 0
	count(_denials([_account("var", {"kind": "${var.kind}"})])) == 0
}
