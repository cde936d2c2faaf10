package aiguard.rules.lineage.azure_openai_version_pinned_test

import data.aiguard.rules.lineage.azure_openai_version_pinned

_deployment(attributes) := {"resources": [{
	"id": "azurerm_cognitive_deployment.chat",
	"kind": "azurerm_cognitive_deployment",
	"provider": "azurerm",
	"attributes": attributes,
	"derived": {"is_ai": true},
}]}

_model := {"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := azure_openai_version_pinned.deny with input as doc
		with data.aiguard.config.lineage.pinned_upgrade_option as "NoAutoUpgrade"
}

test_pinned_deployment_passes if {
	_attributes(_deployment({"model": [_model], "version_upgrade_option": "NoAutoUpgrade"})) == set()
}

test_default_upgrade_option_is_denied if {
	doc := _deployment({"model": [_model]})
	_attributes(doc) == {"version_upgrade_option"}
	some v in azure_openai_version_pinned.deny with input as doc
	contains(v.msg, "the default is OnceNewDefaultVersionAvailable")
}

test_automatic_upgrades_are_denied if {
	every option in ["OnceNewDefaultVersionAvailable", "OnceCurrentVersionExpired"] {
		doc := _deployment({"model": [_model], "version_upgrade_option": option})
		some v in azure_openai_version_pinned.deny with input as doc
		v.attribute == "version_upgrade_option"
		contains(v.msg, option)
	}
}

test_missing_model_version_is_denied if {
	doc := _deployment({"model": [{"format": "OpenAI", "name": "gpt-4o"}], "version_upgrade_option": "NoAutoUpgrade"})
	_attributes(doc) == {"model.0.version"}
}

test_empty_model_version_is_denied if {
	doc := _deployment({"model": [object.union(_model, {"version": ""})], "version_upgrade_option": "NoAutoUpgrade"})
	_attributes(doc) == {"model.0.version"}
}

test_unresolved_values_are_not_judged if {
	doc := _deployment({"model": [object.union(_model, {"version": "${var.model_version}"})], "version_upgrade_option": "${var.upgrade}"})
	_attributes(doc) == set()
}

test_option_compares_case_insensitively if {
	_attributes(_deployment({"model": [_model], "version_upgrade_option": "noautoupgrade"})) == set()
}

test_default_option_without_data if {
	denials := azure_openai_version_pinned.deny with input as _deployment({"model": [_model], "version_upgrade_option": "NoAutoUpgrade"})
		with data.aiguard.config.lineage as {}
	count(denials) == 0
}
