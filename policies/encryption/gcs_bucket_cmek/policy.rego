# METADATA
# title: Cloud Storage buckets holding confidential or personal data use a customer-managed key
# description: >-
#   Buckets that hold confidential or personal data (training sets, evaluation data,
#   prediction logs) should be encrypted with a Cloud KMS key the provider controls
#   (CMEK), so that key use is logged and access can be revoked; Cloud Storage otherwise
#   uses Google-managed keys. A google_storage_bucket is judged when its labels (provider
#   default_labels included) declare a data classification listed in
#   rules/encryption.yaml cmek_data_classifications (label `aiguard-data-classification`,
#   compared lower-case; default confidential, restricted, personal) or declare
#   `aiguard-personal-data: true`. It passes with encryption default_kms_key_name.
# custom:
#   id: AIG-ENC-019
#   severity: high
#   kinds: [google_storage_bucket]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Set a default Cloud KMS key on the bucket (the Cloud Storage service agent needs
#     roles/cloudkms.cryptoKeyEncrypterDecrypter on it):
#       resource "google_storage_bucket" "training" {
#         name     = "acme-training-data"
#         location = "EUROPE-WEST4"
#         labels = {
#           "aiguard-data-classification" = "confidential"
#         }
#         encryption {
#           default_kms_key_name = google_kms_crypto_key.storage.id
#         }
#       }
package aiguard.rules.encryption.gcs_bucket_cmek

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "encryption.0.default_kms_key_name"} if {
	some r in lib.resources_of_kind(input, "google_storage_bucket")
	reason := _sensitive(r)
	not _cmek(r)
	msg := concat("", [
		"bucket ", r.id, " is labelled as holding ", reason,
		" but has no customer-managed Cloud KMS key (encryption default_kms_key_name)",
	])
}

_sensitive(r) := "data of a classification listed in rules/encryption.yaml cmek_data_classifications" if {
	classification := r.derived.ai.data_classification
	is_string(classification)
	lower(classification) in encryption.setting_list("cmek_data_classifications")
} else := "personal data" if {
	r.derived.ai.personal_data == "true"
}

_cmek(r) if {
	block := encryption.first_block(r.attributes, "encryption")
	lib.is_set(block, "default_kms_key_name")
}
