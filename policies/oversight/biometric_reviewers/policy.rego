# METADATA
# title: Remote biometric identification is verified by at least two people
# description: >-
#   For remote biometric identification systems (Annex III point 1(a)), no action or
#   decision may be taken on an identification unless at least two natural persons with
#   the necessary competence, training and authority have separately verified and
#   confirmed it (Art. 14(5)). An AI resource declared high-risk in the Annex III area
#   biometrics must declare aiguard.io/reviewers with at least rules/ai_act.yaml
#   min_biometric_reviewers (2): a whole number ("2"), or that many distinct identities
#   separated by commas, semicolons or spaces. Systems that declare aiguard.io/biometric-use
#   as verification, categorisation or emotion-recognition are not remote identification
#   and are not judged. Art. 14(5) does not apply where Union or national law considers it
#   disproportionate for law enforcement, migration, border control or asylum; record such
#   a case as a waiver.
# custom:
#   id: AIG-HOT-005
#   severity: high
#   kinds: [aws_sagemaker_endpoint, aws_sagemaker_endpoint_configuration, aws_sagemaker_model, aws_sagemaker_notebook_instance, aws_sagemaker_domain, aws_bedrock_custom_model, aws_bedrock_provisioned_model_throughput, aws_bedrockagent_agent, aws_bedrock_guardrail, aws_instance, aws_launch_template, aws_eks_node_group, aws_autoscaling_group, google_vertex_ai_endpoint, google_vertex_ai_index_endpoint, google_vertex_ai_featurestore, google_vertex_ai_dataset, google_notebooks_instance, google_workbench_instance, google_container_node_pool, google_compute_instance, azurerm_machine_learning_workspace, azurerm_machine_learning_compute_cluster, azurerm_machine_learning_compute_instance, azurerm_cognitive_account, azurerm_cognitive_deployment, azurerm_kubernetes_cluster_node_pool, azurerm_linux_virtual_machine, InferenceService, ServingRuntime, ClusterServingRuntime, InferenceGraph, RayCluster, RayJob, RayService, Notebook, PyTorchJob, TFJob, MPIJob, TrainJob, Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 14(5)"}
#     - {name: eu-ai-act, ref: "Annex III point 1(a)"}
#   basis: law
#   scope: {risk_class: [high], annex_iii: [biometrics]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Require two separate confirmations before anyone acts on a match, and declare them:
#       metadata:
#         annotations:
#           aiguard.io/reviewers: "2"
#     or name the reviewers (AWS tag values allow spaces, not commas):
#       tags = {
#         "aiguard.io/reviewers" = "id-desk-a@example.com id-desk-b@example.com"
#       }
package aiguard.rules.oversight.biometric_reviewers

import data.aiguard.lib
import data.aiguard.lib.oversight

deny contains finding if {
	some r in oversight.ai_resources
	_remote_identification(r)
	not oversight.declared_value(r, "reviewers")
	msg := concat("", [
		r.id, " (high-risk, biometrics) does not declare aiguard.io/reviewers; Art. 14(5)",
		" requires at least ", format_int(_minimum, 10), " people to verify each identification",
		" before anyone acts on it",
	])
	finding := oversight.ai_finding(r, oversight.declarations_attribute(r), msg)
}

deny contains finding if {
	some r in oversight.ai_resources
	_remote_identification(r)
	declared := _reviewer_count(oversight.declared_value(r, "reviewers"))
	declared < _minimum
	msg := concat("", [
		r.id, " (high-risk, biometrics) declares ", format_int(declared, 10), " reviewer(s) in",
		" aiguard.io/reviewers; Art. 14(5) requires at least ", format_int(_minimum, 10),
		" people to verify each identification before anyone acts on it",
	])
	finding := oversight.ai_finding(r, oversight.finding_attribute(r, "reviewers"), msg)
}

# Not declared as a biometric use other than remote identification.
_remote_identification(r) if not oversight.declared_as(r, "biometric_use", _other_uses)

_other_uses := {lower(use) |
	some use in data.aiguard.config.ai_act.biometric_uses_without_two_person_verification
	is_string(use)
}

_minimum := floor(minimum) if {
	minimum := data.aiguard.config.ai_act.min_biometric_reviewers
	is_number(minimum)
} else := 2

# A whole number of reviewers, or the count of distinct identities in a list.
_reviewer_count(value) := floor(number) if {
	number := lib.number(value)
} else := count({identity |
	some identity in split(replace(replace(value, ";", ","), " ", ","), ",")
	identity != ""
})
