# METADATA
# title: High-risk Bedrock systems have model invocation logging in their module
# description: >-
#   High-risk AI systems must record events automatically over their lifetime (EU AI Act
#   Art. 12(1) and (2)), and deployers must keep those logs (Art. 26(6)). Amazon Bedrock
#   records model invocations only when model invocation logging is configured for the
#   account and region. A Terraform module that creates a high-risk Bedrock custom model,
#   provisioned throughput, agent or application inference profile must also declare an
#   aws_bedrock_model_invocation_logging_configuration for the same region. The setting is
#   account-wide and may only be defined once per region: where another module owns it,
#   waive this finding for the module and point the waiver at that module.
# custom:
#   id: AIG-LOG-005
#   severity: medium
#   kinds: [aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_inference_profile, aws_bedrock_model_invocation_logging_configuration]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: eu-ai-act, ref: "Art. 12(2)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#   basis: evidence
#   scope: {risk_class: [high]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Configure model invocation logging next to the Bedrock resources (once per region):
#       resource "aws_bedrock_model_invocation_logging_configuration" "this" {
#         logging_config {
#           s3_config {
#             bucket_name = aws_s3_bucket.invocation_logs.id
#           }
#         }
#       }
package aiguard.rules.logging.bedrock_invocation_logging_present

import data.aiguard.lib

_bedrock_kinds := {
	"aws_bedrock_custom_model",
	"aws_bedrock_provisioned_model_throughput",
	"aws_bedrockagent_agent",
	"aws_bedrock_inference_profile",
}

deny contains {"resource": r.id, "msg": msg} if {
	some r in lib.resources_of_kinds(input, _bedrock_kinds)
	not _logged_region(lib.region(r))
	msg := concat("", [
		"Bedrock resource ", r.id, " (", r.kind, ") is in a module that configures no model invocation logging",
		_region_suffix(lib.region(r)), ", so its model invocations are not recorded",
	])
}

# Regions with an invocation logging configuration; "" when one has no known region.
_configured_regions := {lib.region(config) |
	some config in lib.resources_of_kind(input, "aws_bedrock_model_invocation_logging_configuration")
}

_logged_region(region) if region in _configured_regions

_logged_region(_) if "" in _configured_regions

_logged_region(region) if {
	region == ""
	count(_configured_regions) > 0
}

_region_suffix(region) := concat("", [" for ", region]) if region != ""

_region_suffix(region) := "" if region == ""
