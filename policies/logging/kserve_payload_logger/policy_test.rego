package aiguard.rules.logging.kserve_payload_logger_test

import data.aiguard.rules.logging.kserve_payload_logger

_isvc(predictor) := {"resources": [{
	"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": {"spec": {"predictor": predictor}},
}]}

_model := {"modelFormat": {"name": "huggingface"}, "storageUri": "s3://models/llm"}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := kserve_payload_logger.deny with input as doc
}

test_logger_with_mode_all_and_url_passes if {
	doc := _isvc({"model": _model, "logger": {"mode": "all", "url": "http://logger.audit"}})
	count(kserve_payload_logger.deny) == 0 with input as doc
}

test_mode_defaults_to_all if {
	doc := _isvc({"model": _model, "logger": {"url": "http://logger.audit"}})
	count(kserve_payload_logger.deny) == 0 with input as doc
}

test_missing_logger_is_denied if {
	_attributes(_isvc({"model": _model})) == {"spec.predictor.logger"}
}

test_request_only_logging_is_denied if {
	doc := _isvc({"model": _model, "logger": {"mode": "request", "url": "http://logger.audit"}})
	denials := kserve_payload_logger.deny with input as doc
	count(denials) == 1
	some v in denials
	v.attribute == "spec.predictor.logger.mode"
	contains(v.msg, "mode request")
}

test_logger_without_url_is_denied if {
	_attributes(_isvc({"model": _model, "logger": {"mode": "all"}})) == {"spec.predictor.logger.url"}
}

test_empty_url_is_denied if {
	_attributes(_isvc({"model": _model, "logger": {"mode": "all", "url": ""}})) == {"spec.predictor.logger.url"}
}

test_response_only_without_url_gives_two_findings if {
	_attributes(_isvc({"model": _model, "logger": {"mode": "response"}})) == {
		"spec.predictor.logger.mode",
		"spec.predictor.logger.url",
	}
}
