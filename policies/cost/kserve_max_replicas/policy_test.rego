package aiguard.rules.cost.kserve_max_replicas_test

import data.aiguard.rules.cost.kserve_max_replicas

_gpu_model := {"modelFormat": {"name": "huggingface"}, "resources": {"limits": {"nvidia.com/gpu": "1"}}}

_isvc(annotations, predictor) := {"resources": [{
	"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": {
		"metadata": {"name": "llm", "namespace": "ml", "annotations": annotations},
		"spec": {"predictor": predictor},
	},
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := kserve_max_replicas.deny with input as doc
}

test_explicit_maximum_within_limit_passes if {
	count(kserve_max_replicas.deny) == 0 with input as _isvc({}, {"minReplicas": 0, "maxReplicas": 4, "model": _gpu_model})
}

test_missing_maximum_is_denied if {
	denials := kserve_max_replicas.deny with input as _isvc({}, {"minReplicas": 0, "model": _gpu_model})
	count(denials) == 1
	some v in denials
	v.attribute == "spec.predictor"
	contains(v.msg, "sets no maxReplicas")
}

test_zero_maximum_means_unbounded if {
	_attributes(_isvc({}, {"maxReplicas": 0, "model": _gpu_model})) == {"spec.predictor"}
}

test_maximum_above_limit_is_denied if {
	denials := kserve_max_replicas.deny with input as _isvc({}, {"maxReplicas": 20, "model": _gpu_model})
	count(denials) == 1
	some v in denials
	v.attribute == "spec.predictor.maxReplicas"
	contains(v.msg, "can scale to 20 replicas (maxReplicas)")
}

test_gpu_in_containers_counts if {
	predictor := {"containers": [{"name": "kserve-container", "image": "x", "resources": {"limits": {"nvidia.com/gpu": 1}}}]}
	_attributes(_isvc({}, predictor)) == {"spec.predictor"}
}

test_cpu_components_are_not_judged if {
	predictor := {"model": {"modelFormat": {"name": "sklearn"}, "resources": {"limits": {"cpu": "1"}}}}
	count(kserve_max_replicas.deny) == 0 with input as _isvc({}, predictor)
}

test_knative_max_scale_annotation_bounds_it if {
	annotations := {"autoscaling.knative.dev/max-scale": "4"}
	count(kserve_max_replicas.deny) == 0 with input as _isvc(annotations, {"model": _gpu_model})
}

test_knative_max_scale_annotation_above_limit_is_denied if {
	annotations := {"autoscaling.knative.dev/max-scale": "30"}
	_attributes(_isvc(annotations, {"model": _gpu_model})) == {"metadata.annotations.autoscaling.knative.dev/max-scale"}
}

test_component_annotation_wins if {
	predictor := {"annotations": {"autoscaling.knative.dev/max-scale": "30"}, "model": _gpu_model}
	_attributes(_isvc({"autoscaling.knative.dev/max-scale": "4"}, predictor)) == {"spec.predictor.annotations.autoscaling.knative.dev/max-scale"}
}

test_raw_deployment_without_maximum_is_capped_at_min_replicas if {
	annotations := {"serving.kserve.io/deploymentMode": "RawDeployment"}
	count(kserve_max_replicas.deny) == 0 with input as _isvc(annotations, {"minReplicas": 2, "model": _gpu_model})
	_attributes(_isvc(annotations, {"minReplicas": 12, "model": _gpu_model})) == {"spec.predictor.minReplicas"}
}

test_standard_mode_is_raw_deployment if {
	annotations := {"serving.kserve.io/deploymentMode": "Standard"}
	count(kserve_max_replicas.deny) == 0 with input as _isvc(annotations, {"model": _gpu_model})
}

test_modelmesh_is_not_judged if {
	annotations := {"serving.kserve.io/deploymentMode": "ModelMesh"}
	count(kserve_max_replicas.deny) == 0 with input as _isvc(annotations, {"model": _gpu_model})
}

test_unresolved_maximum_is_not_judged if {
	count(kserve_max_replicas.deny) == 0 with input as _isvc({}, {"maxReplicas": "${MAX}", "model": _gpu_model})
}

test_limit_comes_from_data if {
	count(kserve_max_replicas.deny) == 0 with input as _isvc({}, {"maxReplicas": 20, "model": _gpu_model})
		with data.aiguard.config.cost.max_gpu_replicas as 32
}
