package aiguard.rules.logging.cloudtrail_log_validation_test

import data.aiguard.rules.logging.cloudtrail_log_validation

_trail(attributes) := {"resources": [{
	"id": "aws_cloudtrail.audit",
	"kind": "aws_cloudtrail",
	"provider": "aws",
	"attributes": object.union({"name": "audit", "s3_bucket_name": "acme-trail"}, attributes),
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := cloudtrail_log_validation.deny with input as doc
}

test_validated_trail_passes if {
	count(cloudtrail_log_validation.deny) == 0 with input as _trail({"enable_log_file_validation": true})
}

test_validation_defaults_to_false if {
	_attributes(_trail({})) == {"enable_log_file_validation"}
}

test_validation_off_is_denied if {
	_attributes(_trail({"enable_log_file_validation": false})) == {"enable_log_file_validation"}
}

test_unresolved_validation_is_not_judged if {
	count(cloudtrail_log_validation.deny) == 0 with input as _trail({"enable_log_file_validation": "${var.validate}"})
}

test_trail_not_logging_is_denied if {
	doc := _trail({"enable_log_file_validation": true, "enable_logging": false})
	denials := cloudtrail_log_validation.deny with input as doc
	count(denials) == 1
	some v in denials
	v.attribute == "enable_logging"
	contains(v.msg, "records no events")
}

test_logging_by_default_passes if {
	count(cloudtrail_log_validation.deny) == 0 with input as _trail({"enable_log_file_validation": true, "enable_logging": true})
}
