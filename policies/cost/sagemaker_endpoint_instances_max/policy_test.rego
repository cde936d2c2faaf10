package aiguard.rules.cost.sagemaker_endpoint_instances_max_test

import data.aiguard.rules.cost.sagemaker_endpoint_instances_max

_catalogue := {"g5.2xlarge": {"count": 1, "type": "A10G"}, "p4d.24xlarge": {"count": 8, "type": "A100"}}

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

_target(resource_id, max_capacity) := {
	"id": "aws_appautoscaling_target.llm",
	"kind": "aws_appautoscaling_target",
	"provider": "aws",
	"attributes": {
		"service_namespace": "sagemaker",
		"scalable_dimension": "sagemaker:variant:DesiredInstanceCount",
		"resource_id": resource_id,
		"min_capacity": 1,
		"max_capacity": max_capacity,
	},
}

_gpu_variant(count) := {"variant_name": "primary", "instance_type": "ml.g5.2xlarge", "initial_instance_count": count}

_denials(resources) := denials if {
	denials := sagemaker_endpoint_instances_max.deny with input as {"resources": resources}
		with data.aiguard.config.gpu_catalogue.instance_types as _catalogue
}

_attributes(resources) := {[v.resource, v.attribute] | some v in _denials(resources)}

test_variant_within_limit_passes if {
	count(_denials([_config([_gpu_variant(8)])])) == 0
}

test_variant_above_limit_is_denied if {
	denials := _denials([_config([_gpu_variant(12)])])
	count(denials) == 1
	some v in denials
	v.attribute == "production_variants.0.initial_instance_count"
	contains(v.msg, "GPU variant primary (ml.g5.2xlarge) on 12 instances")
	contains(v.msg, "max_endpoint_instances 8")
}

test_cpu_variants_are_not_judged if {
	variant := {"variant_name": "cpu", "instance_type": "ml.m5.xlarge", "initial_instance_count": 40}
	count(_denials([_config([variant])])) == 0
}

test_only_the_gpu_variant_of_a_mixed_configuration_is_judged if {
	cpu := {"variant_name": "cpu", "instance_type": "ml.m5.xlarge", "initial_instance_count": 40}
	gpu := object.union(_gpu_variant(9), {"instance_type": "ml.p4d.24xlarge", "variant_name": "big"})
	_attributes([_config([cpu, gpu])]) == {["aws_sagemaker_endpoint_configuration.llm", "production_variants.1.initial_instance_count"]}
}

test_unresolved_count_is_not_judged if {
	count(_denials([_config([_gpu_variant("${var.instances}")])])) == 0
}

test_managed_instance_scaling_above_limit_is_denied if {
	variant := object.union(_gpu_variant(1), {"managed_instance_scaling": [{"status": "ENABLED", "min_instance_count": 0, "max_instance_count": 20}]})
	_attributes([_config([variant])]) == {["aws_sagemaker_endpoint_configuration.llm", "production_variants.0.managed_instance_scaling.0.max_instance_count"]}
}

test_autoscaling_target_above_limit_is_denied if {
	target := _target("endpoint/${aws_sagemaker_endpoint.llm.name}/variant/primary", 30)
	denials := _denials([_config([_gpu_variant(1)]), _endpoint, target])
	count(denials) == 1
	some v in denials
	v.resource == "aws_appautoscaling_target.llm"
	v.attribute == "max_capacity"
	contains(v.msg, "scale to 30 instances")
}

test_autoscaling_target_joined_by_literal_names if {
	endpoint := object.union(_endpoint, {"attributes": {"name": "llm", "endpoint_config_name": "llm"}})
	target := _target("endpoint/llm/variant/primary", 30)
	_attributes([_config([_gpu_variant(1)]), endpoint, target]) == {["aws_appautoscaling_target.llm", "max_capacity"]}
}

test_autoscaling_target_with_unresolved_variant_scales_any_variant if {
	target := _target("endpoint/${aws_sagemaker_endpoint.llm.name}/variant/${var.variant}", 30)
	_attributes([_config([_gpu_variant(1)]), _endpoint, target]) == {["aws_appautoscaling_target.llm", "max_capacity"]}
}

test_autoscaling_target_of_another_variant_is_not_judged if {
	target := _target("endpoint/${aws_sagemaker_endpoint.llm.name}/variant/shadow", 30)
	count(_denials([_config([_gpu_variant(1)]), _endpoint, target])) == 0
}

test_autoscaling_target_within_limit_passes if {
	target := _target("endpoint/${aws_sagemaker_endpoint.llm.name}/variant/primary", 8)
	count(_denials([_config([_gpu_variant(1)]), _endpoint, target])) == 0
}

test_limit_comes_from_data if {
	denials := sagemaker_endpoint_instances_max.deny with input as {"resources": [_config([_gpu_variant(12)])]}
		with data.aiguard.config.gpu_catalogue.instance_types as _catalogue
		with data.aiguard.config.cost.max_endpoint_instances as 16
	count(denials) == 0
}
