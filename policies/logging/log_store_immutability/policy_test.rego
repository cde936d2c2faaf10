package aiguard.rules.logging.log_store_immutability_test

import data.aiguard.rules.logging.log_store_immutability

_logs := {"ai": {"data_classification": "logs"}}

_bucket(attributes) := {
	"id": "aws_s3_bucket.logs",
	"kind": "aws_s3_bucket",
	"provider": "aws",
	"attributes": object.union({"bucket": "acme-logs"}, attributes),
	"derived": _logs,
}

_lock(retention) := {
	"id": "aws_s3_bucket_object_lock_configuration.logs",
	"kind": "aws_s3_bucket_object_lock_configuration",
	"provider": "aws",
	"attributes": {"bucket": "${aws_s3_bucket.logs.id}", "rule": [{"default_retention": [retention]}]},
}

_gcs(attributes) := {"resources": [{
	"id": "google_storage_bucket.logs",
	"kind": "google_storage_bucket",
	"provider": "google",
	"attributes": object.union({"name": "acme-logs"}, attributes),
	"derived": _logs,
}]}

_account(attributes) := {
	"id": "azurerm_storage_account.logs",
	"kind": "azurerm_storage_account",
	"provider": "azurerm",
	"attributes": object.union({"name": "acmelogs"}, attributes),
	"derived": _logs,
}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := log_store_immutability.deny with input as doc
}

test_compliance_lock_passes if {
	doc := {"resources": [_bucket({"object_lock_enabled": true}), _lock({"mode": "COMPLIANCE", "days": 184})]}
	count(log_store_immutability.deny) == 0 with input as doc
}

test_compliance_lock_in_years_passes if {
	doc := {"resources": [_bucket({}), _lock({"mode": "COMPLIANCE", "years": 1})]}
	count(log_store_immutability.deny) == 0 with input as doc
}

test_bucket_without_lock_is_denied if {
	_attributes({"resources": [_bucket({})]}) == {"object_lock_enabled"}
}

test_buckets_that_hold_no_logs_are_not_judged if {
	bucket := object.remove(_bucket({}), ["derived"])
	count(log_store_immutability.deny) == 0 with input as {"resources": [bucket]}
}

test_governance_mode_is_denied if {
	doc := {"resources": [_bucket({}), _lock({"mode": "GOVERNANCE", "days": 365})]}
	denials := log_store_immutability.deny with input as doc
	count(denials) == 1
	some v in denials
	v.resource == "aws_s3_bucket_object_lock_configuration.logs"
	v.attribute == "rule.0.default_retention.0.mode"
	contains(v.msg, "uses mode GOVERNANCE, which privileged principals can bypass; use COMPLIANCE")
}

test_governance_mode_allowed_by_data if {
	doc := {"resources": [_bucket({}), _lock({"mode": "GOVERNANCE", "days": 365})]}
	count(log_store_immutability.deny) == 0 with input as doc
		with data.aiguard.config.logging.s3_object_lock_modes as ["COMPLIANCE", "GOVERNANCE"]
}

test_short_lock_is_denied if {
	doc := {"resources": [_bucket({}), _lock({"mode": "COMPLIANCE", "days": 30})]}
	_attributes(doc) == {"rule.0.default_retention.0.days"}
}

test_unresolved_lock_is_not_judged if {
	doc := {"resources": [_bucket({}), _lock({"mode": "${var.mode}", "days": "${var.days}"})]}
	count(log_store_immutability.deny) == 0 with input as doc
}

test_inline_lock_counts if {
	bucket := _bucket({"object_lock_configuration": [{
		"object_lock_enabled": "Enabled",
		"rule": [{"default_retention": [{"mode": "GOVERNANCE", "days": 200}]}],
	}]})
	_attributes({"resources": [bucket]}) == {"object_lock_configuration.0.rule.0.default_retention.0.mode"}
}

test_locked_gcs_retention_passes if {
	doc := _gcs({"retention_policy": [{"is_locked": true, "retention_period": 15897600}]})
	count(log_store_immutability.deny) == 0 with input as doc
}

test_gcs_without_retention_policy_is_denied if {
	_attributes(_gcs({})) == {"retention_policy"}
}

test_unlocked_short_gcs_retention_is_denied if {
	doc := _gcs({"retention_policy": [{"retention_period": "86400"}]})
	_attributes(doc) == {"retention_policy.0.is_locked", "retention_policy.0.retention_period"}
}

test_locked_azure_account_passes if {
	account := _account({"immutability_policy": [{"state": "Locked", "period_since_creation_in_days": 365, "allow_protected_append_writes": true}]})
	count(log_store_immutability.deny) == 0 with input as {"resources": [account]}
}

test_azure_account_without_policy_is_denied if {
	_attributes({"resources": [_account({})]}) == {"immutability_policy"}
}

test_unlocked_short_azure_policy_is_denied if {
	account := _account({"immutability_policy": [{"state": "Unlocked", "period_since_creation_in_days": 30, "allow_protected_append_writes": true}]})
	_attributes({"resources": [account]}) == {
		"immutability_policy.0.state",
		"immutability_policy.0.period_since_creation_in_days",
	}
}

test_locked_container_policy_counts if {
	container := {
		"id": "azurerm_storage_container.logs",
		"kind": "azurerm_storage_container",
		"provider": "azurerm",
		"attributes": {"name": "logs", "storage_account_id": "${azurerm_storage_account.logs.id}"},
	}
	count(log_store_immutability.deny) == 0 with input as {"resources": [_account({}), container, _container_policy(true)]}
	count(log_store_immutability.deny) == 1 with input as {"resources": [_account({}), container, _container_policy(false)]}
}

_container_policy(locked) := {
	"id": "azurerm_storage_container_immutability_policy.logs",
	"kind": "azurerm_storage_container_immutability_policy",
	"provider": "azurerm",
	"attributes": {
		"storage_container_resource_manager_id": "${azurerm_storage_container.logs.resource_manager_id}",
		"immutability_period_in_days": 365,
		"locked": locked,
	},
}
