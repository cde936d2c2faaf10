# METADATA
# title: GPU containers request CPU and memory
# description: >-
#   A container that holds GPUs but requests no CPU or memory leaves the scheduler blind:
#   it may place the pod on a GPU node without the CPU and memory to feed the GPUs, which
#   then sit idle but billed, and the pod is the first the kubelet evicts under memory
#   pressure, throwing away the GPU time already spent. Every container of a Kubernetes
#   workload that requests an accelerator (rules/gpu_catalogue.yaml resource_names) must
#   request cpu and memory, or set limits for them (a limit without a request sets the
#   request). KServe InferenceServices (KServe applies default resources) and Kubeflow
#   TrainJobs (the pod template lives in the training runtime) are not judged, and a
#   namespace LimitRange that sets defaults is not visible to this rule.
# custom:
#   id: AIG-COST-015
#   severity: low
#   kinds: [Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Notebook, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU requests and limits"}
#   basis: practice
#   remediation: |
#     Request the CPU and memory the GPU work needs:
#       resources:
#         requests:
#           cpu: "8"
#           memory: 64Gi
#         limits:
#           memory: 64Gi
#           nvidia.com/gpu: 1
package aiguard.rules.cost.gpu_container_cpu_memory

import data.aiguard.lib
import data.aiguard.lib.cost
import data.aiguard.lib.kubernetes

_kinds := kubernetes.workload_kinds - {"InferenceService", "TrainJob"}

deny contains {"resource": r.id, "msg": msg, "attribute": concat("", [path, ".resources"])} if {
	some r in lib.resources_of_kinds(input, _kinds)
	some path, container in kubernetes.containers_of[r.id]
	resources := container.resources
	cost.requests_accelerators(resources)
	missing := [kind | some kind in ["cpu", "memory"]; not _sized(resources, kind)]
	count(missing) > 0
	msg := concat("", [
		"GPU container ", _container_name(container), " of ", r.id, " requests no ", concat(" or ", missing),
		"; request what the GPU work needs so that the scheduler places and keeps it",
	])
}

_sized(resources, kind) if {
	some field in ["requests", "limits"]
	value := resources[field][kind]
	value != null
	value != ""
}

_container_name(container) := container.name if {
	is_string(container.name)
} else := "(unnamed)"
