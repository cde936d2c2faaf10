# METADATA
# title: Bedrock model invocation logging records every data type to a destination
# description: >-
#   High-risk AI systems must record events automatically over their lifetime (EU AI Act
#   Art. 12(1) and (2)), and deployers must keep those logs (Art. 26(6)). For Amazon
#   Bedrock that record is model invocation logging, configured once per account and
#   region: its logging_config must deliver the invocation data of every type listed in
#   rules/logging.yaml bedrock_delivered_data (text, image, embedding and video; each
#   `<type>_data_delivery_enabled` defaults to true, so only an explicit false is wrong)
#   to an S3 bucket (s3_config) or a CloudWatch log group (cloudwatch_config).
# custom:
#   id: AIG-LOG-004
#   severity: high
#   kinds: [aws_bedrock_model_invocation_logging_configuration]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: eu-ai-act, ref: "Art. 12(2)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#     - {name: iso-iec-42001, ref: "A.6.2.8"}
#   basis: evidence
#   effective_from: "2026-08-02"
#   remediation: |
#     Deliver every data type to S3 (or CloudWatch Logs with large payloads in S3):
#       resource "aws_bedrock_model_invocation_logging_configuration" "this" {
#         logging_config {
#           text_data_delivery_enabled      = true
#           image_data_delivery_enabled     = true
#           embedding_data_delivery_enabled = true
#           video_data_delivery_enabled     = true
#           s3_config {
#             bucket_name = aws_s3_bucket.invocation_logs.id
#             key_prefix  = "bedrock"
#           }
#         }
#       }
package aiguard.rules.logging.bedrock_invocation_logging

import data.aiguard.lib
import data.aiguard.lib.logging

deny contains {"resource": r.id, "msg": msg, "attribute": "logging_config"} if {
	some r in lib.resources_of_kind(input, "aws_bedrock_model_invocation_logging_configuration")
	not _logging_config(r)
	msg := sprintf("Bedrock invocation logging configuration %s has no logging_config, so no invocation is recorded", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "aws_bedrock_model_invocation_logging_configuration")
	config := _logging_config(r)
	some data_type in _delivered_data
	is_string(data_type)
	name := concat("", [data_type, "_data_delivery_enabled"])
	config[name] == false
	attribute := concat(".", ["logging_config.0", name])
	msg := concat("", [
		"Bedrock invocation logging configuration ", r.id, " sets ", name,
		" = false, so the ", data_type, " inputs and outputs of model invocations are not recorded",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "logging_config.0"} if {
	some r in lib.resources_of_kind(input, "aws_bedrock_model_invocation_logging_configuration")
	config := _logging_config(r)
	not _has_destination(config)
	msg := sprintf("Bedrock invocation logging configuration %s delivers its logs nowhere; add s3_config with a bucket_name or cloudwatch_config with a log_group_name", [r.id])
}

_delivered_data := logging.logging_setting("bedrock_delivered_data", ["text", "image", "embedding", "video"])

_logging_config(r) := config if {
	config := r.attributes.logging_config[0]
	is_object(config)
}

_has_destination(config) if {
	some s3 in config.s3_config
	lib.is_set(s3, "bucket_name")
}

_has_destination(config) if {
	some cloudwatch in config.cloudwatch_config
	lib.is_set(cloudwatch, "log_group_name")
}
