package aiguard.rules.cost.kserve_scale_to_zero_test

import data.aiguard.rules.cost.kserve_scale_to_zero

_gpu_model := {"modelFormat": {"name": "huggingface"}, "resources": {"limits": {"nvidia.com/gpu": "1"}}}

_isvc(ai, labels, annotations, predictor) := {"resources": [{
	"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": {
		"metadata": {"name": "llm", "namespace": "ml", "labels": labels, "annotations": annotations},
		"spec": {"predictor": predictor},
	},
	"derived": {"tags": labels, "ai": ai},
}]}

_dev := {"environment": "dev"}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := kserve_scale_to_zero.deny with input as doc
}

test_dev_service_scaling_to_zero_passes if {
	count(kserve_scale_to_zero.deny) == 0 with input as _isvc(_dev, {}, {}, {"minReplicas": 0, "model": _gpu_model})
}

test_dev_service_with_warm_replica_is_denied if {
	denials := kserve_scale_to_zero.deny with input as _isvc(_dev, {}, {}, {"minReplicas": 2, "model": _gpu_model})
	count(denials) == 1
	some v in denials
	v.attribute == "spec.predictor.minReplicas"
	contains(v.msg, "keeps 2 replica(s) warm (minReplicas)")
	not contains(v.msg, "dev")
}

test_unset_min_replicas_defaults_to_one if {
	denials := kserve_scale_to_zero.deny with input as _isvc(_dev, {}, {}, {"model": _gpu_model})
	some v in denials
	v.attribute == "spec.predictor"
	contains(v.msg, "KServe's default is 1")
}

test_production_services_are_not_judged if {
	count(kserve_scale_to_zero.deny) == 0 with input as _isvc({"environment": "Production"}, {}, {}, {"minReplicas": 2, "model": _gpu_model})
	count(kserve_scale_to_zero.deny) == 0 with input as _isvc({}, {"environment": "prod"}, {}, {"minReplicas": 2, "model": _gpu_model})
}

test_plain_environment_label_counts if {
	_attributes(_isvc({}, {"environment": "staging"}, {}, {"minReplicas": 1, "model": _gpu_model})) == {"spec.predictor.minReplicas"}
}

test_undeclared_environment_is_not_judged if {
	count(kserve_scale_to_zero.deny) == 0 with input as _isvc({}, {}, {}, {"minReplicas": 2, "model": _gpu_model})
}

test_raw_deployment_is_not_judged if {
	annotations := {"serving.kserve.io/deploymentMode": "RawDeployment"}
	count(kserve_scale_to_zero.deny) == 0 with input as _isvc(_dev, {}, annotations, {"minReplicas": 1, "model": _gpu_model})
	serverless := {"serving.kserve.io/deploymentMode": "Serverless"}
	count(kserve_scale_to_zero.deny) == 1 with input as _isvc(_dev, {}, serverless, {"minReplicas": 1, "model": _gpu_model})
}

test_cpu_services_are_not_judged if {
	predictor := {"minReplicas": 1, "model": {"modelFormat": {"name": "sklearn"}}}
	count(kserve_scale_to_zero.deny) == 0 with input as _isvc(_dev, {}, {}, predictor)
}

test_production_environments_come_from_data if {
	doc := _isvc({"environment": "live"}, {}, {}, {"minReplicas": 1, "model": _gpu_model})
	count(kserve_scale_to_zero.deny) == 1 with input as doc
	count(kserve_scale_to_zero.deny) == 0 with input as doc with data.aiguard.config.cost.production_environments as ["live"]
}
