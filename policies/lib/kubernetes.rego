# Helpers for Kubernetes workloads: where their pod specs, containers and node placement
# constraints are, each keyed by its attribute path so that findings point at its line.
package aiguard.lib.kubernetes

# Kinds whose pod template is `spec.template.spec`.
template_kinds := {"Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Job", "Notebook"}

# Kubeflow training job kinds and the field holding their replica specs by role.
replica_spec_fields := {"PyTorchJob": "pytorchReplicaSpecs", "TFJob": "tfReplicaSpecs", "MPIJob": "mpiReplicaSpecs"}

# Every kind `pod_specs` knows.
workload_kinds := (template_kinds | object.keys(replica_spec_fields)) | {
	"Pod", "CronJob", "InferenceService", "RayCluster", "RayJob", "RayService", "TrainJob",
}

# Node labels that pin a pod to a region (current and deprecated names).
region_labels := {"topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region"}

# Node labels that pin a pod to an instance type.
instance_type_labels := {
	"node.kubernetes.io/instance-type",
	"beta.kubernetes.io/instance-type",
	"karpenter.k8s.aws/instance-type",
}

# The pod specs of a workload, keyed by attribute path:
#   {"spec.template.spec": {...}, "spec.workerGroupSpecs.0.template.spec": {...}}
# KServe components (`spec.predictor`, ...) and Kubeflow Trainer pod overrides count as pod
# specs: they carry containers, nodeSelector and affinity. Empty for other kinds.
pod_specs(r) := _spec_at(r, ["spec"]) if r.kind == "Pod"

pod_specs(r) := _spec_at(r, ["spec", "template", "spec"]) if r.kind in template_kinds

pod_specs(r) := _spec_at(r, ["spec", "jobTemplate", "spec", "template", "spec"]) if r.kind == "CronJob"

pod_specs(r) := {path: component |
	some name in ["predictor", "transformer", "explainer"]
	component := r.attributes.spec[name]
	is_object(component)
	path := concat(".", ["spec", name])
} if r.kind == "InferenceService"

pod_specs(r) := _ray_cluster(r, ["spec"]) if r.kind == "RayCluster"

pod_specs(r) := object.union(
	_ray_cluster(r, ["spec", "rayClusterSpec"]),
	_spec_at(r, ["spec", "submitterPodTemplate", "spec"]),
) if r.kind == "RayJob"

pod_specs(r) := _ray_cluster(r, ["spec", "rayClusterConfig"]) if r.kind == "RayService"

pod_specs(r) := {path: spec |
	field := replica_spec_fields[r.kind]
	some role
	spec := r.attributes.spec[field][role].template.spec
	is_string(role)
	is_object(spec)
	path := concat(".", ["spec", field, role, "template.spec"])
} if r.kind in object.keys(replica_spec_fields)

pod_specs(r) := object.union(_spec_overrides(r), _template_overrides(r)) if r.kind == "TrainJob"

pod_specs(r) := {} if not r.kind in workload_kinds

# The pod spec where a workload's placement belongs: the KServe predictor, else the
# first pod spec by path (a Ray head group, a PyTorchJob Master); "" when there is none.
primary_pod_spec(r) := "spec.predictor" if {
	r.kind == "InferenceService"
	unit_pod_specs(r)["spec.predictor"]
} else := path if {
	specs := unit_pod_specs(r)
	paths := {p | some p; specs[p]}
	count(paths) > 0
	path := min(paths)
} else := ""

# The containers (and init containers) of a workload, keyed by attribute path:
#   {"spec.template.spec.containers.0": {"name": "app", "image": "..."}}
# A Kubeflow TrainJob's `spec.trainer` names its image like a container does.
containers(r) := _containers_in(r, pod_specs(r))

# The pod specs and containers of every workload in the unit, by resource id, computed
# once per evaluation: functions are not memoised, and many rules walk the same pod
# specs. Rules iterating the unit's workloads read these instead of calling the functions.
pod_specs_of[r.id] := pod_specs(r) if {
	some r in input.resources
	r.kind in workload_kinds
}

containers_of[r.id] := _containers_in(r, specs) if {
	some r in input.resources
	specs := pod_specs_of[r.id]
}

# pod_specs(r), looked up in pod_specs_of when `r` is a workload of the unit.
unit_pod_specs(r) := specs if {
	specs := pod_specs_of[r.id]
} else := pod_specs(r)

# containers(r), looked up in containers_of when `r` is a workload of the unit.
unit_containers(r) := found if {
	found := containers_of[r.id]
} else := containers(r)

_containers_in(r, specs) := object.union(_pod_containers(specs), _trainer(r))

_pod_containers(specs) := {path: container |
	some spec_path
	spec := specs[spec_path]
	some field in ["initContainers", "containers"]
	is_array(spec[field])
	some i
	container := spec[field][i]
	is_object(container)
	path := concat(".", [spec_path, field, format_int(i, 10)])
}

_trainer(r) := {path: trainer |
	r.kind == "TrainJob"
	trainer := r.attributes.spec.trainer
	is_object(trainer)
	path := "spec.trainer"
}

# Region placements of every workload in the unit, computed once per evaluation.
region_placements_of[r.id] := placements(r, region_labels) if {
	some r in input.resources
	r.kind in workload_kinds
}

# Node labels that pin a pod to an availability zone (current and deprecated names).
zone_labels := {"topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"}

# Zone placements of every workload in the unit, computed once per evaluation.
zone_placements_of[r.id] := placements(r, zone_labels) if {
	some r in input.resources
	r.kind in workload_kinds
}

# Where the pod specs of `r` constrain any of the node `labels`, keyed by the attribute
# path of the constraint ("<pod spec>.nodeSelector" or "<pod spec>.affinity"), each with
# the set of label values allowed there (nodeSelector values, `In` values of required
# node affinity; preferred affinity binds nothing).
placements(r, labels) := object.union(_selector_placements(r, labels), _affinity_placements(r, labels))

_selector_placements(r, labels) := {path: values |
	specs := unit_pod_specs(r)
	some spec_path
	selector := specs[spec_path].nodeSelector
	is_object(selector)
	values := {value | some label in labels; value := selector[label]}
	count(values) > 0
	path := concat("", [spec_path, ".nodeSelector"])
}

_affinity_placements(r, labels) := {path: values |
	specs := unit_pod_specs(r)
	some spec_path
	terms := specs[spec_path].affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms
	values := {value |
		some term in terms
		some expression in term.matchExpressions
		expression.key in labels
		expression.operator == "In"
		some value in expression.values
	}
	count(values) > 0
	path := concat("", [spec_path, ".affinity"])
}

_spec_at(r, path) := {concat(".", path): spec |
	spec := object.get(r.attributes, path, null)
	is_object(spec)
}

_ray_cluster(r, prefix) := object.union(
	_spec_at(r, array.concat(prefix, ["headGroupSpec", "template", "spec"])),
	{path: spec |
		workers := object.get(r.attributes, array.concat(prefix, ["workerGroupSpecs"]), [])
		is_array(workers)
		some i
		spec := workers[i].template.spec
		is_object(spec)
		path := concat(".", array.concat(prefix, ["workerGroupSpecs", format_int(i, 10), "template.spec"]))
	},
)

# Kubeflow Trainer pod overrides: `podSpecOverrides` (v2.0), `podTemplateOverrides` (later).
_spec_overrides(r) := {path: item |
	some i
	item := r.attributes.spec.podSpecOverrides[i]
	is_number(i)
	is_object(item)
	path := concat(".", ["spec.podSpecOverrides", format_int(i, 10)])
}

_template_overrides(r) := {path: spec |
	some i
	spec := r.attributes.spec.podTemplateOverrides[i].spec
	is_number(i)
	is_object(spec)
	path := concat(".", ["spec.podTemplateOverrides", format_int(i, 10), "spec"])
}
