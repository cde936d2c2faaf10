package aiguard.rules.encryption.vertex_ai_cmek_test

import data.aiguard.rules.encryption.vertex_ai_cmek

_resource(kind, attributes) := {
	"id": concat(".", [kind, "main"]),
	"kind": kind,
	"provider": "google",
	"attributes": attributes,
}

_denials(resources) := denials if {
	denials := vertex_ai_cmek.deny with input as {"resources": resources}
}

_spec := {"encryption_spec": [{"kms_key_name": "${google_kms_crypto_key.vertex.id}"}]}

test_resources_with_cmek_pass if {
	count(_denials([
		_resource("google_vertex_ai_endpoint", _spec),
		_resource("google_vertex_ai_dataset", _spec),
		_resource("google_vertex_ai_featurestore", _spec),
		_resource("google_vertex_ai_tensorboard", _spec),
		_resource("google_vertex_ai_metadata_store", _spec),
	])) == 0
}

test_resource_without_spec_is_denied if {
	denials := _denials([_resource("google_vertex_ai_dataset", {"display_name": "claims"})])
	count(denials) == 1
	some v in denials
	v.resource == "google_vertex_ai_dataset.main"
	v.attribute == "encryption_spec.0.kms_key_name"
}

test_empty_spec_or_key_is_denied if {
	count(_denials([_resource("google_vertex_ai_endpoint", {"encryption_spec": []})])) == 1
	count(_denials([_resource("google_vertex_ai_endpoint", {"encryption_spec": [{"kms_key_name": ""}]})])) == 1
	count(_denials([_resource("google_vertex_ai_endpoint", {"encryption_spec": null})])) == 1
}

test_kinds_without_encryption_spec_are_not_judged if {
	count(_denials([
		_resource("google_vertex_ai_index", {}),
		_resource("google_vertex_ai_index_endpoint", {}),
	])) == 0
}
