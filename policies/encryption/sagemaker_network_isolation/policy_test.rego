package aiguard.rules.encryption.sagemaker_network_isolation_test

import data.aiguard.rules.encryption.sagemaker_network_isolation

_model(attributes) := {"resources": [{
	"id": "aws_sagemaker_model.scoring",
	"kind": "aws_sagemaker_model",
	"provider": "aws",
	"attributes": attributes,
}]}

test_isolated_model_passes if {
	count(sagemaker_network_isolation.deny) == 0 with input as _model({"enable_network_isolation": true})
	count(sagemaker_network_isolation.deny) == 0 with input as _model({"enable_network_isolation": "true"})
}

test_model_without_isolation_is_denied if {
	denials := sagemaker_network_isolation.deny with input as _model({"name": "scoring"})
	count(denials) == 1
	some v in denials
	v.attribute == "enable_network_isolation"
	contains(v.msg, "provider default")
}

test_explicit_false_is_denied if {
	denials := sagemaker_network_isolation.deny with input as _model({"enable_network_isolation": false})
	count(denials) == 1
	some v in denials
	contains(v.msg, "sets enable_network_isolation = false")
}

test_null_in_a_plan_is_denied if {
	count(sagemaker_network_isolation.deny) == 1 with input as _model({"enable_network_isolation": null})
}

test_unresolved_value_is_not_judged if {
	count(sagemaker_network_isolation.deny) == 0 with input as _model({"enable_network_isolation": "${var.isolate}"})
}
