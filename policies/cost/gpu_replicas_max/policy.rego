# METADATA
# title: GPU Deployments and StatefulSets stay within the replica ceiling
# description: >-
#   Every replica of a GPU workload holds its accelerators for as long as it runs, so the
#   replica count is the GPU bill. A Deployment, StatefulSet or ReplicaSet whose pods
#   request accelerators may run at most max_gpu_replicas pods (rules/cost.yaml): its
#   spec.replicas, and the ceiling of any autoscaler in the same file that scales it by
#   kind, name and namespace: a HorizontalPodAutoscaler's spec.maxReplicas, or a KEDA
#   ScaledObject's spec.maxReplicaCount (KEDA scales to 100 replicas when it is not set).
# custom:
#   id: AIG-COST-007
#   severity: medium
#   kinds: [Deployment, StatefulSet, ReplicaSet, HorizontalPodAutoscaler, ScaledObject]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU replica ceiling"}
#   basis: practice
#   remediation: |
#     Keep the workload and its autoscaler within the limit:
#       spec:
#         replicas: 2
#       ---
#       kind: HorizontalPodAutoscaler
#       spec:
#         scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: embeddings}
#         minReplicas: 1
#         maxReplicas: 6
#     (KEDA: set spec.maxReplicaCount), or raise the limit in .aiguard.yaml:
#       settings:
#         cost:
#           max_gpu_replicas: 16
package aiguard.rules.cost.gpu_replicas_max

import data.aiguard.lib

# The most pods one GPU workload may run (rules/cost.yaml).
_limit := n if {
	n := data.aiguard.config.cost.max_gpu_replicas
	is_number(n)
} else := 8

_scaled_kinds := {"Deployment", "StatefulSet", "ReplicaSet"}

# KEDA's default spec.maxReplicaCount (KEDA "ScaledObject specification", checked 2026-11-29).
_keda_default_max := 100

deny contains {"resource": r.id, "msg": msg, "attribute": "spec.replicas"} if {
	some r in lib.resources_of_kinds(input, _scaled_kinds)
	lib.has_gpu(r)
	replicas := lib.number(r.attributes.spec.replicas)
	replicas > _limit
	msg := concat("", [
		"GPU workload ", r.id, " runs ", format_int(replicas, 10), " replicas (spec.replicas), more than max_gpu_replicas ",
		format_int(_limit, 10), " (rules/cost.yaml)",
	])
}

deny contains {"resource": hpa.id, "msg": msg, "attribute": "spec.maxReplicas"} if {
	some hpa in lib.resources_of_kind(input, "HorizontalPodAutoscaler")
	target := _gpu_target(hpa, object.get(hpa.attributes.spec.scaleTargetRef, "kind", ""))
	replicas := lib.number(hpa.attributes.spec.maxReplicas)
	replicas > _limit
	msg := _autoscaler_message(hpa, target, replicas, "spec.maxReplicas")
}

deny contains {"resource": scaler.id, "msg": msg, "attribute": attribute} if {
	some scaler in lib.resources_of_kind(input, "ScaledObject")
	target := _gpu_target(scaler, object.get(scaler.attributes.spec.scaleTargetRef, "kind", "Deployment"))
	value := object.get(scaler.attributes.spec, "maxReplicaCount", _keda_default_max)
	replicas := lib.number(value)
	replicas > _limit
	attribute := _keda_attribute(scaler)
	msg := _autoscaler_message(scaler, target, replicas, _keda_what(scaler))
}

# The GPU workload of this file that an autoscaler scales: same namespace, kind and name.
_gpu_target(scaler, kind) := min(ids) if {
	kind in _scaled_kinds
	name := scaler.attributes.spec.scaleTargetRef.name
	namespace := _namespace_of(scaler)
	ids := {target.id |
		some target in lib.resources_of_kind(input, kind)
		lib.has_gpu(target)
		target.attributes.metadata.name == name
		_namespace_of(target) == namespace
	}
	count(ids) > 0
}

_namespace_of(r) := ns if {
	ns := r.attributes.metadata.namespace
	is_string(ns)
	ns != ""
} else := "default"

_keda_attribute(scaler) := "spec.maxReplicaCount" if {
	"maxReplicaCount" in object.keys(scaler.attributes.spec)
} else := "spec"

_keda_what(scaler) := "spec.maxReplicaCount" if {
	"maxReplicaCount" in object.keys(scaler.attributes.spec)
} else := "KEDA's default maxReplicaCount"

_autoscaler_message(scaler, target, replicas, what) := concat("", [
	scaler.kind, " ", scaler.id, " can scale GPU workload ", target, " to ", format_int(replicas, 10),
	" replicas (", what, "), more than max_gpu_replicas ", format_int(_limit, 10), " (rules/cost.yaml)",
])
