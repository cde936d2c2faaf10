# METADATA
# title: Stores of technical documentation keep it for ten years
# description: >-
#   Providers of high-risk AI systems must keep the technical documentation, the
#   quality-management documentation, notified-body decisions and the EU declaration of
#   conformity at the disposal of the authorities for ten years after the system is
#   placed on the market or put into service (EU AI Act Art. 18(1)). An S3 bucket, GCS
#   bucket or Azure storage account that declares `aiguard.io/data-classification:
#   technical-documentation` (rules/logging.yaml documentation_classifications) and
#   `aiguard.io/role: provider` must not delete objects younger than the minimum in
#   rules/retention.yaml documentation_min_days (3653 days, the longest ten years) through
#   S3 lifecycle expiration, GCS Delete actions on live objects or Azure management policy
#   base-blob deletion, unless a lock or retention policy already keeps them that long.
# custom:
#   id: AIG-LOG-013
#   severity: high
#   kinds: [aws_s3_bucket, aws_s3_bucket_lifecycle_configuration, aws_s3_bucket_object_lock_configuration, google_storage_bucket, azurerm_storage_account, azurerm_storage_management_policy]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 18(1)"}
#   basis: law
#   scope: {role: [provider]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Remove the expiration from the documentation store, or set it beyond ten years:
#       resource "aws_s3_bucket_lifecycle_configuration" "docs" {
#         bucket = aws_s3_bucket.docs.id
#         rule {
#           id     = "archive"
#           status = "Enabled"
#           filter {}
#           transition {
#             days          = 365
#             storage_class = "GLACIER"
#           }
#         }
#       }
package aiguard.rules.logging.documentation_store_retention

import data.aiguard.lib
import data.aiguard.lib.logging

_store_nouns := {
	"aws_s3_bucket": "S3 bucket",
	"google_storage_bucket": "GCS bucket",
	"azurerm_storage_account": "storage account",
}

# The store itself deletes (GCS lifecycle rules, legacy inline S3 rules): point at the rule.
deny contains {"resource": store.id, "msg": msg, "attribute": deletion.attribute} if {
	some store in _short_lived
	some deletion in logging.scheduled_deletions(store)
	deletion.resource == store.id
	deletion.days < logging.documentation_min_days
	msg := concat("", [
		_store_nouns[store.kind], " ", store.id, " holds technical documentation but ",
		_deleter(store, deletion), " deletes it after ", sprintf("%v", [deletion.days]),
		" days; keep it at least ", sprintf("%v", [logging.documentation_min_days]),
		" days (ten years)",
	])
}

# A separate setting deletes (S3 lifecycle configuration, Azure management policy): the
# finding stays on the store, which carries the declarations that scope the rule.
deny contains {"resource": store.id, "msg": msg} if {
	some store in _short_lived
	some deletion in logging.scheduled_deletions(store)
	deletion.resource != store.id
	deletion.days < logging.documentation_min_days
	msg := concat("", [
		_store_nouns[store.kind], " ", store.id, " holds technical documentation but ",
		_deleter(store, deletion), " deletes it after ", sprintf("%v", [deletion.days]),
		" days; keep it at least ", sprintf("%v", [logging.documentation_min_days]),
		" days (ten years)",
	])
}

# Documentation stores that no lock keeps for the whole period.
_short_lived contains store if {
	some store in lib.resources_of_kinds(input, object.keys(_store_nouns))
	store.id in logging.documentation_store_ids
	logging.protected_days(store) < logging.documentation_min_days
}

_deleter(store, deletion) := "its lifecycle rule" if deletion.resource == store.id

_deleter(store, deletion) := deletion.resource if deletion.resource != store.id
