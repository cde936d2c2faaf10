package aiguard.rules.residency.log_sink_destination_test

import data.aiguard.rules.residency.log_sink_destination as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {
		"aws": ["eu-central-1"],
		"google": ["europe-west4", "eu"],
		"azurerm": ["westeurope"],
	},
	"adequacy": {"aws": ["eu-west-2"], "google": ["europe-west2"], "azurerm": ["uksouth"]},
	"include_adequacy": false,
}

_resource(kind, name, region, attributes) := {
	"id": concat(".", [kind, name]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"region": region},
}

_denials(resources) := denials if {
	denials := rule.deny with input as {"resources": resources}
		with data.aiguard.config.regions as _regions
}

_sink(destination) := _resource("google_logging_project_sink", "vertex", "europe-west4", {"name": "vertex", "destination": destination})

test_log_bucket_path_in_an_allowed_location_passes if {
	count(_denials([_sink("logging.googleapis.com/projects/acme/locations/europe-west4/buckets/audit")])) == 0
}

test_log_bucket_path_outside_is_denied if {
	denials := _denials([_sink("logging.googleapis.com/projects/acme/locations/global/buckets/audit")])
	count(denials) == 1
	some v in denials
	v.attribute == "destination"
	contains(v.msg, "delivers logs to a log bucket in global")
}

test_referenced_storage_bucket_outside_is_denied if {
	bucket := _resource("google_storage_bucket", "logs", "US", {"name": "acme-logs", "location": "US"})
	denials := _denials([bucket, _sink("storage.googleapis.com/${google_storage_bucket.logs.name}")])
	count(denials) == 1
	some v in denials
	contains(v.msg, "google_storage_bucket.logs in us")
}

test_storage_bucket_named_literally_is_joined if {
	bucket := _resource("google_storage_bucket", "logs", "US", {"name": "acme-logs", "location": "US"})
	count(_denials([bucket, _sink("storage.googleapis.com/acme-logs")])) == 1
	count(_denials([bucket, _sink("storage.googleapis.com/acme-logs-other")])) == 0
}

test_eu_bucket_passes if {
	bucket := _resource("google_storage_bucket", "logs", "EU", {"name": "acme-logs", "location": "EU"})
	count(_denials([bucket, _sink("storage.googleapis.com/${google_storage_bucket.logs.name}")])) == 0
}

test_bigquery_dataset_is_joined if {
	dataset := _resource("google_bigquery_dataset", "logs", "us-central1", {"dataset_id": "ai_logs", "location": "us-central1"})
	count(_denials([dataset, _sink("bigquery.googleapis.com/projects/acme/datasets/ai_logs")])) == 1
	count(_denials([dataset, _sink("bigquery.googleapis.com/projects/acme/datasets/${google_bigquery_dataset.logs.dataset_id}")])) == 1
}

test_log_bucket_config_is_joined if {
	config := _resource("google_logging_project_bucket_config", "audit", "global", {"project": "acme", "location": "global", "bucket_id": "audit"})
	count(_denials([config, _sink("logging.googleapis.com/${google_logging_project_bucket_config.audit.id}")])) == 1
}

test_destination_outside_the_module_is_not_judged if {
	count(_denials([_sink("storage.googleapis.com/someone-elses-bucket")])) == 0
	count(_denials([_sink("${var.destination}")])) == 0
}

test_organization_sinks_are_judged if {
	sink := _resource("google_logging_organization_sink", "all", "europe-west4", {"destination": "logging.googleapis.com/projects/acme/locations/us-central1/buckets/audit"})
	count(_denials([sink])) == 1
}

_filter(destination) := _resource("aws_cloudwatch_log_subscription_filter", "llm", "eu-central-1", {
	"name": "llm",
	"log_group_name": "/aws/bedrock/invocations",
	"filter_pattern": "",
	"destination_arn": destination,
})

test_subscription_to_an_arn_outside_is_denied if {
	denials := _denials([_filter("arn:aws:firehose:us-east-1:123456789012:deliverystream/siem")])
	count(denials) == 1
	some v in denials
	v.attribute == "destination_arn"
	contains(v.msg, "in us-east-1")
}

test_subscription_in_an_allowed_region_passes if {
	count(_denials([_filter("arn:aws:kinesis:eu-central-1:123456789012:stream/siem")])) == 0
}

test_subscription_to_a_referenced_stream_uses_its_region if {
	stream := _resource("aws_kinesis_stream", "siem", "us-west-2", {"name": "siem"})
	count(_denials([stream, _filter("${aws_kinesis_stream.siem.arn}")])) == 1
}

_setting(attributes) := _resource("azurerm_monitor_diagnostic_setting", "openai", "", object.union({"name": "openai", "target_resource_id": "${azurerm_cognitive_account.openai.id}"}, attributes))

test_diagnostic_setting_to_a_workspace_outside_is_denied if {
	workspace := _resource("azurerm_log_analytics_workspace", "audit", "eastus", {"name": "audit"})
	denials := _denials([workspace, _setting({"log_analytics_workspace_id": "${azurerm_log_analytics_workspace.audit.id}"})])
	count(denials) == 1
	some v in denials
	v.attribute == "log_analytics_workspace_id"
	contains(v.msg, "azurerm_log_analytics_workspace.audit in eastus")
}

test_diagnostic_setting_to_storage_in_an_allowed_region_passes if {
	account := _resource("azurerm_storage_account", "audit", "westeurope", {"name": "audit"})
	count(_denials([account, _setting({"storage_account_id": "${azurerm_storage_account.audit.id}"})])) == 0
}

test_diagnostic_setting_to_a_literal_id_is_not_judged if {
	count(_denials([_setting({"log_analytics_workspace_id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit"})])) == 0
}
