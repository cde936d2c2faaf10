package aiguard.rules.encryption.rds_storage_encrypted_test

import data.aiguard.rules.encryption.rds_storage_encrypted

_db(kind, attributes) := {"resources": [{
	"id": concat(".", [kind, "features"]),
	"kind": kind,
	"provider": "aws",
	"attributes": attributes,
}]}

test_encrypted_databases_pass if {
	count(rds_storage_encrypted.deny) == 0 with input as _db("aws_db_instance", {"storage_encrypted": true})
	count(rds_storage_encrypted.deny) == 0 with input as _db("aws_rds_cluster", {"storage_encrypted": "true"})
}

test_unencrypted_instance_is_denied if {
	denials := rds_storage_encrypted.deny with input as _db("aws_db_instance", {"engine": "postgres"})
	count(denials) == 1
	some v in denials
	v.attribute == "storage_encrypted"
	startswith(v.msg, "RDS instance aws_db_instance.features")
}

test_unencrypted_cluster_is_denied if {
	count(rds_storage_encrypted.deny) == 1 with input as _db("aws_rds_cluster", {"engine": "aurora-postgresql", "storage_encrypted": false})
}

test_inherited_encryption_is_not_judged if {
	count(rds_storage_encrypted.deny) == 0 with input as _db("aws_db_instance", {"replicate_source_db": "${aws_db_instance.primary.identifier}"})
	count(rds_storage_encrypted.deny) == 0 with input as _db("aws_db_instance", {"snapshot_identifier": "features-2026-01-01"})
	count(rds_storage_encrypted.deny) == 0 with input as _db("aws_db_instance", {"restore_to_point_in_time": [{"use_latest_restorable_time": true}]})
	count(rds_storage_encrypted.deny) == 0 with input as _db("aws_rds_cluster", {"global_cluster_identifier": "${aws_rds_global_cluster.g.id}"})
}

test_empty_inheritance_settings_do_not_count if {
	count(rds_storage_encrypted.deny) == 1 with input as _db("aws_db_instance", {"snapshot_identifier": null, "restore_to_point_in_time": []})
}

test_serverless_v1_and_unresolved_are_not_judged if {
	count(rds_storage_encrypted.deny) == 0 with input as _db("aws_rds_cluster", {"engine_mode": "serverless"})
	count(rds_storage_encrypted.deny) == 0 with input as _db("aws_db_instance", {"storage_encrypted": "${var.encrypted}"})
}
