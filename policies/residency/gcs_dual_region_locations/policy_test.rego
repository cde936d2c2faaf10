package aiguard.rules.residency.gcs_dual_region_locations_test

import data.aiguard.rules.residency.gcs_dual_region_locations as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"google": ["europe-west1", "europe-west4", "eu"]},
	"adequacy": {"google": ["europe-west2", "europe-west6"]},
	"include_adequacy": false,
}

_bucket(attributes) := {
	"id": "google_storage_bucket.datasets",
	"kind": "google_storage_bucket",
	"provider": "google",
	"attributes": attributes,
	"derived": {"region": "EU"},
}

_denials(resource) := denials if {
	denials := rule.deny with input as {"resources": [resource]}
		with data.aiguard.config.regions as _regions
}

test_allowed_pair_passes if {
	count(_denials(_bucket({"location": "EU", "custom_placement_config": [{"data_locations": ["EUROPE-WEST1", "EUROPE-WEST4"]}]}))) == 0
}

test_london_in_an_eu_dual_region_is_denied if {
	denials := _denials(_bucket({"location": "EU", "custom_placement_config": [{"data_locations": ["EUROPE-WEST1", "EUROPE-WEST2"]}]}))
	count(denials) == 1
	some v in denials
	v.attribute == "custom_placement_config.0.data_locations"
	contains(v.msg, "stores objects in europe-west2,")
}

test_both_regions_outside_are_listed if {
	some v in _denials(_bucket({"location": "US", "custom_placement_config": [{"data_locations": ["US-EAST1", "US-WEST1"]}]}))
	contains(v.msg, "us-east1, us-west1")
}

test_adequacy_opt_in if {
	denials := rule.deny with input as {"resources": [_bucket({"location": "EU", "custom_placement_config": [{"data_locations": ["EUROPE-WEST4", "EUROPE-WEST6"]}]})]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	count(denials) == 0
}

test_plus_location_is_judged if {
	denials := _denials(_bucket({"location": "EUROPE-WEST4+US-CENTRAL1"}))
	count(denials) == 1
	some v in denials
	v.attribute == "location"
	contains(v.msg, "us-central1")
}

test_plus_location_of_allowed_regions_passes if {
	count(_denials(_bucket({"location": "europe-west1+europe-west4"}))) == 0
}

test_single_region_and_multi_region_locations_are_left_to_aig_res_001 if {
	count(_denials(_bucket({"location": "US"}))) == 0
	count(_denials(_bucket({"location": "europe-west2"}))) == 0
}

test_unresolved_locations_are_not_judged if {
	count(_denials(_bucket({"location": "EU", "custom_placement_config": [{"data_locations": ["${var.primary}", "${var.secondary}"]}]}))) == 0
	count(_denials(_bucket({"location": "EU", "custom_placement_config": [{"data_locations": "${var.locations}"}]}))) == 0
}
