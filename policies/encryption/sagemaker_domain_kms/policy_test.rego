package aiguard.rules.encryption.sagemaker_domain_kms_test

import data.aiguard.rules.encryption.sagemaker_domain_kms

_domain(attributes) := {"resources": [{
	"id": "aws_sagemaker_domain.studio",
	"kind": "aws_sagemaker_domain",
	"provider": "aws",
	"attributes": attributes,
}]}

test_domain_with_key_passes if {
	count(sagemaker_domain_kms.deny) == 0 with input as _domain({"kms_key_id": "${aws_kms_key.studio.arn}"})
}

test_domain_without_key_is_denied if {
	denials := sagemaker_domain_kms.deny with input as _domain({"domain_name": "ml"})
	count(denials) == 1
	some v in denials
	v.resource == "aws_sagemaker_domain.studio"
	v.attribute == "kms_key_id"
}

test_null_key_is_denied if {
	count(sagemaker_domain_kms.deny) == 1 with input as _domain({"kms_key_id": null})
}
