# METADATA
# title: Azure Machine Learning workspaces are encrypted with a customer-managed key
# description: >-
#   An Azure Machine Learning workspace keeps run history, model metadata, job
#   definitions and the search index of its assets in Microsoft-managed Cosmos DB, AI
#   Search and storage, encrypted with Microsoft-managed keys. The encryption block
#   (key_vault_id and key_id) makes the workspace use a key from the provider's Key
#   Vault for that data, so its use is logged and it can be revoked. It can only be set
#   when the workspace is created.
# custom:
#   id: AIG-ENC-013
#   severity: medium
#   kinds: [azurerm_machine_learning_workspace]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Add an encryption block (Key Vault with soft delete and purge protection):
#       resource "azurerm_machine_learning_workspace" "ml" {
#         encryption {
#           key_vault_id = azurerm_key_vault.ml.id
#           key_id       = azurerm_key_vault_key.ml.id
#         }
#       }
package aiguard.rules.encryption.azure_ml_workspace_cmk

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "encryption"} if {
	some r in lib.resources_of_kind(input, "azurerm_machine_learning_workspace")
	not encryption.first_block(r.attributes, "encryption")
	msg := sprintf("Machine Learning workspace %s has no encryption block, so its metadata is encrypted with Microsoft-managed keys only", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "encryption.0.key_id"} if {
	some r in lib.resources_of_kind(input, "azurerm_machine_learning_workspace")
	block := encryption.first_block(r.attributes, "encryption")
	not lib.is_set(block, "key_id")
	msg := sprintf("Machine Learning workspace %s has an encryption block without a Key Vault key (key_id)", [r.id])
}
