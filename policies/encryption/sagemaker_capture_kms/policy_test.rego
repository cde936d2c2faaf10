package aiguard.rules.encryption.sagemaker_capture_kms_test

import data.aiguard.rules.encryption.sagemaker_capture_kms

_config(capture) := {"resources": [{
	"id": "aws_sagemaker_endpoint_configuration.llm",
	"kind": "aws_sagemaker_endpoint_configuration",
	"provider": "aws",
	"attributes": {"data_capture_config": [capture]},
}]}

test_capture_with_key_passes if {
	count(sagemaker_capture_kms.deny) == 0 with input as _config({"enable_capture": true, "kms_key_id": "${aws_kms_key.capture.arn}"})
}

test_capture_without_key_is_denied if {
	denials := sagemaker_capture_kms.deny with input as _config({"enable_capture": true, "destination_s3_uri": "s3://b/llm"})
	count(denials) == 1
	some v in denials
	v.resource == "aws_sagemaker_endpoint_configuration.llm"
	v.attribute == "data_capture_config.0.kms_key_id"
}

test_string_true_and_unresolved_enable_count if {
	count(sagemaker_capture_kms.deny) == 1 with input as _config({"enable_capture": "true"})
	count(sagemaker_capture_kms.deny) == 1 with input as _config({"enable_capture": "${var.capture}"})
}

test_empty_or_null_key_is_denied if {
	count(sagemaker_capture_kms.deny) == 1 with input as _config({"enable_capture": true, "kms_key_id": ""})
	count(sagemaker_capture_kms.deny) == 1 with input as _config({"enable_capture": true, "kms_key_id": null})
}

test_disabled_or_default_capture_is_not_judged if {
	count(sagemaker_capture_kms.deny) == 0 with input as _config({"enable_capture": false})
	count(sagemaker_capture_kms.deny) == 0 with input as _config({"destination_s3_uri": "s3://b/llm"})
}

test_no_capture_block_is_not_judged if {
	doc := {"resources": [{
		"id": "aws_sagemaker_endpoint_configuration.llm",
		"kind": "aws_sagemaker_endpoint_configuration",
		"provider": "aws",
		"attributes": {},
	}]}
	count(sagemaker_capture_kms.deny) == 0 with input as doc
}
