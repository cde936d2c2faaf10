# METADATA
# title: SageMaker endpoints capture every request and response
# description: >-
#   High-risk AI systems must record events automatically over their lifetime, so that
#   situations presenting a risk can be traced and post-market monitoring is possible, and
#   those logs must be kept. For a SageMaker endpoint, data capture is that record: it
#   must be enabled, sample 100% of the traffic, and capture both the inputs and the
#   outputs of the model (capture mode Input and Output, or InputAndOutput). The provider
#   default for enable_capture is false.
# custom:
#   id: AIG-LOG-001
#   severity: high
#   kinds: [aws_sagemaker_endpoint_configuration]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: eu-ai-act, ref: "Art. 12(2)"}
#     - {name: eu-ai-act, ref: "Art. 19(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#   basis: evidence
#   remediation: |
#     Add a data_capture_config block that captures all inputs and outputs:
#       resource "aws_sagemaker_endpoint_configuration" "llm" {
#         data_capture_config {
#           enable_capture              = true
#           initial_sampling_percentage = 100
#           destination_s3_uri          = "s3://${aws_s3_bucket.capture.bucket}/llm"
#           kms_key_id                  = aws_kms_key.capture.arn
#           capture_options {
#             capture_mode = "Input"
#           }
#           capture_options {
#             capture_mode = "Output"
#           }
#         }
#       }
package aiguard.rules.logging.sagemaker_data_capture

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "data_capture_config"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	not _capture_config(r)
	msg := sprintf("endpoint configuration %s has no data_capture_config, so requests and responses of the model are not recorded", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "data_capture_config.0.enable_capture"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	config := _capture_config(r)
	not _enabled(config)
	msg := sprintf("endpoint configuration %s does not set data_capture_config enable_capture = true (the provider default is false)", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "data_capture_config.0.initial_sampling_percentage"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	config := _capture_config(r)
	percentage := lib.number(config.initial_sampling_percentage)
	percentage != 100
	msg := sprintf("endpoint configuration %s captures only %v%% of requests; set initial_sampling_percentage = 100 to record every event", [r.id, percentage])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "data_capture_config.0.initial_sampling_percentage"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	config := _capture_config(r)
	percentage := object.get(config, "initial_sampling_percentage", null)
	not lib.number(percentage)
	not lib.is_unresolved(percentage)
	msg := sprintf("endpoint configuration %s sets no initial_sampling_percentage; set it to 100 to record every event", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	config := _capture_config(r)
	not _unresolved_mode(config)
	missing := [mode | some mode in ["input", "output"]; not _captures(config, mode)]
	count(missing) > 0
	names := [_mode_name[mode] | some mode in missing]
	attribute := _options_attribute(config)
	msg := concat("", [
		"endpoint configuration ", r.id, " does not capture the model's ", concat(" and ", missing),
		" data; add capture_options with capture_mode ", concat(" and ", names),
	])
}

_mode_name := {"input": "Input", "output": "Output"}

_capture_config(r) := config if {
	config := r.attributes.data_capture_config[0]
	is_object(config)
}

_enabled(config) if config.enable_capture == true

_enabled(config) if config.enable_capture == "true"

_enabled(config) if lib.is_unresolved(config.enable_capture)

# The capture modes configured, lower-cased; InputAndOutput covers both.
_modes(config) := {lower(option.capture_mode) |
	some option in config.capture_options
	is_string(option.capture_mode)
}

_captures(config, mode) if mode in _modes(config)

_captures(config, _) if "inputandoutput" in _modes(config)

_unresolved_mode(config) if {
	some option in config.capture_options
	lib.is_unresolved(option.capture_mode)
}

_options_attribute(config) := "data_capture_config.0.capture_options.0" if {
	config.capture_options[0]
} else := "data_capture_config.0"
