package aiguard.rules.cost.rayjob_shutdown_test

import data.aiguard.rules.cost.rayjob_shutdown

_rayjob(spec, gpus) := {"resources": [{
	"id": "ray.io/v1/RayJob/ml/train",
	"kind": "RayJob",
	"provider": "kubernetes",
	"attributes": {"spec": spec},
	"derived": {"gpu_count": gpus, "is_ai": true},
}]}

_cluster := {"headGroupSpec": {"template": {"spec": {"containers": [{"name": "head", "image": "rayproject/ray:2.40.0"}]}}}}

test_shutdown_after_job_passes if {
	doc := _rayjob({"entrypoint": "python train.py", "shutdownAfterJobFinishes": true, "rayClusterSpec": _cluster}, 8)
	count(rayjob_shutdown.deny) == 0 with input as doc
}

test_missing_shutdown_is_denied if {
	doc := _rayjob({"entrypoint": "python train.py", "rayClusterSpec": _cluster}, 8)
	denials := rayjob_shutdown.deny with input as doc
	count(denials) == 1
	some v in denials
	v.attribute == "spec.shutdownAfterJobFinishes"
	contains(v.msg, "Ray cluster (8 GPUs) keeps running")
}

test_shutdown_false_is_denied if {
	doc := _rayjob({"entrypoint": "python train.py", "shutdownAfterJobFinishes": false, "rayClusterSpec": _cluster}, 0)
	some v in rayjob_shutdown.deny with input as doc
	contains(v.msg, "its Ray cluster keeps running")
}

test_string_true_is_not_a_boolean if {
	doc := _rayjob({"entrypoint": "python train.py", "shutdownAfterJobFinishes": "true", "rayClusterSpec": _cluster}, 1)
	count(rayjob_shutdown.deny) == 1 with input as doc
}

test_existing_cluster_is_not_judged if {
	doc := _rayjob({"entrypoint": "python eval.py", "clusterSelector": {"ray.io/cluster": "shared"}}, 0)
	count(rayjob_shutdown.deny) == 0 with input as doc
}

test_one_gpu_is_singular if {
	doc := _rayjob({"entrypoint": "python train.py", "rayClusterSpec": _cluster}, 1)
	some v in rayjob_shutdown.deny with input as doc
	contains(v.msg, "Ray cluster (1 GPU) keeps running")
}
