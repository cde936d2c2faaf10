# METADATA
# title: KubeRay GPU worker groups have a bounded size
# description: >-
#   Each KubeRay worker group that requests accelerators (in a RayCluster, or the cluster
#   a RayJob or RayService creates) may run at most max_gpu_replicas pods (rules/cost.yaml),
#   counting numOfHosts pods per replica for multi-host groups. With Ray autoscaling
#   (enableInTreeAutoscaling: true) the ceiling is the group's maxReplicas, which must be
#   set: the KubeRay CRD defaults it to 2147483647, so the Ray autoscaler would add GPU
#   workers for as long as tasks queue. Without autoscaling the fixed replicas count.
# custom:
#   id: AIG-COST-009
#   severity: medium
#   kinds: [RayCluster, RayJob, RayService]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU autoscaling ceiling"}
#   basis: practice
#   remediation: |
#     Bound every GPU worker group within the limit:
#       workerGroupSpecs:
#         - groupName: a100
#           replicas: 0
#           minReplicas: 0
#           maxReplicas: 4
#     or raise the limit for your organisation in .aiguard.yaml:
#       settings:
#         cost:
#           max_gpu_replicas: 16
package aiguard.rules.cost.ray_worker_max_replicas

import data.aiguard.lib
import data.aiguard.lib.cost

# The most pods one GPU worker group may run (rules/cost.yaml).
_limit := n if {
	n := data.aiguard.config.cost.max_gpu_replicas
	is_number(n)
} else := 8

# Where each kind keeps its Ray cluster spec.
_cluster_paths := {"RayCluster": ["spec"], "RayJob": ["spec", "rayClusterSpec"], "RayService": ["spec", "rayClusterConfig"]}

# Without maxReplicas the KubeRay CRD default applies: 2147483647 (KubeRay RayCluster CRD,
# workerGroupSpecs[].maxReplicas, checked 2026-11-29).
deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kinds(input, object.keys(_cluster_paths))
	some path, group in _gpu_worker_groups(r)
	_autoscaling(r)
	not "maxReplicas" in object.keys(group)
	msg := concat("", [
		"GPU worker group ", _group_name(group), " of ", r.id, " autoscales without maxReplicas (KubeRay defaults",
		" it to 2147483647); set one no larger than max_gpu_replicas ", format_int(_limit, 10),
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": concat(".", [path, field])} if {
	some r in lib.resources_of_kinds(input, object.keys(_cluster_paths))
	some path, group in _gpu_worker_groups(r)
	field := _ceiling_field(r)
	pods := lib.number(group[field]) * _hosts(group)
	pods > _limit
	msg := concat("", [
		"GPU worker group ", _group_name(group), " of ", r.id, " can run ", format_int(pods, 10), " pods (", field,
		_per_host(group), "), more than max_gpu_replicas ", format_int(_limit, 10), " (rules/cost.yaml)",
	])
}

# The cluster spec of a Ray kind.
_ray_cluster_spec(r) := spec if {
	spec := object.get(r.attributes, _cluster_paths[r.kind], null)
	is_object(spec)
}

_autoscaling(r) if _ray_cluster_spec(r).enableInTreeAutoscaling == true

_ceiling_field(r) := "maxReplicas" if _autoscaling(r)

_ceiling_field(r) := "replicas" if not _autoscaling(r)

# The worker groups whose pods request accelerators, by attribute path.
_gpu_worker_groups(r) := {path: group |
	some i
	group := groups[i]
	is_number(i)
	is_object(group)
	cost.pod_spec_requests_accelerators(group.template.spec)
	path := concat(".", array.concat(prefix, ["workerGroupSpecs", format_int(i, 10)]))
} if {
	prefix := _cluster_paths[r.kind]
	groups := _ray_cluster_spec(r).workerGroupSpecs
	is_array(groups)
}

_hosts(group) := n if {
	n := lib.number(group.numOfHosts)
	n > 0
} else := 1

_per_host(group) := concat("", [" x ", format_int(_hosts(group), 10), " numOfHosts"]) if {
	_hosts(group) > 1
} else := ""

_group_name(group) := group.groupName if {
	is_string(group.groupName)
} else := "(unnamed)"
