# Helpers for the record-keeping rules: retention minimums, which stores hold AI system
# logs or technical documentation, and what lifecycle settings delete from a store and how
# long a lock keeps it. Stores are S3 buckets, GCS buckets, Azure storage accounts and
# BigQuery datasets; settings are joined to them by reference or by literal name.
# Iteration indexes are bound by a plain assignment before a call uses them: regopy 1.5.2
# never enumerates `some i` first met inside a call argument (`lib.number(xs[i].days)`).
package aiguard.lib.logging

import data.aiguard.lib

# --- thresholds (rules/retention.yaml) ---------------------------------------------------

# Days logs must be kept: rules/retention.yaml min_days, else the legal six months (184).
log_min_days := days if {
	days := data.aiguard.config.retention.min_days
	is_number(days)
} else := 184

# Days technical documentation must be kept: rules/retention.yaml documentation_min_days,
# else ten years (3653 days).
documentation_min_days := days if {
	days := data.aiguard.config.retention.documentation_min_days
	is_number(days)
} else := 3653

# --- declarations (rules/logging.yaml) ---------------------------------------------------

# The kinds that store objects, tables or blobs and may declare what they hold.
store_kinds := {"aws_s3_bucket", "google_storage_bucket", "azurerm_storage_account", "google_bigquery_dataset"}

# A list from rules/logging.yaml, or `fallback` when it is missing or not a list.
logging_setting(name, fallback) := value if {
	settings := data.aiguard.config.logging
	is_object(settings)
	value := object.get(settings, name, null)
	is_array(value)
} else := fallback

# Lower-cased classifications that make a store a log store / a documentation store.
log_classifications := {lower(c) | some c in logging_setting("log_classifications", ["logs"]); is_string(c)}

documentation_classifications := {lower(c) |
	some c in logging_setting("documentation_classifications", ["technical-documentation"])
	is_string(c)
}

# The lower-cased `aiguard.io/data-classification` a resource declares.
data_classification(r) := lower(value) if {
	value := r.derived.ai.data_classification
	is_string(value)
}

# --- which stores hold AI system logs ----------------------------------------------------

# Ids of the stores in the unit that hold AI system logs: declared, or named as the
# destination of SageMaker data capture, Bedrock invocation logging, the diagnostic setting
# of an Azure AI resource or Vertex AI request-response logging.
log_store_ids contains r.id if {
	some r in input.resources
	r.kind in store_kinds
	not lib.is_data_source(r)
	data_classification(r) in log_classifications
}

log_store_ids contains bucket.id if {
	some bucket in lib.resources_of_kind(input, "aws_s3_bucket")
	some destination in _s3_log_destinations
	_names_bucket(destination, bucket)
}

log_store_ids contains account.id if {
	some account in lib.resources_of_kind(input, "azurerm_storage_account")
	some setting in lib.resources_of_kind(input, "azurerm_monitor_diagnostic_setting")
	targets_ai_resource(setting)
	lib.references(setting.attributes.storage_account_id, account.id)
}

log_store_ids contains dataset.id if {
	some dataset in lib.resources_of_kind(input, "google_bigquery_dataset")
	some endpoint in lib.resources_of_kind(input, "google_vertex_ai_endpoint")
	some config in endpoint.attributes.predict_request_response_logging_config
	some destination in config.bigquery_destination
	_names_dataset(destination.output_uri, dataset)
}

# Ids of the stores that declare they keep technical documentation.
documentation_store_ids contains r.id if {
	some r in input.resources
	r.kind in store_kinds
	not lib.is_data_source(r)
	data_classification(r) in documentation_classifications
}

# S3 locations that AI systems write logs to: SageMaker data capture URIs and Bedrock
# invocation logging buckets (direct, or for large payloads of CloudWatch delivery).
_s3_log_destinations contains uri if {
	some config in lib.resources_of_kind(input, "aws_sagemaker_endpoint_configuration")
	some capture in config.attributes.data_capture_config
	uri := capture.destination_s3_uri
	is_string(uri)
}

_s3_log_destinations contains name if {
	some config in lib.resources_of_kind(input, "aws_bedrock_model_invocation_logging_configuration")
	some logging_config in config.attributes.logging_config
	some s3 in logging_config.s3_config
	name := s3.bucket_name
	is_string(name)
}

_s3_log_destinations contains name if {
	some config in lib.resources_of_kind(input, "aws_bedrock_model_invocation_logging_configuration")
	some logging_config in config.attributes.logging_config
	some cloudwatch in logging_config.cloudwatch_config
	some s3 in cloudwatch.large_data_delivery_s3_config
	name := s3.bucket_name
	is_string(name)
}

# A bucket name, s3:// URI or reference names the bucket.
_names_bucket(value, bucket) if lib.references(value, bucket.id)

_names_bucket(value, bucket) if {
	some name in s3_bucket_keys(bucket)
	name != bucket.id
	value in {name, concat("", ["s3://", name])}
}

_names_bucket(value, bucket) if {
	some name in s3_bucket_keys(bucket)
	name != bucket.id
	startswith(value, concat("", ["s3://", name, "/"]))
}

# A BigQuery output URI (bq://project.dataset[.table]) names the dataset.
_names_dataset(uri, dataset) if lib.references(uri, dataset.id)

_names_dataset(uri, dataset) if {
	is_string(uri)
	startswith(uri, "bq://")
	parts := split(trim_prefix(uri, "bq://"), ".")
	count(parts) > 1
	parts[1] == dataset.attributes.dataset_id
}

# True for an Azure diagnostic setting of an AI Services (Cognitive Services) account or an
# Azure ML workspace: by reference in source, by resource id in a plan.
targets_ai_resource(setting) if {
	id := lib.referenced_id(setting.attributes.target_resource_id)
	some prefix in ["azurerm_cognitive_account.", "azurerm_machine_learning_workspace."]
	startswith(id, prefix)
}

targets_ai_resource(setting) if {
	target := setting.attributes.target_resource_id
	is_string(target)
	some provider in ["/providers/microsoft.cognitiveservices/accounts/", "/providers/microsoft.machinelearningservices/workspaces/"]
	contains(lower(target), provider)
}

# --- joins ---------------------------------------------------------------------------------

# What a separate S3 bucket setting (lifecycle, object lock) may name its bucket by: the
# bucket's address and its literal name.
s3_bucket_keys(bucket) := {bucket.id} | {name |
	name := bucket.attributes.bucket
	is_string(name)
	name != ""
	not contains(name, "${")
}

# The bucket a separate S3 setting names in `bucket`: an address by reference, or a name.
s3_setting_target(setting) := lib.referenced_id(setting.attributes.bucket)

s3_setting_target(setting) := name if {
	name := setting.attributes.bucket
	is_string(name)
	name != ""
	not contains(name, "${")
}

# The separate settings of `kind` that apply to the S3 bucket.
s3_settings_of(bucket, kind) := [setting |
	keys := s3_bucket_keys(bucket)
	some setting in lib.resources_of_kind(input, kind)
	s3_setting_target(setting) in keys
]

# The storage management policies of an Azure storage account.
azure_management_policies_of(account) := [policy |
	some policy in lib.resources_of_kind(input, "azurerm_storage_management_policy")
	lib.references(policy.attributes.storage_account_id, account.id)
]

# --- what deletes from a store, and what keeps it -----------------------------------------

# Every deletion a lifecycle setting schedules for the objects of a store, as
# {"resource": the resource that holds the setting, "attribute": its path, "days": age}.
# S3: enabled lifecycle rules with expiration days (separate resource or legacy inline
# block); GCS: Delete actions with an age condition on live objects; Azure: enabled
# management policy rules deleting base blobs. Unresolved values are not judged.
scheduled_deletions(store) := array.concat(_s3_expirations(store), _s3_inline_expirations(store)) if {
	store.kind == "aws_s3_bucket"
}

scheduled_deletions(store) := [deletion |
	some i, j, k
	rule := store.attributes.lifecycle_rule[i]
	rule.action[j].type == "Delete"
	condition := rule.condition[k]
	object.get(condition, "with_state", "ANY") != "ARCHIVED"
	age := lib.number(condition.age)
	is_number(i)
	is_number(k)
	attribute := concat(".", ["lifecycle_rule", format_int(i, 10), "condition", format_int(k, 10), "age"])
	deletion := {"resource": store.id, "attribute": attribute, "days": age}
] if {
	store.kind == "google_storage_bucket"
}

scheduled_deletions(store) := [deletion |
	some policy in azure_management_policies_of(store)
	some i, j, k
	rule := policy.attributes.rule[i]
	object.get(rule, "enabled", true) == true
	base_blob := rule.actions[j].base_blob[k]
	some name in _azure_delete_attributes
	days := lib.number(base_blob[name])
	days >= 0
	is_number(i)
	is_number(j)
	is_number(k)
	attribute := concat(".", ["rule", format_int(i, 10), "actions", format_int(j, 10), "base_blob", format_int(k, 10), name])
	deletion := {"resource": policy.id, "attribute": attribute, "days": days}
] if {
	store.kind == "azurerm_storage_account"
}

scheduled_deletions(store) := [] if {
	not store.kind in {"aws_s3_bucket", "google_storage_bucket", "azurerm_storage_account"}
}

_azure_delete_attributes := [
	"delete_after_days_since_modification_greater_than",
	"delete_after_days_since_creation_greater_than",
	"delete_after_days_since_last_access_time_greater_than",
]

_s3_expirations(bucket) := [deletion |
	some config in s3_settings_of(bucket, "aws_s3_bucket_lifecycle_configuration")
	some i, j
	rule := config.attributes.rule[i]
	rule.status == "Enabled"
	expiration := rule.expiration[j]
	days := lib.number(expiration.days)
	is_number(i)
	is_number(j)
	attribute := concat(".", ["rule", format_int(i, 10), "expiration", format_int(j, 10), "days"])
	deletion := {"resource": config.id, "attribute": attribute, "days": days}
]

_s3_inline_expirations(bucket) := [deletion |
	some i, j
	rule := bucket.attributes.lifecycle_rule[i]
	rule.enabled == true
	expiration := rule.expiration[j]
	days := lib.number(expiration.days)
	is_number(i)
	is_number(j)
	attribute := concat(".", ["lifecycle_rule", format_int(i, 10), "expiration", format_int(j, 10), "days"])
	deletion := {"resource": bucket.id, "attribute": attribute, "days": days}
]

# The days for which a lock or retention policy keeps every new object of a store from
# being deleted, lifecycle rules included (0 when there is none): S3 Object Lock default
# retention (either mode; years count 365 days), a GCS bucket retention policy (locked or
# not), an Azure account-level immutability policy that is not Disabled.
protected_days(store) := max(array.concat([0], _protection_periods(store)))

_protection_periods(store) := [days |
	some retention in s3_default_retentions(store)
	days := retention.days
	is_number(days)
] if {
	store.kind == "aws_s3_bucket"
}

_protection_periods(store) := [days |
	some policy in store.attributes.retention_policy
	seconds := lib.number(policy.retention_period)
	days := seconds / 86400
] if {
	store.kind == "google_storage_bucket"
}

_protection_periods(store) := [days |
	some policy in store.attributes.immutability_policy
	policy.state in {"Unlocked", "Locked"}
	days := lib.number(policy.period_since_creation_in_days)
] if {
	store.kind == "azurerm_storage_account"
}

_protection_periods(store) := [] if {
	not store.kind in {"aws_s3_bucket", "google_storage_bucket", "azurerm_storage_account"}
}

# The S3 Object Lock default retentions of a bucket, as {"resource", "attribute", "mode",
# "unit", "days"}: from aws_s3_bucket_object_lock_configuration resources naming it and
# from the legacy inline object_lock_configuration block. `days` is the period in days
# (years count 365 days), null when it is not known; `unit` is the attribute that set it.
s3_default_retentions(bucket) := array.concat(_s3_lock_resources(bucket), _s3_inline_locks(bucket))

_s3_lock_resources(bucket) := [retention |
	some config in s3_settings_of(bucket, "aws_s3_bucket_object_lock_configuration")
	some i, j
	setting := config.attributes.rule[i].default_retention[j]
	is_number(i)
	is_number(j)
	path := concat(".", ["rule", format_int(i, 10), "default_retention", format_int(j, 10)])
	retention := _s3_retention(config.id, path, setting)
]

_s3_inline_locks(bucket) := [retention |
	some i, j, k
	setting := bucket.attributes.object_lock_configuration[i].rule[j].default_retention[k]
	is_number(i)
	is_number(j)
	is_number(k)
	path := concat(".", [
		"object_lock_configuration", format_int(i, 10), "rule", format_int(j, 10),
		"default_retention", format_int(k, 10),
	])
	retention := _s3_retention(bucket.id, path, setting)
]

_s3_retention(resource, path, setting) := object.union(
	{"resource": resource, "attribute": path, "mode": object.get(setting, "mode", "")},
	_s3_lock_period(setting),
)

_s3_lock_period(setting) := {"unit": "days", "days": days} if {
	days := lib.number(setting.days)
} else := {"unit": "years", "days": days} if {
	days := lib.number(setting.years) * 365
} else := {"unit": "", "days": null}
