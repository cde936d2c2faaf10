# METADATA
# title: GPU training on spot capacity declares where it checkpoints
# description: >-
#   Spot and preemptible nodes can be reclaimed at any time; a training job on them that
#   does not checkpoint loses every GPU hour since it started and pays for them again. A
#   Kubernetes GPU training workload (a Job, CronJob, PyTorchJob, TFJob, MPIJob, RayJob or
#   TrainJob, or any workload that declares aiguard.io/workload: training) whose pods a
#   nodeSelector or required node affinity places on spot capacity (the labels in
#   rules/cost.yaml spot_node_labels, such as karpenter.sh/capacity-type: spot or
#   cloud.google.com/gke-spot: "true") must declare where it writes checkpoints, with the
#   aiguard.io/checkpoint (or aiguard.io/checkpoint-uri) label or annotation, so that a
#   reviewer can see the job resumes after an interruption.
# custom:
#   id: AIG-COST-013
#   severity: medium
#   kinds: [Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Notebook, InferenceService, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob, TrainJob]
#   frameworks:
#     - {name: aiguard-finops, ref: "Spot capacity for interruptible training"}
#   basis: practice
#   remediation: |
#     Checkpoint to durable storage, resume from the latest checkpoint on start, and
#     declare the location:
#       metadata:
#         annotations:
#           aiguard.io/checkpoint: s3://ml-checkpoints/llm-finetune/
package aiguard.rules.cost.spot_training_checkpoint

import data.aiguard.lib
import data.aiguard.lib.cost
import data.aiguard.lib.kubernetes

# Kinds that run training or batch jobs whatever they declare.
_batch_kinds := {"Job", "CronJob", "PyTorchJob", "TFJob", "MPIJob", "RayJob", "TrainJob"}

deny contains {"resource": r.id, "msg": msg, "attribute": min(placements)} if {
	some r in lib.resources_of_kinds(input, kubernetes.workload_kinds)
	lib.has_gpu(r)
	_training(r)
	not _declares_checkpoint(r)
	placements := cost.spot_placements(r)
	count(placements) > 0
	msg := concat("", [
		"GPU training workload ", r.id, " runs on spot capacity but declares no checkpoint location",
		" (aiguard.io/checkpoint); an interruption would lose the work since it started",
	])
}

_training(r) if r.kind in _batch_kinds

_training(r) if cost.declares_training(r)

_declares_checkpoint(r) if {
	some name in ["checkpoint", "checkpoint_uri"]
	value := r.derived.ai[name]
	is_string(value)
	value != ""
}
