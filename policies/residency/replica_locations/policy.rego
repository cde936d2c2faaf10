# METADATA
# title: Replicas of data stores are kept in allowed regions
# description: >-
#   Some resources keep copies of their data in regions they name themselves, so the
#   region of the resource (AIG-RES-001) is not the only place the data lives: DynamoDB
#   global table replicas (replica region_name), ECR replication rules (destination
#   region; images may embed models and data), Cosmos DB accounts (geo_location
#   location), container registry geo-replications (georeplications location), Bigtable
#   clusters (cluster zone) and Spanner regional instance configurations
#   (`regional-<region>`). A replica outside the EU/EEA is a transfer of the personal data
#   it holds under GDPR Chapter V (Art. 44), which needs an adequacy decision or
#   appropriate safeguards (Art. 46). Every replica region must be on the allow-list of
#   its cloud in rules/regions.yaml; values the parser could not resolve are not judged,
#   nor are Spanner multi-region configurations (judge them with AIG-RES-001 on the
#   instance's provider region, or pin a regional configuration).
# custom:
#   id: AIG-RES-006
#   severity: high
#   kinds: [aws_dynamodb_table, aws_ecr_replication_configuration, azurerm_cosmosdb_account, azurerm_container_registry, google_bigtable_instance, google_spanner_instance]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#     - {name: gdpr, ref: "Art. 46(1)"}
#   basis: practice
#   remediation: |
#     Keep every replica in an allowed region:
#       resource "aws_dynamodb_table" "features" {
#         replica {
#           region_name = "eu-west-1"   # not us-east-1
#         }
#       }
#       resource "azurerm_cosmosdb_account" "features" {
#         geo_location {
#           location          = "northeurope"
#           failover_priority = 1
#         }
#       }
package aiguard.rules.residency.replica_locations

import data.aiguard.lib
import data.aiguard.lib.residency

_kinds := [
	"aws_dynamodb_table", "aws_ecr_replication_configuration", "azurerm_cosmosdb_account",
	"azurerm_container_registry", "google_bigtable_instance", "google_spanner_instance",
]

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kinds(input, _kinds)
	cloud := split(r.kind, "_")[0]
	some path, region in _replica_regions(r)
	residency.outside(cloud, region)
	msg := concat("", [
		r.id, " keeps a replica in region ", region, ", which is not an allowed ", cloud,
		" region for personal data (rules/regions.yaml)",
	])
}

# The replica regions of a resource, keyed by the attribute path that names each one.
_replica_regions(r) := {path: region |
	some i
	value := r.attributes.replica[i].region_name
	region := residency.aws_region_name(value)
	is_number(i)
	path := concat(".", ["replica", format_int(i, 10), "region_name"])
} if r.kind == "aws_dynamodb_table"

_replica_regions(r) := {path: region |
	some i, j, k
	value := r.attributes.replication_configuration[i].rule[j].destination[k].region
	region := residency.aws_region_name(value)
	is_number(i)
	is_number(j)
	is_number(k)
	path := concat(".", [
		"replication_configuration", format_int(i, 10), "rule", format_int(j, 10),
		"destination", format_int(k, 10), "region",
	])
} if r.kind == "aws_ecr_replication_configuration"

_replica_regions(r) := {path: region |
	some i
	value := r.attributes.geo_location[i].location
	region := residency.azure_location(value)
	is_number(i)
	path := concat(".", ["geo_location", format_int(i, 10), "location"])
} if r.kind == "azurerm_cosmosdb_account"

_replica_regions(r) := {path: region |
	some i
	value := r.attributes.georeplications[i].location
	region := residency.azure_location(value)
	is_number(i)
	path := concat(".", ["georeplications", format_int(i, 10), "location"])
} if r.kind == "azurerm_container_registry"

_replica_regions(r) := {path: region |
	some i
	value := r.attributes.cluster[i].zone
	region := residency.zone_region(value)
	is_number(i)
	path := concat(".", ["cluster", format_int(i, 10), "zone"])
} if r.kind == "google_bigtable_instance"

_replica_regions(r) := {"config": region} if {
	r.kind == "google_spanner_instance"
	region := _spanner_region(r.attributes.config)
}

# "regional-europe-west1" or ".../instanceConfigs/regional-europe-west1" -> "europe-west1".
_spanner_region(config) := region if {
	is_string(config)
	parts := split(lower(config), "/")
	name := parts[count(parts) - 1]
	startswith(name, "regional-")
	region := substring(name, 9, count(name) - 9)
	regex.match(`^[a-z]+-[a-z]+[0-9]+$`, region)
}
