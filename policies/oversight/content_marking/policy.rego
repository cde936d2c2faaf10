# METADATA
# title: Generated content is marked as AI-generated
# description: >-
#   Providers of AI systems, including general-purpose AI systems, that generate synthetic
#   audio, image, video or text must ensure that the outputs are marked in a machine-
#   readable format and detectable as artificially generated or manipulated (Art. 50(2)),
#   for example by watermarks, metadata, cryptographic provenance such as C2PA, or
#   fingerprints (Recital 133). An AI resource of a provider that declares
#   aiguard.io/generates-content true, or declares a GPAI model (aiguard.io/gpai gpai or
#   systemic) without declaring generates-content false, must declare the marking technique
#   in aiguard.io/content-marking. Systems that only assist standard editing or do not
#   substantially alter their input are exempt (Art. 50(2)): declare generates-content
#   false for them.
# custom:
#   id: AIG-HOT-007
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 50(2)"}
#   basis: evidence
#   scope: {role: [provider]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Mark generated outputs (for example C2PA content credentials for images, a text or
#     audio watermark) and declare the technique:
#       tags = {
#         "aiguard.io/gpai"            = "gpai"
#         "aiguard.io/content-marking" = "c2pa"
#       }
package aiguard.rules.oversight.content_marking

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	_generates(r)
	reason := oversight.absence(r, "content_marking")
	msg := concat("", [
		r.id, " generates content but ", reason, " aiguard.io/content-marking, so nothing shows",
		" that its outputs are marked as artificially generated (Art. 50(2))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "content_marking"), msg)
}

_generates(r) if oversight.declares_yes(r, "generates_content")

_generates(r) if {
	oversight.declared_as(r, "gpai", {"gpai", "systemic"})
	not oversight.declares_no(r, "generates_content")
}
