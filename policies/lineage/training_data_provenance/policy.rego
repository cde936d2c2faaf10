# METADATA
# title: High-risk AI systems link the provenance of their training data
# description: >-
#   Training, validation and testing data of high-risk AI systems must be subject to data
#   governance covering the data collection processes and the origin of data (Art.
#   10(2)(b)), and the technical documentation must describe the data sets used, their
#   provenance, scope and main characteristics, how they were obtained and selected, and
#   their labelling and cleaning (Annex IV point 2(d)). An AI resource of a high-risk
#   provider must link that datasheet in aiguard.io/training-data (a URL or document id); a
#   missing declaration or a placeholder is a finding.
# custom:
#   id: AIG-DOC-006
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 10(2)(b)"}
#     - {name: eu-ai-act, ref: "Annex IV point 2(d)"}
#     - {name: iso-iec-42001, ref: "A.7.5"}
#   basis: evidence
#   scope: {risk_class: [high], role: [provider]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Document where the training data came from and link the datasheet:
#       tags = {
#         "aiguard.io/training-data" = "https://docs.example.com/datasheets/credit-scoring-2026-q3"
#       }
package aiguard.rules.lineage.training_data_provenance

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "training_data")
	msg := concat("", [
		r.id, " (high-risk provider) ", reason, " aiguard.io/training-data,",
		" so the provenance of its training data is not documented with it",
		" (Art. 10(2)(b), Annex IV point 2(d))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "training_data"), msg)
}
