# METADATA
# title: AI resources declare their regulatory context
# description: >-
#   Which obligations of the AI Act bind an AI system depends on its risk class (prohibited
#   under Art. 5, high-risk under Art. 6 and Annexes I and III, transparency obligations
#   under Art. 50) and on the organisation's role for it (provider or deployer, Art. 3(3)-(4),
#   Art. 16 and 26). aiguard scopes its rules by these declarations, so an AI resource that
#   does not make them is itself a finding: every rule that binds only high-risk systems,
#   providers or GPAI models is silently skipped for it. Every AI resource (a kind of
#   rules/ai_resources.yaml, or anything that requests accelerators) must make the
#   declarations listed in rules/ai_act.yaml `required` (risk_class, role), as tags, labels,
#   annotations or ai_defaults, and every declaration of rules/ai_act.yaml `vocabulary` it
#   makes must use a listed value. A provider classifying an Annex III system as not
#   high-risk must document that assessment (Art. 6(4)).
# custom:
#   id: AIG-HOT-001
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 6(2)"}
#     - {name: eu-ai-act, ref: "Art. 6(4)"}
#     - {name: iso-iec-42001, ref: "A.3.2"}
#     - {name: iso-iec-42001, ref: "A.5.2"}
#   basis: practice
#   remediation: |
#     Declare the risk class and your role on every AI resource, as tags (AWS, Azure),
#     labels (GCP: aiguard-risk-class) or Kubernetes labels, or once per path in
#     .aiguard.yaml:
#       tags = {
#         "aiguard.io/risk-class" = "high"      # prohibited | high | limited | minimal
#         "aiguard.io/role"       = "provider"  # provider | deployer | importer | distributor
#       }
#       # .aiguard.yaml
#       ai_defaults:
#         - paths: ["infra/credit-scoring/**"]
#           declare: {risk_class: high, role: provider}
package aiguard.rules.oversight.ai_declarations

import data.aiguard.lib.oversight

# The required declarations an AI resource lacks, listed in one finding.
deny contains finding if {
	some r in oversight.ai_resources
	missing := [oversight.declaration_key(name) |
		some name in _required
		not oversight.declared_value(r, name)
	]
	count(missing) > 0
	msg := concat("", [
		r.id, " is an AI resource but does not declare ", concat(", ", missing),
		" (rules/ai_act.yaml required), so rules bound to a risk class or role cannot tell",
		" whether they apply to it; declare them as tags, labels or annotations, or for its",
		" path in ai_defaults of .aiguard.yaml",
	])
	finding := oversight.ai_finding(r, oversight.declarations_attribute(r), msg)
}

# A declaration of the vocabulary made with a value the vocabulary does not list.
deny contains finding if {
	some r in oversight.ai_resources
	some name, allowed in _vocabulary
	value := oversight.declared_value(r, name)
	is_array(allowed)
	values := [lower(v) | some v in allowed; is_string(v)]
	not lower(value) in values
	msg := concat("", [
		r.id, " declares ", oversight.declaration_key(name), " with a value that is not one of ",
		concat(", ", values), " (rules/ai_act.yaml vocabulary)",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, name), msg)
}

_required := [name |
	some name in data.aiguard.config.ai_act.required
	is_string(name)
]

_vocabulary := vocabulary if {
	vocabulary := data.aiguard.config.ai_act.vocabulary
	is_object(vocabulary)
} else := {}
