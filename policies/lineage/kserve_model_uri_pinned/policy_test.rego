package aiguard.rules.lineage.kserve_model_uri_pinned_test

import data.aiguard.rules.lineage.kserve_model_uri_pinned

# As in rules/lineage.yaml (`opa test policies/` does not load rules/).
_lineage := {
	"digest_schemes": ["oci"],
	"mutable_names": ["latest", "current", "newest"],
	"version_patterns": [
		`v?[0-9]+(\.[0-9]+){0,3}`,
		`version[-_]?[0-9]+(\.[0-9]+){0,3}`,
		`[0-9a-f]{32}`,
		`[0-9a-f]{40}`,
		`[0-9a-f]{64}`,
		`[0-9]{4}-[0-9]{2}-[0-9]{2}([t_-]?[0-9]{2}(-?[0-9]{2}){0,2}z?)?`,
		`[a-z0-9-]+-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{3}`,
	],
}

_isvc(spec) := {"resources": [{
	"id": "serving.kserve.io/v1beta1/InferenceService/ml/fraud",
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": {"spec": spec},
	"derived": {"is_ai": true},
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := kserve_model_uri_pinned.deny with input as doc
		with data.aiguard.config.lineage as _lineage
}

test_versioned_model_passes if {
	spec := {"predictor": {"model": {"modelFormat": {"name": "sklearn"}, "storageUri": "gs://acme-models/fraud/v7/"}}}
	_attributes(_isvc(spec)) == set()
}

test_unversioned_model_is_denied if {
	spec := {"predictor": {"model": {"modelFormat": {"name": "sklearn"}, "storageUri": "gs://acme-models/fraud/"}}}
	_attributes(_isvc(spec)) == {"spec.predictor.model.storageUri"}
}

test_latest_is_denied_even_with_a_version if {
	spec := {"predictor": {"sklearn": {"storageUri": "s3://acme-models/fraud/v7/latest"}}}
	_attributes(_isvc(spec)) == {"spec.predictor.sklearn.storageUri"}
}

test_hugging_face_needs_a_revision if {
	spec := {"predictor": {"model": {"modelFormat": {"name": "huggingface"}, "storageUri": "hf://meta-llama/Llama-3.1-8B-Instruct"}}}
	_attributes(_isvc(spec)) == {"spec.predictor.model.storageUri"}
	pinned := {"predictor": {"model": {"storageUri": "hf://meta-llama/Llama-3.1-8B-Instruct:0e9e39f249a16976918f6564b8830bc894c89659"}}}
	_attributes(_isvc(pinned)) == set()
}

test_modelcars_need_a_digest if {
	spec := {"predictor": {"model": {"storageUri": "oci://registry.example.com/models/llama:3.1"}}}
	denials := kserve_model_uri_pinned.deny with input as _isvc(spec) with data.aiguard.config.lineage as _lineage
	some v in denials
	contains(v.msg, "oci:// is pinned only by a digest")
	pinned := {"predictor": {"model": {"storageUri": "oci://registry.example.com/models/llama@sha256:4f1c7b8f0e6b1f9a7d2a3c5e8b9d0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e"}}}
	_attributes(_isvc(pinned)) == set()
}

test_multiple_storage_uris_and_explainers_are_checked if {
	spec := {
		"predictor": {"storageUris": [
			{"uri": "hf://microsoft/DialoGPT-medium", "mountPath": "/mnt/models/base"},
			{"uri": "s3://acme-models/adapters/customer-service/v2", "mountPath": "/mnt/models/adapters"},
		]},
		"explainer": {"art": {"storageUri": "gs://acme-models/explainers/current"}},
	}
	_attributes(_isvc(spec)) == {"spec.predictor.storageUris.0.uri", "spec.explainer.art.storageUri"}
}

test_custom_containers_without_uri_are_not_judged if {
	spec := {"predictor": {"containers": [{"name": "kserve-container", "image": "acme/server:1"}], "minReplicas": 1}}
	_attributes(_isvc(spec)) == set()
}

test_deploy_time_placeholders_are_not_judged if {
	spec := {"predictor": {"model": {"storageUri": "s3://acme-models/fraud/${MODEL_VERSION}"}}}
	_attributes(_isvc(spec)) == set()
}

test_trained_model_and_llm_inference_service if {
	doc := {"resources": [
		{
			"id": "serving.kserve.io/v1alpha1/TrainedModel/ml/fraud-a",
			"kind": "TrainedModel",
			"provider": "kubernetes",
			"attributes": {"spec": {"inferenceService": "fraud", "model": {"framework": "sklearn", "storageUri": "gs://acme-models/fraud-a", "memory": "256Mi"}}},
		},
		{
			"id": "serving.kserve.io/v1alpha1/LLMInferenceService/ml/chat",
			"kind": "LLMInferenceService",
			"provider": "kubernetes",
			"attributes": {"spec": {"model": {"uri": "hf://Qwen/Qwen2.5-7B-Instruct", "name": "Qwen/Qwen2.5-7B-Instruct"}}},
		},
	]}
	denials := kserve_model_uri_pinned.deny with input as doc with data.aiguard.config.lineage as _lineage
	{[v.resource, v.attribute] | some v in denials} == {
		["serving.kserve.io/v1alpha1/TrainedModel/ml/fraud-a", "spec.model.storageUri"],
		["serving.kserve.io/v1alpha1/LLMInferenceService/ml/chat", "spec.model.uri"],
	}
}

test_uri_is_not_printed if {
	spec := {"predictor": {"model": {"storageUri": "https://acct.blob.core.windows.net/models/fraud?sv=2024&sig=secret"}}}
	some v in kserve_model_uri_pinned.deny with input as _isvc(spec) with data.aiguard.config.lineage as _lineage
	not contains(v.msg, "secret")
	not contains(v.msg, "blob.core")
}
