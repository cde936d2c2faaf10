package aiguard.rules.cost.gpu_instance_allowed_test

import data.aiguard.rules.cost.gpu_instance_allowed

# A subset of rules/cost.yaml (`opa test policies/` does not load rules/).
_allowed := ["g5.*", "ml.g5.*", "g2-standard-*", "standard_nc*ads_a100_v4"]

_resource(kind, attributes, derived) := {
	"id": concat(".", [kind, "gpu"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": derived,
}

_denials(resources) := denials if {
	denials := gpu_instance_allowed.deny with input as {"resources": resources}
		with data.aiguard.config.cost.allowed_gpu_instance_types as _allowed
}

test_allowed_family_passes if {
	r := _resource("aws_instance", {"instance_type": "g5.12xlarge"}, {"gpu_count": 4, "instance_type": "g5.12xlarge"})
	count(_denials([r])) == 0
}

test_other_family_is_denied if {
	r := _resource("aws_instance", {"instance_type": "p3.2xlarge"}, {"gpu_count": 1, "instance_type": "p3.2xlarge"})
	denials := _denials([r])
	count(denials) == 1
	some v in denials
	v.attribute == "instance_type"
	contains(v.msg, "p3.2xlarge")
}

test_globs_do_not_cross_dots if {
	r := _resource(
		"aws_sagemaker_endpoint_configuration", {"production_variants": [
			{"instance_type": "ml.g5.xlarge"},
			{"instance_type": "ml.p4d.24xlarge"},
		]},
		{"gpu_count": 9, "instance_type": "ml.p4d.24xlarge"},
	)
	denials := _denials([r])
	count(denials) == 1
	some v in denials
	v.attribute == "production_variants.1.instance_type"
}

test_azure_sizes_match_case_insensitively if {
	r := _resource("azurerm_kubernetes_cluster_node_pool", {"vm_size": "Standard_NC24ads_A100_v4"}, {"gpu_count": 1, "instance_type": "Standard_NC24ads_A100_v4"})
	count(_denials([r])) == 0
}

test_azure_h100_is_denied if {
	r := _resource("azurerm_kubernetes_cluster_node_pool", {"vm_size": "Standard_ND96isr_H100_v5"}, {"gpu_count": 8, "instance_type": "Standard_ND96isr_H100_v5"})
	some v in _denials([r])
	v.attribute == "vm_size"
}

test_gke_node_pool_points_at_the_machine_type if {
	r := _resource("google_container_node_pool", {"node_config": [{"machine_type": "a3-highgpu-8g"}]}, {"gpu_count": 8, "instance_type": "a3-highgpu-8g"})
	some v in _denials([r])
	v.attribute == "node_config.0.machine_type"
}

test_resources_without_gpus_are_not_judged if {
	r := _resource("aws_instance", {"instance_type": "m7i.large"}, {"gpu_count": 0, "instance_type": "m7i.large"})
	count(_denials([r])) == 0
}

test_unknown_instance_type_is_not_judged if {
	r := _resource("aws_eks_node_group", {"instance_types": ["${var.type}"]}, {"gpu_count": 1})
	count(_denials([r])) == 0
}

test_kubernetes_node_selector_is_named if {
	r := {
		"id": "apps/v1/Deployment/ml/llm",
		"kind": "Deployment",
		"provider": "kubernetes",
		"attributes": {"spec": {"template": {"spec": {"nodeSelector": {"node.kubernetes.io/instance-type": "p3.8xlarge"}}}}},
		"derived": {"gpu_count": 4, "instance_type": "p3.8xlarge", "is_ai": true},
	}
	some v in _denials([r])
	v.attribute == "spec.template.spec.nodeSelector"
}

test_autoscaling_group_has_no_attribute if {
	r := _resource("aws_autoscaling_group", {"launch_template": [{"id": "${aws_launch_template.gpu.id}"}]}, {"gpu_count": 2, "instance_type": "p3.2xlarge"})
	some v in _denials([r])
	not v.attribute
}

test_allow_list_comes_from_data if {
	r := _resource("aws_instance", {"instance_type": "g5.xlarge"}, {"gpu_count": 1, "instance_type": "g5.xlarge"})
	count(gpu_instance_allowed.deny) == 1 with input as {"resources": [r]}
		with data.aiguard.config.cost.allowed_gpu_instance_types as ["g6.*"]
}
