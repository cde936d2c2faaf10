package aiguard.rules.logging.vertex_endpoint_logging_test

import data.aiguard.rules.logging.vertex_endpoint_logging

_endpoint(attributes) := {"resources": [{
	"id": "google_vertex_ai_endpoint.scoring",
	"kind": "google_vertex_ai_endpoint",
	"provider": "google",
	"attributes": attributes,
}]}

_full := {
	"enabled": true,
	"sampling_rate": 1,
	"bigquery_destination": [{"output_uri": "bq://acme-ml.inference_logs.scoring"}],
}

_logged(config) := _endpoint({"predict_request_response_logging_config": [config]})

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := vertex_endpoint_logging.deny with input as doc
}

test_full_logging_passes if {
	count(vertex_endpoint_logging.deny) == 0 with input as _logged(_full)
}

test_float_sampling_rate_passes if {
	count(vertex_endpoint_logging.deny) == 0 with input as _logged(object.union(_full, {"sampling_rate": 1.0}))
}

test_missing_block_is_denied if {
	_attributes(_endpoint({"display_name": "scoring"})) == {"predict_request_response_logging_config"}
}

test_disabled_logging_is_denied if {
	_attributes(_logged(object.union(_full, {"enabled": false}))) == {"predict_request_response_logging_config.0.enabled"}
}

test_enabled_missing_is_denied if {
	_attributes(_logged(object.remove(_full, ["enabled"]))) == {"predict_request_response_logging_config.0.enabled"}
}

test_partial_sampling_is_denied if {
	denials := vertex_endpoint_logging.deny with input as _logged(object.union(_full, {"sampling_rate": 0.1}))
	count(denials) == 1
	some v in denials
	v.attribute == "predict_request_response_logging_config.0.sampling_rate"
	contains(v.msg, "a fraction of 0.1 of its requests")
}

test_missing_sampling_rate_is_denied if {
	_attributes(_logged(object.remove(_full, ["sampling_rate"]))) == {"predict_request_response_logging_config.0.sampling_rate"}
}

test_missing_destination_is_denied if {
	_attributes(_logged(object.remove(_full, ["bigquery_destination"]))) == {"predict_request_response_logging_config.0"}
}

test_unresolved_values_are_not_judged if {
	config := {
		"enabled": "${var.logging}",
		"sampling_rate": "${var.rate}",
		"bigquery_destination": [{"output_uri": "${local.uri}"}],
	}
	count(vertex_endpoint_logging.deny) == 0 with input as _logged(config)
}
