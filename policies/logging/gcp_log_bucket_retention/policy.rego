# METADATA
# title: Cloud Logging buckets keep logs for at least six months
# description: >-
#   Providers and deployers of high-risk AI systems must keep the logs the system
#   generates automatically for at least six months (EU AI Act Art. 19(1) and 26(6)).
#   Cloud Logging keeps the entries of a log bucket for its retention_days, 30 when unset
#   or 0, then deletes them. Every project, folder, organization and billing-account log
#   bucket configuration must keep entries at least the minimum in rules/retention.yaml
#   (184 days, the longest six months). The _Required bucket keeps 400 days and cannot be
#   changed, so it is not judged.
# custom:
#   id: AIG-LOG-008
#   severity: high
#   kinds: [google_logging_project_bucket_config, google_logging_folder_bucket_config, google_logging_organization_bucket_config, google_logging_billing_account_bucket_config]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 19(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#   basis: law
#   effective_from: "2026-08-02"
#   remediation: |
#     Keep log entries for at least 184 days (a year is a common choice):
#       resource "google_logging_project_bucket_config" "ai" {
#         project        = var.project
#         location       = "europe-west4"
#         bucket_id      = "ai-inference"
#         retention_days = 365
#       }
package aiguard.rules.logging.gcp_log_bucket_retention

import data.aiguard.lib
import data.aiguard.lib.logging

_kinds := {
	"google_logging_project_bucket_config",
	"google_logging_folder_bucket_config",
	"google_logging_organization_bucket_config",
	"google_logging_billing_account_bucket_config",
}

# Cloud Logging's retention when retention_days is unset or 0.
_default_days := 30

deny contains {"resource": r.id, "msg": msg, "attribute": "retention_days"} if {
	some r in lib.resources_of_kinds(input, _kinds)
	object.get(r.attributes, "bucket_id", "") != "_Required"
	days := _retention_days(r)
	days < logging.log_min_days
	msg := concat("", [
		"log bucket ", r.id, " keeps log entries for ", sprintf("%v", [days]), " days",
		_default_note(r), "; keep them at least ", sprintf("%v", [logging.log_min_days]),
		" days (six months)",
	])
}

# The retention in days: the literal value, or the default when unset, null or 0.
# Unresolved expressions are not judged.
_retention_days(r) := days if {
	days := lib.number(r.attributes.retention_days)
	days != 0
}

_retention_days(r) := _default_days if {
	_uses_default(r)
}

_uses_default(r) if object.get(r.attributes, "retention_days", null) == null

_uses_default(r) if lib.number(r.attributes.retention_days) == 0

_default_note(r) := " (the default when retention_days is unset or 0)" if _uses_default(r)

_default_note(r) := "" if not _uses_default(r)
