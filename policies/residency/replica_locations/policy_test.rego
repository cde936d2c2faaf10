package aiguard.rules.residency.replica_locations_test

import data.aiguard.rules.residency.replica_locations as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {
		"aws": ["eu-central-1", "eu-west-1"],
		"google": ["europe-west1", "europe-west4", "eu"],
		"azurerm": ["westeurope", "northeurope"],
	},
	"adequacy": {"aws": ["eu-west-2"], "google": ["europe-west2"], "azurerm": ["uksouth"]},
	"include_adequacy": false,
}

_resource(kind, attributes) := {
	"id": concat(".", [kind, "r"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {},
}

_denials(resource) := denials if {
	denials := rule.deny with input as {"resources": [resource]}
		with data.aiguard.config.regions as _regions
}

test_dynamodb_replicas if {
	denials := _denials(_resource("aws_dynamodb_table", {"name": "t", "replica": [{"region_name": "eu-west-1"}, {"region_name": "us-east-1"}]}))
	count(denials) == 1
	some v in denials
	v.attribute == "replica.1.region_name"
	contains(v.msg, "replica in region us-east-1, which is not an allowed aws region")
}

test_dynamodb_replicas_in_allowed_regions_pass if {
	count(_denials(_resource("aws_dynamodb_table", {"replica": [{"region_name": "eu-west-1"}]}))) == 0
}

test_ecr_replication_destinations if {
	denials := _denials(_resource("aws_ecr_replication_configuration", {"replication_configuration": [{"rule": [{"destination": [
		{"region": "eu-west-1", "registry_id": "123456789012"},
		{"region": "ap-southeast-1", "registry_id": "123456789012"},
	]}]}]}))
	count(denials) == 1
	some v in denials
	v.attribute == "replication_configuration.0.rule.0.destination.1.region"
}

test_cosmosdb_geo_locations if {
	denials := _denials(_resource("azurerm_cosmosdb_account", {"geo_location": [
		{"location": "westeurope", "failover_priority": 0},
		{"location": "East US", "failover_priority": 1},
	]}))
	count(denials) == 1
	some v in denials
	v.attribute == "geo_location.1.location"
	contains(v.msg, "region eastus")
}

test_container_registry_georeplications if {
	denials := _denials(_resource("azurerm_container_registry", {"sku": "Premium", "georeplications": [{"location": "UK South"}]}))
	count(denials) == 1
	some v in denials
	v.attribute == "georeplications.0.location"
}

test_adequacy_replicas_pass_with_opt_in if {
	denials := rule.deny with input as {"resources": [_resource("azurerm_container_registry", {"georeplications": [{"location": "UK South"}]})]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	count(denials) == 0
}

test_bigtable_cluster_zones if {
	denials := _denials(_resource("google_bigtable_instance", {"cluster": [
		{"cluster_id": "a", "zone": "europe-west4-a"},
		{"cluster_id": "b", "zone": "us-central1-b"},
	]}))
	count(denials) == 1
	some v in denials
	v.attribute == "cluster.1.zone"
	contains(v.msg, "region us-central1")
}

test_spanner_regional_configs if {
	count(_denials(_resource("google_spanner_instance", {"config": "regional-us-east1"}))) == 1
	count(_denials(_resource("google_spanner_instance", {"config": "projects/p/instanceConfigs/regional-europe-west1"}))) == 0
	count(_denials(_resource("google_spanner_instance", {"config": "nam-eur-asia1"}))) == 0
}

test_unresolved_values_are_not_judged if {
	count(_denials(_resource("aws_dynamodb_table", {"replica": [{"region_name": "${var.replica_region}"}]}))) == 0
	count(_denials(_resource("azurerm_cosmosdb_account", {"geo_location": [{"location": "${var.location}"}]}))) == 0
	count(_denials(_resource("google_bigtable_instance", {"cluster": [{"zone": "${var.zone}"}]}))) == 0
}

test_other_kinds_are_not_judged if {
	count(_denials(_resource("aws_s3_bucket", {"replica": [{"region_name": "us-east-1"}]}))) == 0
}
