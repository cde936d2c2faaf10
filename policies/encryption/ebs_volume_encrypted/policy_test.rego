package aiguard.rules.encryption.ebs_volume_encrypted_test

import data.aiguard.rules.encryption.ebs_volume_encrypted

_volume(attributes) := {
	"id": "aws_ebs_volume.datasets",
	"kind": "aws_ebs_volume",
	"provider": "aws",
	"attributes": attributes,
}

_default(attributes) := {
	"id": "aws_ebs_encryption_by_default.on",
	"kind": "aws_ebs_encryption_by_default",
	"provider": "aws",
	"attributes": attributes,
}

_denials(resources) := denials if {
	denials := ebs_volume_encrypted.deny with input as {"resources": resources}
}

test_encrypted_volume_passes if {
	count(_denials([_volume({"encrypted": true, "kms_key_id": "${aws_kms_key.ebs.arn}"})])) == 0
	count(_denials([_volume({"encrypted": "true"})])) == 0
}

test_unencrypted_volume_is_denied if {
	denials := _denials([_volume({"size": 500})])
	count(denials) == 1
	some v in denials
	v.attribute == "encrypted"
	contains(v.msg, "does not set encrypted = true")
}

test_explicit_false_is_denied if {
	denials := _denials([_volume({"encrypted": false})])
	count(denials) == 1
	some v in denials
	contains(v.msg, "sets encrypted = false")
}

test_encryption_by_default_covers_every_volume if {
	count(_denials([_volume({"encrypted": false}), _default({})])) == 0
	count(_denials([_volume({}), _default({"enabled": true})])) == 0
}

test_disabled_default_does_not_count if {
	count(_denials([_volume({}), _default({"enabled": false})])) == 1
	count(_denials([_volume({}), _default({"enabled": "${var.ebs_default}"})])) == 1
}

test_snapshot_restores_and_unresolved_values_are_not_judged if {
	count(_denials([_volume({"snapshot_id": "snap-0123456789abcdef0"})])) == 0
	count(_denials([_volume({"encrypted": "${var.encrypted}"})])) == 0
}
