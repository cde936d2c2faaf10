# METADATA
# title: GPU requests come with an equal limit
# description: >-
#   Accelerators are Kubernetes extended resources: they cannot be overcommitted, so the
#   API server rejects a container that requests one without a limit ("Limit must be set
#   for non overcommitable resources") or with a different limit ("must be equal to ...
#   limit"). Such a workload never starts, or, when only its pod template is rejected,
#   leaves a controller, node pool or reservation waiting for pods that never come. Every
#   container (and KServe framework block, and Kubeflow TrainJob resourcesPerNode) that
#   requests an accelerator named in rules/gpu_catalogue.yaml resource_names must set the
#   same quantity as its limit; setting only the limit is enough (the request defaults to
#   it).
# custom:
#   id: AIG-COST-014
#   severity: medium
#   kinds: [Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Notebook, InferenceService, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob, TrainJob]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU requests and limits"}
#   basis: practice
#   remediation: |
#     Set the accelerator as a limit (the request defaults to it), or both equal:
#       resources:
#         limits:
#           nvidia.com/gpu: 1
package aiguard.rules.cost.gpu_request_limit

import data.aiguard.lib
import data.aiguard.lib.cost
import data.aiguard.lib.kubernetes

deny contains {"resource": r.id, "msg": msg, "attribute": concat(".", [path, "requests", name])} if {
	some r in lib.resources_of_kinds(input, kubernetes.workload_kinds)
	some path, resources in _blocks_of[r.id]
	some name in cost.accelerator_names
	resources.requests[name]
	not _has_limit(resources, name)
	msg := concat("", [
		r.id, " requests ", name, " in ", path, " without a limit, which the API server rejects",
		" (Limit must be set for non overcommitable resources); set it under limits",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": concat(".", [path, "requests", name])} if {
	some r in lib.resources_of_kinds(input, kubernetes.workload_kinds)
	some path, resources in _blocks_of[r.id]
	some name in cost.accelerator_names
	requested := lib.number(resources.requests[name])
	limited := lib.number(resources.limits[name])
	requested != limited
	msg := concat("", [
		r.id, " requests ", _quantity(requested), " ", name, " in ", path, " but limits it to ", _quantity(limited),
		"; the API server rejects a request that differs from the limit for an accelerator",
	])
}

# The resources blocks of every workload in the unit, computed once per evaluation:
# functions are not memoised, and both deny bodies walk them.
_blocks_of[r.id] := cost.resource_blocks(r) if {
	some r in lib.resources_of_kinds(input, kubernetes.workload_kinds)
}

_has_limit(resources, name) if {
	limits := resources.limits
	is_object(limits)
	name in object.keys(limits)
}

_quantity(n) := format_int(n, 10) if {
	n == floor(n)
} else := "a fraction"
