# METADATA
# title: Azure geo-redundant copies go to an allowed paired region
# description: >-
#   Geo-redundancy in Azure copies data to the paired region of the resource's region,
#   which the customer does not choose: storage accounts with GRS, RA-GRS, GZRS or RA-GZRS,
#   Recovery Services vaults (storage_mode_type defaults to GeoRedundant), Backup vaults
#   with GeoRedundant redundancy, PostgreSQL and MySQL flexible servers with geo-redundant
#   backups, and Azure SQL databases whose backup storage is Geo or GeoZone (the default
#   is Geo). If the pair is outside the allow-list, the personal data in those copies
#   leaves it, a transfer under GDPR Chapter V (Art. 44) that needs an adequacy decision
#   or appropriate safeguards (Art. 46). All EU/EEA regions pair inside the EEA, so with
#   the default allow-list this fires for resources whose region is itself outside it
#   (London pairs with UK West, Zurich with Switzerland West) and for narrower
#   organisation allow-lists (West Europe in the Netherlands pairs with North Europe in
#   Ireland). Pairs come from rules/regions.yaml azure_region_pairs; regions without a
#   listed pair are not judged. An Azure SQL database's region is its server's, joined
#   through server_id when the server is in the module.
# custom:
#   id: AIG-RES-007
#   severity: medium
#   kinds: [azurerm_storage_account, azurerm_recovery_services_vault, azurerm_data_protection_backup_vault, azurerm_postgresql_flexible_server, azurerm_mysql_flexible_server, azurerm_mssql_database, azurerm_mssql_server]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#     - {name: gdpr, ref: "Art. 46(1)"}
#   basis: practice
#   remediation: |
#     Keep copies in the region (zone-redundant where you need resilience), or deploy in a
#     region whose pair is allowed:
#       resource "azurerm_storage_account" "datasets" {
#         account_replication_type = "ZRS"   # not GRS / RAGRS / GZRS / RAGZRS
#       }
#       resource "azurerm_recovery_services_vault" "backups" {
#         storage_mode_type = "ZoneRedundant"   # the default is GeoRedundant
#       }
package aiguard.rules.residency.azure_geo_redundant_pair

import data.aiguard.lib
import data.aiguard.lib.residency

_kinds := [
	"azurerm_storage_account", "azurerm_recovery_services_vault", "azurerm_data_protection_backup_vault",
	"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server", "azurerm_mssql_database",
]

deny contains {"resource": r.id, "msg": msg, "attribute": setting.attribute} if {
	some r in lib.resources_of_kinds(input, _kinds)
	setting := _geo_redundancy(r)
	location := _location(r)
	pair := _pairs[location]
	is_string(pair)
	residency.outside("azurerm", pair)
	msg := concat("", [
		r.id, " copies its data to ", pair, ", the paired region of ", location, " (", setting.what,
		"), which is not an allowed azurerm region for personal data (rules/regions.yaml)",
	])
}

_pairs := value if {
	value := data.aiguard.config.regions.azure_region_pairs
	is_object(value)
} else := {}

# How a resource is geo-redundant, and the attribute that makes it so.
_geo_redundancy(r) := {"attribute": "account_replication_type", "what": concat("", ["replication type ", value])} if {
	r.kind == "azurerm_storage_account"
	value := r.attributes.account_replication_type
	is_string(value)
	upper(value) in {"GRS", "RAGRS", "GZRS", "RAGZRS"}
}

_geo_redundancy(r) := {"attribute": "storage_mode_type", "what": "storage mode GeoRedundant"} if {
	r.kind == "azurerm_recovery_services_vault"
	_geo_redundant_or_default(object.get(r.attributes, "storage_mode_type", null))
}

_geo_redundancy(r) := {"attribute": "redundancy", "what": "redundancy GeoRedundant"} if {
	r.kind == "azurerm_data_protection_backup_vault"
	value := r.attributes.redundancy
	is_string(value)
	lower(value) == "georedundant"
}

_geo_redundancy(r) := {"attribute": "geo_redundant_backup_enabled", "what": "geo-redundant backups"} if {
	r.kind in {"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"}
	r.attributes.geo_redundant_backup_enabled in {true, "true"}
}

_geo_redundancy(r) := {"attribute": "storage_account_type", "what": "backup storage Geo"} if {
	r.kind == "azurerm_mssql_database"
	_geo_backup_or_default(object.get(r.attributes, "storage_account_type", null))
}

# Recovery Services vaults store backups geo-redundantly unless told otherwise.
_geo_redundant_or_default(value) if value == null

_geo_redundant_or_default(value) if {
	is_string(value)
	lower(value) == "georedundant"
}

# Azure SQL database backups default to Geo.
_geo_backup_or_default(value) if value == null

_geo_backup_or_default(value) if {
	is_string(value)
	lower(value) in {"geo", "geozone"}
}

# The normalised region of the resource; an Azure SQL database's is its server's.
_location(r) := residency.azure_location(r.derived.region) if r.kind != "azurerm_mssql_database"

_location(r) := location if {
	r.kind == "azurerm_mssql_database"
	server := _servers[lib.referenced_id(r.attributes.server_id)]
	location := residency.azure_location(server.derived.region)
}

_servers := {server.id: server | some server in lib.resources_of_kind(input, "azurerm_mssql_server")}
