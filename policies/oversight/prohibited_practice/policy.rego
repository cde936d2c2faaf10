# METADATA
# title: No AI system declared a prohibited practice is deployed
# description: >-
#   Art. 5(1) of the AI Act prohibits placing on the market, putting into service or using
#   AI systems for the practices it lists (subliminal or manipulative techniques, exploiting
#   vulnerabilities, social scoring, predicting crimes from profiling, untargeted scraping of
#   facial images, emotion recognition at work and in education, biometric categorisation
#   by sensitive traits, real-time remote biometric identification in public spaces for law
#   enforcement outside the exceptions of Art. 5(1)(h)), since 2 February 2025 (Art.
#   113(a)). An AI resource that declares the risk class prohibited is such a system, and
#   infrastructure for it must not be deployed. Every AI resource is checked; the finding
#   sits at the risk-class declaration.
# custom:
#   id: AIG-HOT-002
#   severity: critical
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 5(1)"}
#   basis: law
#   effective_from: "2025-02-02"
#   remediation: |
#     Do not deploy the system. If a legal assessment finds that it falls outside Art. 5(1)
#     (for example, emotion recognition for medical or safety reasons, Art. 5(1)(f)),
#     record that assessment and declare the class it found:
#       tags = {
#         "aiguard.io/risk-class" = "high"
#       }
package aiguard.rules.oversight.prohibited_practice

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	oversight.declared_as(r, "risk_class", {"prohibited"})
	msg := concat("", [
		r.id, " declares the risk class prohibited: the AI practices of Art. 5(1) of the AI Act",
		" may not be placed on the market, put into service or used in the Union; remove the",
		" system or record the legal assessment that reclassifies it",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "risk_class"), msg)
}
