package aiguard.rules.cost.gpu_cost_tags_test

import data.aiguard.rules.cost.gpu_cost_tags

# As in rules/cost.yaml (`opa test policies/` does not load rules/).
_required := ["cost-center", "owner", ["aiguard.io/system-id", "aiguard-system-id"]]

_all := {"cost-center": "ml-platform", "owner": "team-llm", "aiguard.io/system-id": "assistant"}

_resource(kind, attributes, tags) := {
	"id": concat(".", [kind, "gpu"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"gpu_count": 4, "has_gpu": true, "tags": tags},
}

_denials(resources) := denials if {
	denials := gpu_cost_tags.deny with input as {"resources": resources}
		with data.aiguard.config.cost.required_tags as _required
}

test_fully_tagged_gpu_resource_passes if {
	count(_denials([_resource("aws_instance", {"tags": _all}, _all)])) == 0
}

test_provider_default_tags_count if {
	# derived.tags already holds the provider's default_tags; the resource sets none.
	count(_denials([_resource("aws_eks_node_group", {}, _all)])) == 0
}

test_missing_tags_are_listed_sorted_in_one_finding if {
	denials := _denials([_resource("aws_instance", {"tags": {"Name": "gpu"}}, {"Name": "gpu"})])
	count(denials) == 1
	some v in denials
	v.attribute == "tags"
	contains(v.msg, "tags aiguard.io/system-id, cost-center, owner (")
}

test_tag_values_are_never_printed if {
	tags := {"cost-center": "secret-project-x", "owner": "team-llm"}
	some v in _denials([_resource("aws_instance", {"tags": tags}, tags)])
	not contains(v.msg, "secret-project-x")
	contains(v.msg, "aiguard.io/system-id")
}

test_gcp_label_alternative_is_accepted if {
	labels := {"cost-center": "ml-platform", "owner": "team-llm", "aiguard-system-id": "assistant"}
	count(_denials([_resource("google_container_node_pool", {}, labels)])) == 0
}

test_keys_compare_case_insensitively if {
	tags := {"Cost-Center": "ml-platform", "Owner": "team-llm", "aiguard.io/system-id": "assistant"}
	count(_denials([_resource("azurerm_kubernetes_cluster_node_pool", {"tags": tags}, tags)])) == 0
}

test_empty_values_count_as_missing if {
	tags := object.union(_all, {"owner": ""})
	some v in _denials([_resource("aws_instance", {"tags": tags}, tags)])
	contains(v.msg, "tags owner (")
}

test_resources_without_gpus_are_not_judged if {
	r := {"id": "aws_instance.web", "kind": "aws_instance", "provider": "aws", "attributes": {}, "derived": {"gpu_count": 0, "tags": {}}}
	count(_denials([r])) == 0
}

test_scale_from_zero_gpu_pool_is_judged if {
	r := {"id": "aws_eks_node_group.gpu", "kind": "aws_eks_node_group", "provider": "aws", "attributes": {}, "derived": {"gpu_count": 0, "has_gpu": true, "tags": {}}}
	some v in _denials([r])
	not v.attribute
}

test_kubernetes_labels_are_named if {
	r := {
		"id": "apps/v1/Deployment/ml/llm",
		"kind": "Deployment",
		"provider": "kubernetes",
		"attributes": {"metadata": {"name": "llm", "labels": {"app": "llm"}}},
		"derived": {"gpu_count": 2, "tags": {"app": "llm"}},
	}
	some v in _denials([r])
	v.attribute == "metadata.labels"
}

test_autoscaling_group_tag_blocks_count if {
	blocks := [
		{"key": "cost-center", "value": "ml-platform", "propagate_at_launch": true},
		{"key": "owner", "value": "team-llm", "propagate_at_launch": true},
		{"key": "aiguard.io/system-id", "value": "assistant", "propagate_at_launch": true},
	]
	count(_denials([_resource("aws_autoscaling_group", {"tag": blocks}, {})])) == 0
}

test_gke_node_pool_resource_labels_count if {
	labels := {"cost-center": "cc-4711", "owner": "ml-platform", "aiguard-system-id": "assistant"}
	r := _resource("google_container_node_pool", {"node_config": [{"machine_type": "g2-standard-8", "resource_labels": labels}]}, {})
	count(_denials([r])) == 0
}

test_gke_node_pool_points_at_its_resource_labels if {
	r := _resource("google_container_node_pool", {"node_config": [{"resource_labels": {"owner": "ml-platform"}}]}, {})
	some v in _denials([r])
	v.attribute == "node_config.0.resource_labels"
	contains(v.msg, "tags aiguard.io/system-id, cost-center (")
}
