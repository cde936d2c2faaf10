# METADATA
# title: Kubernetes AI workloads are pinned to an allowed region
# description: >-
#   Pods of an AI workload process its inputs, outputs and training data, often personal
#   data. In clusters that span regions, or when manifests are reused across clusters,
#   only a node selector or required node affinity on topology.kubernetes.io/region
#   keeps them in the EU/EEA (GDPR Art. 44). Every AI workload (an AI kind, or any
#   workload requesting accelerators) must be pinned, and every region it may run in
#   must be allowed by rules/regions.yaml (any cloud's list; adequacy regions only with
#   include_adequacy). A workload pinned instead to availability zones of a known region
#   (topology.kubernetes.io/zone, such as eu-central-1a) is pinned; AIG-RES-012 judges
#   those zones. A RayJob that reuses an existing cluster (clusterSelector) runs where
#   that cluster runs and is not judged.
# custom:
#   id: AIG-RES-002
#   severity: medium
#   kinds: [Pod, Deployment, StatefulSet, Job, CronJob, Notebook, InferenceService, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob, TrainJob]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#   basis: practice
#   remediation: |
#     Pin the pods to an allowed region with a node selector (or a required node
#     affinity with operator In):
#       spec:
#         template:
#           spec:
#             nodeSelector:
#               topology.kubernetes.io/region: eu-central-1
#     For a Kubeflow TrainJob, set it in podTemplateOverrides (or in its runtime).
package aiguard.rules.residency.k8s_ai_workload_region

import data.aiguard.lib
import data.aiguard.lib.kubernetes
import data.aiguard.lib.residency

_kinds := {
	"Pod", "Deployment", "StatefulSet", "Job", "CronJob", "Notebook", "InferenceService",
	"RayCluster", "RayJob", "RayService", "PyTorchJob", "TFJob", "MPIJob", "TrainJob",
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in _judged
	count(_regions_of[r.id]) == 0
	not _zone_pinned(r)
	attribute := _unpinned_attribute(r)
	msg := concat("", [
		"AI workload ", r.id, " is not pinned to a region (no node selector or required node",
		" affinity on topology.kubernetes.io/region), so its pods may run outside the allowed regions",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in _judged
	some region in _regions_of[r.id]
	not region in lib.all_allowed_regions
	attribute := _pin_attribute(r, region)
	msg := _outside_message(r, region)
}

deny contains {"resource": r.id, "msg": msg} if {
	some r in _judged
	some region in _regions_of[r.id]
	not region in lib.all_allowed_regions
	not _pin_attribute(r, region)
	msg := _outside_message(r, region)
}

_judged := [r |
	some r in lib.resources_of_kinds(input, _kinds)
	lib.is_ai(r)
	not _reuses_cluster(r)
]

# The regions of every judged workload, computed once per unit.
_regions_of[r.id] := _regions(r) if some r in _judged

_reuses_cluster(r) if {
	r.kind == "RayJob"
	selector := r.attributes.spec.clusterSelector
	is_object(selector)
	count(selector) > 0
}

# Every region the pods may run in, lower-cased: the parser's single effective region
# and every value of a region node selector or `In` affinity in any pod spec.
_regions(r) := _derived_region(r) | {lower(value) |
	some path
	values := _placements(r)[path]
	some value in values
	is_string(value)
}

_derived_region(r) := {lower(region) |
	region := lib.region(r)
	is_string(region)
	region != ""
}

_placements(r) := kubernetes.region_placements_of[r.id]

# True when a pod spec is pinned to a zone whose region is known (AIG-RES-012 judges it).
_zone_pinned(r) if {
	some path, zones in kubernetes.zone_placements_of[r.id]
	is_string(path)
	some zone in zones
	residency.zone_region(zone)
}

# The nodeSelector or affinity that names `region`, first by path.
_pin_attribute(r, region) := min(paths) if {
	paths := {path |
		some path
		values := _placements(r)[path]
		some value in values
		is_string(value)
		lower(value) == region
	}
	count(paths) > 0
}

# Where a region pin belongs: the nodeSelector of the main pod spec.
_unpinned_attribute(r) := concat("", [spec, ".nodeSelector"]) if {
	spec := kubernetes.primary_pod_spec(r)
	spec != ""
} else := "spec"

_outside_message(r, region) := concat("", [
	"AI workload ", r.id, " may run in region ", region,
	", which is not an allowed region for personal data (rules/regions.yaml)",
])
