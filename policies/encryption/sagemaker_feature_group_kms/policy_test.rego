package aiguard.rules.encryption.sagemaker_feature_group_kms_test

import data.aiguard.rules.encryption.sagemaker_feature_group_kms

_group(attributes) := {"resources": [{
	"id": "aws_sagemaker_feature_group.customers",
	"kind": "aws_sagemaker_feature_group",
	"provider": "aws",
	"attributes": attributes,
}]}

_offline(storage) := [{"s3_storage_config": [storage]}]

_online(online) := [online]

test_both_stores_with_keys_pass if {
	count(sagemaker_feature_group_kms.deny) == 0 with input as _group({
		"offline_store_config": _offline({"s3_uri": "s3://b/o", "kms_key_id": "${aws_kms_key.f.arn}"}),
		"online_store_config": _online({"enable_online_store": true, "security_config": [{"kms_key_id": "${aws_kms_key.f.arn}"}]}),
	})
}

test_offline_store_without_key_is_denied if {
	denials := sagemaker_feature_group_kms.deny with input as _group({"offline_store_config": _offline({"s3_uri": "s3://b/o"})})
	count(denials) == 1
	some v in denials
	v.attribute == "offline_store_config.0.s3_storage_config.0.kms_key_id"
}

test_enabled_online_store_without_security_config_is_denied if {
	denials := sagemaker_feature_group_kms.deny with input as _group({"online_store_config": _online({"enable_online_store": true})})
	count(denials) == 1
	some v in denials
	v.attribute == "online_store_config.0.security_config.0.kms_key_id"
}

test_enabled_online_store_with_empty_key_is_denied if {
	count(sagemaker_feature_group_kms.deny) == 1 with input as _group({"online_store_config": _online({"enable_online_store": "true", "security_config": [{"kms_key_id": ""}]})})
}

test_disabled_online_store_is_not_judged if {
	count(sagemaker_feature_group_kms.deny) == 0 with input as _group({"online_store_config": _online({"enable_online_store": false})})
	count(sagemaker_feature_group_kms.deny) == 0 with input as _group({"online_store_config": _online({"storage_type": "Standard"})})
}

test_both_stores_without_keys_give_two_findings if {
	count(sagemaker_feature_group_kms.deny) == 2 with input as _group({
		"offline_store_config": _offline({"s3_uri": "s3://b/o"}),
		"online_store_config": _online({"enable_online_store": "${var.online}"}),
	})
}
