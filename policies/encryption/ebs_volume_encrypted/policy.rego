# METADATA
# title: EBS volumes are encrypted at rest
# description: >-
#   EBS volumes attached to training and inference instances hold datasets, checkpoints,
#   model weights and caches of the requests served. aws_ebs_volume is unencrypted unless
#   encrypted = true or EBS encryption by default is on for the account and region. A
#   volume passes with encrypted = true, or when the module also declares an enabled
#   aws_ebs_encryption_by_default (AWS then encrypts every new volume whatever the volume
#   says). Volumes restored from a snapshot (snapshot_id) take the snapshot's encryption
#   and are not judged unless they set encrypted = true themselves.
# custom:
#   id: AIG-ENC-016
#   severity: high
#   kinds: [aws_ebs_volume, aws_ebs_encryption_by_default]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Encrypt the volume, preferably with a customer-managed key:
#       resource "aws_ebs_volume" "datasets" {
#         availability_zone = "eu-central-1a"
#         size              = 500
#         encrypted         = true
#         kms_key_id        = aws_kms_key.ebs.arn
#       }
#     or turn on encryption by default for the account and region:
#       resource "aws_ebs_encryption_by_default" "on" {
#         enabled = true
#       }
package aiguard.rules.encryption.ebs_volume_encrypted

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "encrypted"} if {
	not _encrypted_by_default
	some r in lib.resources_of_kind(input, "aws_ebs_volume")
	value := object.get(r.attributes, "encrypted", null)
	not encryption.is_true(value)
	not lib.is_unresolved(value)
	not lib.is_set(r.attributes, "snapshot_id")
	msg := _volume_message(r, value)
}

_encrypted_by_default if {
	some r in lib.resources_of_kind(input, "aws_ebs_encryption_by_default")
	not _switched_off(r)
}

# `enabled` defaults to true; false or an unresolved value does not count.
_switched_off(r) if not encryption.is_true(object.get(r.attributes, "enabled", true))

_volume_message(r, value) := concat("", ["EBS volume ", r.id, " sets encrypted = false, so its data is stored unencrypted"]) if {
	encryption.is_false(value)
}

_volume_message(r, value) := concat("", [
	"EBS volume ", r.id,
	" does not set encrypted = true and the module does not enable EBS encryption by default, so its data is stored unencrypted",
]) if {
	not encryption.is_false(value)
}
