# METADATA
# title: Namespaces that run GPU workloads have a GPU ResourceQuota
# description: >-
#   Without a ResourceQuota on accelerators, one team's namespace can take every GPU the
#   cluster (and its autoscaler) will give it. Every namespace that runs a Kubernetes GPU
#   workload must have a ResourceQuota whose spec.hard limits an accelerator named in
#   rules/gpu_catalogue.yaml resource_names (requests.nvidia.com/gpu, or the name with a
#   limits. prefix or none). Quotas usually live in another file than the workloads they
#   limit, so aiguard collects the namespaces that have one from every file of the scan
#   (input.context.scan.gpu_quota_namespaces) before it evaluates any rule: scan the
#   directory that holds the quotas together with the workloads, or the rule reports
#   namespaces whose quota it did not see. A workload without a namespace is in
#   `default`.
# custom:
#   id: AIG-COST-016
#   severity: medium
#   kinds: [Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Notebook, InferenceService, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob, TrainJob]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU quota per namespace"}
#   basis: practice
#   remediation: |
#     Limit the GPUs of the namespace:
#       apiVersion: v1
#       kind: ResourceQuota
#       metadata:
#         name: gpu
#         namespace: ml-serving
#       spec:
#         hard:
#           requests.nvidia.com/gpu: "8"
package aiguard.rules.cost.gpu_namespace_quota

import data.aiguard.lib
import data.aiguard.lib.kubernetes

deny contains {"resource": r.id, "msg": msg, "attribute": "metadata.namespace"} if {
	quotas := input.context.scan.gpu_quota_namespaces
	is_array(quotas)
	some r in lib.resources_of_kinds(input, kubernetes.workload_kinds)
	lib.has_gpu(r)
	namespace := _namespace(r)
	not namespace in quotas
	msg := concat("", [
		"GPU workload ", r.id, " runs in namespace ", namespace, ", which has no ResourceQuota limiting",
		" accelerators (spec.hard requests.nvidia.com/gpu) in the scanned files",
	])
}

_namespace(r) := namespace if {
	namespace := r.attributes.metadata.namespace
	is_string(namespace)
	namespace != ""
} else := "default"
