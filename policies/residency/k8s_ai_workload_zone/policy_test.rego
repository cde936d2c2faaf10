package aiguard.rules.residency.k8s_ai_workload_zone_test

import data.aiguard.rules.residency.k8s_ai_workload_zone as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"aws": ["eu-central-1", "eu-west-1"], "google": ["europe-west4"], "azurerm": ["westeurope"]},
	"adequacy": {"aws": ["eu-west-2"], "google": ["europe-west2"], "azurerm": ["uksouth"]},
	"include_adequacy": false,
}

_container := {"name": "llm", "image": "vllm/vllm-openai@sha256:0000000000000000000000000000000000000000000000000000000000000000"}

_deployment(pod_spec, is_ai) := {"resources": [{
	"id": "apps/v1/Deployment/ml/llm",
	"kind": "Deployment",
	"provider": "kubernetes",
	"attributes": {"spec": {"replicas": 1, "template": {"spec": pod_spec}}},
	"derived": {"is_ai": is_ai, "gpu_count": 1},
}]}

_zone_selector(zone) := {"containers": [_container], "nodeSelector": {"topology.kubernetes.io/zone": zone}}

_denials(doc) := denials if {
	denials := rule.deny with input as doc
		with data.aiguard.config.regions as _regions
}

test_zone_in_an_allowed_region_passes if {
	count(_denials(_deployment(_zone_selector("eu-central-1a"), true))) == 0
	count(_denials(_deployment(_zone_selector("europe-west4-b"), true))) == 0
	count(_denials(_deployment(_zone_selector("westeurope-2"), true))) == 0
}

test_london_zone_is_denied if {
	denials := _denials(_deployment(_zone_selector("eu-west-2a"), true))
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.nodeSelector"
	contains(v.msg, "pinned to zone eu-west-2a (eu-west-2)")
}

test_adequacy_zone_passes_with_opt_in if {
	denials := rule.deny with input as _deployment(_zone_selector("europe-west2-a"), true)
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	count(denials) == 0
}

test_zones_of_required_affinity_are_judged_together if {
	affinity := {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{
		"key": "topology.kubernetes.io/zone",
		"operator": "In",
		"values": ["eu-central-1a", "us-east-1a", "uksouth-1"],
	}]}]}}}
	denials := _denials(_deployment({"containers": [_container], "affinity": affinity}, true))
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.affinity"
	contains(v.msg, "uksouth-1 (uksouth), us-east-1a (us-east-1)")
}

test_preferred_zone_affinity_binds_nothing if {
	affinity := {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "preference": {"matchExpressions": [{
		"key": "topology.kubernetes.io/zone",
		"operator": "In",
		"values": ["us-east-1a"],
	}]}}]}}
	count(_denials(_deployment({"containers": [_container], "affinity": affinity}, true))) == 0
}

test_deprecated_zone_label_is_judged if {
	spec := {"containers": [_container], "nodeSelector": {"failure-domain.beta.kubernetes.io/zone": "us-central1-a"}}
	count(_denials(_deployment(spec, true))) == 1
}

test_zones_that_name_no_region_are_not_judged if {
	count(_denials(_deployment(_zone_selector("rack-7"), true))) == 0
	count(_denials(_deployment(_zone_selector("0"), true))) == 0
}

test_workloads_that_are_not_ai_are_not_judged if {
	count(_denials(_deployment(_zone_selector("us-east-1a"), false))) == 0
}

test_inference_service_predictor_zone if {
	doc := {"resources": [{
		"id": "serving.kserve.io/v1beta1/InferenceService/ml/ranker",
		"kind": "InferenceService",
		"provider": "kubernetes",
		"attributes": {"spec": {"predictor": {"nodeSelector": {"topology.kubernetes.io/zone": "europe-west6-a"}, "model": {"storageUri": "gs://m"}}}},
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
		"attributes": {"spec": {
			"clusterSelector": {"ray.io/cluster": "train"},
			"submitterPodTemplate": {"spec": {"nodeSelector": {"topology.kubernetes.io/zone": "us-east-1a"}}},
		}},
		"derived": {"is_ai": true},
	}]}
	count(_denials(doc)) == 0
}
