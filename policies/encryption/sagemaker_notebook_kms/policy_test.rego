package aiguard.rules.encryption.sagemaker_notebook_kms_test

import data.aiguard.rules.encryption.sagemaker_notebook_kms

_notebook(attributes) := {"resources": [{
	"id": "aws_sagemaker_notebook_instance.research",
	"kind": "aws_sagemaker_notebook_instance",
	"provider": "aws",
	"attributes": attributes,
}]}

test_notebook_with_key_passes if {
	count(sagemaker_notebook_kms.deny) == 0 with input as _notebook({"kms_key_id": "${aws_kms_key.nb.arn}"})
}

test_notebook_without_key_is_denied if {
	denials := sagemaker_notebook_kms.deny with input as _notebook({"instance_type": "ml.t3.medium"})
	count(denials) == 1
	some v in denials
	v.attribute == "kms_key_id"
}

test_null_or_empty_key_is_denied if {
	count(sagemaker_notebook_kms.deny) == 1 with input as _notebook({"kms_key_id": null})
	count(sagemaker_notebook_kms.deny) == 1 with input as _notebook({"kms_key_id": ""})
}

test_data_source_is_not_judged if {
	doc := {"resources": [{
		"id": "data.aws_sagemaker_notebook_instance.existing",
		"kind": "aws_sagemaker_notebook_instance",
		"provider": "aws",
		"attributes": {},
	}]}
	count(sagemaker_notebook_kms.deny) == 0 with input as doc
}
