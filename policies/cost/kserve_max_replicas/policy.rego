# METADATA
# title: KServe GPU services have an explicit replica ceiling
# description: >-
#   A KServe InferenceService component (predictor, transformer, explainer) that requests
#   accelerators must state how far it may scale, no further than max_gpu_replicas
#   (rules/cost.yaml). In Serverless (Knative) mode, the default unless the
#   serving.kserve.io/deploymentMode annotation says otherwise, KServe sets no Knative
#   max-scale when maxReplicas is unset or 0, so a traffic spike or a retry storm can add
#   GPU pods without limit unless the cluster-wide Knative max-scale happens to be set;
#   an autoscaling.knative.dev/max-scale annotation on the InferenceService or component
#   also bounds it. In RawDeployment (Standard) mode KServe caps the HPA at minReplicas
#   when maxReplicas is unset, so there minReplicas is the ceiling. ModelMesh services are
#   not judged.
# custom:
#   id: AIG-COST-008
#   severity: medium
#   kinds: [InferenceService]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU autoscaling ceiling"}
#   basis: practice
#   remediation: |
#     Give every GPU component an explicit ceiling within the limit:
#       spec:
#         predictor:
#           minReplicas: 0
#           maxReplicas: 4
#     or raise the limit for your organisation in .aiguard.yaml:
#       settings:
#         cost:
#           max_gpu_replicas: 16
package aiguard.rules.cost.kserve_max_replicas

import data.aiguard.lib
import data.aiguard.lib.cost

# The most pods one GPU component may run (rules/cost.yaml).
_limit := n if {
	n := data.aiguard.config.cost.max_gpu_replicas
	is_number(n)
} else := 8

_max_scale_annotation := "autoscaling.knative.dev/max-scale"

deny contains {"resource": r.id, "msg": msg, "attribute": concat(".", [path, "maxReplicas"])} if {
	some r in lib.resources_of_kind(input, "InferenceService")
	some path, component in _gpu_components(r)
	replicas := lib.number(component.maxReplicas)
	replicas > _limit
	msg := _component_above_limit(r, path, replicas, "maxReplicas")
}

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kind(input, "InferenceService")
	some path, component in _gpu_components(r)
	not _has_maximum(component)
	_knative_mode(r)
	not _max_scale(r, path, component)
	msg := concat("", [
		"GPU component ", path, " of InferenceService ", r.id, " sets no maxReplicas, so Knative may add GPU pods",
		" without limit; set maxReplicas no larger than max_gpu_replicas ", format_int(_limit, 10),
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "InferenceService")
	some path, component in _gpu_components(r)
	not _has_maximum(component)
	_knative_mode(r)
	scale := _max_scale(r, path, component)
	scale.value > _limit
	attribute := scale.attribute
	msg := _component_above_limit(r, path, scale.value, _max_scale_annotation)
}

deny contains {"resource": r.id, "msg": msg, "attribute": concat(".", [path, "minReplicas"])} if {
	some r in lib.resources_of_kind(input, "InferenceService")
	some path, component in _gpu_components(r)
	not _has_maximum(component)
	_raw_mode(r)
	replicas := lib.number(component.minReplicas)
	replicas > _limit
	msg := _component_above_limit(r, path, replicas, "minReplicas, the ceiling in RawDeployment mode without maxReplicas")
}

# The components of an InferenceService that request accelerators, by attribute path.
_gpu_components(r) := {path: component |
	some name in ["predictor", "transformer", "explainer"]
	component := r.attributes.spec[name]
	cost.pod_spec_requests_accelerators(component)
	path := concat(".", ["spec", name])
}

# maxReplicas 0 means "no ceiling" to KServe: its Knative reconciler sets the max-scale
# annotation only when maxReplicas is not 0, and its raw HPA reconciler raises a maximum
# below minReplicas to minReplicas (kserve/kserve pkg/controller/v1beta1/inferenceservice/
# reconcilers, checked 2026-11-29).
_has_maximum(component) if lib.number(component.maxReplicas) > 0

_has_maximum(component) if lib.is_unresolved(component.maxReplicas)

_deployment_mode(r) := lower(mode) if {
	mode := r.attributes.metadata.annotations["serving.kserve.io/deploymentMode"]
	is_string(mode)
} else := ""

_knative_mode(r) if _deployment_mode(r) in {"", "serverless", "knative"}

_raw_mode(r) if _deployment_mode(r) in {"rawdeployment", "standard"}

# A Knative max-scale annotation on the component (it wins) or on the InferenceService,
# with the attribute path that holds it.
_max_scale(r, path, component) := {"value": value, "attribute": concat(".", [path, "annotations", _max_scale_annotation])} if {
	value := lib.number(component.annotations[_max_scale_annotation])
	value > 0
} else := {"value": value, "attribute": concat(".", ["metadata.annotations", _max_scale_annotation])} if {
	value := lib.number(r.attributes.metadata.annotations[_max_scale_annotation])
	value > 0
}

_component_above_limit(r, path, replicas, what) := concat("", [
	"GPU component ", path, " of InferenceService ", r.id, " can scale to ", format_int(replicas, 10), " replicas (",
	what, "), more than max_gpu_replicas ", format_int(_limit, 10), " (rules/cost.yaml)",
])
