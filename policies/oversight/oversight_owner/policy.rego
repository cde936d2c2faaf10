# METADATA
# title: High-risk AI systems name a human oversight owner
# description: >-
#   High-risk AI systems must be designed so that natural persons can effectively oversee
#   them while they are in use (Art. 14(1)), and deployers must assign that oversight to
#   natural persons who have the necessary competence, training and authority (Art. 26(2)).
#   An AI resource declared high-risk must therefore name who oversees it in the
#   declaration aiguard.io/oversight-owner (a person, role mailbox or team id); a missing
#   declaration, or a placeholder such as TBD (rules/ai_act.yaml placeholder_values), is a
#   finding. The declaration evidences the assignment; it does not prove the person's
#   competence or authority.
# custom:
#   id: AIG-HOT-003
#   severity: high
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 14(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(2)"}
#     - {name: iso-iec-42001, ref: "A.3.2"}
#   basis: evidence
#   scope: {risk_class: [high]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Name the person or function responsible for overseeing the system:
#       tags = {
#         "aiguard.io/risk-class"      = "high"
#         "aiguard.io/oversight-owner" = "credit-risk-oversight@example.com"
#       }
#     In Kubernetes use an annotation (label values cannot hold "@"); on GCP a label
#     value such as `aiguard-oversight-owner = "credit-risk-team"`.
package aiguard.rules.oversight.oversight_owner

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "oversight_owner")
	msg := concat("", [
		r.id, " (high-risk) ", reason, " aiguard.io/oversight-owner, so no natural person is",
		" named to oversee the system (Art. 14(1), Art. 26(2))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "oversight_owner"), msg)
}
