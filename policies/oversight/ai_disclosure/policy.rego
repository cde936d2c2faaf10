# METADATA
# title: AI systems that interact with people disclose that they are AI
# description: >-
#   Providers must design AI systems intended to interact directly with natural persons so
#   that those persons are informed that they are interacting with an AI system, unless
#   that is obvious to a reasonably well-informed person (Art. 50(1)), at the latest at the
#   first interaction (Art. 50(5)). An AI resource of a provider that declares
#   aiguard.io/interacts-with-people true, or the risk class limited (the class of Art. 50
#   transparency obligations) without declaring interacts-with-people false, must declare
#   how people are told in aiguard.io/ai-disclosure (a link or id of the notice, or the
#   mechanism). A missing declaration or a placeholder such as none or false is a finding.
# custom:
#   id: AIG-HOT-006
#   severity: medium
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 50(1)"}
#     - {name: eu-ai-act, ref: "Art. 50(5)"}
#     - {name: iso-iec-42001, ref: "A.8.2"}
#   basis: evidence
#   scope: {role: [provider]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Tell people at the first interaction that they are talking to an AI system (for
#     example a banner in the chat window or a spoken notice), and declare it:
#       metadata:
#         labels:
#           aiguard.io/risk-class: limited
#         annotations:
#           aiguard.io/ai-disclosure: "https://support.example.com/ai-assistant-notice"
package aiguard.rules.oversight.ai_disclosure

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	_interacts(r)
	reason := oversight.absence(r, "ai_disclosure")
	msg := concat("", [
		r.id, " interacts with people but ", reason, " aiguard.io/ai-disclosure, so nothing shows",
		" that they are told they are interacting with an AI system (Art. 50(1))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "ai_disclosure"), msg)
}

_interacts(r) if oversight.declares_yes(r, "interacts_with_people")

_interacts(r) if {
	oversight.declared_as(r, "risk_class", {"limited"})
	not oversight.declares_no(r, "interacts_with_people")
}
