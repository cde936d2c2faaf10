package aiguard.rules.lineage.gpai_training_summary_test

import data.aiguard.rules.lineage.gpai_training_summary

# The pipeline applies the rule's scope; these tests check the rule logic.
_placeholders := ["none", "n/a", "na", "-", "tbd", "todo", "pending", "unknown", "false", "no"]

_resource(attributes, ai) := {
	"id": "serving.kserve.io/v1beta1/InferenceService/ml/lm",
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": attributes,
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := gpai_training_summary.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act.placeholder_values as _placeholders
}

test_declared_link_passes if {
	r := _resource({"metadata": {"annotations": {"aiguard.io/training-data-summary": "https://example.com/acme-lm-7b/training-summary"}}}, {"training_data_summary": "https://example.com/acme-lm-7b/training-summary"})
	count(_denials(r)) == 0
}

test_declaration_from_defaults_passes if {
	count(_denials(_resource({}, {"training_data_summary": "https://example.com/acme-lm-7b/training-summary"}))) == 0
}

test_missing_declaration_is_denied if {
	denials := _denials(_resource({"metadata": {"annotations": {"team": "ml"}}}, {}))
	count(denials) == 1
	some v in denials
	v.attribute == "metadata.annotations"
	contains(v.msg, "does not declare aiguard.io/training-data-summary")
}

test_placeholder_is_denied_at_its_key if {
	denials := _denials(_resource({"metadata": {"annotations": {"aiguard.io/training-data-summary": "TBD"}}}, {"training_data_summary": "TBD"}))
	count(denials) == 1
	some v in denials
	v.attribute == "metadata.annotations.aiguard.io/training-data-summary"
	contains(v.msg, "placeholder")
	not contains(v.msg, "TBD")
}

test_resource_without_declarations_is_reported_at_its_line if {
	some v in _denials(_resource({}, {}))
	v.attribute == "metadata"
}

test_non_ai_resources_are_not_judged if {
	r := object.union(_resource({}, {}), {"derived": {"is_ai": false}})
	count(_denials(r)) == 0
}
