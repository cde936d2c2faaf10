package aiguard.rules.encryption.bedrock_cmk_test

import data.aiguard.rules.encryption.bedrock_cmk

_resource(kind, attributes) := {
	"id": concat(".", [kind, "support"]),
	"kind": kind,
	"provider": "aws",
	"attributes": attributes,
}

_denials(resources) := denials if {
	denials := bedrock_cmk.deny with input as {"resources": resources}
}

test_all_three_with_keys_pass if {
	count(_denials([
		_resource("aws_bedrock_custom_model", {"custom_model_kms_key_id": "${aws_kms_key.b.arn}"}),
		_resource("aws_bedrockagent_agent", {"customer_encryption_key_arn": "${aws_kms_key.b.arn}"}),
		_resource("aws_bedrock_guardrail", {"kms_key_arn": "arn:aws:kms:eu-central-1:123456789012:key/abc"}),
	])) == 0
}

test_each_kind_names_its_own_attribute if {
	denials := _denials([
		_resource("aws_bedrock_custom_model", {}),
		_resource("aws_bedrockagent_agent", {}),
		_resource("aws_bedrock_guardrail", {"kms_key_arn": null}),
	])
	{[v.resource, v.attribute] | some v in denials} == {
		["aws_bedrock_custom_model.support", "custom_model_kms_key_id"],
		["aws_bedrockagent_agent.support", "customer_encryption_key_arn"],
		["aws_bedrock_guardrail.support", "kms_key_arn"],
	}
}

test_key_of_another_kind_does_not_count if {
	count(_denials([_resource("aws_bedrockagent_agent", {"kms_key_arn": "${aws_kms_key.b.arn}"})])) == 1
}

test_other_bedrock_kinds_are_not_judged if {
	count(_denials([_resource("aws_bedrock_provisioned_model_throughput", {})])) == 0
}
