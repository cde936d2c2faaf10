# METADATA
# title: KServe InferenceServices log every request and response
# description: >-
#   High-risk AI systems must record events automatically over their lifetime
#   (EU AI Act Art. 12). For a KServe InferenceService that record is the payload logger
#   of the predictor: it must be configured with mode "all" (requests and responses;
#   KServe's default when a logger is present without a mode) and send its events to an
#   explicit url where they are kept.
# custom:
#   id: AIG-LOG-003
#   severity: medium
#   kinds: [InferenceService]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: eu-ai-act, ref: "Art. 12(2)"}
#   basis: evidence
#   remediation: |
#     Add a payload logger to the predictor that logs requests and responses:
#       spec:
#         predictor:
#           logger:
#             mode: all
#             url: http://inference-logger.ml-audit.svc.cluster.local
package aiguard.rules.logging.kserve_payload_logger

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "spec.predictor.logger"} if {
	some r in lib.resources_of_kind(input, "InferenceService")
	not _logger(r)
	msg := sprintf("InferenceService %s has no payload logger on its predictor, so its requests and responses are not recorded", [r.id])
}

# No mode means "all" (KServe's default), so only an explicit other mode is wrong.
deny contains {"resource": r.id, "msg": msg, "attribute": "spec.predictor.logger.mode"} if {
	some r in lib.resources_of_kind(input, "InferenceService")
	logger := _logger(r)
	mode := logger.mode
	is_string(mode)
	mode != "all"
	msg := sprintf("InferenceService %s logs only mode %v of its predictor traffic; set spec.predictor.logger.mode to all to record requests and responses", [r.id, mode])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "spec.predictor.logger.url"} if {
	some r in lib.resources_of_kind(input, "InferenceService")
	logger := _logger(r)
	not lib.is_set(logger, "url")
	msg := sprintf("InferenceService %s has a payload logger without a url; set spec.predictor.logger.url to the service that keeps the records", [r.id])
}

_logger(r) := logger if {
	logger := r.attributes.spec.predictor.logger
	is_object(logger)
}
