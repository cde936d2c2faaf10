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
	some config in _configs
	target := _target(config)
	some i, j
	algorithm := config.attributes.rule[i].apply_server_side_encryption_by_default[j].sse_algorithm
	is_number(i)
	is_number(j)
	is_string(algorithm)
	not algorithm in _kms_algorithms
	not lib.is_unresolved(algorithm)
	some bucket in _unencrypted
	target in _bucket_keys(bucket)
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
	not _names_an_algorithm(bucket)
	msg := sprintf("bucket %s has no server-side encryption configuration with a KMS key, so S3 encrypts it with S3-managed keys (SSE-S3) only", [bucket.id])
}

_configs := lib.resources_of_kind(input, "aws_s3_bucket_server_side_encryption_configuration")

_unencrypted contains bucket if {
	some bucket in lib.resources_of_kind(input, "aws_s3_bucket")
	not _kms_encrypted(bucket)
}

# What an encryption configuration's `bucket` names: a bucket's address, by reference
# (`aws_s3_bucket.data.id`), or a bucket name.
_target(config) := lib.referenced_id(config.attributes.bucket)

_target(config) := name if {
	name := config.attributes.bucket
	is_string(name)
	name != ""
	not contains(name, "${")
}

# The address and the literal name of a bucket: what a configuration may name.
_bucket_keys(bucket) := {bucket.id} | {name |
	name := bucket.attributes.bucket
	is_string(name)
	name != ""
	not contains(name, "${")
}

# Targets of configurations that use KMS, or an algorithm only known at apply time
# (`var.sse_algorithm`, not judged); sets, so each bucket is one lookup.
_kms_targets := {target |
	some config in _configs
	_kms_or_unknown(config.attributes.rule)
	target := _target(config)
}

_algorithm_targets := {target |
	some config in _configs
	_names_algorithm(config.attributes.rule)
	target := _target(config)
}

_kms_encrypted(bucket) if {
	some key in _bucket_keys(bucket)
	key in _kms_targets
}

_kms_encrypted(bucket) if {
	some inline in bucket.attributes.server_side_encryption_configuration
	_kms_or_unknown(inline.rule)
}

_kms_or_unknown(rules) if {
	some rule in rules
	some by_default in rule.apply_server_side_encryption_by_default
	by_default.sse_algorithm in _kms_algorithms
}

_kms_or_unknown(rules) if {
	some rule in rules
	some by_default in rule.apply_server_side_encryption_by_default
	lib.is_unresolved(by_default.sse_algorithm)
}

# Some encryption configuration of the bucket names an algorithm (reported above).
_names_an_algorithm(bucket) if {
	some key in _bucket_keys(bucket)
	key in _algorithm_targets
}

_names_an_algorithm(bucket) if {
	some inline in bucket.attributes.server_side_encryption_configuration
	_names_algorithm(inline.rule)
}

_names_algorithm(rules) if {
	some rule in rules
	some by_default in rule.apply_server_side_encryption_by_default
	is_string(by_default.sse_algorithm)
}
