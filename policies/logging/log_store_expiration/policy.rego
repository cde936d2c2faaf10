# METADATA
# title: Stores of AI system logs do not delete them before six months
# description: >-
#   Providers and deployers of high-risk AI systems must keep the logs the system
#   generates automatically for at least six months (EU AI Act Art. 19(1) and 26(6)).
#   A log store is an S3 bucket, GCS bucket or Azure storage account that declares
#   `aiguard.io/data-classification: logs` (rules/logging.yaml log_classifications), or
#   that a resource in the same module names as the destination of SageMaker data
#   capture, Bedrock model invocation logging or the diagnostic setting of an Azure AI
#   Services account or ML workspace. Its lifecycle rules (S3 lifecycle expiration, GCS
#   Delete actions on live objects, Azure management policy base-blob deletion) must not
#   delete objects younger than the minimum in rules/retention.yaml (184 days), unless an
#   Object Lock default retention, bucket retention policy or immutability policy already
#   keeps every object that long.
# custom:
#   id: AIG-LOG-010
#   severity: high
#   kinds: [aws_s3_bucket, aws_s3_bucket_lifecycle_configuration, aws_s3_bucket_object_lock_configuration, aws_sagemaker_endpoint_configuration, aws_bedrock_model_invocation_logging_configuration, google_storage_bucket, azurerm_storage_account, azurerm_storage_management_policy, azurerm_monitor_diagnostic_setting]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 19(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#   basis: law
#   effective_from: "2026-08-02"
#   remediation: |
#     Expire log objects after at least 184 days (or a year), or not at all:
#       resource "aws_s3_bucket_lifecycle_configuration" "capture" {
#         bucket = aws_s3_bucket.capture.id
#         rule {
#           id     = "expire-after-a-year"
#           status = "Enabled"
#           filter {}
#           expiration {
#             days = 365
#           }
#         }
#       }
#     On GCS use condition { age = 365 } on the Delete action; on Azure
#     delete_after_days_since_modification_greater_than = 365.
package aiguard.rules.logging.log_store_expiration

import data.aiguard.lib
import data.aiguard.lib.logging

_store_nouns := {
	"aws_s3_bucket": "S3 bucket",
	"google_storage_bucket": "GCS bucket",
	"azurerm_storage_account": "storage account",
}

deny contains {"resource": deletion.resource, "msg": msg, "attribute": deletion.attribute} if {
	some store in lib.resources_of_kinds(input, object.keys(_store_nouns))
	store.id in logging.log_store_ids
	logging.protected_days(store) < logging.log_min_days
	some deletion in logging.scheduled_deletions(store)
	deletion.days < logging.log_min_days
	msg := concat("", [
		_store_nouns[store.kind], " ", store.id, " holds AI system logs but deletes them after ",
		sprintf("%v", [deletion.days]), " days", _deleted_by(deletion, store),
		"; keep them at least ", sprintf("%v", [logging.log_min_days]), " days (six months)",
	])
}

_deleted_by(deletion, store) := "" if deletion.resource == store.id

_deleted_by(deletion, store) := concat("", [" (", deletion.resource, ")"]) if deletion.resource != store.id
