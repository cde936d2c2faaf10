package aiguard.rules.cost.bedrock_provisioned_throughput_test

import data.aiguard.rules.cost.bedrock_provisioned_throughput

_throughput(attributes) := {"resources": [{
	"id": "aws_bedrock_provisioned_model_throughput.claude",
	"kind": "aws_bedrock_provisioned_model_throughput",
	"provider": "aws",
	"attributes": attributes,
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := bedrock_provisioned_throughput.deny with input as doc
}

test_committed_small_throughput_passes if {
	count(bedrock_provisioned_throughput.deny) == 0 with input as _throughput({"model_units": 1, "commitment_duration": "OneMonth"})
	count(bedrock_provisioned_throughput.deny) == 0 with input as _throughput({"model_units": 2, "commitment_duration": "SixMonths"})
}

test_too_many_model_units_are_denied if {
	denials := bedrock_provisioned_throughput.deny with input as _throughput({"model_units": 5, "commitment_duration": "OneMonth"})
	count(denials) == 1
	some v in denials
	v.attribute == "model_units"
	contains(v.msg, "buys 5 model units, more than max_bedrock_model_units 2")
}

test_no_commitment_is_denied if {
	denials := bedrock_provisioned_throughput.deny with input as _throughput({"model_units": 1})
	count(denials) == 1
	some v in denials
	v.attribute == "commitment_duration"
	contains(v.msg, "commitment none")
	contains(v.msg, "the hourly price per model unit is the highest")
}

test_empty_commitment_is_no_commitment if {
	_attributes(_throughput({"model_units": 1, "commitment_duration": ""})) == {"commitment_duration"}
	_attributes(_throughput({"model_units": 1, "commitment_duration": null})) == {"commitment_duration"}
}

test_allowed_terms_come_from_data if {
	doc := _throughput({"model_units": 1})
	count(bedrock_provisioned_throughput.deny) == 0 with input as doc
		with data.aiguard.config.cost.allowed_bedrock_commitment_durations as ["OneMonth", "none"]
	six := _throughput({"model_units": 1, "commitment_duration": "SixMonths"})
	denials := bedrock_provisioned_throughput.deny with input as six
		with data.aiguard.config.cost.allowed_bedrock_commitment_durations as ["OneMonth"]
	some v in denials
	contains(v.msg, "commitment SixMonths, which is not in allowed_bedrock_commitment_durations")
}

test_unresolved_values_are_not_judged if {
	doc := _throughput({"model_units": "${var.units}", "commitment_duration": "${var.term}"})
	count(bedrock_provisioned_throughput.deny) == 0 with input as doc
}

test_unit_limit_comes_from_data if {
	doc := _throughput({"model_units": 5, "commitment_duration": "OneMonth"})
	count(bedrock_provisioned_throughput.deny) == 0 with input as doc with data.aiguard.config.cost.max_bedrock_model_units as 8
}
