package aiguard.rules.logging.documentation_store_retention_test

import data.aiguard.rules.logging.documentation_store_retention

_docs := {"ai": {"data_classification": "technical-documentation", "role": "provider"}}

_bucket(attributes) := {
	"id": "aws_s3_bucket.docs",
	"kind": "aws_s3_bucket",
	"provider": "aws",
	"attributes": object.union({"bucket": "acme-ai-docs"}, attributes),
	"derived": _docs,
}

_lifecycle(days) := {
	"id": "aws_s3_bucket_lifecycle_configuration.docs",
	"kind": "aws_s3_bucket_lifecycle_configuration",
	"provider": "aws",
	"attributes": {"bucket": "acme-ai-docs", "rule": [{"id": "expire", "status": "Enabled", "expiration": [{"days": days}]}]},
}

test_expiry_after_ten_years_passes if {
	count(documentation_store_retention.deny) == 0 with input as {"resources": [_bucket({}), _lifecycle(3653)]}
}

test_no_lifecycle_passes if {
	count(documentation_store_retention.deny) == 0 with input as {"resources": [_bucket({})]}
}

test_expiry_after_seven_years_is_denied_on_the_bucket if {
	denials := documentation_store_retention.deny with input as {"resources": [_bucket({}), _lifecycle(2555)]}
	count(denials) == 1
	some v in denials
	v.resource == "aws_s3_bucket.docs"
	not v.attribute
	contains(v.msg, "S3 bucket aws_s3_bucket.docs holds technical documentation but aws_s3_bucket_lifecycle_configuration.docs deletes it after 2555 days; keep it at least 3653 days")
}

test_ten_years_of_365_days_is_too_short if {
	count(documentation_store_retention.deny) == 1 with input as {"resources": [_bucket({}), _lifecycle(3650)]}
}

test_log_buckets_are_not_documentation_stores if {
	bucket := object.union(_bucket({}), {"derived": {"ai": {"data_classification": "logs"}}})
	count(documentation_store_retention.deny) == 0 with input as {"resources": [bucket, _lifecycle(365)]}
}

test_object_lock_for_ten_years_keeps_documents if {
	lock := {
		"id": "aws_s3_bucket_object_lock_configuration.docs",
		"kind": "aws_s3_bucket_object_lock_configuration",
		"provider": "aws",
		"attributes": {"bucket": "${aws_s3_bucket.docs.id}", "rule": [{"default_retention": [{"mode": "COMPLIANCE", "years": 11}]}]},
	}
	count(documentation_store_retention.deny) == 0 with input as {"resources": [_bucket({}), _lifecycle(30), lock]}
}

test_gcs_lifecycle_rule_is_pointed_at if {
	bucket := {
		"id": "google_storage_bucket.docs",
		"kind": "google_storage_bucket",
		"provider": "google",
		"attributes": {"name": "acme-ai-docs", "lifecycle_rule": [{"action": [{"type": "Delete"}], "condition": [{"age": 1825}]}]},
		"derived": _docs,
	}
	denials := documentation_store_retention.deny with input as {"resources": [bucket]}
	{v.attribute | some v in denials} == {"lifecycle_rule.0.condition.0.age"}
	some v in denials
	contains(v.msg, "but its lifecycle rule deletes it after 1825 days")
}

test_minimum_comes_from_data if {
	count(documentation_store_retention.deny) == 0 with input as {"resources": [_bucket({}), _lifecycle(2555)]}
		with data.aiguard.config.retention.documentation_min_days as 2555
}
