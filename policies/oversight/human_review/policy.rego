# METADATA
# title: High-risk AI systems declare a human review loop
# description: >-
#   The natural persons overseeing a high-risk AI system must be able to decide not to use
#   it in a particular situation or to disregard, override or reverse its output (Art.
#   14(4)(d)), and to intervene in or interrupt its operation (Art. 14(4)(e)). An AI
#   resource declared high-risk must state how its outputs are reviewed in the declaration
#   aiguard.io/human-review, with one of rules/ai_act.yaml human_review_modes (true,
#   human-in-the-loop, human-on-the-loop, human-in-command, compared case-insensitively).
#   A missing declaration, or any other value such as false or none, is a finding.
# custom:
#   id: AIG-HOT-004
#   severity: high
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 14(4)(d)"}
#     - {name: eu-ai-act, ref: "Art. 14(4)(e)"}
#   basis: evidence
#   scope: {risk_class: [high]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Put a person in the loop before the system's decisions take effect, and declare it:
#       tags = {
#         "aiguard.io/risk-class"   = "high"
#         "aiguard.io/human-review" = "human-in-the-loop"
#       }
package aiguard.rules.oversight.human_review

import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	not oversight.declared_value(r, "human_review")
	msg := concat("", [
		r.id, " (high-risk) does not declare aiguard.io/human-review, so nothing shows that a",
		" person can override, reverse or stop its outputs (Art. 14(4)(d)-(e)); declare one of ",
		concat(", ", _modes),
	])
	finding := oversight.ai_finding(r, oversight.declarations_attribute(r), msg)
}

deny contains finding if {
	some r in oversight.ai_resources
	oversight.declared_value(r, "human_review")
	not oversight.declared_as(r, "human_review", _mode_set)
	msg := concat("", [
		r.id, " (high-risk) declares aiguard.io/human-review with a value that is not one of ",
		concat(", ", _modes), " (rules/ai_act.yaml human_review_modes), so it declares no",
		" human review loop (Art. 14(4)(d)-(e))",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "human_review"), msg)
}

# rules/ai_act.yaml human_review_modes, lower-cased.
_modes := [lower(mode) |
	some mode in data.aiguard.config.ai_act.human_review_modes
	is_string(mode)
]

_mode_set := {mode | some mode in _modes}
