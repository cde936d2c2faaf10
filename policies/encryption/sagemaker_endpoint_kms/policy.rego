# METADATA
# title: SageMaker endpoint storage is encrypted with a customer-managed key
# description: >-
#   Endpoint instance volumes hold model artefacts and, with data capture, the
#   requests and responses of the AI system, which may be personal data. A
#   customer-managed KMS key keeps control of that data (and its deletion) with the
#   provider of the AI system.
# custom:
#   id: AIG-ENC-001
#   severity: high
#   kinds: [aws_sagemaker_endpoint_configuration]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Set kms_key_arn on the endpoint configuration:
#       resource "aws_sagemaker_endpoint_configuration" "llm" {
#         kms_key_arn = aws_kms_key.sagemaker.arn
#       }
package aiguard.rules.encryption.sagemaker_endpoint_kms

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "kms_key_arn"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	not r.attributes.kms_key_arn
	msg := sprintf("endpoint configuration %s stores data without a customer-managed KMS key", [r.id])
}
