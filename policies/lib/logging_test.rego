package aiguard.lib.logging_test

import data.aiguard.lib.logging

_bucket(name, tags) := {
	"id": concat(".", ["aws_s3_bucket", name]),
	"kind": "aws_s3_bucket",
	"provider": "aws",
	"attributes": {"bucket": concat("-", ["acme", name])},
	"derived": {"ai": tags},
}

_capture(uri) := {
	"id": "aws_sagemaker_endpoint_configuration.llm",
	"kind": "aws_sagemaker_endpoint_configuration",
	"provider": "aws",
	"attributes": {"data_capture_config": [{"destination_s3_uri": uri}]},
}

_bedrock(logging_config) := {
	"id": "aws_bedrock_model_invocation_logging_configuration.this",
	"kind": "aws_bedrock_model_invocation_logging_configuration",
	"provider": "aws",
	"attributes": {"logging_config": [logging_config]},
}

test_minimums_default_to_the_law if {
	logging.log_min_days == 184 with data.aiguard.config.retention as {}
	logging.documentation_min_days == 3653 with data.aiguard.config.retention as {}
	logging.log_min_days == 365 with data.aiguard.config.retention.min_days as 365
	logging.log_min_days == 184 with data.aiguard.config.retention.min_days as "a year"
}

test_declared_log_bucket_is_a_log_store if {
	doc := {"resources": [_bucket("logs", {"data_classification": "Logs"}), _bucket("data", {})]}
	logging.log_store_ids == {"aws_s3_bucket.logs"} with input as doc
}

test_classifications_come_from_data if {
	doc := {"resources": [_bucket("audit", {"data_classification": "audit-logs"})]}
	logging.log_store_ids == {"aws_s3_bucket.audit"} with input as doc
		with data.aiguard.config.logging.log_classifications as ["logs", "audit-logs"]
}

test_data_capture_destination_is_a_log_store if {
	by_reference := {"resources": [_bucket("capture", {}), _bucket("other", {}), _capture("s3://${aws_s3_bucket.capture.bucket}/llm")]}
	logging.log_store_ids == {"aws_s3_bucket.capture"} with input as by_reference
	by_name := {"resources": [_bucket("capture", {}), _capture("s3://acme-capture/llm")]}
	logging.log_store_ids == {"aws_s3_bucket.capture"} with input as by_name
	prefix_only := {"resources": [_bucket("capture", {}), _capture("s3://acme-capture-old/llm")]}
	logging.log_store_ids == set() with input as prefix_only
}

test_bedrock_destinations_are_log_stores if {
	config := {
		"s3_config": [{"bucket_name": "${aws_s3_bucket.invocations.id}"}],
		"cloudwatch_config": [{"log_group_name": "x", "large_data_delivery_s3_config": [{"bucket_name": "acme-large"}]}],
	}
	doc := {"resources": [_bucket("invocations", {}), _bucket("large", {}), _bucket("other", {}), _bedrock(config)]}
	logging.log_store_ids == {"aws_s3_bucket.invocations", "aws_s3_bucket.large"} with input as doc
}

test_azure_ai_diagnostic_storage_is_a_log_store if {
	account := {"id": "azurerm_storage_account.logs", "kind": "azurerm_storage_account", "provider": "azurerm", "attributes": {}}
	other := {"id": "azurerm_storage_account.other", "kind": "azurerm_storage_account", "provider": "azurerm", "attributes": {}}
	doc := {"resources": [
		account, other,
		_setting("azurerm_monitor_diagnostic_setting.ai", "${azurerm_cognitive_account.openai.id}", "${azurerm_storage_account.logs.id}"),
		_setting("azurerm_monitor_diagnostic_setting.kv", "${azurerm_key_vault.kv.id}", "${azurerm_storage_account.other.id}"),
	]}
	logging.log_store_ids == {"azurerm_storage_account.logs"} with input as doc
}

test_vertex_logging_dataset_is_a_log_store if {
	logging.log_store_ids == {"google_bigquery_dataset.logs"} with input as {"resources": [
		_dataset("logs"), _dataset("other"), _endpoint("bq://p.${google_bigquery_dataset.logs.dataset_id}.t"),
	]}
	logging.log_store_ids == {"google_bigquery_dataset.logs"} with input as {"resources": [
		_dataset("logs"), _dataset("other"), _endpoint("bq://acme-ml.logs.requests"),
	]}
}

test_documentation_stores_are_declared if {
	doc := {"resources": [
		_bucket("docs", {"data_classification": "technical-documentation"}),
		_bucket("logs", {"data_classification": "logs"}),
	]}
	logging.documentation_store_ids == {"aws_s3_bucket.docs"} with input as doc
}

test_s3_deletions_from_lifecycle_resources_and_inline_rules if {
	bucket := object.union(_bucket("logs", {}), {"attributes": {"lifecycle_rule": [
		{"enabled": true, "expiration": [{"days": 30}]},
		{"enabled": false, "expiration": [{"days": 10}]},
	]}})
	lifecycle := {
		"id": "aws_s3_bucket_lifecycle_configuration.logs",
		"kind": "aws_s3_bucket_lifecycle_configuration",
		"provider": "aws",
		"attributes": {"bucket": "${aws_s3_bucket.logs.id}", "rule": [
			{"status": "Disabled", "expiration": [{"days": 1}]},
			{"status": "Enabled", "expiration": [{"days": 90}]},
			{"status": "Enabled", "expiration": [{"days": "${var.days}"}]},
		]},
	}
	deletions := logging.scheduled_deletions(bucket) with input as {"resources": [bucket, lifecycle]}
	deletions == [
		{"resource": "aws_s3_bucket_lifecycle_configuration.logs", "attribute": "rule.1.expiration.0.days", "days": 90},
		{"resource": "aws_s3_bucket.logs", "attribute": "lifecycle_rule.0.expiration.0.days", "days": 30},
	]
}

test_s3_lifecycle_of_another_bucket_does_not_count if {
	bucket := _bucket("logs", {})
	lifecycle := {
		"id": "aws_s3_bucket_lifecycle_configuration.other",
		"kind": "aws_s3_bucket_lifecycle_configuration",
		"provider": "aws",
		"attributes": {"bucket": "acme-other", "rule": [{"status": "Enabled", "expiration": [{"days": 1}]}]},
	}
	logging.scheduled_deletions(bucket) == [] with input as {"resources": [bucket, lifecycle]}
}

test_gcs_deletions_skip_noncurrent_only_rules if {
	bucket := {"id": "google_storage_bucket.logs", "kind": "google_storage_bucket", "provider": "google", "attributes": {"lifecycle_rule": [
		{"action": [{"type": "SetStorageClass"}], "condition": [{"age": 30}]},
		{"action": [{"type": "Delete"}], "condition": [{"age": 10, "with_state": "ARCHIVED"}]},
		{"action": [{"type": "Delete"}], "condition": [{"age": 90}]},
	]}}
	logging.scheduled_deletions(bucket) == [{"resource": "google_storage_bucket.logs", "attribute": "lifecycle_rule.2.condition.0.age", "days": 90}]
}

test_azure_deletions_from_management_policies if {
	account := {"id": "azurerm_storage_account.logs", "kind": "azurerm_storage_account", "provider": "azurerm", "attributes": {}}
	policy := {
		"id": "azurerm_storage_management_policy.logs",
		"kind": "azurerm_storage_management_policy",
		"provider": "azurerm",
		"attributes": {"storage_account_id": "${azurerm_storage_account.logs.id}", "rule": [
			{"enabled": true, "actions": [{"base_blob": [{
				"tier_to_cool_after_days_since_modification_greater_than": 10,
				"delete_after_days_since_modification_greater_than": 90,
				"delete_after_days_since_creation_greater_than": -1,
			}]}]},
			{"enabled": false, "actions": [{"base_blob": [{"delete_after_days_since_creation_greater_than": 1}]}]},
		]},
	}
	deletions := logging.scheduled_deletions(account) with input as {"resources": [account, policy]}
	deletions == [{
		"resource": "azurerm_storage_management_policy.logs",
		"attribute": "rule.0.actions.0.base_blob.0.delete_after_days_since_modification_greater_than",
		"days": 90,
	}]
}

test_other_kinds_schedule_no_deletions if {
	logging.scheduled_deletions({"id": "google_bigquery_dataset.d", "kind": "google_bigquery_dataset", "attributes": {}}) == []
}

test_protection_from_s3_object_lock if {
	bucket := _bucket("logs", {})
	lock := {
		"id": "aws_s3_bucket_object_lock_configuration.logs",
		"kind": "aws_s3_bucket_object_lock_configuration",
		"provider": "aws",
		"attributes": {"bucket": "${aws_s3_bucket.logs.bucket}", "rule": [{"default_retention": [{"mode": "GOVERNANCE", "years": 1}]}]},
	}
	logging.protected_days(bucket) == 365 with input as {"resources": [bucket, lock]}
	logging.protected_days(bucket) == 0 with input as {"resources": [bucket]}
	retentions := logging.s3_default_retentions(bucket) with input as {"resources": [bucket, lock]}
	retentions == [{
		"resource": "aws_s3_bucket_object_lock_configuration.logs",
		"attribute": "rule.0.default_retention.0",
		"mode": "GOVERNANCE", "days": 365, "unit": "years",
	}]
}

test_protection_from_inline_s3_object_lock if {
	bucket := object.union(_bucket("logs", {}), {"attributes": {"object_lock_configuration": [{
		"object_lock_enabled": "Enabled",
		"rule": [{"default_retention": [{"mode": "COMPLIANCE", "days": 200}]}],
	}]}})
	logging.protected_days(bucket) == 200 with input as {"resources": [bucket]}
}

test_protection_from_gcs_retention_policy if {
	bucket := {"id": "google_storage_bucket.logs", "kind": "google_storage_bucket", "attributes": {"retention_policy": [{"retention_period": "31536000"}]}}
	logging.protected_days(bucket) == 365
}

test_protection_from_azure_immutability if {
	logging.protected_days(_immutable_account("Locked")) == 200
	logging.protected_days(_immutable_account("Unlocked")) == 200
	logging.protected_days(_immutable_account("Disabled")) == 0
}

_setting(id, target, storage) := {
	"id": id, "kind": "azurerm_monitor_diagnostic_setting", "provider": "azurerm",
	"attributes": {"target_resource_id": target, "storage_account_id": storage},
}

_dataset(name) := {
	"id": concat(".", ["google_bigquery_dataset", name]), "kind": "google_bigquery_dataset",
	"provider": "google", "attributes": {"dataset_id": name},
}

_endpoint(uri) := {
	"id": "google_vertex_ai_endpoint.e", "kind": "google_vertex_ai_endpoint", "provider": "google",
	"attributes": {"predict_request_response_logging_config": [{"bigquery_destination": [{"output_uri": uri}]}]},
}

_immutable_account(state) := {"id": "azurerm_storage_account.logs", "kind": "azurerm_storage_account", "attributes": {"immutability_policy": [{
	"state": state, "period_since_creation_in_days": 200, "allow_protected_append_writes": true,
}]}}

test_unknown_lock_period_protects_nothing if {
	bucket := _bucket("logs", {})
	lock := {
		"id": "aws_s3_bucket_object_lock_configuration.logs",
		"kind": "aws_s3_bucket_object_lock_configuration",
		"provider": "aws",
		"attributes": {"bucket": "acme-logs", "rule": [{"default_retention": [{"mode": "COMPLIANCE", "days": "${var.days}"}]}]},
	}
	retentions := logging.s3_default_retentions(bucket) with input as {"resources": [bucket, lock]}
	retentions == [{
		"resource": "aws_s3_bucket_object_lock_configuration.logs",
		"attribute": "rule.0.default_retention.0",
		"mode": "COMPLIANCE", "days": null, "unit": "",
	}]
	logging.protected_days(bucket) == 0 with input as {"resources": [bucket, lock]}
}

test_data_sources_are_not_stores if {
	bucket := object.union(_bucket("logs", {"data_classification": "logs"}), {"id": "data.aws_s3_bucket.logs"})
	logging.log_store_ids == set() with input as {"resources": [bucket]}
}
