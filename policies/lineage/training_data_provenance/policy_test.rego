package aiguard.rules.lineage.training_data_provenance_test

import data.aiguard.rules.lineage.training_data_provenance

# The pipeline applies the rule's scope; these tests check the rule logic.
_placeholders := ["none", "n/a", "na", "-", "tbd", "todo", "pending", "unknown", "false", "no"]

_resource(attributes, ai) := {
	"id": "google_vertex_ai_endpoint.credit",
	"kind": "google_vertex_ai_endpoint",
	"provider": "google",
	"attributes": attributes,
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := training_data_provenance.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act.placeholder_values as _placeholders
}

test_declared_link_passes if {
	r := _resource({"labels": {"aiguard-training-data": "datasheet-credit-2026-q3"}}, {"training_data": "datasheet-credit-2026-q3"})
	count(_denials(r)) == 0
}

test_declaration_from_defaults_passes if {
	count(_denials(_resource({}, {"training_data": "datasheet-credit-2026-q3"}))) == 0
}

test_missing_declaration_is_denied if {
	denials := _denials(_resource({"labels": {"team": "ml"}}, {}))
	count(denials) == 1
	some v in denials
	v.attribute == "labels"
	contains(v.msg, "does not declare aiguard.io/training-data")
}

test_placeholder_is_denied_at_its_key if {
	denials := _denials(_resource({"labels": {"aiguard-training-data": "TBD"}}, {"training_data": "TBD"}))
	count(denials) == 1
	some v in denials
	v.attribute == "labels.aiguard-training-data"
	contains(v.msg, "placeholder")
	not contains(v.msg, "TBD")
}

test_resource_without_declarations_is_reported_at_its_line if {
	some v in _denials(_resource({}, {}))
	not v.attribute
}

test_non_ai_resources_are_not_judged if {
	r := object.union(_resource({}, {}), {"derived": {"is_ai": false}})
	count(_denials(r)) == 0
}
