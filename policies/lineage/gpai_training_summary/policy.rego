# METADATA
# title: GPAI models link the public summary of their training content
# description: >-
#   Providers of general-purpose AI models must draw up and make publicly available a
#   sufficiently detailed summary of the content used to train the model, following the
#   template of the AI Office (Art. 53(1)(d)), since 2 August 2025; the open-source
#   exemption of Art. 53(2) does not cover this duty. An AI resource of a GPAI provider
#   (aiguard.io/gpai gpai or systemic) must link that summary in
#   aiguard.io/training-data-summary; a missing declaration or a placeholder is a finding.
# custom:
#   id: AIG-DOC-011
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 53(1)(d)"}
#   basis: evidence
#   scope: {gpai: [gpai, systemic], role: [provider]}
#   effective_from: "2025-08-02"
#   remediation: |
#     Publish the training content summary (AI Office template) and link it:
#       tags = {
#         "aiguard.io/gpai"                  = "gpai"
#         "aiguard.io/training-data-summary" = "https://example.com/models/acme-lm-7b/training-summary"
#       }
package aiguard.rules.lineage.gpai_training_summary

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "training_data_summary")
	msg := concat("", [
		r.id, " (GPAI model provider) ", reason, " aiguard.io/training-data-summary,",
		" so nothing shows that the public summary of its training content exists",
		" (Art. 53(1)(d))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "training_data_summary"), msg)
}
