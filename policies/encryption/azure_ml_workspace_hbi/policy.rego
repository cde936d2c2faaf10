# METADATA
# title: Azure Machine Learning workspaces of high-risk AI systems are high business impact
# description: >-
#   The high business impact (HBI) flag of an Azure Machine Learning workspace encrypts
#   the local scratch disks of its compute clusters and wipes them between jobs, passes
#   storage, registry and SSH credentials to compute through the workspace Key Vault, and
#   reduces the diagnostic data Microsoft collects from the workspace. Workspaces of
#   high-risk AI systems, whose training and evaluation data the provider must protect
#   (EU AI Act Art. 10, 15(5)), should set high_business_impact = true. It can only be set
#   when the workspace is created; the provider default is false. Binds resources
#   declaring risk class high.
# custom:
#   id: AIG-ENC-014
#   severity: medium
#   kinds: [azurerm_machine_learning_workspace]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   scope: {risk_class: [high]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Create the workspace with the flag set (changing it recreates the workspace):
#       resource "azurerm_machine_learning_workspace" "credit" {
#         high_business_impact = true
#         tags = {
#           "aiguard:risk-class" = "high"
#         }
#       }
package aiguard.rules.encryption.azure_ml_workspace_hbi

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "high_business_impact"} if {
	some r in lib.resources_of_kind(input, "azurerm_machine_learning_workspace")
	value := object.get(r.attributes, "high_business_impact", null)
	not encryption.is_true(value)
	not lib.is_unresolved(value)
	msg := sprintf("Machine Learning workspace %s of a high-risk AI system does not set high_business_impact = true, so compute scratch disks are not encrypted and wiped between jobs", [r.id])
}
