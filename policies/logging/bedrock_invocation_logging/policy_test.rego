package aiguard.rules.logging.bedrock_invocation_logging_test

import data.aiguard.rules.logging.bedrock_invocation_logging

_config(attributes) := {"resources": [{
	"id": "aws_bedrock_model_invocation_logging_configuration.this",
	"kind": "aws_bedrock_model_invocation_logging_configuration",
	"provider": "aws",
	"attributes": attributes,
}]}

_s3 := {"s3_config": [{"bucket_name": "${aws_s3_bucket.logs.id}", "key_prefix": "bedrock"}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := bedrock_invocation_logging.deny with input as doc
}

test_defaults_with_s3_destination_pass if {
	count(bedrock_invocation_logging.deny) == 0 with input as _config({"logging_config": [_s3]})
}

test_all_types_enabled_with_cloudwatch_pass if {
	config := {
		"text_data_delivery_enabled": true,
		"image_data_delivery_enabled": true,
		"embedding_data_delivery_enabled": true,
		"video_data_delivery_enabled": true,
		"cloudwatch_config": [{"log_group_name": "/aws/bedrock/invocations", "role_arn": "${aws_iam_role.r.arn}"}],
	}
	count(bedrock_invocation_logging.deny) == 0 with input as _config({"logging_config": [config]})
}

test_missing_logging_config_is_denied if {
	_attributes(_config({})) == {"logging_config"}
}

test_disabled_types_are_denied_each if {
	config := object.union(_s3, {"image_data_delivery_enabled": false, "embedding_data_delivery_enabled": false})
	_attributes(_config({"logging_config": [config]})) == {
		"logging_config.0.image_data_delivery_enabled",
		"logging_config.0.embedding_data_delivery_enabled",
	}
}

test_message_names_the_data_type if {
	config := object.union(_s3, {"text_data_delivery_enabled": false})
	some v in bedrock_invocation_logging.deny with input as _config({"logging_config": [config]})
	contains(v.msg, "the text inputs and outputs")
}

test_unresolved_flag_is_not_judged if {
	config := object.union(_s3, {"text_data_delivery_enabled": "${var.log_text}"})
	count(bedrock_invocation_logging.deny) == 0 with input as _config({"logging_config": [config]})
}

test_no_destination_is_denied if {
	_attributes(_config({"logging_config": [{"text_data_delivery_enabled": true}]})) == {"logging_config.0"}
}

test_empty_bucket_name_is_no_destination if {
	_attributes(_config({"logging_config": [{"s3_config": [{"bucket_name": ""}]}]})) == {"logging_config.0"}
}

test_delivered_types_come_from_data if {
	config := object.union(_s3, {"video_data_delivery_enabled": false})
	count(bedrock_invocation_logging.deny) == 0 with input as _config({"logging_config": [config]})
		with data.aiguard.config.logging.bedrock_delivered_data as ["text"]
}
