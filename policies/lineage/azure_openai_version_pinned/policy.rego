# METADATA
# title: Azure AI model deployments pin their model version
# description: >-
#   The technical documentation of an AI system must state the version of the system and
#   of its relevant software, and any requirements related to version updates (EU AI Act
#   Art. 11(1), Annex IV points 1(a) and 1(c)). An azurerm_cognitive_deployment (Azure
#   OpenAI, AI Foundry models) that leaves model.version unset gets whatever version is the
#   default on the day it is created, and unless version_upgrade_option is NoAutoUpgrade
#   (rules/lineage.yaml pinned_upgrade_option) Azure replaces the model version by itself:
#   the default OnceNewDefaultVersionAvailable upgrades when a new default version is
#   published, OnceCurrentVersionExpired when the current version retires. Either way the
#   model serving the system changes without any change to its configuration or
#   documentation. With NoAutoUpgrade the deployment stops working when its version
#   retires, so plan the upgrade. Unresolved Terraform values are not judged.
# custom:
#   id: AIG-DOC-004
#   severity: medium
#   kinds: [azurerm_cognitive_deployment]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 11(1)"}
#     - {name: eu-ai-act, ref: "Annex IV point 1(a)"}
#     - {name: eu-ai-act, ref: "Annex IV point 1(c)"}
#   basis: practice
#   remediation: |
#     Pin the version and upgrade deliberately:
#       resource "azurerm_cognitive_deployment" "chat" {
#         model {
#           format  = "OpenAI"
#           name    = "gpt-4o"
#           version = "2024-11-20"
#         }
#         version_upgrade_option = "NoAutoUpgrade"
#       }
package aiguard.rules.lineage.azure_openai_version_pinned

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "version_upgrade_option"} if {
	some r in lib.resources_of_kind(input, "azurerm_cognitive_deployment")
	option := object.get(r.attributes, "version_upgrade_option", null)
	not _pinned_option(option)
	not lib.is_unresolved(option)
	msg := concat("", [
		"model deployment ", r.id, _upgrade_text(option), ", so Azure can replace the model",
		" version without a change to the configuration; set version_upgrade_option = \"",
		_pinned, "\"",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "model.0.version"} if {
	some r in lib.resources_of_kind(input, "azurerm_cognitive_deployment")
	some model in r.attributes.model
	not lib.is_set(model, "version")
	msg := concat("", [
		"model deployment ", r.id, " does not set model.version, so it runs whatever version",
		" is the default when it is created",
	])
}

_pinned := option if {
	option := data.aiguard.config.lineage.pinned_upgrade_option
	is_string(option)
} else := "NoAutoUpgrade"

_pinned_option(option) if {
	is_string(option)
	lower(option) == lower(_pinned)
}

_upgrade_text(option) := " does not set version_upgrade_option (the default is OnceNewDefaultVersionAvailable)" if {
	option in {null, ""}
}

_upgrade_text(option) := concat("", [" sets version_upgrade_option to ", option]) if {
	is_string(option)
	option != ""
}

_upgrade_text(option) := " sets version_upgrade_option to an unexpected value" if {
	option != null
	not is_string(option)
}
