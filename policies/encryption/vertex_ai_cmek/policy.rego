# METADATA
# title: Vertex AI endpoints, datasets, feature stores and metadata use customer-managed keys
# description: >-
#   Vertex AI datasets hold training data, feature stores the features served to models,
#   endpoints the deployed models and their prediction logs, TensorBoards and metadata
#   stores the lineage of every training run. Google encrypts them with Google-managed
#   keys unless encryption_spec names a Cloud KMS key (CMEK), which keeps control of the
#   data with the provider of the AI system, logs key use in Cloud Audit Logs and lets
#   access be revoked. encryption_spec can only be set when the resource is created.
#   Covers the Vertex AI resources whose Terraform schema has encryption_spec:
#   google_vertex_ai_endpoint, google_vertex_ai_dataset, google_vertex_ai_featurestore,
#   google_vertex_ai_tensorboard and google_vertex_ai_metadata_store (google_vertex_ai_index
#   and google_vertex_ai_index_endpoint have no such argument).
# custom:
#   id: AIG-ENC-011
#   severity: medium
#   kinds: [google_vertex_ai_endpoint, google_vertex_ai_dataset, google_vertex_ai_featurestore, google_vertex_ai_tensorboard, google_vertex_ai_metadata_store]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Add an encryption_spec with a Cloud KMS key in the same region (the Vertex AI service
#     agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter on it):
#       resource "google_vertex_ai_endpoint" "llm" {
#         name         = "1234567890"
#         display_name = "llm"
#         location     = "europe-west4"
#         encryption_spec {
#           kms_key_name = google_kms_crypto_key.vertex.id
#         }
#       }
package aiguard.rules.encryption.vertex_ai_cmek

import data.aiguard.lib
import data.aiguard.lib.encryption

_kinds := {
	"google_vertex_ai_endpoint", "google_vertex_ai_dataset", "google_vertex_ai_featurestore",
	"google_vertex_ai_tensorboard", "google_vertex_ai_metadata_store",
}

deny contains {"resource": r.id, "msg": msg, "attribute": "encryption_spec.0.kms_key_name"} if {
	some r in lib.resources_of_kinds(input, _kinds)
	not _cmek(r)
	msg := sprintf("Vertex AI resource %s has no encryption_spec with a customer-managed Cloud KMS key (kms_key_name), so Google-managed keys protect its data", [r.id])
}

_cmek(r) if {
	spec := encryption.first_block(r.attributes, "encryption_spec")
	lib.is_set(spec, "kms_key_name")
}
