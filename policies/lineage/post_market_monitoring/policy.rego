# METADATA
# title: High-risk AI systems link their post-market monitoring plan
# description: >-
#   Providers of high-risk AI systems must establish and document a post-market monitoring
#   system that actively collects and analyses data on the system's performance throughout
#   its lifetime, based on a post-market monitoring plan that is part of the technical
#   documentation (Art. 72(1)-(3), Annex IV point 9). An AI resource of a high-risk provider
#   must link that plan in aiguard.io/post-market-monitoring (a URL or document id); a
#   missing declaration or a placeholder is a finding.
# custom:
#   id: AIG-DOC-009
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 72(1)"}
#     - {name: eu-ai-act, ref: "Art. 72(3)"}
#     - {name: eu-ai-act, ref: "Annex IV point 9"}
#     - {name: iso-iec-42001, ref: "A.6.2.6"}
#   basis: evidence
#   scope: {risk_class: [high], role: [provider]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Write the post-market monitoring plan and link it:
#       labels = {
#         aiguard-post-market-monitoring = "pmm-credit-scoring-v2"
#       }
package aiguard.rules.lineage.post_market_monitoring

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "post_market_monitoring")
	msg := concat("", [
		r.id, " (high-risk provider) ", reason, " aiguard.io/post-market-monitoring,",
		" so no post-market monitoring plan is linked to it (Art. 72(1)-(3))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "post_market_monitoring"), msg)
}
