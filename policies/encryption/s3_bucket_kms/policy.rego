# METADATA
# title: S3 buckets are encrypted with KMS keys (SSE-KMS)
# description: >-
#   Buckets hold training data, model artefacts and inference logs of AI systems. S3
#   encrypts new objects with S3-managed keys (SSE-S3) by default; SSE-KMS (aws:kms or
#   aws:kms:dsse) adds key policies, audit trails of every decryption in CloudTrail and
#   the ability to revoke access by disabling the key. A bucket passes when an
#   aws_s3_bucket_server_side_encryption_configuration for it (by reference or by bucket
#   name) or its legacy inline server_side_encryption_configuration block sets
#   sse_algorithm to aws:kms or aws:kms:dsse.
# custom:
#   id: AIG-ENC-002
#   severity: high
#   kinds: [aws_s3_bucket, aws_s3_bucket_server_side_encryption_configuration]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Encrypt the bucket with a KMS key:
#       resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
#         bucket = aws_s3_bucket.data.id
#         rule {
#           apply_server_side_encryption_by_default {
#             sse_algorithm     = "aws:kms"
#             kms_master_key_id = aws_kms_key.data.arn
#           }
#           bucket_key_enabled = true
#         }
#       }
package aiguard.rules.encryption.s3_bucket_kms

import data.aiguard.lib

_kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# A separate encryption configuration for the bucket sets another algorithm: point at it.
deny contains {"resource": config.id, "msg": msg, "attribute": attribute} if {
	some bucket in _unencrypted
	some config in _configs_of(bucket)
	some i, j
	algorithm := config.attributes.rule[i].apply_server_side_encryption_by_default[j].sse_algorithm
	is_number(i)
	is_number(j)
	is_string(algorithm)
	not algorithm in _kms_algorithms
	not lib.is_unresolved(algorithm)
	attribute := concat(".", ["rule", format_int(i, 10), "apply_server_side_encryption_by_default", format_int(j, 10), "sse_algorithm"])
	msg := concat("", [
		"bucket ", bucket.id, " is encrypted with ", algorithm, " by ", config.id,
		", not with a KMS key; set sse_algorithm to aws:kms",
	])
}

# The legacy inline block sets another algorithm.
deny contains {"resource": bucket.id, "msg": msg, "attribute": attribute} if {
	some bucket in _unencrypted
	some i, j, k
	inline := bucket.attributes.server_side_encryption_configuration[i]
	algorithm := inline.rule[j].apply_server_side_encryption_by_default[k].sse_algorithm
	is_number(i)
	is_number(j)
	is_number(k)
	is_string(algorithm)
	not algorithm in _kms_algorithms
	not lib.is_unresolved(algorithm)
	attribute := concat(".", [
		"server_side_encryption_configuration", format_int(i, 10), "rule", format_int(j, 10),
		"apply_server_side_encryption_by_default", format_int(k, 10), "sse_algorithm",
	])
	msg := concat("", ["bucket ", bucket.id, " is encrypted with ", algorithm, ", not with a KMS key; set sse_algorithm to aws:kms"])
}

# No encryption configuration naming an algorithm: S3's default SSE-S3 applies.
deny contains {"resource": bucket.id, "msg": msg} if {
	some bucket in _unencrypted
	not _has_algorithm(bucket)
	msg := sprintf("bucket %s has no server-side encryption configuration with a KMS key, so S3 encrypts it with S3-managed keys (SSE-S3) only", [bucket.id])
}

_buckets := lib.resources_of_kind(input, "aws_s3_bucket")

_configs := lib.resources_of_kind(input, "aws_s3_bucket_server_side_encryption_configuration")

_unencrypted contains bucket if {
	some bucket in _buckets
	not _kms_encrypted(bucket)
}

_kms_encrypted(bucket) if {
	some config in _configs_of(bucket)
	_uses_kms(config.attributes.rule)
}

_kms_encrypted(bucket) if {
	some inline in bucket.attributes.server_side_encryption_configuration
	_uses_kms(inline.rule)
}

# An unresolved algorithm (`var.sse_algorithm`) may well be KMS: not judged.
_kms_encrypted(bucket) if {
	some config in _configs_of(bucket)
	_unresolved_algorithm(config.attributes.rule)
}

_kms_encrypted(bucket) if {
	some inline in bucket.attributes.server_side_encryption_configuration
	_unresolved_algorithm(inline.rule)
}

_uses_kms(rules) if {
	some rule in rules
	some by_default in rule.apply_server_side_encryption_by_default
	by_default.sse_algorithm in _kms_algorithms
}

_unresolved_algorithm(rules) if {
	some rule in rules
	some by_default in rule.apply_server_side_encryption_by_default
	lib.is_unresolved(by_default.sse_algorithm)
}

# Encryption configurations of a bucket: by reference (`aws_s3_bucket.b.id`) or by name.
_configs_of(bucket) := [config |
	some config in _configs
	_targets(config, bucket)
]

_targets(config, bucket) if lib.references(config.attributes.bucket, bucket.id)

_targets(config, bucket) if {
	name := config.attributes.bucket
	is_string(name)
	name != ""
	not lib.is_unresolved(name)
	name == bucket.attributes.bucket
}

# Some encryption configuration of the bucket names an algorithm (reported above).
_has_algorithm(bucket) if {
	some config in _configs_of(bucket)
	_names_algorithm(config.attributes.rule)
}

_has_algorithm(bucket) if {
	some inline in bucket.attributes.server_side_encryption_configuration
	_names_algorithm(inline.rule)
}

_names_algorithm(rules) if {
	some rule in rules
	some by_default in rule.apply_server_side_encryption_by_default
	is_string(by_default.sse_algorithm)
}
