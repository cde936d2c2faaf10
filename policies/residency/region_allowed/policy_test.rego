package aiguard.rules.residency.region_allowed_test

import data.aiguard.rules.residency.region_allowed

_resource(kind, region, attributes) := {
	"id": concat(".", [kind, "r"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"region": region},
}

_doc(resources) := {"resources": resources}

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {
		"aws": ["eu-central-1", "eu-west-1"],
		"google": ["europe-west4", "eu"],
		"azurerm": ["westeurope"],
	},
	"adequacy": {
		"aws": ["eu-west-2", "eu-central-2"],
		"google": ["europe-west2", "europe-west6"],
		"azurerm": ["uksouth", "switzerlandnorth"],
	},
	"include_adequacy": false,
	"global_kinds": ["aws_iam_*", "google_project"],
}

test_global_types_are_not_judged if {
	doc := _doc([
		_resource("aws_iam_role", "us-east-1", {}),
		_resource("google_project", "us-central1", {}),
		_resource("google_project_iam_member", "us-central1", {}),
	])
	denials := region_allowed.deny with input as doc
		with data.aiguard.config.regions as _regions
	{v.resource | some v in denials} == {"google_project_iam_member.r"}
}

test_frankfurt_passes if {
	doc := _doc([_resource("aws_s3_bucket", "eu-central-1", {})])
	count(region_allowed.deny) == 0 with input as doc
		with data.aiguard.config.regions as _regions
}

test_london_is_not_allowed if {
	doc := _doc([_resource("aws_s3_bucket", "eu-west-2", {})])
	denials := region_allowed.deny with input as doc
		with data.aiguard.config.regions as _regions
	count(denials) == 1
	some v in denials
	contains(v.msg, "region eu-west-2")
	not v.attribute
}

test_zurich_is_not_allowed_on_any_cloud if {
	doc := _doc([
		_resource("aws_s3_bucket", "eu-central-2", {}),
		_resource("google_storage_bucket", "europe-west6", {"location": "europe-west6"}),
		_resource("azurerm_storage_account", "switzerlandnorth", {"location": "Switzerland North"}),
	])
	count(region_allowed.deny) == 3 with input as doc
		with data.aiguard.config.regions as _regions
}

test_uk_regions_are_not_allowed_on_google_and_azure if {
	doc := _doc([
		_resource("google_compute_instance", "europe-west2", {"zone": "europe-west2-a"}),
		_resource("azurerm_resource_group", "uksouth", {"location": "UK South"}),
	])
	count(region_allowed.deny) == 2 with input as doc
		with data.aiguard.config.regions as _regions
}

test_adequacy_regions_pass_when_opted_in if {
	doc := _doc([
		_resource("aws_s3_bucket", "eu-west-2", {}),
		_resource("google_storage_bucket", "europe-west6", {}),
		_resource("azurerm_resource_group", "switzerlandnorth", {}),
	])
	count(region_allowed.deny) == 0 with input as doc
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
}

test_us_region_is_denied if {
	doc := _doc([_resource("aws_sagemaker_endpoint", "us-east-1", {"region": "us-east-1"})])
	denials := region_allowed.deny with input as doc
		with data.aiguard.config.regions as _regions
	count(denials) == 1
	some v in denials
	v.attribute == "region"
}

test_google_zone_attribute_is_named if {
	doc := _doc([_resource("google_compute_instance", "us-central1", {"zone": "us-central1-a"})])
	denials := region_allowed.deny with input as doc
		with data.aiguard.config.regions as _regions
	some v in denials
	v.attribute == "zone"
}

test_azure_location_attribute_is_named if {
	doc := _doc([_resource("azurerm_resource_group", "eastus", {"location": "East US"})])
	denials := region_allowed.deny with input as doc
		with data.aiguard.config.regions as _regions
	some v in denials
	v.attribute == "location"
}

test_regions_match_exactly_not_by_prefix if {
	doc := _doc([_resource("aws_s3_bucket", "eu-west-1-x", {})])
	count(region_allowed.deny) == 1 with input as doc
		with data.aiguard.config.regions as _regions
}

test_region_match_is_case_insensitive if {
	doc := _doc([
		_resource("google_storage_bucket", "EU", {"location": "EU"}),
		_resource("azurerm_resource_group", "WestEurope", {}),
	])
	count(region_allowed.deny) == 0 with input as doc
		with data.aiguard.config.regions as _regions
}

test_google_us_multi_region_is_denied if {
	doc := _doc([_resource("google_storage_bucket", "US", {"location": "US"})])
	count(region_allowed.deny) == 1 with input as doc
		with data.aiguard.config.regions as _regions
}

test_global_is_never_allowed if {
	doc := _doc([_resource("google_compute_global_address", "global", {})])
	count(region_allowed.deny) == 1 with input as doc
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
}

test_unknown_region_is_not_judged if {
	doc := _doc([{"id": "aws_s3_bucket.r", "kind": "aws_s3_bucket", "provider": "aws", "attributes": {}, "derived": {}}])
	count(region_allowed.deny) == 0 with input as doc
		with data.aiguard.config.regions as _regions
}

test_unresolved_region_attribute_is_not_named if {
	doc := _doc([_resource("aws_s3_bucket", "us-east-1", {"region": "${var.region}"})])
	denials := region_allowed.deny with input as doc
		with data.aiguard.config.regions as _regions
	count(denials) == 1
	some v in denials
	not v.attribute
}

test_data_sources_are_not_judged if {
	source := object.union(_resource("aws_region", "us-east-1", {}), {"id": "data.aws_region.current"})
	count(region_allowed.deny) == 0 with input as _doc([source])
		with data.aiguard.config.regions as _regions
}

test_other_providers_are_not_judged if {
	doc := _doc([{"id": "random_id.r", "kind": "random_id", "provider": "random", "attributes": {}, "derived": {"region": "us-east-1"}}])
	count(region_allowed.deny) == 0 with input as doc
		with data.aiguard.config.regions as _regions
}

test_allow_list_comes_from_data if {
	doc := _doc([_resource("aws_s3_bucket", "eu-west-1", {})])
	count(region_allowed.deny) == 1 with input as doc
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.allowed.aws as ["eu-central-1"]
}
