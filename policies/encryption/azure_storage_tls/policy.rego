# METADATA
# title: Azure storage accounts accept only HTTPS with TLS 1.2 or later
# description: >-
#   Storage accounts hold training data, model artefacts and logs of AI systems; requests
#   over plain HTTP or TLS 1.0/1.1 expose them and the account's keys and SAS tokens in
#   transit. The azurerm provider defaults are secure (min_tls_version TLS1_2 since
#   azurerm 3.0, HTTPS-only traffic on), so this rule reports accounts that weaken them:
#   a min_tls_version outside rules/encryption.yaml azure_storage_min_tls_versions, or
#   https_traffic_only_enabled (azurerm 4) / enable_https_traffic_only (azurerm 3) set
#   to false.
# custom:
#   id: AIG-ENC-020
#   severity: high
#   kinds: [azurerm_storage_account]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Keep the secure defaults, or state them:
#       resource "azurerm_storage_account" "training" {
#         min_tls_version            = "TLS1_2"
#         https_traffic_only_enabled = true
#       }
package aiguard.rules.encryption.azure_storage_tls

import data.aiguard.lib
import data.aiguard.lib.encryption

_https_flags := ["https_traffic_only_enabled", "enable_https_traffic_only"]

deny contains {"resource": r.id, "msg": msg, "attribute": "min_tls_version"} if {
	some r in lib.resources_of_kind(input, "azurerm_storage_account")
	version := r.attributes.min_tls_version
	is_string(version)
	not lib.is_unresolved(version)
	not version in encryption.setting_list("azure_storage_min_tls_versions")
	msg := concat("", [
		"storage account ", r.id, " accepts ", version,
		" connections; set min_tls_version = \"TLS1_2\" (rules/encryption.yaml azure_storage_min_tls_versions)",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": flag} if {
	some r in lib.resources_of_kind(input, "azurerm_storage_account")
	some flag in _https_flags
	encryption.is_false(r.attributes[flag])
	msg := concat("", ["storage account ", r.id, " sets ", flag, " = false, so it accepts unencrypted HTTP requests"])
}
