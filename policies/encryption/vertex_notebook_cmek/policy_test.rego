package aiguard.rules.encryption.vertex_notebook_cmek_test

import data.aiguard.rules.encryption.vertex_notebook_cmek

_cmek := {"disk_encryption": "CMEK", "kms_key": "${google_kms_crypto_key.nb.id}"}

_workbench(setup) := {"resources": [{
	"id": "google_workbench_instance.research",
	"kind": "google_workbench_instance",
	"provider": "google",
	"attributes": {"name": "research", "gce_setup": [setup]},
}]}

_attributes(denials) := {v.attribute | some v in denials}

test_workbench_with_cmek_disks_passes if {
	count(vertex_notebook_cmek.deny) == 0 with input as _workbench({"boot_disk": [_cmek], "data_disks": [_cmek]})
}

test_workbench_without_gce_setup_fails_for_both_disks if {
	doc := {"resources": [{
		"id": "google_workbench_instance.research",
		"kind": "google_workbench_instance",
		"provider": "google",
		"attributes": {"name": "research"},
	}]}
	denials := vertex_notebook_cmek.deny with input as doc
	_attributes(denials) == {"gce_setup.0.boot_disk.0.disk_encryption", "gce_setup.0.data_disks"}
}

test_gmek_data_disk_is_denied if {
	denials := vertex_notebook_cmek.deny with input as _workbench({"boot_disk": [_cmek], "data_disks": [{"disk_encryption": "GMEK"}]})
	_attributes(denials) == {"gce_setup.0.data_disks.0.disk_encryption"}
}

test_cmek_without_key_points_at_kms_key if {
	denials := vertex_notebook_cmek.deny with input as _workbench({"boot_disk": [{"disk_encryption": "cmek"}], "data_disks": [_cmek]})
	_attributes(denials) == {"gce_setup.0.boot_disk.0.kms_key"}
}

test_unresolved_settings_are_not_judged if {
	unresolved := {"disk_encryption": "${var.encryption}", "kms_key": "${var.key}"}
	count(vertex_notebook_cmek.deny) == 0 with input as _workbench({"boot_disk": [unresolved], "data_disks": [unresolved]})
}

_notebook(attributes) := {"resources": [{
	"id": "google_notebooks_instance.legacy",
	"kind": "google_notebooks_instance",
	"provider": "google",
	"attributes": attributes,
}]}

test_legacy_notebook_with_cmek_passes if {
	count(vertex_notebook_cmek.deny) == 0 with input as _notebook(_cmek)
}

test_legacy_notebook_without_cmek_is_denied if {
	denials := vertex_notebook_cmek.deny with input as _notebook({"machine_type": "e2-medium"})
	_attributes(denials) == {"disk_encryption"}
}
