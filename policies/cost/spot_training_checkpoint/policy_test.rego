package aiguard.rules.cost.spot_training_checkpoint_test

import data.aiguard.rules.cost.spot_training_checkpoint

_spot_labels := {
	"karpenter.sh/capacity-type": ["spot"],
	"cloud.google.com/gke-spot": ["true"],
	"eks.amazonaws.com/capacityType": ["SPOT"],
}

_gpu_container := {"name": "train", "image": "x", "resources": {"limits": {"nvidia.com/gpu": 8}}}

_job(kind, spec, ai) := {"resources": [{
	"id": concat("/", ["batch/v1", kind, "ml", "train"]),
	"kind": kind,
	"provider": "kubernetes",
	"attributes": {"metadata": {"name": "train", "namespace": "ml"}, "spec": spec},
	"derived": {"gpu_count": 8, "has_gpu": true, "ai": ai},
}]}

_pod_spec(extra) := object.union({"containers": [_gpu_container]}, extra)

_denials(doc) := denials if {
	denials := spot_training_checkpoint.deny with input as doc
		with data.aiguard.config.cost.spot_node_labels as _spot_labels
}

_attributes(doc) := {v.attribute | some v in _denials(doc)}

test_spot_job_without_checkpoint_is_denied if {
	doc := _job("Job", {"template": {"spec": _pod_spec({"nodeSelector": {"karpenter.sh/capacity-type": "spot"}})}}, {})
	denials := _denials(doc)
	count(denials) == 1
	some v in denials
	v.attribute == "spec.template.spec.nodeSelector.karpenter.sh/capacity-type"
	contains(v.msg, "declares no checkpoint location")
}

test_spot_values_compare_case_insensitively if {
	doc := _job("Job", {"template": {"spec": _pod_spec({"nodeSelector": {"eks.amazonaws.com/capacityType": "spot"}})}}, {})
	_attributes(doc) == {"spec.template.spec.nodeSelector.eks.amazonaws.com/capacityType"}
}

test_declared_checkpoint_passes if {
	spec := {"template": {"spec": _pod_spec({"nodeSelector": {"karpenter.sh/capacity-type": "spot"}})}}
	count(_denials(_job("Job", spec, {"checkpoint": "s3://ckpt/run"}))) == 0
	count(_denials(_job("Job", spec, {"checkpoint_uri": "s3://ckpt/run"}))) == 0
}

test_on_demand_jobs_pass if {
	spec := {"template": {"spec": _pod_spec({"nodeSelector": {"karpenter.sh/capacity-type": "on-demand"}})}}
	count(_denials(_job("Job", spec, {}))) == 0
	count(_denials(_job("Job", {"template": {"spec": _pod_spec({})}}, {}))) == 0
}

test_required_affinity_counts if {
	affinity := {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "cloud.google.com/gke-spot", "operator": "In", "values": ["true"]}]}]}}}
	roles := {"Worker": {"replicas": 4, "template": {"spec": _pod_spec({"affinity": affinity})}}}
	_attributes(_job("PyTorchJob", {"pytorchReplicaSpecs": roles}, {})) == {"spec.pytorchReplicaSpecs.Worker.template.spec.affinity"}
}

test_serving_workloads_are_judged_only_when_declared_training if {
	spec := {"replicas": 1, "template": {"spec": _pod_spec({"nodeSelector": {"karpenter.sh/capacity-type": "spot"}})}}
	count(_denials(_job("Deployment", spec, {}))) == 0
	count(_denials(_job("Deployment", spec, {"workload": "training"}))) == 1
}

test_cpu_jobs_are_not_judged if {
	doc := {"resources": [{
		"id": "batch/v1/Job/ml/etl",
		"kind": "Job",
		"provider": "kubernetes",
		"attributes": {"spec": {"template": {"spec": {"nodeSelector": {"karpenter.sh/capacity-type": "spot"}, "containers": [{"name": "etl"}]}}}},
		"derived": {"gpu_count": 0, "has_gpu": false, "ai": {}},
	}]}
	count(_denials(doc)) == 0
}
