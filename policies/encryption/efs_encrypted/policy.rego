# METADATA
# title: EFS file systems are encrypted at rest
# description: >-
#   EFS file systems are the shared storage of training clusters, notebooks and model
#   servers (datasets, checkpoints, model caches). aws_efs_file_system is unencrypted
#   unless encrypted = true (the provider default is false), and encryption can only be
#   chosen when the file system is created. Set kms_key_id as well to use a
#   customer-managed key instead of the AWS managed aws/elasticfilesystem key.
# custom:
#   id: AIG-ENC-017
#   severity: high
#   kinds: [aws_efs_file_system]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Create the file system encrypted (this replaces an existing one):
#       resource "aws_efs_file_system" "checkpoints" {
#         encrypted  = true
#         kms_key_id = aws_kms_key.efs.arn
#       }
package aiguard.rules.encryption.efs_encrypted

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "encrypted"} if {
	some r in lib.resources_of_kind(input, "aws_efs_file_system")
	value := object.get(r.attributes, "encrypted", null)
	not encryption.is_true(value)
	not lib.is_unresolved(value)
	msg := sprintf("EFS file system %s is not encrypted at rest; set encrypted = true (the provider default is false)", [r.id])
}
