# METADATA
# title: SageMaker notebook instances encrypt their storage with a customer-managed KMS key
# description: >-
#   A notebook instance's ML storage volume holds what data scientists work on: copies of
#   training data, features, model artefacts and credentials cached by the SDKs. Without
#   kms_key_id, SageMaker encrypts the volume with an AWS managed key. A customer-managed
#   key keeps control of that data with the provider of the AI system, logs every use in
#   CloudTrail and lets access be revoked when the instance or its data must go.
# custom:
#   id: AIG-ENC-006
#   severity: medium
#   kinds: [aws_sagemaker_notebook_instance]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Set kms_key_id on the notebook instance:
#       resource "aws_sagemaker_notebook_instance" "research" {
#         name          = "research"
#         role_arn      = aws_iam_role.notebook.arn
#         instance_type = "ml.t3.medium"
#         kms_key_id    = aws_kms_key.notebooks.arn
#       }
package aiguard.rules.encryption.sagemaker_notebook_kms

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "kms_key_id"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_notebook_instance")
	not lib.is_set(r.attributes, "kms_key_id")
	msg := sprintf("notebook instance %s stores its ML volume without a customer-managed KMS key (kms_key_id)", [r.id])
}
