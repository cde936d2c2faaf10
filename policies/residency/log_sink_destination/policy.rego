# METADATA
# title: Log sinks deliver logs only to allowed regions
# description: >-
#   Logs of AI systems carry what the system saw and said: prompts, responses, request
#   metadata and user identifiers, often personal data. A log sink or subscription that
#   delivers them to a destination outside the EU/EEA transfers that data under GDPR
#   Chapter V (Art. 44), which needs an adequacy decision or appropriate safeguards
#   (Art. 46). Judged where the destination's region is known: Google Cloud log sinks
#   (project, folder, organization, billing account) to a Cloud Logging bucket whose path
#   names its location, or to a Cloud Storage bucket, BigQuery dataset or log bucket of the
#   same module; CloudWatch Logs subscription filters to an ARN with a region (Kinesis,
#   Firehose, Lambda, log destinations) or to such a resource of the same module; Azure
#   diagnostic settings to a storage account or Log Analytics workspace of the same module.
# custom:
#   id: AIG-RES-010
#   severity: medium
#   kinds: [google_logging_project_sink, google_logging_folder_sink, google_logging_organization_sink, google_logging_billing_account_sink, google_storage_bucket, google_bigquery_dataset, google_logging_project_bucket_config, aws_cloudwatch_log_subscription_filter, aws_kinesis_stream, aws_kinesis_firehose_delivery_stream, aws_lambda_function, aws_cloudwatch_log_destination, azurerm_monitor_diagnostic_setting, azurerm_monitor_aad_diagnostic_setting, azurerm_storage_account, azurerm_log_analytics_workspace]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#     - {name: gdpr, ref: "Art. 46(1)"}
#   basis: practice
#   remediation: |
#     Deliver logs to a destination in an allowed region:
#       resource "google_logging_project_sink" "vertex" {
#         destination = "logging.googleapis.com/projects/acme-ml/locations/europe-west4/buckets/ai-audit"
#       }
#       resource "azurerm_log_analytics_workspace" "audit" {
#         location = "westeurope"
#       }
package aiguard.rules.residency.log_sink_destination

import data.aiguard.lib
import data.aiguard.lib.residency

_google_sink_kinds := [
	"google_logging_project_sink", "google_logging_folder_sink",
	"google_logging_organization_sink", "google_logging_billing_account_sink",
]

_azure_setting_kinds := ["azurerm_monitor_diagnostic_setting", "azurerm_monitor_aad_diagnostic_setting"]

# A Cloud Logging bucket whose path names its location.
deny contains {"resource": r.id, "msg": msg, "attribute": "destination"} if {
	some r in lib.resources_of_kinds(input, _google_sink_kinds)
	destination := r.attributes.destination
	is_string(destination)
	startswith(destination, "logging.googleapis.com/")
	location := residency.google_path_location(destination)
	residency.outside("google", location)
	msg := _sink_message(r, "a log bucket", location)
}

# A bucket, dataset or log bucket of the module.
deny contains {"resource": r.id, "msg": msg, "attribute": "destination"} if {
	some r in lib.resources_of_kinds(input, _google_sink_kinds)
	destination := r.attributes.destination
	is_string(destination)
	some target in _google_targets
	_names_google_target(destination, target)
	region := lower(target.derived.region)
	residency.outside("google", region)
	msg := _sink_message(r, target.id, region)
}

deny contains {"resource": r.id, "msg": msg, "attribute": "destination_arn"} if {
	some r in lib.resources_of_kind(input, "aws_cloudwatch_log_subscription_filter")
	value := r.attributes.destination_arn
	some [target, region] in _aws_destinations(value)
	residency.outside("aws", region)
	msg := _sink_message(r, target, region)
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kinds(input, _azure_setting_kinds)
	some attribute in ["storage_account_id", "log_analytics_workspace_id"]
	value := r.attributes[attribute]
	id := lib.referenced_id(value)
	some target in _azure_targets
	target.id == id
	region := residency.azure_location(target.derived.region)
	residency.outside("azurerm", region)
	msg := _sink_message(r, target.id, region)
}

_google_targets := lib.resources_of_kinds(input, ["google_storage_bucket", "google_bigquery_dataset", "google_logging_project_bucket_config"])

_aws_targets := lib.resources_of_kinds(input, [
	"aws_kinesis_stream", "aws_kinesis_firehose_delivery_stream",
	"aws_lambda_function", "aws_cloudwatch_log_destination",
])

_azure_targets := lib.resources_of_kinds(input, ["azurerm_storage_account", "azurerm_log_analytics_workspace"])

# True when a sink destination names `target`: by reference, or by its literal name
# ("storage.googleapis.com/<bucket>", "bigquery.googleapis.com/projects/<p>/datasets/<id>").
_names_google_target(destination, target) if lib.references(destination, target.id)

_names_google_target(destination, target) if {
	target.kind == "google_storage_bucket"
	name := target.attributes.name
	is_string(name)
	destination == concat("", ["storage.googleapis.com/", name])
}

_names_google_target(destination, target) if {
	target.kind == "google_bigquery_dataset"
	parts := split(destination, "/")
	parts[0] == "bigquery.googleapis.com"
	count(parts) == 5
	parts[3] == "datasets"
	parts[4] == target.attributes.dataset_id
}

# [what, region] of a subscription destination: its ARN's region, or the referenced
# resource's own region.
_aws_destinations(value) := {["a destination", region] | region := residency.arn_region(value)} | {[target.id, region] |
	id := lib.referenced_id(value)
	some target in _aws_targets
	target.id == id
	region := residency.aws_region_name(target.derived.region)
}

_sink_message(r, target, region) := concat("", [
	r.id, " delivers logs to ", target, " in ", region,
	", outside the allowed regions for personal data (rules/regions.yaml)",
])
