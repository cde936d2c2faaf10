package aiguard.rules.residency.k8s_ai_workload_region_test

import data.aiguard.rules.residency.k8s_ai_workload_region

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"aws": ["eu-central-1", "eu-west-1"], "google": ["europe-west4"], "azurerm": ["westeurope"]},
	"adequacy": {"aws": ["eu-west-2"], "google": ["europe-west2"], "azurerm": ["uksouth"]},
	"include_adequacy": false,
}

_deployment(pod_spec, derived) := {"resources": [{
	"id": "apps/v1/Deployment/ml/llm",
	"kind": "Deployment",
	"provider": "kubernetes",
	"attributes": {"spec": {"replicas": 1, "template": {"spec": pod_spec}}},
	"derived": derived,
}]}

_container := {"name": "llm", "image": "vllm/vllm-openai@sha256:0000000000000000000000000000000000000000000000000000000000000000"}

_denials(doc) := denials if {
	denials := k8s_ai_workload_region.deny with input as doc
		with data.aiguard.config.regions as _regions
}

test_pinned_to_frankfurt_passes if {
	spec := {"containers": [_container], "nodeSelector": {"topology.kubernetes.io/region": "eu-central-1"}}
	count(_denials(_deployment(spec, {"is_ai": true, "gpu_count": 1, "region": "eu-central-1"}))) == 0
}

test_unpinned_ai_workload_is_denied if {
	denials := _denials(_deployment({"containers": [_container]}, {"is_ai": true, "gpu_count": 1}))
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.nodeSelector"
	contains(v.msg, "not pinned")
}

test_workloads_that_are_not_ai_are_not_judged if {
	count(_denials(_deployment({"containers": [_container]}, {"is_ai": false}))) == 0
}

test_london_is_not_allowed if {
	spec := {"containers": [_container], "nodeSelector": {"topology.kubernetes.io/region": "eu-west-2"}}
	denials := _denials(_deployment(spec, {"is_ai": true, "region": "eu-west-2"}))
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.nodeSelector"
	contains(v.msg, "region eu-west-2")
}

test_london_passes_with_adequacy_opt_in if {
	spec := {"containers": [_container], "nodeSelector": {"topology.kubernetes.io/region": "eu-west-2"}}
	denials := k8s_ai_workload_region.deny with input as _deployment(spec, {"is_ai": true, "region": "eu-west-2"})
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	count(denials) == 0
}

test_any_cloud_list_is_accepted if {
	spec := {"containers": [_container], "nodeSelector": {"topology.kubernetes.io/region": "westeurope"}}
	count(_denials(_deployment(spec, {"is_ai": true, "region": "westeurope"}))) == 0
}

test_required_affinity_with_several_allowed_regions_passes if {
	affinity := {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{
		"key": "topology.kubernetes.io/region",
		"operator": "In",
		"values": ["eu-central-1", "eu-west-1"],
	}]}]}}}
	count(_denials(_deployment({"containers": [_container], "affinity": affinity}, {"is_ai": true}))) == 0
}

test_required_affinity_with_an_outside_region_is_denied if {
	affinity := {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{
		"key": "topology.kubernetes.io/region",
		"operator": "In",
		"values": ["eu-central-1", "us-east-1"],
	}]}]}}}
	denials := _denials(_deployment({"containers": [_container], "affinity": affinity}, {"is_ai": true}))
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.affinity"
	contains(v.msg, "us-east-1")
}

test_preferred_affinity_does_not_pin if {
	affinity := {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "preference": {"matchExpressions": [{
		"key": "topology.kubernetes.io/region",
		"operator": "In",
		"values": ["eu-central-1"],
	}]}}]}}
	count(_denials(_deployment({"containers": [_container], "affinity": affinity}, {"is_ai": true}))) == 1
}

test_ray_worker_outside_the_allowed_regions_is_found if {
	doc := {"resources": [{
		"id": "ray.io/v1/RayCluster/ml/train",
		"kind": "RayCluster",
		"provider": "kubernetes",
		"attributes": {"spec": {
			"headGroupSpec": {"template": {"spec": {"nodeSelector": {"topology.kubernetes.io/region": "eu-central-1"}}}},
			"workerGroupSpecs": [{"template": {"spec": {"nodeSelector": {"topology.kubernetes.io/region": "us-east-1"}}}}],
		}},
		"derived": {"is_ai": true, "region": "eu-central-1"},
	}]}
	denials := _denials(doc)
	count(denials) == 1
	some v in denials
	v.attribute == "spec.workerGroupSpecs.0.template.spec.nodeSelector"
}

test_unpinned_inference_service_points_at_the_predictor if {
	doc := {"resources": [{
		"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
		"kind": "InferenceService",
		"provider": "kubernetes",
		"attributes": {"spec": {"predictor": {"model": {"storageUri": "s3://m"}}}},
		"derived": {"is_ai": true},
	}]}
	some v in _denials(doc)
	v.attribute == "spec.predictor.nodeSelector"
}

test_rayjob_reusing_a_cluster_is_not_judged if {
	doc := {"resources": [{
		"id": "ray.io/v1/RayJob/ml/eval",
		"kind": "RayJob",
		"provider": "kubernetes",
		"attributes": {"spec": {"entrypoint": "python eval.py", "clusterSelector": {"ray.io/cluster": "train"}}},
		"derived": {"is_ai": true},
	}]}
	count(_denials(doc)) == 0
}

test_trainjob_pinned_by_override_passes if {
	doc := {"resources": [{
		"id": "trainer.kubeflow.org/v1alpha1/TrainJob/ml/finetune",
		"kind": "TrainJob",
		"provider": "kubernetes",
		"attributes": {"spec": {
			"runtimeRef": {"name": "torch-distributed"},
			"podTemplateOverrides": [{"targetJobs": [{"name": "node"}], "spec": {"nodeSelector": {"topology.kubernetes.io/region": "eu-west-1"}}}],
		}},
		"derived": {"is_ai": true},
	}]}
	count(_denials(doc)) == 0
}

test_unpinned_trainjob_points_at_spec if {
	doc := {"resources": [{
		"id": "trainer.kubeflow.org/v1alpha1/TrainJob/ml/finetune",
		"kind": "TrainJob",
		"provider": "kubernetes",
		"attributes": {"spec": {"runtimeRef": {"name": "torch-distributed"}}},
		"derived": {"is_ai": true},
	}]}
	some v in _denials(doc)
	v.attribute == "spec"
}

test_zone_pinned_workload_is_pinned if {
	spec := {"containers": [_container], "nodeSelector": {"topology.kubernetes.io/zone": "eu-central-1a"}}
	count(_denials(_deployment(spec, {"is_ai": true, "gpu_count": 1}))) == 0
}

test_zone_pin_outside_is_left_to_the_zone_rule if {
	spec := {"containers": [_container], "nodeSelector": {"topology.kubernetes.io/zone": "us-east-1a"}}
	count(_denials(_deployment(spec, {"is_ai": true, "gpu_count": 1}))) == 0
}

test_zone_names_without_a_region_do_not_pin if {
	spec := {"containers": [_container], "nodeSelector": {"topology.kubernetes.io/zone": "rack-7"}}
	some v in _denials(_deployment(spec, {"is_ai": true, "gpu_count": 1}))
	contains(v.msg, "not pinned")
}
