package aiguard.rules.oversight.ai_declarations_test

import data.aiguard.rules.oversight.ai_declarations

# As in rules/ai_act.yaml (`opa test policies/` does not load rules/).
_ai_act := {
	"vocabulary": {
		"risk_class": ["prohibited", "high", "limited", "minimal"],
		"role": ["provider", "deployer", "importer", "distributor"],
		"gpai": ["none", "gpai", "systemic"],
		"personal_data": ["true", "false"],
	},
	"required": ["risk_class", "role"],
}

_endpoint(tags, ai) := {
	"id": "aws_sagemaker_endpoint.credit",
	"kind": "aws_sagemaker_endpoint",
	"provider": "aws",
	"attributes": {"tags": tags},
	"derived": {"is_ai": true, "tags": tags, "ai": ai},
}

_denials(resources) := denials if {
	denials := ai_declarations.deny with input as {"resources": resources}
		with data.aiguard.config.ai_act as _ai_act
}

test_declared_resource_passes if {
	tags := {"aiguard.io/risk-class": "high", "aiguard.io/role": "provider"}
	count(_denials([_endpoint(tags, {"risk_class": "high", "role": "provider"})])) == 0
}

test_missing_declarations_are_listed_in_one_finding if {
	denials := _denials([_endpoint({"Name": "credit"}, {})])
	count(denials) == 1
	some v in denials
	v.attribute == "tags"
	contains(v.msg, "does not declare aiguard.io/risk-class, aiguard.io/role (")
}

test_one_missing_declaration_is_named if {
	some v in _denials([_endpoint({"aiguard.io/risk-class": "high"}, {"risk_class": "high"})])
	contains(v.msg, "does not declare aiguard.io/role (")
}

test_resource_without_tags_is_reported_at_its_line if {
	r := object.remove(_endpoint({}, {}), ["attributes"])
	some v in _denials([r])
	not v.attribute
}

test_invalid_value_names_the_declaration_and_the_allowed_values if {
	tags := {"aiguard.io/risk-class": "hihg", "aiguard.io/role": "provider"}
	denials := _denials([_endpoint(tags, {"risk_class": "hihg", "role": "provider"})])
	count(denials) == 1
	some v in denials
	v.attribute == "tags.aiguard.io/risk-class"
	contains(v.msg, "aiguard.io/risk-class with a value that is not one of prohibited, high, limited, minimal")
	not contains(v.msg, "hihg")
}

test_optional_declarations_are_checked_when_made if {
	ai := {"risk_class": "limited", "role": "deployer", "gpai": "yes", "personal_data": "true"}
	denials := _denials([_endpoint({}, ai)])
	count(denials) == 1
	some v in denials
	contains(v.msg, "aiguard.io/gpai with a value that is not one of none, gpai, systemic")
}

test_missing_and_invalid_are_separate_findings if {
	denials := _denials([_endpoint({"aiguard.io/role": "owner"}, {"role": "owner"})])
	count(denials) == 2
}

test_kubernetes_declarations_in_labels_and_annotations if {
	r := {
		"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
		"kind": "InferenceService",
		"provider": "kubernetes",
		"attributes": {"metadata": {"labels": {"aiguard.io/risk-class": "limited"}, "annotations": {"aiguard.io/role": "operator"}}},
		"derived": {"is_ai": true, "ai": {"risk_class": "limited", "role": "operator"}},
	}
	denials := _denials([r])
	count(denials) == 1
	some v in denials
	v.attribute == "metadata.annotations.aiguard.io/role"
}

test_resources_that_are_not_ai_are_not_judged if {
	r := {"id": "aws_s3_bucket.logs", "kind": "aws_s3_bucket", "provider": "aws", "attributes": {}, "derived": {"is_ai": false}}
	count(_denials([r])) == 0
}

test_gpu_workloads_are_ai_resources if {
	r := {
		"id": "apps/v1/Deployment/ml/embed",
		"kind": "Deployment",
		"provider": "kubernetes",
		"attributes": {"metadata": {"name": "embed"}},
		"derived": {"is_ai": true, "has_gpu": true, "gpu_count": 1},
	}
	some v in _denials([r])
	v.attribute == "metadata"
}

test_data_sources_are_not_judged if {
	r := object.union(_endpoint({}, {}), {"id": "data.aws_sagemaker_endpoint.credit"})
	count(_denials([r])) == 0
}

test_required_list_comes_from_data if {
	denials := ai_declarations.deny with input as {"resources": [_endpoint({}, {"risk_class": "high", "role": "provider"})]}
		with data.aiguard.config.ai_act as object.union(_ai_act, {"required": ["risk_class", "role", "annex_iii"]})
	some v in denials
	contains(v.msg, "does not declare aiguard.io/annex-iii (")
}
