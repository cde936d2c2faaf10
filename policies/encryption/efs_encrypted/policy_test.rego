package aiguard.rules.encryption.efs_encrypted_test

import data.aiguard.rules.encryption.efs_encrypted

_efs(attributes) := {"resources": [{
	"id": "aws_efs_file_system.checkpoints",
	"kind": "aws_efs_file_system",
	"provider": "aws",
	"attributes": attributes,
}]}

test_encrypted_file_system_passes if {
	count(efs_encrypted.deny) == 0 with input as _efs({"encrypted": true, "kms_key_id": "${aws_kms_key.efs.arn}"})
	count(efs_encrypted.deny) == 0 with input as _efs({"encrypted": "true"})
}

test_default_is_denied if {
	denials := efs_encrypted.deny with input as _efs({"creation_token": "checkpoints"})
	count(denials) == 1
	some v in denials
	v.attribute == "encrypted"
}

test_false_and_null_are_denied if {
	count(efs_encrypted.deny) == 1 with input as _efs({"encrypted": false})
	count(efs_encrypted.deny) == 1 with input as _efs({"encrypted": null})
}

test_unresolved_is_not_judged if {
	count(efs_encrypted.deny) == 0 with input as _efs({"encrypted": "${var.encrypted}"})
}
