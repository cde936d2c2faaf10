package aiguard.rules.encryption.azure_storage_tls_test

import data.aiguard.rules.encryption.azure_storage_tls

_account(attributes) := {"resources": [{
	"id": "azurerm_storage_account.training",
	"kind": "azurerm_storage_account",
	"provider": "azurerm",
	"attributes": attributes,
}]}

_denials(attributes) := denials if {
	denials := azure_storage_tls.deny with input as _account(attributes)
		with data.aiguard.config.encryption as {"azure_storage_min_tls_versions": ["TLS1_2", "TLS1_3"]}
}

test_defaults_pass if {
	count(_denials({"account_tier": "Standard"})) == 0
}

test_secure_explicit_settings_pass if {
	count(_denials({"min_tls_version": "TLS1_2", "https_traffic_only_enabled": true})) == 0
	count(_denials({"min_tls_version": "TLS1_3", "enable_https_traffic_only": "true"})) == 0
}

test_old_tls_is_denied if {
	denials := _denials({"min_tls_version": "TLS1_0"})
	count(denials) == 1
	some v in denials
	v.attribute == "min_tls_version"
	contains(v.msg, "TLS1_0")
}

test_http_allowed_is_denied_for_either_provider_version if {
	denials := _denials({"https_traffic_only_enabled": false, "enable_https_traffic_only": "false"})
	{v.attribute | some v in denials} == {"https_traffic_only_enabled", "enable_https_traffic_only"}
}

test_unresolved_and_null_values_are_not_judged if {
	count(_denials({"min_tls_version": "${var.tls}", "https_traffic_only_enabled": "${var.https}"})) == 0
	count(_denials({"min_tls_version": null, "https_traffic_only_enabled": null})) == 0
}
