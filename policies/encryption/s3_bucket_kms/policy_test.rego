package aiguard.rules.encryption.s3_bucket_kms_test

import data.aiguard.rules.encryption.s3_bucket_kms

_bucket(name, attributes) := {
	"id": concat(".", ["aws_s3_bucket", name]),
	"kind": "aws_s3_bucket",
	"provider": "aws",
	"attributes": attributes,
}

_sse(name, bucket, algorithm) := {
	"id": concat(".", ["aws_s3_bucket_server_side_encryption_configuration", name]),
	"kind": "aws_s3_bucket_server_side_encryption_configuration",
	"provider": "aws",
	"attributes": {
		"bucket": bucket,
		"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm}]}],
	},
}

_inline(algorithm) := [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": algorithm}]}]}]

_denials(resources) := denials if {
	denials := s3_bucket_kms.deny with input as {"resources": resources}
}

test_separate_kms_configuration_by_reference_passes if {
	count(_denials([
		_bucket("data", {"bucket": "acme-data"}),
		_sse("data", "${aws_s3_bucket.data.id}", "aws:kms"),
	])) == 0
}

test_separate_dsse_configuration_by_name_passes if {
	count(_denials([
		_bucket("data", {"bucket": "acme-data"}),
		_sse("data", "acme-data", "aws:kms:dsse"),
	])) == 0
}

test_legacy_inline_kms_passes if {
	count(_denials([_bucket("data", {"bucket": "acme-data", "server_side_encryption_configuration": _inline("aws:kms")})])) == 0
}

test_bucket_without_encryption_is_denied if {
	denials := _denials([_bucket("data", {"bucket": "acme-data"})])
	count(denials) == 1
	some v in denials
	v.resource == "aws_s3_bucket.data"
	not v.attribute
}

test_aes256_configuration_is_reported_on_the_configuration if {
	denials := _denials([
		_bucket("data", {"bucket": "acme-data"}),
		_sse("data", "${aws_s3_bucket.data.bucket}", "AES256"),
	])
	count(denials) == 1
	some v in denials
	v.resource == "aws_s3_bucket_server_side_encryption_configuration.data"
	v.attribute == "rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"
	contains(v.msg, "AES256")
}

test_inline_aes256_is_reported_on_the_bucket if {
	denials := _denials([_bucket("data", {"bucket": "acme-data", "server_side_encryption_configuration": _inline("AES256")})])
	count(denials) == 1
	some v in denials
	v.attribute == "server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"
}

test_configuration_of_another_bucket_does_not_count if {
	denials := _denials([
		_bucket("data", {"bucket": "acme-data"}),
		_bucket("logs", {"bucket": "acme-logs"}),
		_sse("logs", "${aws_s3_bucket.logs.id}", "aws:kms"),
	])
	{v.resource | some v in denials} == {"aws_s3_bucket.data"}
}

test_reference_prefix_does_not_match_a_longer_name if {
	denials := _denials([
		_bucket("data", {"bucket": "acme-data"}),
		_sse("data2", "${aws_s3_bucket.data2.id}", "aws:kms"),
	])
	count(denials) == 1
}

test_unresolved_algorithm_is_not_judged if {
	count(_denials([
		_bucket("data", {"bucket": "acme-data"}),
		_sse("data", "${aws_s3_bucket.data.id}", "${var.sse_algorithm}"),
	])) == 0
}

test_data_source_buckets_are_not_judged if {
	source := object.union(_bucket("existing", {"bucket": "acme-existing"}), {"id": "data.aws_s3_bucket.existing"})
	count(_denials([source])) == 0
}
