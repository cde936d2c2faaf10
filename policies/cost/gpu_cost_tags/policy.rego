# METADATA
# title: GPU resources carry cost-allocation tags
# description: >-
#   GPU spend can only be allocated to teams and AI systems when every GPU resource
#   carries the cost-allocation tags (AWS and Azure tags, GCP labels, Kubernetes labels)
#   listed in rules/cost.yaml required_tags, with non-empty values. Provider-level tags
#   (AWS default_tags, Google default_labels) count, and so do a GKE node pool's
#   node_config resource_labels. Each required entry is a key or a
#   list of alternative keys (GCP labels cannot contain "." or "/", so
#   aiguard.io/system-id may be written aiguard-system-id); keys are compared
#   case-insensitively. One finding per resource names every missing tag.
# custom:
#   id: AIG-COST-002
#   severity: medium
#   kinds: [aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, aws_sagemaker_endpoint_configuration, google_compute_instance, google_container_node_pool, azurerm_kubernetes_cluster_node_pool, azurerm_machine_learning_compute_cluster, azurerm_linux_virtual_machine, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Notebook, InferenceService, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob, TrainJob]
#   frameworks:
#     - {name: focus, ref: "Tags"}
#   basis: practice
#   remediation: |
#     Tag every GPU resource, or set the tags once on the provider:
#       provider "aws" {
#         default_tags {
#           tags = {
#             "cost-center"          = "ml-platform"
#             "owner"                = "team-llm"
#             "aiguard.io/system-id" = "support-assistant"
#           }
#         }
#       }
#     On GCP use labels (`aiguard-system-id`); in Kubernetes use metadata.labels.
package aiguard.rules.cost.gpu_cost_tags

import data.aiguard.lib
import data.aiguard.lib.cost
import data.aiguard.lib.kubernetes

_kinds := {
	"aws_instance", "aws_launch_template", "aws_eks_node_group", "aws_autoscaling_group",
	"aws_sagemaker_endpoint_configuration", "google_compute_instance", "google_container_node_pool",
	"azurerm_kubernetes_cluster_node_pool", "azurerm_machine_learning_compute_cluster",
	"azurerm_linux_virtual_machine",
} | kubernetes.workload_kinds

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in input.resources
	missing := _missing_of[r.id]
	attribute := _attribute_of[r.id]
	msg := _untagged_message(r, missing)
}

deny contains {"resource": r.id, "msg": msg} if {
	some r in input.resources
	missing := _missing_of[r.id]
	not _attribute_of[r.id]
	msg := _untagged_message(r, missing)
}

# Where each untagged resource sets its own tags or labels, if it does, once per unit.
_attribute_of[r.id] := attribute if {
	some r in input.resources
	_missing_of[r.id]
	attribute := _tags_attribute(r)
}

# GPU resources missing required tags, each with the sorted missing names, once per unit.
_missing_of[r.id] := missing if {
	some r in lib.resources_of_kinds(input, _kinds)
	lib.has_gpu(r)
	missing := cost.missing_tags(_tag_keys(r))
	count(missing) > 0
}

# Lower-cased keys of the non-empty tags. An autoscaling group's `tag` blocks and a GKE
# node pool's node_config resource_labels (the labels its VMs carry in billing) count too.
_tag_keys(r) := (cost.present_tag_keys(r) | {lower(block.key) |
	r.kind == "aws_autoscaling_group"
	some block in r.attributes.tag
	is_string(block.key)
	is_string(block.value)
	block.value != ""
}) | {lower(key) |
	r.kind == "google_container_node_pool"
	some key
	value := r.attributes.node_config[0].resource_labels[key]
	is_string(value)
	value != ""
}

# Where the resource sets its own tags or labels, if it does.
_tags_attribute(r) := "tags" if {
	r.provider in {"aws", "azurerm"}
	is_object(r.attributes.tags)
}

_tags_attribute(r) := "labels" if {
	r.provider == "google"
	r.kind != "google_container_node_pool"
	is_object(r.attributes.labels)
}

_tags_attribute(r) := "node_config.0.resource_labels" if {
	r.kind == "google_container_node_pool"
	is_object(r.attributes.node_config[0].resource_labels)
}

_tags_attribute(r) := "metadata.labels" if {
	r.provider == "kubernetes"
	is_object(r.attributes.metadata.labels)
}

_untagged_message(r, missing) := concat("", [
	r.id, " runs on GPUs but lacks the cost-allocation tags ", concat(", ", missing),
	" (rules/cost.yaml required_tags)",
])
