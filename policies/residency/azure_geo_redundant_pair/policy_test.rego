package aiguard.rules.residency.azure_geo_redundant_pair_test

import data.aiguard.rules.residency.azure_geo_redundant_pair as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"azurerm": ["westeurope", "northeurope", "germanywestcentral", "germanynorth"]},
	"adequacy": {"azurerm": ["uksouth", "ukwest"]},
	"include_adequacy": false,
	"azure_region_pairs": {
		"westeurope": "northeurope",
		"northeurope": "westeurope",
		"germanywestcentral": "germanynorth",
		"uksouth": "ukwest",
		"switzerlandnorth": "switzerlandwest",
	},
}

_resource(kind, location, attributes) := {
	"id": concat(".", [kind, "r"]),
	"kind": kind,
	"provider": "azurerm",
	"attributes": attributes,
	"derived": {"region": location},
}

_denials(resources) := denials if {
	denials := rule.deny with input as {"resources": resources}
		with data.aiguard.config.regions as _regions
}

test_grs_with_an_allowed_pair_passes if {
	count(_denials([_resource("azurerm_storage_account", "westeurope", {"account_replication_type": "GRS"})])) == 0
}

test_grs_pairing_outside_is_denied if {
	denials := _denials([_resource("azurerm_storage_account", "uksouth", {"account_replication_type": "RAGZRS"})])
	count(denials) == 1
	some v in denials
	v.attribute == "account_replication_type"
	contains(v.msg, "copies its data to ukwest, the paired region of uksouth (replication type RAGZRS)")
}

test_narrow_allow_list_denies_cross_border_pairs if {
	denials := rule.deny with input as {"resources": [_resource("azurerm_storage_account", "westeurope", {"account_replication_type": "gzrs"})]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.allowed.azurerm as ["westeurope"]
	count(denials) == 1
}

test_local_and_zone_redundancy_pass if {
	every type in ["LRS", "ZRS"] {
		count(_denials([_resource("azurerm_storage_account", "uksouth", {"account_replication_type": type})])) == 0
	}
}

test_regions_without_a_listed_pair_are_not_judged if {
	count(_denials([_resource("azurerm_storage_account", "italynorth", {"account_replication_type": "GRS"})])) == 0
}

test_recovery_vault_defaults_to_geo_redundant if {
	denials := _denials([_resource("azurerm_recovery_services_vault", "switzerlandnorth", {"sku": "Standard"})])
	count(denials) == 1
	some v in denials
	v.attribute == "storage_mode_type"
}

test_recovery_vault_locally_redundant_passes if {
	count(_denials([_resource("azurerm_recovery_services_vault", "switzerlandnorth", {"storage_mode_type": "LocallyRedundant"})])) == 0
	count(_denials([_resource("azurerm_recovery_services_vault", "switzerlandnorth", {"storage_mode_type": "${var.mode}"})])) == 0
}

test_backup_vault_geo_redundant if {
	count(_denials([_resource("azurerm_data_protection_backup_vault", "uksouth", {"redundancy": "GeoRedundant"})])) == 1
	count(_denials([_resource("azurerm_data_protection_backup_vault", "uksouth", {"redundancy": "ZoneRedundant"})])) == 0
}

test_flexible_server_geo_backups if {
	count(_denials([_resource("azurerm_postgresql_flexible_server", "uksouth", {"geo_redundant_backup_enabled": true})])) == 1
	count(_denials([_resource("azurerm_mysql_flexible_server", "uksouth", {"geo_redundant_backup_enabled": false})])) == 0
	count(_denials([_resource("azurerm_mysql_flexible_server", "uksouth", {})])) == 0
}

test_sql_database_uses_its_server_region_and_defaults_to_geo if {
	server := _resource("azurerm_mssql_server", "uksouth", {"version": "12.0"})
	database := {
		"id": "azurerm_mssql_database.features",
		"kind": "azurerm_mssql_database",
		"provider": "azurerm",
		"attributes": {"name": "features", "server_id": "${azurerm_mssql_server.r.id}"},
		"derived": {},
	}
	denials := _denials([server, database])
	count(denials) == 1
	some v in denials
	v.resource == "azurerm_mssql_database.features"
	v.attribute == "storage_account_type"
}

test_sql_database_with_local_backups_passes if {
	server := _resource("azurerm_mssql_server", "uksouth", {"version": "12.0"})
	database := {
		"id": "azurerm_mssql_database.features",
		"kind": "azurerm_mssql_database",
		"provider": "azurerm",
		"attributes": {"name": "features", "server_id": "${azurerm_mssql_server.r.id}", "storage_account_type": "Local"},
		"derived": {},
	}
	count(_denials([server, database])) == 0
}
