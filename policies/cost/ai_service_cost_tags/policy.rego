# METADATA
# title: Managed AI services carry cost-allocation tags
# description: >-
#   Managed AI services bill through their own resources whatever hardware they run on,
#   so their spend can only be allocated to teams and AI systems when those resources
#   carry the cost-allocation tags listed in rules/cost.yaml required_tags (the same list
#   AIG-COST-002 applies to GPU resources): SageMaker endpoints, Bedrock Provisioned
#   Throughput, Vertex AI endpoints (labels), Azure Machine Learning workspaces and Azure
#   AI services (Cognitive Services) accounts, the resource under which Azure OpenAI
#   deployments are billed. Provider-level tags (AWS default_tags, Google default_labels)
#   count; keys are compared case-insensitively and empty values do not count. One finding
#   per resource names every missing tag.
# custom:
#   id: AIG-COST-017
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_bedrock_provisioned_model_throughput, google_vertex_ai_endpoint, azurerm_machine_learning_workspace, azurerm_cognitive_account]
#   frameworks:
#     - {name: focus, ref: "Tags"}
#     - {name: aiguard-finops, ref: "Cost allocation tags"}
#   basis: practice
#   remediation: |
#     Tag the service, or set the tags once on the provider:
#       resource "aws_bedrock_provisioned_model_throughput" "claude" {
#         tags = {
#           "cost-center"          = "ml-platform"
#           "owner"                = "team-llm"
#           "aiguard.io/system-id" = "support-assistant"
#         }
#       }
#     On Vertex AI use labels (`aiguard-system-id`).
package aiguard.rules.cost.ai_service_cost_tags

import data.aiguard.lib
import data.aiguard.lib.cost

_kinds := {
	"aws_sagemaker_endpoint", "aws_bedrock_provisioned_model_throughput", "google_vertex_ai_endpoint",
	"azurerm_machine_learning_workspace", "azurerm_cognitive_account",
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in input.resources
	missing := _missing_of[r.id]
	attribute := _tag_map_attribute(r)
	msg := _missing_tags_message(r, missing)
}

deny contains {"resource": r.id, "msg": msg} if {
	some r in input.resources
	missing := _missing_of[r.id]
	not _tag_map_attribute(r)
	msg := _missing_tags_message(r, missing)
}

# The services missing required tags, with the sorted missing names, once per unit.
_missing_of[r.id] := missing if {
	some r in lib.resources_of_kinds(input, _kinds)
	missing := cost.missing_cost_tags(r)
	count(missing) > 0
}

# Where the service sets its own tags or labels, if it does.
_tag_map_attribute(r) := "tags" if {
	r.provider in {"aws", "azurerm"}
	is_object(r.attributes.tags)
}

_tag_map_attribute(r) := "labels" if {
	r.provider == "google"
	is_object(r.attributes.labels)
}

_missing_tags_message(r, missing) := concat("", [
	r.id, " lacks the cost-allocation tags ", concat(", ", missing), " (rules/cost.yaml required_tags)",
])
