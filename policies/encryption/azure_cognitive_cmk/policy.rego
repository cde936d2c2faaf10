# METADATA
# title: Azure AI services accounts are encrypted with a customer-managed key
# description: >-
#   Azure AI services (Azure OpenAI, AI Services, Document Intelligence, Speech, ...)
#   store fine-tuning files, fine-tuned models, batch jobs, stored completions and
#   customisation data at rest, encrypted with Microsoft-managed keys unless the account
#   has a customer-managed key from the provider's Key Vault. An account passes with a
#   customer_managed_key block naming key_vault_key_id, or with an
#   azurerm_cognitive_account_customer_managed_key for it in the same module. Only
#   account kinds that support customer-managed keys (rules/encryption.yaml
#   cognitive_cmk_kinds) are judged.
# custom:
#   id: AIG-ENC-015
#   severity: medium
#   kinds: [azurerm_cognitive_account, azurerm_cognitive_account_customer_managed_key]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Give the account a managed identity and a Key Vault key:
#       resource "azurerm_cognitive_account" "openai" {
#         kind = "OpenAI"
#         identity {
#           type         = "UserAssigned"
#           identity_ids = [azurerm_user_assigned_identity.openai.id]
#         }
#         customer_managed_key {
#           key_vault_key_id   = azurerm_key_vault_key.openai.id
#           identity_client_id = azurerm_user_assigned_identity.openai.client_id
#         }
#       }
package aiguard.rules.encryption.azure_cognitive_cmk

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "customer_managed_key"} if {
	some r in lib.resources_of_kind(input, "azurerm_cognitive_account")
	kind := r.attributes.kind
	is_string(kind)
	kind in encryption.setting_list("cognitive_cmk_kinds")
	not _inline_key(r)
	not r.id in _keyed_accounts
	msg := concat("", [
		"Azure AI services account ", r.id, " (kind ", kind,
		") has no customer-managed key (customer_managed_key or azurerm_cognitive_account_customer_managed_key), so its data is encrypted with Microsoft-managed keys only",
	])
}

_inline_key(r) if {
	block := encryption.first_block(r.attributes, "customer_managed_key")
	lib.is_set(block, "key_vault_key_id")
}

# Accounts a separate customer-managed key resource in the unit points at.
_keyed_accounts contains account if {
	some key in lib.resources_of_kind(input, "azurerm_cognitive_account_customer_managed_key")
	lib.is_set(key.attributes, "key_vault_key_id")
	account := lib.referenced_id(key.attributes.cognitive_account_id)
}
