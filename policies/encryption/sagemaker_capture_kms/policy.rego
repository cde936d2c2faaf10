# METADATA
# title: SageMaker data capture is encrypted with a customer-managed KMS key
# description: >-
#   With data capture enabled, a SageMaker endpoint writes the requests and responses of
#   the model to S3: the inputs of the AI system, often personal data, and its outputs.
#   Without data_capture_config kms_key_id, SageMaker encrypts them with the account's
#   AWS managed aws/s3 key, which every principal with S3 access to the bucket can use. A
#   customer-managed key keeps control of who may read the captured records, logs every
#   decryption in CloudTrail and lets the provider revoke access. Applies when
#   enable_capture is true (or not known before apply); the provider default is false.
# custom:
#   id: AIG-ENC-004
#   severity: high
#   kinds: [aws_sagemaker_endpoint_configuration]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Set kms_key_id in the data_capture_config block:
#       resource "aws_sagemaker_endpoint_configuration" "llm" {
#         data_capture_config {
#           enable_capture              = true
#           initial_sampling_percentage = 100
#           destination_s3_uri          = "s3://${aws_s3_bucket.capture.bucket}/llm"
#           kms_key_id                  = aws_kms_key.capture.arn
#           capture_options {
#             capture_mode = "InputAndOutput"
#           }
#         }
#       }
package aiguard.rules.encryption.sagemaker_capture_kms

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "data_capture_config.0.kms_key_id"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	config := encryption.first_block(r.attributes, "data_capture_config")
	_capturing(config)
	not lib.is_set(config, "kms_key_id")
	msg := sprintf("endpoint configuration %s captures model requests and responses to S3 without a customer-managed KMS key (data_capture_config kms_key_id), so only the AWS managed aws/s3 key protects them", [r.id])
}

_capturing(config) if encryption.is_true(config.enable_capture)

_capturing(config) if lib.is_unresolved(config.enable_capture)
