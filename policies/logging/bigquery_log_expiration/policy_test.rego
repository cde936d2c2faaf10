package aiguard.rules.logging.bigquery_log_expiration_test

import data.aiguard.rules.logging.bigquery_log_expiration

_dataset(attributes) := {
	"id": "google_bigquery_dataset.logs",
	"kind": "google_bigquery_dataset",
	"provider": "google",
	"attributes": object.union({"dataset_id": "inference_logs"}, attributes),
}

_endpoint := {
	"id": "google_vertex_ai_endpoint.scoring",
	"kind": "google_vertex_ai_endpoint",
	"provider": "google",
	"attributes": {"predict_request_response_logging_config": [{
		"enabled": true,
		"sampling_rate": 1,
		"bigquery_destination": [{"output_uri": "bq://acme-ml.${google_bigquery_dataset.logs.dataset_id}.scoring"}],
	}]},
}

_days(n) := n * 86400000

test_no_expiration_passes if {
	count(bigquery_log_expiration.deny) == 0 with input as {"resources": [_dataset({}), _endpoint]}
}

test_a_year_passes if {
	doc := {"resources": [_dataset({"default_table_expiration_ms": _days(365)}), _endpoint]}
	count(bigquery_log_expiration.deny) == 0 with input as doc
}

test_short_table_expiration_is_denied if {
	doc := {"resources": [_dataset({"default_table_expiration_ms": _days(90)}), _endpoint]}
	denials := bigquery_log_expiration.deny with input as doc
	count(denials) == 1
	some v in denials
	v.attribute == "default_table_expiration_ms"
	contains(v.msg, "deletes them after 90 days; keep them at least 184 days")
}

test_short_partition_expiration_is_denied if {
	doc := {"resources": [_dataset({"default_partition_expiration_ms": "2592000000"}), _endpoint]}
	{v.attribute | some v in bigquery_log_expiration.deny} == {"default_partition_expiration_ms"} with input as doc
}

test_datasets_without_logs_are_not_judged if {
	count(bigquery_log_expiration.deny) == 0 with input as {"resources": [_dataset({"default_table_expiration_ms": _days(1)})]}
}

test_declared_log_dataset_is_judged if {
	dataset := object.union(_dataset({"default_table_expiration_ms": _days(30)}), {"derived": {"ai": {"data_classification": "logs"}}})
	count(bigquery_log_expiration.deny) == 1 with input as {"resources": [dataset]}
}

test_unresolved_expiration_is_not_judged if {
	doc := {"resources": [_dataset({"default_table_expiration_ms": "${var.ms}"}), _endpoint]}
	count(bigquery_log_expiration.deny) == 0 with input as doc
}
