# METADATA
# title: Non-production KServe GPU services scale to zero
# description: >-
#   Development, test and staging model servers sit idle most of the day, and a warm
#   replica holds its GPUs all the same. A KServe InferenceService that declares an
#   environment (aiguard.io/environment as a label or annotation, or ai_defaults in
#   .aiguard.yaml; else a plain `environment` label) outside production_environments
#   (rules/cost.yaml) must let each GPU component (predictor, transformer, explainer)
#   scale to zero with minReplicas: 0; KServe keeps one replica when minReplicas is unset.
#   Services that declare no environment are not judged, since a namespace name alone does
#   not say whether a service is production, and neither are services in RawDeployment
#   (Standard) or ModelMesh mode, which cannot scale to zero through minReplicas.
# custom:
#   id: AIG-COST-020
#   severity: low
#   kinds: [InferenceService]
#   frameworks:
#     - {name: aiguard-finops, ref: "Idle GPU scale-down"}
#   basis: practice
#   remediation: |
#     Let the service scale to zero when it gets no traffic:
#       spec:
#         predictor:
#           minReplicas: 0
#           maxReplicas: 2
#     or list the environment as production in .aiguard.yaml:
#       settings:
#         cost:
#           production_environments: [production, prod, live]
package aiguard.rules.cost.kserve_scale_to_zero

import data.aiguard.lib
import data.aiguard.lib.cost

_production := {lower(name) |
	some name in data.aiguard.config.cost.production_environments
	is_string(name)
} if {
	is_array(data.aiguard.config.cost.production_environments)
} else := {"production", "prod"}

deny contains {"resource": r.id, "msg": msg, "attribute": setting.attribute} if {
	some r in lib.resources_of_kind(input, "InferenceService")
	environment := _environment(r)
	not lower(environment) in _production
	_scales_with_knative(r)
	some name in ["predictor", "transformer", "explainer"]
	component := r.attributes.spec[name]
	cost.pod_spec_requests_accelerators(component)
	path := concat(".", ["spec", name])
	setting := _min_replicas(path, component)
	setting.value > 0
	msg := concat("", [
		"GPU component ", path, " of InferenceService ", r.id, " declares a non-production environment but keeps ",
		format_int(setting.value, 10), " replica(s) warm (", setting.what, "); set minReplicas: 0 outside production",
	])
}

# The declared environment: aiguard.io/environment, else the `environment` label.
_environment(r) := value if {
	value := r.derived.ai.environment
	is_string(value)
	value != ""
} else := value if {
	value := lib.tags(r).environment
	is_string(value)
	value != ""
}

_scales_with_knative(r) if {
	not r.attributes.metadata.annotations["serving.kserve.io/deploymentMode"]
}

_scales_with_knative(r) if {
	mode := r.attributes.metadata.annotations["serving.kserve.io/deploymentMode"]
	is_string(mode)
	lower(mode) in {"serverless", "knative"}
}

# minReplicas, or KServe's default of 1 when it is not set (constants.DefaultMinReplicas,
# kserve/kserve, checked 2026-11-29); undefined when unresolved.
_min_replicas(path, component) := {"value": value, "attribute": concat(".", [path, "minReplicas"]), "what": "minReplicas"} if {
	value := lib.number(component.minReplicas)
} else := {"value": 1, "attribute": path, "what": "minReplicas not set, KServe's default is 1"} if {
	not "minReplicas" in object.keys(component)
}
