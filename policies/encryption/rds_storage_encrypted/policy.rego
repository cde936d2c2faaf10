# METADATA
# title: RDS databases and Aurora clusters encrypt their storage
# description: >-
#   Relational databases behind AI systems hold feature tables, labelled training data,
#   user profiles and inference records. RDS instances and provisioned Aurora clusters
#   are unencrypted unless storage_encrypted = true (the provider default is false), and
#   encryption cannot be switched on later without a snapshot restore. Not judged: read
#   replicas (replicate_source_db, replication_source_identifier), snapshot and
#   point-in-time restores (snapshot_identifier, restore_to_point_in_time) and secondary
#   clusters of a global database (global_cluster_identifier), which take their source's
#   encryption, and Aurora Serverless v1 (engine_mode serverless), always encrypted.
# custom:
#   id: AIG-ENC-018
#   severity: high
#   kinds: [aws_db_instance, aws_rds_cluster]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Create the database encrypted, preferably with a customer-managed key:
#       resource "aws_db_instance" "features" {
#         storage_encrypted = true
#         kms_key_id        = aws_kms_key.rds.arn
#       }
#     An existing unencrypted database is migrated by restoring an encrypted copy of a
#     snapshot.
package aiguard.rules.encryption.rds_storage_encrypted

import data.aiguard.lib
import data.aiguard.lib.encryption

# Attributes whose presence means the storage comes from another database or snapshot.
_inherits := {
	"aws_db_instance": ["replicate_source_db", "snapshot_identifier", "restore_to_point_in_time"],
	"aws_rds_cluster": [
		"replication_source_identifier", "snapshot_identifier", "restore_to_point_in_time",
		"global_cluster_identifier",
	],
}

_what := {"aws_db_instance": "RDS instance", "aws_rds_cluster": "RDS cluster"}

deny contains {"resource": r.id, "msg": msg, "attribute": "storage_encrypted"} if {
	some r in lib.resources_of_kinds(input, object.keys(_inherits))
	value := object.get(r.attributes, "storage_encrypted", null)
	not encryption.is_true(value)
	not lib.is_unresolved(value)
	not _inherited(r)
	not _serverless_v1(r)
	msg := concat("", [
		_what[r.kind], " ", r.id,
		" does not encrypt its storage; set storage_encrypted = true (the provider default is false)",
	])
}

_inherited(r) if {
	some name in _inherits[r.kind]
	value := r.attributes[name]
	value != null
	value != ""
	value != []
}

_serverless_v1(r) if {
	r.kind == "aws_rds_cluster"
	r.attributes.engine_mode == "serverless"
}
