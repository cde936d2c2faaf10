# METADATA
# title: Bedrock custom models, agents and guardrails use customer-managed KMS keys
# description: >-
#   A Bedrock custom model is trained on the provider's data and can reproduce it; an
#   agent keeps its instructions, action groups and session data; a guardrail holds the
#   denied topics, word lists and PII patterns that protect the system. Bedrock encrypts
#   them with AWS owned or AWS managed keys unless a customer-managed key is named, which
#   keeps control of the data with the provider, logs every use in CloudTrail and lets
#   access be revoked. Attributes per resource type: aws_bedrock_custom_model
#   custom_model_kms_key_id, aws_bedrockagent_agent customer_encryption_key_arn,
#   aws_bedrock_guardrail kms_key_arn.
# custom:
#   id: AIG-ENC-010
#   severity: medium
#   kinds: [aws_bedrock_custom_model, aws_bedrockagent_agent, aws_bedrock_guardrail]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Name a customer-managed key (the service role or Bedrock needs kms:Decrypt and
#     kms:GenerateDataKey on it):
#       resource "aws_bedrock_custom_model" "support" {
#         custom_model_kms_key_id = aws_kms_key.bedrock.arn
#       }
#       resource "aws_bedrockagent_agent" "support" {
#         customer_encryption_key_arn = aws_kms_key.bedrock.arn
#       }
#       resource "aws_bedrock_guardrail" "support" {
#         kms_key_arn = aws_kms_key.bedrock.arn
#       }
package aiguard.rules.encryption.bedrock_cmk

import data.aiguard.lib

# The attribute naming the customer-managed key, per resource type (provider schemas).
_key_attribute := {
	"aws_bedrock_custom_model": "custom_model_kms_key_id",
	"aws_bedrockagent_agent": "customer_encryption_key_arn",
	"aws_bedrock_guardrail": "kms_key_arn",
}

_what := {
	"aws_bedrock_custom_model": "custom model",
	"aws_bedrockagent_agent": "agent",
	"aws_bedrock_guardrail": "guardrail",
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kinds(input, object.keys(_key_attribute))
	attribute := _key_attribute[r.kind]
	not lib.is_set(r.attributes, attribute)
	msg := concat("", [
		"Bedrock ", _what[r.kind], " ", r.id, " is encrypted without a customer-managed KMS key (",
		attribute, "), so only an AWS owned or managed key protects it",
	])
}
