# METADATA
# title: Kubernetes AI workloads pinned to zones stay in allowed regions
# description: >-
#   A node selector or required node affinity on topology.kubernetes.io/zone pins a pod
#   to an availability zone, and so to that zone's region: `eu-west-2a` is in London,
#   `europe-west6-b` in Zurich, `uksouth-1` in UK South (AKS zone labels). Pods of an AI
#   workload process its inputs, outputs and training data, often personal data, so a
#   zone outside the allowed regions takes that processing outside the EU/EEA (GDPR
#   Art. 44). Every zone an AI workload is pinned to must belong to a region allowed by
#   rules/regions.yaml (any cloud's list; adequacy regions only with include_adequacy).
#   The region is read from AWS, Google Cloud and AKS zone names; zone names that name no
#   region (on-premises racks, AKS `0`) are not judged. Region pins are judged by
#   AIG-RES-002.
# custom:
#   id: AIG-RES-012
#   severity: medium
#   kinds: [Pod, Deployment, StatefulSet, Job, CronJob, Notebook, InferenceService, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob, TrainJob]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#   basis: practice
#   remediation: |
#     Pin the pods to zones of an allowed region:
#       spec:
#         template:
#           spec:
#             nodeSelector:
#               topology.kubernetes.io/zone: eu-central-1a
package aiguard.rules.residency.k8s_ai_workload_zone

import data.aiguard.lib
import data.aiguard.lib.kubernetes
import data.aiguard.lib.residency

_kinds := {
	"Pod", "Deployment", "StatefulSet", "Job", "CronJob", "Notebook", "InferenceService",
	"RayCluster", "RayJob", "RayService", "PyTorchJob", "TFJob", "MPIJob", "TrainJob",
}

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kinds(input, _kinds)
	lib.is_ai(r)
	not _reuses_cluster(r)
	some path, zones in kubernetes.zone_placements_of[r.id]
	outside := {description |
		some zone in zones
		region := residency.zone_region(zone)
		not region in lib.all_allowed_regions
		description := concat("", [zone, " (", region, ")"])
	}
	count(outside) > 0
	msg := concat("", [
		"AI workload ", r.id, " is pinned to zone ", residency.region_list(outside),
		", in a region that is not allowed for personal data (rules/regions.yaml)",
	])
}

# A RayJob on an existing cluster (clusterSelector) runs where that cluster runs.
_reuses_cluster(r) if {
	r.kind == "RayJob"
	selector := r.attributes.spec.clusterSelector
	is_object(selector)
	count(selector) > 0
}
