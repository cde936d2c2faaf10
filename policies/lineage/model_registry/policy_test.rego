package aiguard.rules.lineage.model_registry_test

import data.aiguard.rules.lineage.model_registry

# The pipeline applies the rule's scope; these tests check the rule logic.
_placeholders := ["none", "n/a", "na", "-", "tbd", "todo", "pending", "unknown", "false", "no"]

_resource(attributes, ai) := {
	"id": "aws_sagemaker_endpoint.credit",
	"kind": "aws_sagemaker_endpoint",
	"provider": "aws",
	"attributes": attributes,
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := model_registry.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act.placeholder_values as _placeholders
}

test_declared_link_passes if {
	r := _resource({"tags": {"aiguard.io/model-registry": "arn:aws:sagemaker:eu-central-1:123456789012:model-package-group/credit"}}, {"model_registry": "arn:aws:sagemaker:eu-central-1:123456789012:model-package-group/credit"})
	count(_denials(r)) == 0
}

test_declaration_from_defaults_passes if {
	count(_denials(_resource({}, {"model_registry": "arn:aws:sagemaker:eu-central-1:123456789012:model-package-group/credit"}))) == 0
}

test_missing_declaration_is_denied if {
	denials := _denials(_resource({"tags": {"team": "ml"}}, {}))
	count(denials) == 1
	some v in denials
	v.attribute == "tags"
	contains(v.msg, "does not declare aiguard.io/model-registry")
}

test_placeholder_is_denied_at_its_key if {
	denials := _denials(_resource({"tags": {"aiguard.io/model-registry": "TBD"}}, {"model_registry": "TBD"}))
	count(denials) == 1
	some v in denials
	v.attribute == "tags.aiguard.io/model-registry"
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
