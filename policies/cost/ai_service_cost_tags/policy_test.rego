package aiguard.rules.cost.ai_service_cost_tags_test

import data.aiguard.rules.cost.ai_service_cost_tags

_required := ["cost-center", "owner", ["aiguard.io/system-id", "aiguard-system-id"]]

_service(kind, attributes, tags) := {"resources": [{
	"id": concat(".", [kind, "svc"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"tags": tags},
}]}

_denials(doc) := denials if {
	denials := ai_service_cost_tags.deny with input as doc
		with data.aiguard.config.cost.required_tags as _required
}

_complete := {"cost-center": "cc-1", "owner": "team", "aiguard.io/system-id": "assistant"}

test_tagged_service_passes if {
	count(_denials(_service("aws_sagemaker_endpoint", {}, _complete))) == 0
}

test_untagged_service_is_denied if {
	denials := _denials(_service("aws_bedrock_provisioned_model_throughput", {"tags": {"owner": "team"}}, {"owner": "team"}))
	count(denials) == 1
	some v in denials
	v.attribute == "tags"
	contains(v.msg, "lacks the cost-allocation tags aiguard.io/system-id, cost-center")
}

test_service_without_tag_map_points_at_the_resource if {
	denials := _denials(_service("aws_sagemaker_endpoint", {}, {}))
	count(denials) == 1
	some v in denials
	not v.attribute
}

test_alternative_keys_and_case if {
	tags := {"Cost-Center": "cc-1", "OWNER": "team", "aiguard-system-id": "assistant"}
	count(_denials(_service("google_vertex_ai_endpoint", {"labels": tags}, tags))) == 0
}

test_empty_values_do_not_count if {
	tags := object.union(_complete, {"owner": ""})
	denials := _denials(_service("azurerm_cognitive_account", {"tags": tags}, tags))
	some v in denials
	contains(v.msg, "tags owner (")
}

test_google_labels_attribute if {
	denials := _denials(_service("google_vertex_ai_endpoint", {"labels": {"team": "x"}}, {"team": "x"}))
	{v.attribute | some v in denials} == {"labels"}
}
