package aiguard.rules.logging.gcp_log_bucket_retention_test

import data.aiguard.rules.logging.gcp_log_bucket_retention

_bucket(attributes) := {"resources": [{
	"id": "google_logging_project_bucket_config.ai",
	"kind": "google_logging_project_bucket_config",
	"provider": "google",
	"attributes": object.union({"bucket_id": "ai", "location": "europe-west4"}, attributes),
}]}

test_365_days_passes if {
	count(gcp_log_bucket_retention.deny) == 0 with input as _bucket({"retention_days": 365})
}

test_184_days_passes if {
	count(gcp_log_bucket_retention.deny) == 0 with input as _bucket({"retention_days": 184})
}

test_180_days_is_denied if {
	denials := gcp_log_bucket_retention.deny with input as _bucket({"retention_days": 180})
	count(denials) == 1
	some v in denials
	v.attribute == "retention_days"
	contains(v.msg, "keeps log entries for 180 days; keep them at least 184 days")
}

test_unset_retention_is_the_30_day_default if {
	denials := gcp_log_bucket_retention.deny with input as _bucket({})
	some v in denials
	contains(v.msg, "for 30 days (the default when retention_days is unset or 0)")
}

test_zero_is_the_default if {
	count(gcp_log_bucket_retention.deny) == 1 with input as _bucket({"retention_days": 0})
}

test_numeric_string_is_read if {
	count(gcp_log_bucket_retention.deny) == 1 with input as _bucket({"retention_days": "90"})
}

test_unresolved_is_not_judged if {
	count(gcp_log_bucket_retention.deny) == 0 with input as _bucket({"retention_days": "${var.days}"})
}

test_required_bucket_is_not_judged if {
	count(gcp_log_bucket_retention.deny) == 0 with input as _bucket({"bucket_id": "_Required"})
}

test_other_parents_are_checked if {
	doc := {"resources": [{
		"id": "google_logging_organization_bucket_config.default",
		"kind": "google_logging_organization_bucket_config",
		"provider": "google",
		"attributes": {"bucket_id": "_Default", "retention_days": 30},
	}]}
	count(gcp_log_bucket_retention.deny) == 1 with input as doc
}

test_minimum_comes_from_data if {
	count(gcp_log_bucket_retention.deny) == 1 with input as _bucket({"retention_days": 365})
		with data.aiguard.config.retention.min_days as 400
}
