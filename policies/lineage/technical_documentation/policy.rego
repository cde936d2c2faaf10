# METADATA
# title: High-risk AI systems link their technical documentation
# description: >-
#   Providers must draw up the technical documentation of a high-risk AI system before it
#   is placed on the market or put into service and keep it up to date (Art. 11(1)), with
#   at least the elements of Annex IV, and keep it at the disposal of the national
#   competent authorities for 10 years (Art. 18(1)(a)). An AI resource of a high-risk
#   provider must link that documentation in aiguard.io/technical-documentation (a URL or
#   document id); a missing declaration or a placeholder is a finding.
# custom:
#   id: AIG-DOC-007
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 11(1)"}
#     - {name: eu-ai-act, ref: "Art. 18(1)(a)"}
#     - {name: iso-iec-42001, ref: "A.6.2.7"}
#   basis: evidence
#   scope: {risk_class: [high], role: [provider]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Link the Annex IV technical documentation of the system:
#       metadata:
#         annotations:
#           aiguard.io/technical-documentation: "https://docs.example.com/ai/credit-scoring/annex-iv"
package aiguard.rules.lineage.technical_documentation

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "technical_documentation")
	msg := concat("", [
		r.id, " (high-risk provider) ", reason, " aiguard.io/technical-documentation,",
		" so its Annex IV technical documentation cannot be found from it",
		" (Art. 11(1))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "technical_documentation"), msg)
}
