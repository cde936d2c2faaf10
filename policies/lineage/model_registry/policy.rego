# METADATA
# title: High-risk AI systems link their model registry entry
# description: >-
#   The technical documentation of a high-risk AI system must describe the system's
#   version and its relation to previous versions, and the methods and steps of its
#   development (Art. 11(1), Annex IV points 1(a) and 2(a)-(b)). A model registry entry
#   (MLflow, SageMaker Model Registry, Vertex AI Model Registry, Azure ML) records each
#   model version with its training run, parameters, metrics and approval, which is where
#   that information comes from. An AI resource of a high-risk provider must link it in
#   aiguard.io/model-registry (a URL, ARN or registry id); a missing declaration or a
#   placeholder is a finding.
# custom:
#   id: AIG-DOC-005
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 11(1)"}
#     - {name: eu-ai-act, ref: "Annex IV point 1(a)"}
#     - {name: eu-ai-act, ref: "Annex IV point 2(b)"}
#     - {name: iso-iec-42001, ref: "A.6.2.3"}
#   basis: evidence
#   scope: {risk_class: [high], role: [provider]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Register the model and link its entry:
#       tags = {
#         "aiguard.io/model-registry" = "arn:aws:sagemaker:eu-central-1:123456789012:model-package-group/credit-scoring"
#       }
#     On GCP use a label-safe registry id: aiguard-model-registry = "vertex-credit-scoring".
package aiguard.rules.lineage.model_registry

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "model_registry")
	msg := concat("", [
		r.id, " (high-risk provider) ", reason, " aiguard.io/model-registry,",
		" so the model version and its lineage cannot be traced from it",
		" (Art. 11(1), Annex IV point 1(a))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "model_registry"), msg)
}
