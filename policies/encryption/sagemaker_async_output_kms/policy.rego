# METADATA
# title: SageMaker asynchronous inference output is encrypted with a customer-managed KMS key
# description: >-
#   An asynchronous endpoint writes every inference response (and every failure) to S3,
#   so the bucket holds the outputs of the AI system for each request it served. Without
#   async_inference_config output_config kms_key_id, SageMaker encrypts them with the AWS
#   managed aws/s3 key only. A customer-managed key keeps control of who may read the
#   outputs, logs every decryption in CloudTrail and lets the provider revoke access.
# custom:
#   id: AIG-ENC-005
#   severity: high
#   kinds: [aws_sagemaker_endpoint_configuration]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Set kms_key_id in the output_config block:
#       resource "aws_sagemaker_endpoint_configuration" "batchy" {
#         async_inference_config {
#           output_config {
#             s3_output_path  = "s3://${aws_s3_bucket.async.bucket}/output"
#             s3_failure_path = "s3://${aws_s3_bucket.async.bucket}/failure"
#             kms_key_id      = aws_kms_key.async.arn
#           }
#         }
#       }
package aiguard.rules.encryption.sagemaker_async_output_kms

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "async_inference_config.0.output_config.0.kms_key_id"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	config := encryption.first_block(r.attributes, "async_inference_config")
	output := encryption.first_block(config, "output_config")
	not lib.is_set(output, "kms_key_id")
	msg := sprintf("endpoint configuration %s writes asynchronous inference results to S3 without a customer-managed KMS key (async_inference_config output_config kms_key_id)", [r.id])
}
