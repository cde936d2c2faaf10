# METADATA
# title: Multi-instance SageMaker GPU endpoints autoscale
# description: >-
#   A SageMaker endpoint variant without autoscaling runs its initial_instance_count
#   around the clock, so a GPU variant sized for peak traffic pays for the peak at night
#   too. An aws_sagemaker_endpoint whose endpoint configuration (in the same module) has a
#   production variant on a GPU or accelerator instance type with an initial_instance_count
#   above 1 must have an aws_appautoscaling_target for that variant (service_namespace
#   sagemaker, scalable_dimension sagemaker:variant:DesiredInstanceCount, resource_id
#   endpoint/<endpoint name>/variant/<variant name>, by reference or literal name), or
#   managed_instance_scaling with status ENABLED; min_capacity can still hold two
#   instances for availability. While some variant autoscaling target of the module names
#   its endpoint in a way that cannot be resolved, the rule does not judge the module.
# custom:
#   id: AIG-COST-019
#   severity: low
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_appautoscaling_target]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU autoscaling"}
#   basis: practice
#   remediation: |
#     Register the variant with Application Auto Scaling and give it a policy:
#       resource "aws_appautoscaling_target" "llm" {
#         service_namespace  = "sagemaker"
#         resource_id        = "endpoint/${aws_sagemaker_endpoint.llm.name}/variant/primary"
#         scalable_dimension = "sagemaker:variant:DesiredInstanceCount"
#         min_capacity       = 1
#         max_capacity       = 4
#       }
#       resource "aws_appautoscaling_policy" "llm" { ... target_tracking_scaling_policy_configuration { ... } }
package aiguard.rules.cost.sagemaker_gpu_autoscaling

import data.aiguard.lib
import data.aiguard.lib.cost

deny contains {"resource": e.id, "msg": msg, "attribute": "endpoint_config_name"} if {
	count(cost.sagemaker_unknown_targets) == 0
	some e in lib.resources_of_kind(input, "aws_sagemaker_endpoint")
	config_id := cost.sagemaker_endpoint_configs[e.id]
	some entry in cost.sagemaker_gpu_variants[config_id]
	instances := lib.number(entry.variant.initial_instance_count)
	instances > 1
	not _managed_scaling(entry.variant)
	not _has_target(e.id, entry.name)
	msg := concat("", [
		"SageMaker endpoint ", e.id, " runs GPU variant ", cost.sagemaker_variant_label(entry), " (",
		entry.variant.instance_type, ") on ", format_int(instances, 10), " instances with no autoscaling target",
		" (aws_appautoscaling_target), so it pays for its peak size around the clock",
	])
}

_has_target(endpoint_id, variant_name) if {
	some scaled in cost.sagemaker_target_variants
	scaled.endpoint == endpoint_id
	scaled.variant in {"", variant_name}
}

_managed_scaling(variant) if {
	some scaling in variant.managed_instance_scaling
	is_string(scaling.status)
	upper(scaling.status) == "ENABLED"
}
