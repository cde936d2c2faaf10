# Helpers for the cost guardrails (AIG-COST-*): accelerator requests in Kubernetes
# resources blocks, workload declarations on node pools, spot placement, required
# cost-allocation tags, and the join of SageMaker endpoints, their configurations and
# their autoscaling targets.
package aiguard.lib.cost

import data.aiguard.lib
import data.aiguard.lib.kubernetes

# --- accelerators ---------------------------------------------------------------------

# Extended resource names that request accelerators (rules/gpu_catalogue.yaml
# resource_names); nvidia.com/gpu alone when the catalogue is not loaded.
accelerator_names := {name |
	some name in data.aiguard.config.gpu_catalogue.resource_names
	is_string(name)
} if {
	is_array(data.aiguard.config.gpu_catalogue.resource_names)
} else := {"nvidia.com/gpu"}

# True when a container `resources` block requests or limits at least one accelerator.
requests_accelerators(resources) if {
	is_object(resources)
	some field in ["limits", "requests"]
	quantities := resources[field]
	is_object(quantities)
	some name in accelerator_names
	lib.number(quantities[name]) > 0
}

# True when some container of a pod spec (or KServe component) requests accelerators,
# directly or, for KServe, through its framework block (`model`, `huggingface`, ...).
pod_spec_requests_accelerators(spec) if {
	some container in spec.containers
	requests_accelerators(container.resources)
}

pod_spec_requests_accelerators(spec) if {
	is_object(spec)
	some block in spec
	is_object(block)
	requests_accelerators(block.resources)
}

# The `resources` blocks of a Kubernetes workload, keyed by attribute path: each
# container's and init container's (`<container>.resources`), each KServe component's
# framework block (`spec.predictor.model.resources`), and a Kubeflow TrainJob's
# `spec.trainer.resourcesPerNode`.
resource_blocks(r) := object.union(object.union(_container_resource_blocks(r), _kserve_resource_blocks(r)), _trainer_resource_blocks(r))

_container_resource_blocks(r) := {path: resources |
	containers := kubernetes.unit_containers(r)
	some container_path
	resources := containers[container_path].resources
	is_object(resources)
	path := concat("", [container_path, ".resources"])
}

_kserve_resource_blocks(r) := {path: resources |
	r.kind == "InferenceService"
	some component_name in ["predictor", "transformer", "explainer"]
	component := r.attributes.spec[component_name]
	is_object(component)
	some child
	resources := component[child].resources
	is_string(child)
	is_object(resources)
	path := concat(".", ["spec", component_name, child, "resources"])
}

_trainer_resource_blocks(r) := {"spec.trainer.resourcesPerNode": resources |
	r.kind == "TrainJob"
	resources := r.attributes.spec.trainer.resourcesPerNode
	is_object(resources)
}

# GPU and accelerator instance types (rules/gpu_catalogue.yaml instance_types; SageMaker
# `ml.` types map to the EC2 type without the prefix).
# object.get on a local, not data...instance_types[<expression>]: regopy takes ~10 ms for that.
gpu_instance_type(instance_type) if {
	is_string(instance_type)
	types := data.aiguard.config.gpu_catalogue.instance_types
	is_object(types)
	entry := object.get(types, trim_prefix(lower(instance_type), "ml."), null)
	entry.count > 0
}

# --- declarations ---------------------------------------------------------------------

# The spellings of an aiguard declaration as tag, label or GCP label keys (the prefixes
# aiguard/derive.py reads), by declaration name.
_declaration_keys := {
	"workload": {"aiguard.io/workload", "aiguard:workload", "aiguard-workload", "aiguard_workload"},
	"interruptible": {"aiguard.io/interruptible", "aiguard:interruptible", "aiguard-interruptible", "aiguard_interruptible"},
}

# The lower-cased values a resource declares for `name` (`workload`, `interruptible`): its
# own tags, labels and annotations (derived.ai), and for node pools the Kubernetes labels
# and GCP resource labels its nodes get (EKS labels, GKE node_config labels and
# resource_labels, AKS node_labels), which aiguard/derive.py does not read.
declared_values(r, name) := _own_declaration(object.get(r, ["derived", "ai", name], null)) | _node_label_declarations(r, object.get(_declaration_keys, name, set()))

# True when the resource declares aiguard.io/workload: training.
declares_training(r) if "training" in declared_values(r, "workload")

_own_declaration(value) := {lower(value)} if {
	is_string(value)
} else := set()

_node_label_declarations(r, keys) := {lower(value) |
	some labels in _node_label_maps(r)
	some key
	value := labels[key]
	is_string(key)
	lower(key) in keys
	is_string(value)
}

_node_label_maps(r) := [labels |
	some labels in [
		object.get(r.attributes, "labels", null),
		object.get(r.attributes, "node_labels", null),
		object.get(node_config, "labels", null),
		object.get(node_config, "resource_labels", null),
	]
	is_object(labels)
] if {
	r.provider != "kubernetes"
	node_config := _first_node_config(r)
}

_node_label_maps(r) := [] if r.provider == "kubernetes"

_first_node_config(r) := config if {
	config := r.attributes.node_config[0]
	is_object(config)
} else := {}

# --- spot placement -------------------------------------------------------------------

# Node label -> lower-cased values that mean spot or preemptible capacity
# (rules/cost.yaml spot_node_labels).
_spot_labels := {label: values |
	some label
	listed := data.aiguard.config.cost.spot_node_labels[label]
	is_array(listed)
	values := {lower(value) | some value in listed; is_string(value)}
}

# Where the pod specs of a Kubernetes workload require spot capacity, by attribute path:
# a nodeSelector entry (`<pod spec>.nodeSelector.<label>`) or required node affinity
# (`<pod spec>.affinity`) whose value for a spot label is a spot value.
spot_placements(r) := _spot_selectors(r) | _spot_affinities(r)

_spot_selectors(r) := {path |
	specs := kubernetes.unit_pod_specs(r)
	some spec_path
	selector := specs[spec_path].nodeSelector
	is_object(selector)
	some label
	value := selector[label]
	is_string(value)
	lower(value) in object.get(_spot_labels, label, set())
	path := concat("", [spec_path, ".nodeSelector.", label])
}

_spot_affinities(r) := {path |
	specs := kubernetes.unit_pod_specs(r)
	some spec_path
	terms := specs[spec_path].affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms
	some term in terms
	some expression in term.matchExpressions
	expression.operator == "In"
	allowed := object.get(_spot_labels, expression.key, set())
	some value in expression.values
	is_string(value)
	lower(value) in allowed
	path := concat("", [spec_path, ".affinity"])
}

# --- cost-allocation tags -------------------------------------------------------------

# The required_tags of rules/cost.yaml a resource lacks, by reported name (the first
# alternative of an entry), sorted. Keys compare case-insensitively; empty values do not
# count; provider default tags and labels count (derived.tags merges them).
missing_cost_tags(r) := missing_tags(present_tag_keys(r))

# The required_tags entries missing from a set of lower-cased tag keys, by reported name,
# sorted: the tag check of AIG-COST-002 and AIG-COST-017.
missing_tags(keys) := sort([entry.name |
	some entry in required_tag_entries
	count([key | some key in entry.keys; key in keys]) == 0
])

# Each entry of required_tags (a key, or a list of alternative keys) as its reported name
# (the first alternative) and its lower-cased alternatives, computed once per evaluation.
required_tag_entries := [{"name": alternatives[0], "keys": [lower(key) | some key in alternatives]} |
	some entry in _required_tag_config
	alternatives := _tag_alternatives(entry)
	count(alternatives) > 0
]

_required_tag_config := entries if {
	entries := data.aiguard.config.cost.required_tags
	is_array(entries)
} else := []

_tag_alternatives(entry) := [entry] if is_string(entry)

_tag_alternatives(entry) := [key | some key in entry; is_string(key)] if is_array(entry)

# Lower-cased keys of the non-empty merged tags or labels of a resource.
present_tag_keys(r) := {lower(key) |
	some key
	value := lib.tags(r)[key]
	is_string(value)
	value != ""
}

# --- SageMaker endpoints --------------------------------------------------------------

# The production variants on GPU or accelerator instances of every endpoint configuration
# in the unit, by configuration id: [{"index": 0, "name": "primary", "variant": {...}}].
sagemaker_gpu_variants[r.id] := variants if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	variants := [{"index": i, "name": object.get(variant, "variant_name", ""), "variant": variant} |
		some i
		variant := r.attributes.production_variants[i]
		is_number(i)
		is_object(variant)
		gpu_instance_type(variant.instance_type)
	]
	count(variants) > 0
}

# How a message names a variant: its variant_name, else "#<index>".
sagemaker_variant_label(entry) := entry.name if {
	is_string(entry.name)
	entry.name != ""
	not lib.is_unresolved(entry.name)
} else := concat("", ["#", format_int(entry.index, 10)])

# The endpoint configuration each endpoint uses, by endpoint id, when it is in the unit
# (referenced as aws_sagemaker_endpoint_configuration.x.name, or the same literal name).
sagemaker_endpoint_configs[e.id] := min(ids) if {
	some e in lib.resources_of_kind(input, "aws_sagemaker_endpoint")
	ids := _sagemaker_named(e.attributes.endpoint_config_name, "aws_sagemaker_endpoint_configuration")
	count(ids) > 0
}

# What each SageMaker variant autoscaling target scales, by target id: the endpoint id and
# the variant name ("" when the variant part of resource_id is not a literal, so it may
# be any variant). Targets of endpoints outside the unit are left out.
sagemaker_target_variants[t.id] := {"endpoint": min(ids), "variant": variant} if {
	some t in _sagemaker_targets
	parts := _sagemaker_resource_id(t.attributes.resource_id)
	ids := _sagemaker_named(parts[1], "aws_sagemaker_endpoint")
	count(ids) > 0
	variant := _literal_or_any(parts[3])
}

# Variant autoscaling targets whose endpoint cannot be told (resource_id built from a
# variable, a local or a resource outside the unit): while one exists, a GPU variant
# without a known target may still be autoscaled, so AIG-COST-019 does not judge.
sagemaker_unknown_targets := {t.id |
	some t in _sagemaker_targets
	not _known_or_foreign(t)
}

_sagemaker_targets := [t |
	some t in lib.resources_of_kind(input, "aws_appautoscaling_target")
	t.attributes.service_namespace == "sagemaker"
	t.attributes.scalable_dimension == "sagemaker:variant:DesiredInstanceCount"
]

# resource_id = "endpoint/<endpoint name>/variant/<variant name>", split in four.
_sagemaker_resource_id(value) := parts if {
	is_string(value)
	parts := split(value, "/")
	count(parts) == 4
	parts[0] == "endpoint"
	parts[2] == "variant"
}

# Known: it names an endpoint of the unit. Foreign: it names a literal endpoint that is
# not in the unit, so it cannot scale one that is.
_known_or_foreign(t) if sagemaker_target_variants[t.id]

_known_or_foreign(t) if {
	parts := _sagemaker_resource_id(t.attributes.resource_id)
	not contains(parts[1], "${")
}

_literal_or_any(value) := value if {
	not contains(value, "${")
} else := ""

# Ids of the resources of `kind` that `value` names: a whole-value reference to one
# (${aws_sagemaker_endpoint.e.name}), or its literal `name`.
_sagemaker_named(value, kind) := {r.id |
	some r in lib.resources_of_kind(input, kind)
	_names(value, r)
}

_names(value, r) if lib.referenced_id(value) == r.id

_names(value, r) if {
	is_string(value)
	not contains(value, "${")
	value == r.attributes.name
}
