package aiguard.rules.encryption.sagemaker_async_output_kms_test

import data.aiguard.rules.encryption.sagemaker_async_output_kms

_config(attributes) := {"resources": [{
	"id": "aws_sagemaker_endpoint_configuration.async",
	"kind": "aws_sagemaker_endpoint_configuration",
	"provider": "aws",
	"attributes": attributes,
}]}

_async(output) := {"async_inference_config": [{"output_config": [output]}]}

test_output_with_key_passes if {
	count(sagemaker_async_output_kms.deny) == 0 with input as _config(_async({"s3_output_path": "s3://b/out", "kms_key_id": "${aws_kms_key.k.arn}"}))
}

test_output_without_key_is_denied if {
	denials := sagemaker_async_output_kms.deny with input as _config(_async({"s3_output_path": "s3://b/out"}))
	count(denials) == 1
	some v in denials
	v.attribute == "async_inference_config.0.output_config.0.kms_key_id"
}

test_null_key_in_a_plan_is_denied if {
	count(sagemaker_async_output_kms.deny) == 1 with input as _config(_async({"s3_output_path": "s3://b/out", "kms_key_id": null}))
}

test_realtime_endpoints_are_not_judged if {
	count(sagemaker_async_output_kms.deny) == 0 with input as _config({"kms_key_arn": "${aws_kms_key.k.arn}"})
	count(sagemaker_async_output_kms.deny) == 0 with input as _config({"async_inference_config": []})
}
