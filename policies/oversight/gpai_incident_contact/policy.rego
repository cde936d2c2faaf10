# METADATA
# title: GPAI models with systemic risk name a serious-incident contact
# description: >-
#   Providers of general-purpose AI models with systemic risk must keep track of, document
#   and report without undue delay to the AI Office, and as appropriate to national
#   competent authorities, relevant information about serious incidents and possible
#   corrective measures (Art. 55(1)(c)), since 2 August 2025 (Art. 113(b)). An AI resource
#   of such a provider (aiguard.io/gpai systemic, role provider) must name who does this in
#   aiguard.io/incident-contact (a mailbox or team id); a missing declaration or a
#   placeholder is a finding.
# custom:
#   id: AIG-HOT-008
#   severity: high
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 55(1)(c)"}
#     - {name: iso-iec-42001, ref: "A.8.4"}
#   basis: evidence
#   scope: {gpai: [systemic], role: [provider]}
#   effective_from: "2025-08-02"
#   remediation: |
#     Name the team that tracks and reports serious incidents to the AI Office:
#       tags = {
#         "aiguard.io/gpai"             = "systemic"
#         "aiguard.io/incident-contact" = "ai-incidents@example.com"
#       }
package aiguard.rules.oversight.gpai_incident_contact

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "incident_contact")
	msg := concat("", [
		r.id, " (GPAI model with systemic risk) ", reason, " aiguard.io/incident-contact, so",
		" nobody is named to report serious incidents to the AI Office (Art. 55(1)(c))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "incident_contact"), msg)
}
