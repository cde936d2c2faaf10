package aiguard.rules.residency.s3_replication_destination_test

import data.aiguard.rules.residency.s3_replication_destination as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"aws": ["eu-central-1", "eu-north-1"]},
	"adequacy": {"aws": ["eu-west-2"]},
	"include_adequacy": false,
}

_bucket(name, region) := {
	"id": concat(".", ["aws_s3_bucket", name]),
	"kind": "aws_s3_bucket",
	"provider": "aws",
	"attributes": {"bucket": concat("-", ["acme", name])},
	"derived": {"region": region},
}

_replication(destination) := {
	"id": "aws_s3_bucket_replication_configuration.training",
	"kind": "aws_s3_bucket_replication_configuration",
	"provider": "aws",
	"attributes": {
		"bucket": "${aws_s3_bucket.source.id}",
		"role": "arn:aws:iam::123456789012:role/replication",
		"rule": [{"id": "all", "status": "Enabled", "destination": [{"bucket": destination, "storage_class": "STANDARD"}]}],
	},
	"derived": {"region": "eu-central-1"},
}

_denials(resources) := denials if {
	denials := rule.deny with input as {"resources": resources}
		with data.aiguard.config.regions as _regions
}

test_destination_in_an_allowed_region_passes if {
	count(_denials([_bucket("source", "eu-central-1"), _bucket("replica", "eu-north-1"), _replication("${aws_s3_bucket.replica.arn}")])) == 0
}

test_referenced_destination_outside_is_denied if {
	denials := _denials([_bucket("source", "eu-central-1"), _bucket("replica", "us-east-1"), _replication("${aws_s3_bucket.replica.arn}")])
	count(denials) == 1
	some v in denials
	v.resource == "aws_s3_bucket_replication_configuration.training"
	v.attribute == "rule.0.destination.0.bucket"
	contains(v.msg, "aws_s3_bucket.replica in region us-east-1")
}

test_literal_arn_of_a_bucket_in_the_module_is_joined if {
	denials := _denials([_bucket("replica", "eu-west-2"), _replication("arn:aws:s3:::acme-replica")])
	count(denials) == 1
}

test_adequacy_region_passes_with_opt_in if {
	denials := rule.deny with input as {"resources": [_bucket("replica", "eu-west-2"), _replication("arn:aws:s3:::acme-replica")]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	count(denials) == 0
}

test_destination_outside_the_module_is_not_judged if {
	count(_denials([_bucket("source", "eu-central-1"), _replication("arn:aws:s3:::someone-elses-bucket")])) == 0
	count(_denials([_bucket("source", "eu-central-1"), _replication("${var.destination_arn}")])) == 0
}

test_destination_without_a_known_region_is_not_judged if {
	replica := {"id": "aws_s3_bucket.replica", "kind": "aws_s3_bucket", "provider": "aws", "attributes": {"bucket": "acme-replica"}, "derived": {}}
	count(_denials([replica, _replication("${aws_s3_bucket.replica.arn}")])) == 0
}

test_inline_replication_configuration_is_judged if {
	source := object.union(_bucket("source", "eu-central-1"), {"attributes": {
		"bucket": "acme-source",
		"replication_configuration": [{
			"role": "arn:aws:iam::123456789012:role/replication",
			"rules": [{"status": "Enabled", "destination": [{"bucket": "${aws_s3_bucket.replica.arn}"}]}],
		}],
	}})
	denials := _denials([source, _bucket("replica", "us-west-2")])
	count(denials) == 1
	some v in denials
	v.resource == "aws_s3_bucket.source"
	v.attribute == "replication_configuration.0.rules.0.destination.0.bucket"
}
