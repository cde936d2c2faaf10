package aiguard.rules.logging.log_store_expiration_test

import data.aiguard.rules.logging.log_store_expiration

_bucket(attributes, classification) := {
	"id": "aws_s3_bucket.logs",
	"kind": "aws_s3_bucket",
	"provider": "aws",
	"attributes": object.union({"bucket": "acme-logs"}, attributes),
	"derived": {"ai": {"data_classification": classification}},
}

_lifecycle(days) := {
	"id": "aws_s3_bucket_lifecycle_configuration.logs",
	"kind": "aws_s3_bucket_lifecycle_configuration",
	"provider": "aws",
	"attributes": {"bucket": "${aws_s3_bucket.logs.id}", "rule": [{"id": "expire", "status": "Enabled", "expiration": [{"days": days}]}]},
}

_lock(days) := {
	"id": "aws_s3_bucket_object_lock_configuration.logs",
	"kind": "aws_s3_bucket_object_lock_configuration",
	"provider": "aws",
	"attributes": {"bucket": "${aws_s3_bucket.logs.id}", "rule": [{"default_retention": [{"mode": "COMPLIANCE", "days": days}]}]},
}

test_log_bucket_expiring_after_a_year_passes if {
	doc := {"resources": [_bucket({}, "logs"), _lifecycle(365)]}
	count(log_store_expiration.deny) == 0 with input as doc
}

test_log_bucket_expiring_early_is_denied if {
	denials := log_store_expiration.deny with input as {"resources": [_bucket({}, "logs"), _lifecycle(90)]}
	count(denials) == 1
	some v in denials
	v.resource == "aws_s3_bucket_lifecycle_configuration.logs"
	v.attribute == "rule.0.expiration.0.days"
	contains(v.msg, "S3 bucket aws_s3_bucket.logs holds AI system logs but deletes them after 90 days (aws_s3_bucket_lifecycle_configuration.logs); keep them at least 184 days")
}

test_other_buckets_are_not_judged if {
	doc := {"resources": [_bucket({}, "training-data"), _lifecycle(30)]}
	count(log_store_expiration.deny) == 0 with input as doc
}

test_object_lock_keeps_logs_despite_expiration if {
	doc := {"resources": [_bucket({}, "logs"), _lifecycle(30), _lock(200)]}
	count(log_store_expiration.deny) == 0 with input as doc
	short := {"resources": [_bucket({}, "logs"), _lifecycle(30), _lock(100)]}
	count(log_store_expiration.deny) == 1 with input as short
}

test_inline_lifecycle_rule_is_denied_on_the_bucket if {
	bucket := _bucket({"lifecycle_rule": [{"enabled": true, "expiration": [{"days": 30}]}]}, "logs")
	denials := log_store_expiration.deny with input as {"resources": [bucket]}
	{[v.resource, v.attribute] | some v in denials} == {["aws_s3_bucket.logs", "lifecycle_rule.0.expiration.0.days"]}
	some v in denials
	contains(v.msg, "deletes them after 30 days; keep")
}

test_capture_destination_is_judged_without_declaration if {
	capture := {
		"id": "aws_sagemaker_endpoint_configuration.llm",
		"kind": "aws_sagemaker_endpoint_configuration",
		"provider": "aws",
		"attributes": {"data_capture_config": [{"destination_s3_uri": "s3://${aws_s3_bucket.logs.bucket}/llm"}]},
	}
	bucket := object.remove(_bucket({}, ""), ["derived"])
	count(log_store_expiration.deny) == 1 with input as {"resources": [bucket, _lifecycle(90), capture]}
}

test_gcs_delete_rule_is_denied if {
	bucket := {
		"id": "google_storage_bucket.logs",
		"kind": "google_storage_bucket",
		"provider": "google",
		"attributes": {"name": "acme-logs", "lifecycle_rule": [{"action": [{"type": "Delete"}], "condition": [{"age": 30}]}]},
		"derived": {"ai": {"data_classification": "logs"}},
	}
	denials := log_store_expiration.deny with input as {"resources": [bucket]}
	{v.attribute | some v in denials} == {"lifecycle_rule.0.condition.0.age"}
	retained := object.union(bucket, {"attributes": {"retention_policy": [{"retention_period": 31536000}]}})
	count(log_store_expiration.deny) == 0 with input as {"resources": [retained]}
}

test_azure_management_policy_is_denied if {
	account := {
		"id": "azurerm_storage_account.logs",
		"kind": "azurerm_storage_account",
		"provider": "azurerm",
		"attributes": {"name": "acmelogs"},
		"derived": {"ai": {"data_classification": "logs"}},
	}
	policy := {
		"id": "azurerm_storage_management_policy.logs",
		"kind": "azurerm_storage_management_policy",
		"provider": "azurerm",
		"attributes": {"storage_account_id": "${azurerm_storage_account.logs.id}", "rule": [{
			"name": "expire", "enabled": true,
			"actions": [{"base_blob": [{"delete_after_days_since_creation_greater_than": 60}]}],
		}]},
	}
	denials := log_store_expiration.deny with input as {"resources": [account, policy]}
	{[v.resource, v.attribute] | some v in denials} == {[
		"azurerm_storage_management_policy.logs",
		"rule.0.actions.0.base_blob.0.delete_after_days_since_creation_greater_than",
	]}
}

test_minimum_comes_from_data if {
	doc := {"resources": [_bucket({}, "logs"), _lifecycle(365)]}
	count(log_store_expiration.deny) == 1 with input as doc with data.aiguard.config.retention.min_days as 400
}
