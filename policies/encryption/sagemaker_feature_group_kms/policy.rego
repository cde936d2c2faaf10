# METADATA
# title: SageMaker Feature Store data is encrypted with customer-managed KMS keys
# description: >-
#   A feature group's offline store (S3) is the training data of the models built on it;
#   its online store serves the same features to the model at inference time. Both
#   usually describe people. Without keys, Feature Store encrypts the offline store with
#   the AWS managed aws/s3 key and the online store with an AWS owned key, which the
#   provider of the AI system can neither audit nor revoke. The offline store needs
#   offline_store_config s3_storage_config kms_key_id; an enabled online store needs
#   online_store_config security_config kms_key_id.
# custom:
#   id: AIG-ENC-008
#   severity: medium
#   kinds: [aws_sagemaker_feature_group]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Give both stores a customer-managed key:
#       resource "aws_sagemaker_feature_group" "customers" {
#         offline_store_config {
#           s3_storage_config {
#             s3_uri     = "s3://${aws_s3_bucket.features.bucket}/offline"
#             kms_key_id = aws_kms_key.features.arn
#           }
#         }
#         online_store_config {
#           enable_online_store = true
#           security_config {
#             kms_key_id = aws_kms_key.features.arn
#           }
#         }
#       }
package aiguard.rules.encryption.sagemaker_feature_group_kms

import data.aiguard.lib
import data.aiguard.lib.encryption

_attribute_offline := "offline_store_config.0.s3_storage_config.0.kms_key_id"

_attribute_online := "online_store_config.0.security_config.0.kms_key_id"

deny contains {"resource": r.id, "msg": msg, "attribute": _attribute_offline} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_feature_group")
	offline := encryption.first_block(r.attributes, "offline_store_config")
	storage := encryption.first_block(offline, "s3_storage_config")
	not lib.is_set(storage, "kms_key_id")
	msg := sprintf("feature group %s keeps its offline store (training data) in S3 without a customer-managed KMS key (s3_storage_config kms_key_id)", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": _attribute_online} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_feature_group")
	online := encryption.first_block(r.attributes, "online_store_config")
	_online_enabled(online)
	not _online_key_set(online)
	msg := sprintf("feature group %s serves its online store without a customer-managed KMS key (online_store_config security_config kms_key_id), so an AWS owned key protects it", [r.id])
}

_online_enabled(online) if encryption.is_true(online.enable_online_store)

_online_enabled(online) if lib.is_unresolved(online.enable_online_store)

_online_key_set(online) if {
	security := encryption.first_block(online, "security_config")
	lib.is_set(security, "kms_key_id")
}
