package aiguard.rules.logging.bedrock_invocation_logging_present_test

import data.aiguard.rules.logging.bedrock_invocation_logging_present

_model := {
	"id": "aws_bedrock_provisioned_model_throughput.llm",
	"kind": "aws_bedrock_provisioned_model_throughput",
	"provider": "aws",
	"attributes": {"model_units": 1},
	"derived": {"region": "eu-central-1", "ai": {"risk_class": "high"}},
}

_config(region) := {
	"id": "aws_bedrock_model_invocation_logging_configuration.this",
	"kind": "aws_bedrock_model_invocation_logging_configuration",
	"provider": "aws",
	"attributes": {"logging_config": [{"s3_config": [{"bucket_name": "logs"}]}]},
	"derived": {"region": region},
}

test_module_with_logging_passes if {
	count(bedrock_invocation_logging_present.deny) == 0 with input as {"resources": [_model, _config("eu-central-1")]}
}

test_module_without_logging_is_denied if {
	denials := bedrock_invocation_logging_present.deny with input as {"resources": [_model]}
	count(denials) == 1
	some v in denials
	v.resource == "aws_bedrock_provisioned_model_throughput.llm"
	contains(v.msg, "configures no model invocation logging for eu-central-1")
}

test_logging_in_another_region_is_denied if {
	count(bedrock_invocation_logging_present.deny) == 1 with input as {"resources": [_model, _config("eu-west-1")]}
}

test_logging_with_unknown_region_counts if {
	config := object.remove(_config(""), ["derived"])
	count(bedrock_invocation_logging_present.deny) == 0 with input as {"resources": [_model, config]}
}

test_resource_with_unknown_region_needs_any_logging if {
	model := object.remove(_model, ["derived"])
	count(bedrock_invocation_logging_present.deny) == 0 with input as {"resources": [model, _config("eu-west-1")]}
	denials := bedrock_invocation_logging_present.deny with input as {"resources": [model]}
	some v in denials
	endswith(v.msg, "configures no model invocation logging, so its model invocations are not recorded")
}

test_every_bedrock_kind_is_checked if {
	agent := object.union(_model, {"id": "aws_bedrockagent_agent.a", "kind": "aws_bedrockagent_agent"})
	profile := object.union(_model, {"id": "aws_bedrock_inference_profile.p", "kind": "aws_bedrock_inference_profile"})
	custom := object.union(_model, {"id": "aws_bedrock_custom_model.c", "kind": "aws_bedrock_custom_model"})
	denials := bedrock_invocation_logging_present.deny with input as {"resources": [agent, profile, custom]}
	{v.resource | some v in denials} == {"aws_bedrockagent_agent.a", "aws_bedrock_inference_profile.p", "aws_bedrock_custom_model.c"}
}

test_data_sources_are_ignored if {
	model := object.union(_model, {"id": "data.aws_bedrock_inference_profile.p", "kind": "aws_bedrock_inference_profile"})
	count(bedrock_invocation_logging_present.deny) == 0 with input as {"resources": [model]}
}
