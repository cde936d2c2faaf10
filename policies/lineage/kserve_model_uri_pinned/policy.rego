# METADATA
# title: KServe models are loaded from a versioned URI
# description: >-
#   The technical documentation of an AI system must state the version of the system and
#   of its relevant software, and any requirements related to version updates (EU AI Act
#   Art. 11(1), Annex IV points 1(a) and 1(c)). A KServe model loaded from `latest`, from a
#   folder that is overwritten by every training run, or from a Hugging Face branch serves
#   whatever is there when a pod starts, so the served model cannot be told from the
#   manifest and can change without a deployment. Every model URI of an InferenceService
#   (storageUri of each predictor and explainer implementation, storageUris[].uri),
#   TrainedModel (spec.model.storageUri) and LLMInferenceService (spec.model.uri) must name
#   one version as rules/lineage.yaml defines it: an element such as v3, 1.0, a commit or
#   revision hash, a run date, or a digest for oci:// modelcars; never latest. URIs with a
#   `${...}` placeholder substituted at deploy time are not judged.
# custom:
#   id: AIG-DOC-002
#   severity: medium
#   kinds: [InferenceService, TrainedModel, LLMInferenceService]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 11(1)"}
#     - {name: eu-ai-act, ref: "Annex IV point 1(a)"}
#     - {name: eu-ai-act, ref: "Annex IV point 1(c)"}
#   basis: practice
#   remediation: |
#     Point at an immutable version of the model:
#       spec:
#         predictor:
#           model:
#             modelFormat: {name: sklearn}
#             storageUri: gs://acme-models/fraud/v7/
#     Hugging Face: hf://meta-llama/Llama-3.1-8B-Instruct:<40-hex revision>;
#     modelcars: oci://registry.example.com/models/llama@sha256:<64 hex digits>.
package aiguard.rules.lineage.kserve_model_uri_pinned

import data.aiguard.lib
import data.aiguard.lib.oversight

_kinds := {"InferenceService", "TrainedModel", "LLMInferenceService"}

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kinds(input, _kinds)
	some path, uri in _model_uris(r)
	not oversight.uri_unresolved(uri)
	reason := oversight.uri_unpinned_reason(uri)
	msg := concat("", [
		r.kind, " ", r.id, " loads its model from a URI (", path, ") that does not name one",
		" version: ", reason,
	])
}

# Model URIs by attribute path.
_model_uris(r) := object.union(_implementation_uris(r), _listed_uris(r)) if r.kind == "InferenceService"

_model_uris(r) := {"spec.model.storageUri": uri} if {
	r.kind == "TrainedModel"
	uri := r.attributes.spec.model.storageUri
	is_string(uri)
}

_model_uris(r) := {"spec.model.uri": uri} if {
	r.kind == "LLMInferenceService"
	uri := r.attributes.spec.model.uri
	is_string(uri)
}

# storageUri of each implementation of a component: spec.predictor.model, .sklearn, ...
_implementation_uris(r) := {path: uri |
	some component in ["predictor", "explainer"]
	spec := r.attributes.spec[component]
	is_object(spec)
	some implementation
	uri := spec[implementation].storageUri
	is_string(implementation)
	is_string(uri)
	path := concat(".", ["spec", component, implementation, "storageUri"])
}

# spec.predictor.storageUris[i].uri (KServe multiple storage URIs).
_listed_uris(r) := {path: uri |
	some component in ["predictor", "explainer"]
	some i
	uri := r.attributes.spec[component].storageUris[i].uri
	is_number(i)
	is_string(uri)
	path := concat(".", ["spec", component, "storageUris", format_int(i, 10), "uri"])
}
