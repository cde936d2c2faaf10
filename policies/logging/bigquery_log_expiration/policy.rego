# METADATA
# title: BigQuery datasets of AI system logs do not expire them before six months
# description: >-
#   Providers and deployers of high-risk AI systems must keep the logs the system
#   generates automatically for at least six months (EU AI Act Art. 19(1) and 26(6)).
#   Vertex AI writes endpoint request-response logs to a BigQuery table. A dataset that
#   holds such logs (named in a Vertex AI endpoint's bigquery_destination in the same
#   module, or declaring `aiguard-data-classification: logs`) must not give its tables or
#   partitions a default expiration (default_table_expiration_ms,
#   default_partition_expiration_ms) shorter than the minimum in rules/retention.yaml
#   (184 days).
# custom:
#   id: AIG-LOG-014
#   severity: high
#   kinds: [google_bigquery_dataset, google_vertex_ai_endpoint]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 19(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#   basis: law
#   effective_from: "2026-08-02"
#   remediation: |
#     Remove the default expirations, or set them to at least 184 days (in milliseconds):
#       resource "google_bigquery_dataset" "inference_logs" {
#         dataset_id                  = "inference_logs"
#         default_table_expiration_ms = 31536000000 # 365 days
#       }
package aiguard.rules.logging.bigquery_log_expiration

import data.aiguard.lib
import data.aiguard.lib.logging

_ms_per_day := 86400000

deny contains {"resource": dataset.id, "msg": msg, "attribute": attribute} if {
	some dataset in lib.resources_of_kind(input, "google_bigquery_dataset")
	dataset.id in logging.log_store_ids
	some attribute in ["default_table_expiration_ms", "default_partition_expiration_ms"]
	ms := lib.number(dataset.attributes[attribute])
	ms > 0
	days := ms / _ms_per_day
	days < logging.log_min_days
	msg := concat("", [
		"BigQuery dataset ", dataset.id, " holds AI system logs but its ", attribute,
		" deletes them after ", sprintf("%v", [days]), " days; keep them at least ",
		sprintf("%v", [logging.log_min_days]), " days (six months)",
	])
}
