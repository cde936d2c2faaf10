package aiguard.rules.oversight.oversight_owner_test

import data.aiguard.rules.oversight.oversight_owner

# The pipeline applies the scope {risk_class: [high]}; these tests check the rule logic.
_placeholders := ["none", "n/a", "na", "-", "tbd", "todo", "pending", "unknown", "false", "no"]

_resource(provider, attributes, ai) := {
	"id": "google_vertex_ai_endpoint.credit",
	"kind": "google_vertex_ai_endpoint",
	"provider": provider,
	"attributes": attributes,
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := oversight_owner.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act.placeholder_values as _placeholders
}

test_named_owner_passes if {
	r := _resource("google", {"labels": {"aiguard-oversight-owner": "credit-risk-team"}}, {"oversight_owner": "credit-risk-team"})
	count(_denials(r)) == 0
}

test_missing_owner_is_denied_at_the_labels if {
	denials := _denials(_resource("google", {"labels": {"aiguard-risk-class": "high"}}, {"risk_class": "high"}))
	count(denials) == 1
	some v in denials
	v.attribute == "labels"
	contains(v.msg, "does not declare aiguard.io/oversight-owner")
}

test_placeholder_owner_is_denied_at_its_key if {
	r := _resource("google", {"labels": {"aiguard-oversight-owner": "tbd"}}, {"oversight_owner": "tbd"})
	some v in _denials(r)
	v.attribute == "labels.aiguard-oversight-owner"
	contains(v.msg, "placeholder")
	not contains(v.msg, "tbd")
}

test_placeholders_compare_case_insensitively if {
	r := _resource("aws", {}, {"oversight_owner": "N/A"})
	count(_denials(r)) == 1
}

test_owner_from_defaults_passes if {
	# provider default_tags or ai_defaults: in derived.ai, not in the resource's tags
	r := _resource("aws", {}, {"oversight_owner": "credit-risk@example.com"})
	count(_denials(r)) == 0
}

test_kubernetes_points_at_annotations if {
	r := {
		"id": "serving.kserve.io/v1beta1/InferenceService/ml/credit",
		"kind": "InferenceService",
		"provider": "kubernetes",
		"attributes": {"metadata": {"labels": {"aiguard.io/risk-class": "high"}, "annotations": {"team": "risk"}}},
		"derived": {"is_ai": true, "ai": {"risk_class": "high"}},
	}
	some v in _denials(r)
	v.attribute == "metadata.annotations"
}

test_non_ai_resources_are_not_judged if {
	r := {"id": "aws_s3_bucket.b", "kind": "aws_s3_bucket", "provider": "aws", "attributes": {}, "derived": {"is_ai": false, "ai": {"risk_class": "high"}}}
	count(_denials(r)) == 0
}

test_placeholder_from_defaults_points_at_the_resource if {
	# The value came from provider default_tags or ai_defaults: fix it there, not in the tags.
	r := _resource("aws", {"tags": {"Name": "credit"}}, {"oversight_owner": "TBD"})
	some v in _denials(r)
	not v.attribute
}
