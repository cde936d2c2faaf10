package aiguard.rules.oversight.gpai_incident_contact_test

import data.aiguard.rules.oversight.gpai_incident_contact

# The pipeline applies the scope {gpai: [systemic], role: [provider]}.
_placeholders := ["none", "n/a", "na", "-", "tbd", "todo", "pending", "unknown", "false", "no"]

_resource(tags, ai) := {
	"id": "azurerm_machine_learning_workspace.frontier",
	"kind": "azurerm_machine_learning_workspace",
	"provider": "azurerm",
	"attributes": {"tags": tags},
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := gpai_incident_contact.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act.placeholder_values as _placeholders
}

test_named_contact_passes if {
	count(_denials(_resource({"aiguard.io/incident-contact": "ai-incidents@example.com"}, {"incident_contact": "ai-incidents@example.com"}))) == 0
}

test_missing_contact_is_denied if {
	denials := _denials(_resource({"aiguard.io/gpai": "systemic"}, {"gpai": "systemic"}))
	count(denials) == 1
	some v in denials
	v.attribute == "tags"
	contains(v.msg, "does not declare aiguard.io/incident-contact")
}

test_placeholder_contact_is_denied if {
	some v in _denials(_resource({"aiguard.io/incident-contact": "TODO"}, {"incident_contact": "TODO"}))
	v.attribute == "tags.aiguard.io/incident-contact"
}
