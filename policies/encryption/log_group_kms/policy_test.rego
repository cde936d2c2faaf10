package aiguard.rules.encryption.log_group_kms_test

import data.aiguard.rules.encryption.log_group_kms

_group(attributes) := {"resources": [{
	"id": "aws_cloudwatch_log_group.a",
	"kind": "aws_cloudwatch_log_group",
	"provider": "aws",
	"attributes": attributes,
}]}

test_log_group_with_key_passes if {
	count(log_group_kms.deny) == 0 with input as _group({"kms_key_id": "${aws_kms_key.logs.arn}"})
}

test_log_group_without_key_is_denied if {
	denials := log_group_kms.deny with input as _group({"name": "/aws/sagemaker/Endpoints/llm"})
	count(denials) == 1
	some v in denials
	v.attribute == "kms_key_id"
}

test_null_key_in_a_plan_is_denied if {
	count(log_group_kms.deny) == 1 with input as _group({"kms_key_id": null})
}

test_empty_key_is_denied if {
	count(log_group_kms.deny) == 1 with input as _group({"kms_key_id": ""})
}
