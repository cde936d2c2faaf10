# METADATA
# title: SageMaker GPU endpoint variants stay within the instance ceiling
# description: >-
#   A SageMaker real-time endpoint bills every instance of every production variant for
#   every hour it runs, and GPU instances are the most expensive SageMaker offers. A
#   production variant on a GPU or accelerator instance type (rules/gpu_catalogue.yaml)
#   may run at most max_endpoint_instances instances (rules/cost.yaml): its
#   initial_instance_count, its managed_instance_scaling max_instance_count, and the
#   max_capacity of the aws_appautoscaling_target that scales it (joined through the
#   target's resource_id endpoint/<endpoint>/variant/<variant> to an aws_sagemaker_endpoint
#   and its endpoint configuration in the same module). Unresolved values are not judged.
# custom:
#   id: AIG-COST-005
#   severity: medium
#   kinds: [aws_sagemaker_endpoint_configuration, aws_sagemaker_endpoint, aws_appautoscaling_target]
#   frameworks:
#     - {name: aiguard-finops, ref: "SageMaker endpoint instance ceiling"}
#   basis: practice
#   remediation: |
#     Keep the variant and its autoscaling ceiling within the limit:
#       production_variants {
#         instance_type          = "ml.g5.2xlarge"
#         initial_instance_count = 1
#       }
#       resource "aws_appautoscaling_target" "llm" {
#         service_namespace  = "sagemaker"
#         resource_id        = "endpoint/${aws_sagemaker_endpoint.llm.name}/variant/primary"
#         scalable_dimension = "sagemaker:variant:DesiredInstanceCount"
#         min_capacity       = 1
#         max_capacity       = 4
#       }
#     or raise the limit for your organisation in .aiguard.yaml:
#       settings:
#         cost:
#           max_endpoint_instances: 16
package aiguard.rules.cost.sagemaker_endpoint_instances_max

import data.aiguard.lib
import data.aiguard.lib.cost

# The most instances one GPU variant may run (rules/cost.yaml).
_limit := n if {
	n := data.aiguard.config.cost.max_endpoint_instances
	is_number(n)
} else := 8

deny contains {"resource": config_id, "msg": msg, "attribute": attribute} if {
	some config_id, variants in cost.sagemaker_gpu_variants
	some entry in variants
	instances := lib.number(entry.variant.initial_instance_count)
	instances > _limit
	attribute := concat(".", ["production_variants", format_int(entry.index, 10), "initial_instance_count"])
	msg := _variant_above_limit(config_id, entry, instances, "initial_instance_count")
}

deny contains {"resource": config_id, "msg": msg, "attribute": attribute} if {
	some config_id, variants in cost.sagemaker_gpu_variants
	some entry in variants
	scaling := entry.variant.managed_instance_scaling[0]
	instances := lib.number(scaling.max_instance_count)
	instances > _limit
	attribute := concat(".", ["production_variants", format_int(entry.index, 10), "managed_instance_scaling.0.max_instance_count"])
	msg := _variant_above_limit(config_id, entry, instances, "managed_instance_scaling max_instance_count")
}

deny contains {"resource": t.id, "msg": msg, "attribute": "max_capacity"} if {
	some t in lib.resources_of_kind(input, "aws_appautoscaling_target")
	scaled := cost.sagemaker_target_variants[t.id]
	config_id := cost.sagemaker_endpoint_configs[scaled.endpoint]
	some entry in cost.sagemaker_gpu_variants[config_id]
	_scales(scaled.variant, entry)
	instances := lib.number(t.attributes.max_capacity)
	instances > _limit
	msg := concat("", [
		"autoscaling target ", t.id, " lets GPU variant ", cost.sagemaker_variant_label(entry), " of ", scaled.endpoint,
		" scale to ", format_int(instances, 10), " instances (max_capacity), more than max_endpoint_instances ",
		format_int(_limit, 10), " (rules/cost.yaml)",
	])
}

# A target whose variant part is not a literal may scale any variant.
_scales(variant, _) if variant == ""

_scales(variant, entry) if variant == entry.name
_variant_above_limit(config_id, entry, instances, what) := concat("", [
	"endpoint configuration ", config_id, " runs GPU variant ", cost.sagemaker_variant_label(entry), " (",
	entry.variant.instance_type, ") on ", format_int(instances, 10), " instances (", what,
	"), more than max_endpoint_instances ", format_int(_limit, 10), " (rules/cost.yaml)",
])
