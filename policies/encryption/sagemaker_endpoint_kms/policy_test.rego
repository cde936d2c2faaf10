package aiguard.rules.encryption.sagemaker_endpoint_kms_test

import data.aiguard.rules.encryption.sagemaker_endpoint_kms

test_endpoint_without_key_is_denied if {
	doc := {"resources": [{"id": "aws_sagemaker_endpoint_configuration.a", "kind": "aws_sagemaker_endpoint_configuration", "attributes": {}}]}
	count(sagemaker_endpoint_kms.deny) == 1 with input as doc
}

test_endpoint_with_key_passes if {
	doc := {"resources": [{
		"id": "aws_sagemaker_endpoint_configuration.a",
		"kind": "aws_sagemaker_endpoint_configuration",
		"attributes": {"kms_key_arn": "${aws_kms_key.k.arn}"},
	}]}
	count(sagemaker_endpoint_kms.deny) == 0 with input as doc
}
