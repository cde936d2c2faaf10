# METADATA
# title: CloudWatch log groups are encrypted with a customer-managed KMS key
# description: >-
#   Log groups of AI systems hold inference records, prompts and outputs, which may be
#   personal data. CloudWatch Logs encrypts them with a service key by default; a
#   customer-managed KMS key (kms_key_id) keeps control of who may read them, records
#   every decryption in CloudTrail, and lets the provider revoke access.
# custom:
#   id: AIG-ENC-003
#   severity: medium
#   kinds: [aws_cloudwatch_log_group]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Set kms_key_id (the key policy must allow the logs.<region>.amazonaws.com principal):
#       resource "aws_cloudwatch_log_group" "inference" {
#         name       = "/aws/sagemaker/Endpoints/llm"
#         kms_key_id = aws_kms_key.logs.arn
#       }
package aiguard.rules.encryption.log_group_kms

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "kms_key_id"} if {
	some r in lib.resources_of_kind(input, "aws_cloudwatch_log_group")
	not lib.is_set(r.attributes, "kms_key_id")
	msg := sprintf("log group %s is not encrypted with a customer-managed KMS key (kms_key_id)", [r.id])
}
