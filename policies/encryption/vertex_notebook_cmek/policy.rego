# METADATA
# title: Vertex AI Workbench notebook disks use customer-managed keys
# description: >-
#   A Vertex AI Workbench instance keeps the home directories of its users (notebooks,
#   copies of training data, model checkpoints) on its data disk and its environment on
#   its boot disk. Both default to Google-managed encryption keys (GMEK); with
#   disk_encryption = "CMEK" and a kms_key, a Cloud KMS key chosen by the provider of the
#   AI system protects them and can be revoked. google_workbench_instance sets this per
#   disk under gce_setup (boot_disk and data_disks; an instance without a data_disks
#   block still gets a default GMEK data disk); the legacy google_notebooks_instance sets
#   disk_encryption and kms_key once for both disks.
# custom:
#   id: AIG-ENC-012
#   severity: medium
#   kinds: [google_workbench_instance, google_notebooks_instance]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#   basis: evidence
#   remediation: |
#     Encrypt both disks with a Cloud KMS key (the instance is recreated):
#       resource "google_workbench_instance" "research" {
#         name     = "research"
#         location = "europe-west4-a"
#         gce_setup {
#           boot_disk {
#             disk_encryption = "CMEK"
#             kms_key         = google_kms_crypto_key.notebooks.id
#           }
#           data_disks {
#             disk_encryption = "CMEK"
#             kms_key         = google_kms_crypto_key.notebooks.id
#           }
#         }
#       }
package aiguard.rules.encryption.vertex_notebook_cmek

import data.aiguard.lib
import data.aiguard.lib.encryption

# Workbench boot disk (absent blocks mean the GMEK default).
deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "google_workbench_instance")
	suffix := _disk_problem(_wb_boot_disk(r))
	attribute := concat(".", ["gce_setup.0.boot_disk.0", suffix])
	msg := concat("", [
		"the boot disk of Workbench instance ", r.id,
		" is not encrypted with a customer-managed key (disk_encryption = \"CMEK\" with kms_key); the default is Google-managed keys",
	])
}

# Workbench data disks that are declared.
deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "google_workbench_instance")
	disks := object.get(_wb_setup(r), "data_disks", [])
	is_array(disks)
	some i
	disk := disks[i]
	is_object(disk)
	suffix := _disk_problem(disk)
	attribute := concat(".", ["gce_setup.0.data_disks", format_int(i, 10), suffix])
	msg := concat("", [
		"a data disk of Workbench instance ", r.id,
		" is not encrypted with a customer-managed key (disk_encryption = \"CMEK\" with kms_key); it holds the users' home directories",
	])
}

# No data disk declared: the instance gets a default data disk with Google-managed keys.
deny contains {"resource": r.id, "msg": msg, "attribute": "gce_setup.0.data_disks"} if {
	some r in lib.resources_of_kind(input, "google_workbench_instance")
	not _declares_data_disk(r)
	msg := concat("", [
		"Workbench instance ", r.id,
		" declares no data_disks block, so its default data disk (the users' home directories) is encrypted with Google-managed keys",
	])
}

# Legacy user-managed notebooks: one setting for boot and data disk.
deny contains {"resource": r.id, "msg": msg, "attribute": suffix} if {
	some r in lib.resources_of_kind(input, "google_notebooks_instance")
	suffix := _disk_problem(r.attributes)
	msg := concat("", [
		"notebook instance ", r.id,
		" does not encrypt its disks with a customer-managed key (disk_encryption = \"CMEK\" with kms_key); the default is Google-managed keys",
	])
}

_wb_setup(r) := setup if {
	setup := encryption.first_block(r.attributes, "gce_setup")
} else := {}

_wb_boot_disk(r) := disk if {
	disk := encryption.first_block(_wb_setup(r), "boot_disk")
} else := {}

_declares_data_disk(r) if {
	disks := _wb_setup(r).data_disks
	is_array(disks)
	count(disks) > 0
}

# What is wrong with a disk's encryption settings: the attribute to fix, undefined if none.
_disk_problem(disk) := "disk_encryption" if not _cmek_mode(disk)

_disk_problem(disk) := "kms_key" if {
	_cmek_mode(disk)
	not lib.is_set(disk, "kms_key")
}

_cmek_mode(disk) if {
	is_string(disk.disk_encryption)
	upper(disk.disk_encryption) == "CMEK"
}

_cmek_mode(disk) if lib.is_unresolved(disk.disk_encryption)
