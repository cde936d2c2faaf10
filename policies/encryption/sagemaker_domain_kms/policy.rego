# METADATA
# title: SageMaker Studio domains encrypt their EFS volume with a customer-managed KMS key
# description: >-
#   Every SageMaker Studio domain has an Amazon EFS volume holding each user's home
#   directory: notebooks, datasets, model checkpoints and experiment outputs. Without
#   kms_key_id, SageMaker encrypts it with an AWS managed key. A customer-managed key keeps
#   control of that data with the provider of the AI system, logs every use in CloudTrail
#   and lets access be revoked.
# custom:
#   id: AIG-ENC-007
#   severity: medium
#   kinds: [aws_sagemaker_domain]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Set kms_key_id on the domain (it cannot be changed after creation):
#       resource "aws_sagemaker_domain" "studio" {
#         domain_name = "ml-platform"
#         auth_mode   = "IAM"
#         vpc_id      = aws_vpc.ml.id
#         subnet_ids  = aws_subnet.ml[*].id
#         kms_key_id  = aws_kms_key.studio.arn
#         default_user_settings {
#           execution_role = aws_iam_role.studio.arn
#         }
#       }
package aiguard.rules.encryption.sagemaker_domain_kms

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "kms_key_id"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_domain")
	not lib.is_set(r.attributes, "kms_key_id")
	msg := sprintf("SageMaker domain %s stores its users' EFS home directories without a customer-managed KMS key (kms_key_id)", [r.id])
}
