package aiguard.rules.cost.billing_region_residency_test

import data.aiguard.rules.cost.billing_region_residency

_regions := {"allowed": {"aws": ["eu-west-1"]}, "adequacy": {"aws": ["eu-west-2"]}, "include_adequacy": false}

_doc(region) := {"billing": {"currency": "USD", "regions": [
	{"provider": "aws", "provider_name": "AWS", "region": region, "cost": 40},
]}}

test_region_outside_allow_list_is_denied if {
	denials := billing_region_residency.deny with input as _doc("us-east-1") with data.aiguard.config.regions as _regions
	some v in denials
	v.resource == "billing:region/aws/us-east-1"
	v.msg == "40.00 USD of AWS spend in us-east-1, which is not on the residency allow-list (rules/regions.yaml)"
}

test_allowed_and_global_regions_pass if {
	count(billing_region_residency.deny) == 0 with input as _doc("eu-west-1") with data.aiguard.config.regions as _regions
	count(billing_region_residency.deny) == 0 with input as _doc("global") with data.aiguard.config.regions as _regions
}

test_adequacy_regions_count_when_included if {
	count(billing_region_residency.deny) == 1 with input as _doc("eu-west-2") with data.aiguard.config.regions as _regions
	regions := object.union(_regions, {"include_adequacy": true})
	count(billing_region_residency.deny) == 0 with input as _doc("eu-west-2") with data.aiguard.config.regions as regions
}
