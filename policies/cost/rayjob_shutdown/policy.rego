# METADATA
# title: RayJobs shut their cluster down when the job finishes
# description: >-
#   A KubeRay RayJob that creates its own RayCluster (rayClusterSpec) keeps that cluster,
#   and every GPU node under it, running after the job ends unless
#   spec.shutdownAfterJobFinishes is true (the KubeRay default is false). RayJobs that
#   submit to an existing cluster (clusterSelector) create none and are not judged.
# custom:
#   id: AIG-COST-003
#   severity: medium
#   kinds: [RayJob]
#   frameworks:
#     - {name: aiguard-finops, ref: "Idle GPU clusters"}
#   basis: practice
#   remediation: |
#     Delete the cluster when the job is done (optionally after a grace period):
#       spec:
#         shutdownAfterJobFinishes: true
#         ttlSecondsAfterFinished: 600
package aiguard.rules.cost.rayjob_shutdown

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "spec.shutdownAfterJobFinishes"} if {
	some r in lib.resources_of_kind(input, "RayJob")
	not _reuses_cluster(r)
	not r.attributes.spec.shutdownAfterJobFinishes == true
	msg := concat("", [
		"RayJob ", r.id, " does not set spec.shutdownAfterJobFinishes: true, so its Ray cluster",
		_gpu_note(r), " keeps running after the job finishes",
	])
}

_reuses_cluster(r) if {
	selector := r.attributes.spec.clusterSelector
	is_object(selector)
	count(selector) > 0
}

_gpu_note(r) := " (1 GPU)" if {
	r.derived.gpu_count == 1
} else := concat("", [" (", format_int(r.derived.gpu_count, 10), " GPUs)"]) if {
	is_number(r.derived.gpu_count)
	r.derived.gpu_count > 1
} else := ""
