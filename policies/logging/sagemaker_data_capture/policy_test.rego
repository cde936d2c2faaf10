package aiguard.rules.logging.sagemaker_data_capture_test

import data.aiguard.rules.logging.sagemaker_data_capture

_config(capture) := {"resources": [{
	"id": "aws_sagemaker_endpoint_configuration.a",
	"kind": "aws_sagemaker_endpoint_configuration",
	"provider": "aws",
	"attributes": {"data_capture_config": capture},
}]}

_full := {
	"enable_capture": true,
	"initial_sampling_percentage": 100,
	"destination_s3_uri": "s3://bucket/prefix",
	"capture_options": [{"capture_mode": "Input"}, {"capture_mode": "Output"}],
}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := sagemaker_data_capture.deny with input as doc
}

test_full_capture_passes if {
	count(sagemaker_data_capture.deny) == 0 with input as _config([_full])
}

test_input_and_output_mode_passes if {
	config := object.union(_full, {"capture_options": [{"capture_mode": "InputAndOutput"}]})
	count(sagemaker_data_capture.deny) == 0 with input as _config([config])
}

test_capture_modes_are_case_insensitive if {
	config := object.union(_full, {"capture_options": [{"capture_mode": "INPUT"}, {"capture_mode": "output"}]})
	count(sagemaker_data_capture.deny) == 0 with input as _config([config])
}

test_missing_capture_config_is_denied if {
	doc := {"resources": [{
		"id": "aws_sagemaker_endpoint_configuration.a",
		"kind": "aws_sagemaker_endpoint_configuration",
		"provider": "aws",
		"attributes": {},
	}]}
	_attributes(doc) == {"data_capture_config"}
}

test_empty_capture_block_list_is_denied if {
	_attributes(_config([])) == {"data_capture_config"}
}

test_enable_capture_defaults_to_false if {
	config := object.remove(_full, ["enable_capture"])
	_attributes(_config([config])) == {"data_capture_config.0.enable_capture"}
}

test_enable_capture_false_is_denied if {
	config := object.union(_full, {"enable_capture": false})
	_attributes(_config([config])) == {"data_capture_config.0.enable_capture"}
}

test_sampling_below_100_is_denied if {
	config := object.union(_full, {"initial_sampling_percentage": 20})
	_attributes(_config([config])) == {"data_capture_config.0.initial_sampling_percentage"}
	some v in sagemaker_data_capture.deny with input as _config([config])
	contains(v.msg, "only 20% of requests")
}

test_sampling_as_numeric_string_is_read if {
	config := object.union(_full, {"initial_sampling_percentage": "100"})
	count(sagemaker_data_capture.deny) == 0 with input as _config([config])
}

test_missing_sampling_is_denied if {
	config := object.remove(_full, ["initial_sampling_percentage"])
	_attributes(_config([config])) == {"data_capture_config.0.initial_sampling_percentage"}
}

test_unresolved_values_are_not_judged if {
	config := object.union(_full, {
		"enable_capture": "${var.capture}",
		"initial_sampling_percentage": "${var.sampling}",
		"capture_options": [{"capture_mode": "${var.mode}"}],
	})
	count(sagemaker_data_capture.deny) == 0 with input as _config([config])
}

test_input_only_is_denied_once_at_the_first_option if {
	config := object.union(_full, {"capture_options": [{"capture_mode": "Input"}]})
	denials := sagemaker_data_capture.deny with input as _config([config])
	count(denials) == 1
	some v in denials
	v.attribute == "data_capture_config.0.capture_options.0"
	contains(v.msg, "output data")
}

test_no_capture_options_names_both_modes if {
	config := object.remove(_full, ["capture_options"])
	denials := sagemaker_data_capture.deny with input as _config([config])
	count(denials) == 1
	some v in denials
	v.attribute == "data_capture_config.0"
	contains(v.msg, "input and output data")
}

test_data_sources_are_ignored if {
	doc := {"resources": [{
		"id": "data.aws_sagemaker_endpoint_configuration.a",
		"kind": "aws_sagemaker_endpoint_configuration",
		"provider": "aws",
		"attributes": {},
	}]}
	count(sagemaker_data_capture.deny) == 0 with input as doc
}
