package aiguard.rules.cost.sagemaker_gpu_autoscaling_test

import data.aiguard.rules.cost.sagemaker_gpu_autoscaling

_catalogue := {"g5.2xlarge": {"count": 1, "type": "A10G"}}

_config(variants) := {
	"id": "aws_sagemaker_endpoint_configuration.llm",
	"kind": "aws_sagemaker_endpoint_configuration",
	"provider": "aws",
	"attributes": {"name": "llm", "production_variants": variants},
}

_endpoint := {
	"id": "aws_sagemaker_endpoint.llm",
	"kind": "aws_sagemaker_endpoint",
	"provider": "aws",
	"attributes": {"name": "llm", "endpoint_config_name": "${aws_sagemaker_endpoint_configuration.llm.name}"},
}

_target(resource_id) := {
	"id": "aws_appautoscaling_target.llm",
	"kind": "aws_appautoscaling_target",
	"provider": "aws",
	"attributes": {
		"service_namespace": "sagemaker",
		"scalable_dimension": "sagemaker:variant:DesiredInstanceCount",
		"resource_id": resource_id,
		"min_capacity": 1,
		"max_capacity": 4,
	},
}

_variant(instances) := {"variant_name": "primary", "instance_type": "ml.g5.2xlarge", "initial_instance_count": instances}

_denials(resources) := denials if {
	denials := sagemaker_gpu_autoscaling.deny with input as {"resources": resources}
		with data.aiguard.config.gpu_catalogue.instance_types as _catalogue
}

test_fixed_multi_instance_gpu_endpoint_is_denied if {
	denials := _denials([_config([_variant(3)]), _endpoint])
	count(denials) == 1
	some v in denials
	v.resource == "aws_sagemaker_endpoint.llm"
	v.attribute == "endpoint_config_name"
	contains(v.msg, "runs GPU variant primary (ml.g5.2xlarge) on 3 instances with no autoscaling target")
}

test_single_instance_passes if {
	count(_denials([_config([_variant(1)]), _endpoint])) == 0
}

test_target_by_reference_passes if {
	target := _target("endpoint/${aws_sagemaker_endpoint.llm.name}/variant/primary")
	count(_denials([_config([_variant(3)]), _endpoint, target])) == 0
}

test_target_by_literal_name_passes if {
	count(_denials([_config([_variant(3)]), _endpoint, _target("endpoint/llm/variant/primary")])) == 0
}

test_target_of_another_variant_does_not_count if {
	count(_denials([_config([_variant(3)]), _endpoint, _target("endpoint/llm/variant/shadow")])) == 1
}

test_target_of_another_endpoint_does_not_count if {
	count(_denials([_config([_variant(3)]), _endpoint, _target("endpoint/other/variant/primary")])) == 1
}

test_unresolvable_target_suspends_the_rule if {
	count(_denials([_config([_variant(3)]), _endpoint, _target("${var.resource_id}")])) == 0
	count(_denials([_config([_variant(3)]), _endpoint, _target("endpoint/${var.endpoint}/variant/primary")])) == 0
}

test_managed_instance_scaling_counts if {
	variant := object.union(_variant(3), {"managed_instance_scaling": [{"status": "ENABLED", "min_instance_count": 0, "max_instance_count": 4}]})
	count(_denials([_config([variant]), _endpoint])) == 0
}

test_cpu_variants_are_not_judged if {
	variant := {"variant_name": "primary", "instance_type": "ml.m5.xlarge", "initial_instance_count": 4}
	count(_denials([_config([variant]), _endpoint])) == 0
}

test_endpoints_of_configurations_outside_the_module_are_not_judged if {
	endpoint := object.union(_endpoint, {"attributes": {"endpoint_config_name": "${var.config}"}})
	count(_denials([_config([_variant(3)]), endpoint])) == 0
}
