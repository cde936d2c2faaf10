package aiguard.rules.encryption.gcs_bucket_cmek_test

import data.aiguard.rules.encryption.gcs_bucket_cmek

_settings := {"cmek_data_classifications": ["confidential", "restricted", "personal"]}

_bucket(ai, attributes) := {"resources": [{
	"id": "google_storage_bucket.training",
	"kind": "google_storage_bucket",
	"provider": "google",
	"attributes": attributes,
	"derived": {"ai": ai},
}]}

_denials(doc) := denials if {
	denials := gcs_bucket_cmek.deny with input as doc with data.aiguard.config.encryption as _settings
}

_key := {"encryption": [{"default_kms_key_name": "${google_kms_crypto_key.storage.id}"}]}

test_confidential_bucket_with_cmek_passes if {
	count(_denials(_bucket({"data_classification": "confidential"}, _key))) == 0
}

test_confidential_bucket_without_cmek_is_denied if {
	denials := _denials(_bucket({"data_classification": "Confidential"}, {"name": "acme-training"}))
	count(denials) == 1
	some v in denials
	v.attribute == "encryption.0.default_kms_key_name"
	contains(v.msg, "cmek_data_classifications")
}

test_personal_data_declaration_counts if {
	denials := _denials(_bucket({"personal_data": "true"}, {"name": "acme-training"}))
	count(denials) == 1
	some v in denials
	contains(v.msg, "personal data")
}

test_empty_key_is_denied if {
	count(_denials(_bucket({"data_classification": "restricted"}, {"encryption": [{"default_kms_key_name": ""}]}))) == 1
}

test_other_or_missing_classifications_are_not_judged if {
	count(_denials(_bucket({"data_classification": "public"}, {}))) == 0
	count(_denials(_bucket({"personal_data": "false"}, {}))) == 0
	count(_denials(_bucket({}, {}))) == 0
	doc := {"resources": [{"id": "google_storage_bucket.x", "kind": "google_storage_bucket", "provider": "google", "attributes": {}}]}
	count(_denials(doc)) == 0
}

test_classification_list_comes_from_settings if {
	doc := _bucket({"data_classification": "internal"}, {})
	count(gcs_bucket_cmek.deny) == 1 with input as doc with data.aiguard.config.encryption as {"cmek_data_classifications": ["internal"]}
}
