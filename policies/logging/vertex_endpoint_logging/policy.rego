# METADATA
# title: Vertex AI endpoints of high-risk systems log every request and response
# description: >-
#   High-risk AI systems must record events automatically over their lifetime (EU AI Act
#   Art. 12(1) and (2)), and deployers must keep those logs (Art. 26(6)). For a Vertex AI
#   endpoint that record is request-response logging to BigQuery: the
#   predict_request_response_logging_config block must be enabled, log every request
#   (sampling_rate 1, the whole of the range (0, 1]) and name a BigQuery destination
#   (bigquery_destination.output_uri, bq://project.dataset[.table]).
# custom:
#   id: AIG-LOG-006
#   severity: high
#   kinds: [google_vertex_ai_endpoint]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: eu-ai-act, ref: "Art. 12(2)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#     - {name: iso-iec-42001, ref: "A.6.2.8"}
#   basis: evidence
#   scope: {risk_class: [high]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Log every request and response of the endpoint to BigQuery:
#       resource "google_vertex_ai_endpoint" "scoring" {
#         predict_request_response_logging_config {
#           enabled       = true
#           sampling_rate = 1
#           bigquery_destination {
#             output_uri = "bq://${var.project}.${google_bigquery_dataset.inference_logs.dataset_id}.scoring"
#           }
#         }
#       }
package aiguard.rules.logging.vertex_endpoint_logging

import data.aiguard.lib

_block := "predict_request_response_logging_config"

deny contains {"resource": r.id, "msg": msg, "attribute": _block} if {
	some r in lib.resources_of_kind(input, "google_vertex_ai_endpoint")
	not _logging_config(r)
	msg := sprintf("Vertex AI endpoint %s has no predict_request_response_logging_config, so its requests and responses are not recorded", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "predict_request_response_logging_config.0.enabled"} if {
	some r in lib.resources_of_kind(input, "google_vertex_ai_endpoint")
	config := _logging_config(r)
	not _logging_enabled(config)
	msg := sprintf("Vertex AI endpoint %s does not set predict_request_response_logging_config enabled = true", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "predict_request_response_logging_config.0.sampling_rate"} if {
	some r in lib.resources_of_kind(input, "google_vertex_ai_endpoint")
	config := _logging_config(r)
	rate := lib.number(config.sampling_rate)
	rate != 1
	msg := sprintf("Vertex AI endpoint %s logs a fraction of %v of its requests; set sampling_rate = 1 to record every request and response", [r.id, rate])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "predict_request_response_logging_config.0.sampling_rate"} if {
	some r in lib.resources_of_kind(input, "google_vertex_ai_endpoint")
	config := _logging_config(r)
	rate := object.get(config, "sampling_rate", null)
	not lib.number(rate)
	not lib.is_unresolved(rate)
	msg := sprintf("Vertex AI endpoint %s sets no sampling_rate for request-response logging; set sampling_rate = 1 to record every request", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "predict_request_response_logging_config.0"} if {
	some r in lib.resources_of_kind(input, "google_vertex_ai_endpoint")
	config := _logging_config(r)
	not _has_destination(config)
	msg := sprintf("Vertex AI endpoint %s logs requests and responses to no BigQuery destination; set bigquery_destination output_uri", [r.id])
}

_logging_config(r) := config if {
	config := r.attributes.predict_request_response_logging_config[0]
	is_object(config)
}

_logging_enabled(config) if config.enabled == true

_logging_enabled(config) if lib.is_unresolved(config.enabled)

_has_destination(config) if {
	some destination in config.bigquery_destination
	lib.is_set(destination, "output_uri")
}
