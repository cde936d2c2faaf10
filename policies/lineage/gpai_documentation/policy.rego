# METADATA
# title: GPAI models link their technical documentation
# description: >-
#   Providers of general-purpose AI models must draw up and keep up to date the model's
#   technical documentation, including its training and testing process and evaluation
#   results, for the AI Office and national authorities (Art. 53(1)(a), Annex XI), and
#   information for providers of AI systems that integrate the model (Art. 53(1)(b), Annex
#   XII), since 2 August 2025. An AI resource of a GPAI provider (aiguard.io/gpai gpai or
#   systemic) must link that documentation in aiguard.io/technical-documentation; a missing
#   declaration or a placeholder is a finding. Models released under a free and open-source
#   licence whose parameters are public are exempt unless they have systemic risk (Art.
#   53(2)): record such a case as a waiver.
# custom:
#   id: AIG-DOC-010
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 53(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 53(1)(b)"}
#     - {name: eu-ai-act, ref: "Annex XI"}
#   basis: evidence
#   scope: {gpai: [gpai, systemic], role: [provider]}
#   effective_from: "2025-08-02"
#   remediation: |
#     Link the model's Annex XI documentation:
#       tags = {
#         "aiguard.io/gpai"                    = "gpai"
#         "aiguard.io/technical-documentation" = "https://docs.example.com/models/acme-lm-7b/annex-xi"
#       }
package aiguard.rules.lineage.gpai_documentation

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "technical_documentation")
	msg := concat("", [
		r.id, " (GPAI model provider) ", reason, " aiguard.io/technical-documentation,",
		" so the model's Annex XI documentation cannot be found from it",
		" (Art. 53(1)(a))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "technical_documentation"), msg)
}
