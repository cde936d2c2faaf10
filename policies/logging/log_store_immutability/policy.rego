# METADATA
# title: Stores of AI system logs are write-once for at least six months
# description: >-
#   Logs that trace the functioning of an AI system (EU AI Act Art. 12(1)) and are kept as
#   evidence for six months (Art. 19(1), 26(6)) should be tamper-evident: nobody, an
#   administrator included, should be able to change or delete them before that time. A
#   log store (declared `aiguard.io/data-classification: logs`, or the destination of
#   SageMaker data capture, Bedrock invocation logging or the diagnostic setting of an
#   Azure AI resource in the same module; see rules/logging.yaml) must be write-once for
#   at least the minimum in rules/retention.yaml: an S3 Object Lock default retention in a
#   mode of rules/logging.yaml s3_object_lock_modes (COMPLIANCE), a locked GCS bucket
#   retention policy, or a locked Azure immutability policy on the account (or on its
#   containers in the module).
# custom:
#   id: AIG-LOG-012
#   severity: medium
#   kinds: [aws_s3_bucket, aws_s3_bucket_object_lock_configuration, aws_sagemaker_endpoint_configuration, aws_bedrock_model_invocation_logging_configuration, google_storage_bucket, azurerm_storage_account, azurerm_storage_container, azurerm_storage_container_immutability_policy, azurerm_monitor_diagnostic_setting]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: eu-ai-act, ref: "Art. 19(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#     - {name: iso-iec-42001, ref: "A.6.2.8"}
#   basis: practice
#   remediation: |
#     S3: enable Object Lock with a COMPLIANCE default retention of at least 184 days:
#       resource "aws_s3_bucket" "capture" {
#         bucket              = "acme-llm-data-capture"
#         object_lock_enabled = true
#       }
#       resource "aws_s3_bucket_object_lock_configuration" "capture" {
#         bucket = aws_s3_bucket.capture.id
#         rule {
#           default_retention {
#             mode = "COMPLIANCE"
#             days = 184
#           }
#         }
#       }
#     GCS: retention_policy { retention_period = 15897600, is_locked = true }.
#     Azure: immutability_policy { state = "Locked", period_since_creation_in_days = 184,
#     allow_protected_append_writes = true } on the storage account.
package aiguard.rules.logging.log_store_immutability

import data.aiguard.lib
import data.aiguard.lib.logging

_log_stores(kind) := object.get(_log_stores_by_kind, kind, [])

# The log stores of the unit by kind, computed once per evaluation: every deny body reads
# them.
_log_stores_by_kind[kind] := stores if {
	some kind in ["aws_s3_bucket", "google_storage_bucket", "azurerm_storage_account"]
	stores := [store |
		some store in lib.resources_of_kind(input, kind)
		store.id in logging.log_store_ids
	]
}

_allowed_modes := {upper(mode) |
	some mode in logging.logging_setting("s3_object_lock_modes", ["COMPLIANCE"])
	is_string(mode)
}

_min_seconds := logging.log_min_days * 86400

# --- S3 -------------------------------------------------------------------------------------

deny contains {"resource": bucket.id, "msg": msg, "attribute": "object_lock_enabled"} if {
	some bucket in _log_stores("aws_s3_bucket")
	count(logging.s3_default_retentions(bucket)) == 0
	msg := sprintf("S3 bucket %s holds AI system logs but has no Object Lock default retention, so its objects can be deleted or overwritten at any time", [bucket.id])
}

deny contains {"resource": retention.resource, "msg": msg, "attribute": concat(".", [retention.attribute, "mode"])} if {
	some bucket in _log_stores("aws_s3_bucket")
	some retention in logging.s3_default_retentions(bucket)
	mode := retention.mode
	is_string(mode)
	mode != ""
	not lib.is_unresolved(mode)
	not upper(mode) in _allowed_modes
	msg := concat("", [
		"the Object Lock default retention of S3 bucket ", bucket.id, " uses mode ", mode,
		", which privileged principals can bypass; use ", concat(" or ", sort([m | some m in _allowed_modes])),
	])
}

deny contains {"resource": retention.resource, "msg": msg, "attribute": concat(".", [retention.attribute, retention.unit])} if {
	some bucket in _log_stores("aws_s3_bucket")
	some retention in logging.s3_default_retentions(bucket)
	is_number(retention.days)
	retention.days < logging.log_min_days
	msg := concat("", [
		"the Object Lock default retention of S3 bucket ", bucket.id, " keeps objects for ",
		sprintf("%v", [retention.days]), " days; lock them at least ", sprintf("%v", [logging.log_min_days]),
		" days (six months)",
	])
}

# --- GCS ------------------------------------------------------------------------------------

deny contains {"resource": bucket.id, "msg": msg, "attribute": "retention_policy"} if {
	some bucket in _log_stores("google_storage_bucket")
	not _retention_policy(bucket)
	msg := sprintf("GCS bucket %s holds AI system logs but has no retention_policy, so its objects can be deleted at any time", [bucket.id])
}

deny contains {"resource": bucket.id, "msg": msg, "attribute": "retention_policy.0.is_locked"} if {
	some bucket in _log_stores("google_storage_bucket")
	policy := _retention_policy(bucket)
	locked := object.get(policy, "is_locked", false)
	locked != true
	not lib.is_unresolved(locked)
	msg := sprintf("the retention policy of GCS bucket %s is not locked (is_locked), so it can be shortened or removed", [bucket.id])
}

deny contains {"resource": bucket.id, "msg": msg, "attribute": "retention_policy.0.retention_period"} if {
	some bucket in _log_stores("google_storage_bucket")
	policy := _retention_policy(bucket)
	seconds := lib.number(policy.retention_period)
	seconds < _min_seconds
	msg := concat("", [
		"the retention policy of GCS bucket ", bucket.id, " keeps objects for ",
		sprintf("%v", [seconds]), " seconds; keep them at least ", sprintf("%v", [_min_seconds]),
		" seconds (", sprintf("%v", [logging.log_min_days]), " days)",
	])
}

_retention_policy(bucket) := policy if {
	policy := bucket.attributes.retention_policy[0]
	is_object(policy)
}

# --- Azure ----------------------------------------------------------------------------------

deny contains {"resource": account.id, "msg": msg, "attribute": "immutability_policy"} if {
	some account in _log_stores("azurerm_storage_account")
	not _immutability_policy(account)
	not _locked_containers(account)
	msg := sprintf("storage account %s holds AI system logs but has no immutability_policy, so its blobs can be deleted or overwritten at any time", [account.id])
}

deny contains {"resource": account.id, "msg": msg, "attribute": "immutability_policy.0.state"} if {
	some account in _log_stores("azurerm_storage_account")
	policy := _immutability_policy(account)
	state := policy.state
	is_string(state)
	not lib.is_unresolved(state)
	state != "Locked"
	not _locked_containers(account)
	msg := concat("", [
		"the immutability policy of storage account ", account.id, " is ", state,
		", so it can be shortened or removed; lock it (state = Locked)",
	])
}

deny contains {"resource": account.id, "msg": msg, "attribute": "immutability_policy.0.period_since_creation_in_days"} if {
	some account in _log_stores("azurerm_storage_account")
	policy := _immutability_policy(account)
	days := lib.number(policy.period_since_creation_in_days)
	days < logging.log_min_days
	not _locked_containers(account)
	msg := concat("", [
		"the immutability policy of storage account ", account.id, " keeps blobs for ",
		sprintf("%v", [days]), " days; keep them at least ", sprintf("%v", [logging.log_min_days]),
		" days (six months)",
	])
}

_immutability_policy(account) := policy if {
	policy := account.attributes.immutability_policy[0]
	is_object(policy)
}

# Some container of the account in the module has a locked immutability policy that keeps
# blobs long enough (diagnostic-setting containers are created by Azure, so this is rare).
_locked_containers(account) if {
	some container in lib.resources_of_kind(input, "azurerm_storage_container")
	_in_account(container, account)
	some policy in lib.resources_of_kind(input, "azurerm_storage_container_immutability_policy")
	lib.references(policy.attributes.storage_container_resource_manager_id, container.id)
	policy.attributes.locked == true
	lib.number(policy.attributes.immutability_period_in_days) >= logging.log_min_days
}

_in_account(container, account) if lib.references(container.attributes.storage_account_id, account.id)

_in_account(container, account) if lib.references(container.attributes.storage_account_name, account.id)
