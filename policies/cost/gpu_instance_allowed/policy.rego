# METADATA
# title: GPU instance types are on the approved list
# description: >-
#   GPU instances are the largest line in most AI bills, and older or premium families
#   cost far more per unit of work. Every resource that requests accelerators and names
#   its instance or machine type (EC2 instances and launch templates, EKS node groups,
#   SageMaker endpoints, GKE node pools, Compute Engine instances, AKS node pools, Azure ML
#   compute clusters and VMs, Kubernetes workloads with an instance-type node selector)
#   must use a type matching allowed_gpu_instance_types in rules/cost.yaml (glob patterns,
#   compared lower-case).
# custom:
#   id: AIG-COST-001
#   severity: medium
#   kinds: [aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, aws_sagemaker_endpoint_configuration, google_compute_instance, google_container_node_pool, azurerm_kubernetes_cluster_node_pool, azurerm_machine_learning_compute_cluster, azurerm_linux_virtual_machine, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Notebook, InferenceService, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob, TrainJob]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU catalogue"}
#   basis: practice
#   remediation: |
#     Use an approved instance type, for example:
#       instance_types = ["g6e.xlarge"]            # EKS node group
#       machine_type   = "g2-standard-8"           # GKE node pool node_config
#       vm_size        = "Standard_NC24ads_A100_v4" # AKS node pool
#     or approve the type for your organisation in .aiguard.yaml:
#       settings:
#         cost:
#           allowed_gpu_instance_types: ["g5.*", "p5.*", "ml.g5.*"]
package aiguard.rules.cost.gpu_instance_allowed

import data.aiguard.lib
import data.aiguard.lib.kubernetes

_terraform_kinds := {
	"aws_instance", "aws_launch_template", "aws_eks_node_group", "aws_autoscaling_group",
	"aws_sagemaker_endpoint_configuration", "google_compute_instance", "google_container_node_pool",
	"azurerm_kubernetes_cluster_node_pool", "azurerm_machine_learning_compute_cluster",
	"azurerm_linux_virtual_machine",
}

_kinds := _terraform_kinds | kubernetes.workload_kinds

# Where each kind names its instance type (one attribute per kind).
_type_attributes := {
	"aws_instance": "instance_type",
	"aws_launch_template": "instance_type",
	"aws_eks_node_group": "instance_types",
	"google_compute_instance": "machine_type",
	"google_container_node_pool": "node_config.0.machine_type",
	"azurerm_kubernetes_cluster_node_pool": "vm_size",
	"azurerm_machine_learning_compute_cluster": "vm_size",
	"azurerm_linux_virtual_machine": "size",
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in _unapproved
	attribute := _attribute_of[r.id]
	msg := _unapproved_message(r)
}

deny contains {"resource": r.id, "msg": msg} if {
	some r in _unapproved
	not _attribute_of[r.id]
	msg := _unapproved_message(r)
}

_unapproved := [r |
	some r in lib.resources_of_kinds(input, _kinds)
	lib.has_gpu(r)
	is_string(r.derived.instance_type)
	r.derived.instance_type in _unapproved_types
]

# The GPU instance types of the unit that allowed_gpu_instance_types does not approve, each
# matched once against the patterns.
_unapproved_types := {instance_type |
	some instance_type in {r.derived.instance_type | some r in input.resources}
	is_string(instance_type)
	not _approved(instance_type)
}

# Where each unapproved resource names its instance type, once per unit.
_attribute_of[r.id] := attribute if {
	some r in _unapproved
	attribute := _type_attribute(r, r.derived.instance_type)
}

_approved(instance_type) if {
	some pattern in data.aiguard.config.cost.allowed_gpu_instance_types
	is_string(pattern)
	glob.match(lower(pattern), ["."], lower(instance_type))
}

_type_attribute(r, _) := _type_attributes[r.kind]

# The production variant with that instance type.
_type_attribute(r, instance_type) := min(paths) if {
	r.kind == "aws_sagemaker_endpoint_configuration"
	paths := {path |
		some i
		variant_type := r.attributes.production_variants[i].instance_type
		is_number(i)
		is_string(variant_type)
		lower(variant_type) == lower(instance_type)
		path := concat(".", ["production_variants", format_int(i, 10), "instance_type"])
	}
	count(paths) > 0
}

# The nodeSelector or affinity that pins the pods to that instance type.
_type_attribute(r, instance_type) := min(paths) if {
	r.provider == "kubernetes"
	paths := {path |
		some path
		values := kubernetes.placements(r, kubernetes.instance_type_labels)[path]
		instance_type in values
	}
	count(paths) > 0
}

_unapproved_message(r) := concat("", [
	r.id, " uses GPU instance type ", r.derived.instance_type,
	", which is not in allowed_gpu_instance_types (rules/cost.yaml)",
])
