package aiguard.rules.logging.log_retention_test

import data.aiguard.rules.logging.log_retention

_group(attributes) := {"resources": [{
	"id": "aws_cloudwatch_log_group.a",
	"kind": "aws_cloudwatch_log_group",
	"provider": "aws",
	"attributes": attributes,
}]}

test_180_days_is_too_short if {
	denials := log_retention.deny with input as _group({"retention_in_days": 180})
	count(denials) == 1
	some v in denials
	v.attribute == "retention_in_days"
	contains(v.msg, "keeps log events for 180 days")
	contains(v.msg, "at least 184 days")
}

test_30_days_is_denied if {
	count(log_retention.deny) == 1 with input as _group({"retention_in_days": 30})
}

test_365_days_passes if {
	count(log_retention.deny) == 0 with input as _group({"retention_in_days": 365})
}

test_184_days_passes if {
	count(log_retention.deny) == 0 with input as _group({"retention_in_days": 184})
}

test_never_expire_by_default_passes if {
	count(log_retention.deny) == 0 with input as _group({"name": "/aws/sagemaker/Endpoints/llm"})
}

test_zero_means_never_expire if {
	count(log_retention.deny) == 0 with input as _group({"retention_in_days": 0})
}

test_null_in_a_plan_means_never_expire if {
	count(log_retention.deny) == 0 with input as _group({"retention_in_days": null})
}

test_numeric_string_is_read if {
	count(log_retention.deny) == 1 with input as _group({"retention_in_days": "90"})
}

test_unresolved_expression_is_not_judged if {
	count(log_retention.deny) == 0 with input as _group({"retention_in_days": "${var.days}"})
}

test_minimum_comes_from_data if {
	count(log_retention.deny) == 1 with input as _group({"retention_in_days": 365})
		with data.aiguard.config.retention.min_days as 400
}
