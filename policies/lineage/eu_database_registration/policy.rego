# METADATA
# title: High-risk Annex III systems are registered in the EU database
# description: >-
#   Before placing on the market or putting into service a high-risk AI system listed in
#   Annex III, the provider must register itself and the system in the EU database of Art.
#   71 (Art. 49(1)); systems of Annex III points 1, 6 and 7 used for law enforcement,
#   migration, asylum or border control are registered in its secure non-public section
#   (Art. 49(4)). Critical infrastructure systems (Annex III point 2) are registered at
#   national level instead (Art. 49(5)) and are not judged. An AI resource of a high-risk
#   provider in another Annex III area must declare its registration number in
#   aiguard.io/eu-database-id; a missing declaration or a placeholder is a finding.
# custom:
#   id: AIG-DOC-008
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 49(1)"}
#     - {name: eu-ai-act, ref: "Art. 71(2)"}
#   basis: evidence
#   scope: {risk_class: [high], role: [provider], annex_iii: [biometrics, education, employment, essential-services, law-enforcement, migration, justice]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Register the system in the EU database before putting it into service and declare
#     the registration number:
#       tags = {
#         "aiguard.io/eu-database-id" = "<registration number>"
#       }
package aiguard.rules.lineage.eu_database_registration

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	reason := oversight.absence(r, "eu_database_id")
	msg := concat("", [
		r.id, " (high-risk Annex III provider) ", reason, " aiguard.io/eu-database-id,",
		" so nothing shows that it is registered in the EU database before it is",
		" put into service (Art. 49(1))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "eu_database_id"), msg)
}
