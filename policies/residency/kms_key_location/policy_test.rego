package aiguard.rules.residency.kms_key_location_test

import data.aiguard.rules.residency.kms_key_location as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"aws": ["eu-central-1", "eu-west-1"], "google": ["europe-west4", "eu"]},
	"adequacy": {"aws": ["eu-west-2"], "google": ["europe-west2"]},
	"include_adequacy": false,
	"global_kinds": ["aws_iam_*"],
	"kms_location_equivalents": {"google": {"europe": "eu"}},
}

_resource(kind, attributes) := {
	"id": concat(".", [kind, "r"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {},
}

_denials(resources) := denials if {
	denials := rule.deny with input as {"resources": resources}
		with data.aiguard.config.regions as _regions
}

test_key_in_an_allowed_region_passes if {
	count(_denials([_resource("aws_sagemaker_endpoint_configuration", {"kms_key_arn": "arn:aws:kms:eu-central-1:123456789012:key/1234"})])) == 0
}

test_key_outside_is_denied if {
	denials := _denials([_resource("aws_sagemaker_endpoint_configuration", {"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:key/1234"})])
	count(denials) == 1
	some v in denials
	v.attribute == "kms_key_arn"
	contains(v.msg, "uses a KMS key in us-east-1 (kms_key_arn)")
	not contains(v.msg, "123456789012")
}

test_nested_key_attributes_are_found if {
	denials := _denials([_resource("aws_sagemaker_endpoint_configuration", {"data_capture_config": [{
		"enable_capture": true,
		"kms_key_id": "arn:aws:kms:eu-west-2:123456789012:alias/capture",
	}]})])
	some v in denials
	v.attribute == "data_capture_config.0.kms_key_id"
}

test_keys_under_any_attribute_name_are_found if {
	count(_denials([_resource("aws_bedrockagent_agent", {"customer_encryption_key_arn": "arn:aws:kms:us-west-2:123456789012:key/1234"})])) == 1
}

test_references_and_unresolved_keys_are_not_judged if {
	count(_denials([_resource("aws_s3_bucket", {"kms_master_key_id": "${aws_kms_key.data.arn}"})])) == 0
	count(_denials([_resource("aws_s3_bucket", {"kms_master_key_id": "arn:aws:kms:${var.region}:123456789012:key/1234"})])) == 0
}

test_other_arns_are_not_judged if {
	count(_denials([_resource("aws_sagemaker_model", {"execution_role_arn": "arn:aws:iam::123456789012:role/sm", "x": "arn:aws:s3:us-east-1:1:thing"})])) == 0
}

test_global_kinds_are_not_judged if {
	count(_denials([_resource("aws_iam_policy", {"policy_resources": ["arn:aws:kms:us-east-1:123456789012:key/1234"]})])) == 0
}

test_data_sources_are_not_judged if {
	source := {"id": "data.aws_kms_key.k", "kind": "aws_kms_key", "provider": "aws", "attributes": {"key_id": "arn:aws:kms:us-east-1:123456789012:key/1234"}, "derived": {}}
	count(_denials([source])) == 0
}

test_cloud_kms_key_outside_is_denied if {
	denials := _denials([_resource("google_vertex_ai_endpoint", {"encryption_spec": [{"kms_key_name": "projects/acme/locations/us-central1/keyRings/ml/cryptoKeys/endpoint"}]})])
	count(denials) == 1
	some v in denials
	v.attribute == "encryption_spec.0.kms_key_name"
	contains(v.msg, "Cloud KMS key in us-central1")
}

test_cloud_kms_global_key_ring_is_denied if {
	count(_denials([_resource("google_storage_bucket", {"encryption": [{"default_kms_key_name": "projects/acme/locations/global/keyRings/ml/cryptoKeys/data"}]})])) == 1
}

test_cloud_kms_europe_follows_the_eu_multi_region if {
	bucket := _resource("google_storage_bucket", {"location": "EU", "encryption": [{"default_kms_key_name": "projects/acme/locations/europe/keyRings/ml/cryptoKeys/data"}]})
	count(_denials([bucket])) == 0
	denials := rule.deny with input as {"resources": [bucket]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.allowed.google as ["europe-west4"]
	count(denials) == 1
}

test_cloud_kms_key_in_an_allowed_region_passes if {
	count(_denials([_resource("google_bigquery_dataset", {"default_encryption_configuration": [{"kms_key_name": "projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/bq"}]})])) == 0
}

test_other_providers_are_not_judged if {
	count(_denials([_resource("azurerm_storage_account", {"key": "arn:aws:kms:us-east-1:123456789012:key/1234"})])) == 0
}
