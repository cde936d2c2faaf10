package aiguard.rules.oversight.prohibited_practice_test

import data.aiguard.rules.oversight.prohibited_practice

_resource(provider, attributes, ai) := {
	"id": "r",
	"kind": "k",
	"provider": provider,
	"attributes": attributes,
	"derived": {"is_ai": true, "ai": ai},
}

test_prohibited_system_is_refused if {
	r := _resource("aws", {"tags": {"aiguard.io/risk-class": "Prohibited"}}, {"risk_class": "prohibited"})
	denials := prohibited_practice.deny with input as {"resources": [r]}
	count(denials) == 1
	some v in denials
	v.attribute == "tags.aiguard.io/risk-class"
	contains(v.msg, "Art. 5(1)")
}

test_other_risk_classes_pass if {
	every class in ["high", "limited", "minimal"] {
		r := _resource("aws", {}, {"risk_class": class})
		count(prohibited_practice.deny) == 0 with input as {"resources": [r]}
	}
}

test_undeclared_risk_class_passes if {
	count(prohibited_practice.deny) == 0 with input as {"resources": [_resource("aws", {}, {})]}
}

test_declaration_from_defaults_points_at_the_resource if {
	r := _resource("azurerm", {}, {"risk_class": "prohibited"})
	some v in prohibited_practice.deny with input as {"resources": [r]}
	not v.attribute
}

test_kubernetes_label_is_named if {
	r := _resource("kubernetes", {"metadata": {"labels": {"aiguard.io/risk-class": "prohibited"}}}, {"risk_class": "prohibited"})
	some v in prohibited_practice.deny with input as {"resources": [r]}
	v.attribute == "metadata.labels.aiguard.io/risk-class"
}

test_non_ai_resources_are_not_judged if {
	r := object.union(_resource("aws", {}, {"risk_class": "prohibited"}), {"derived": {"is_ai": false, "ai": {"risk_class": "prohibited"}}})
	count(prohibited_practice.deny) == 0 with input as {"resources": [r]}
}
