package aiguard.rules.residency.backup_copy_destination_test

import data.aiguard.rules.residency.backup_copy_destination as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"aws": ["eu-central-1", "eu-west-1"]},
	"adequacy": {"aws": ["eu-west-2"]},
	"include_adequacy": false,
}

_plan(destination) := {
	"id": "aws_backup_plan.daily",
	"kind": "aws_backup_plan",
	"provider": "aws",
	"attributes": {"name": "daily", "rule": [{
		"rule_name": "daily",
		"target_vault_name": "primary",
		"copy_action": [{"destination_vault_arn": destination}],
	}]},
	"derived": {"region": "eu-central-1"},
}

_vault(kind, region) := {
	"id": concat(".", [kind, "dr"]),
	"kind": kind,
	"provider": "aws",
	"attributes": {"name": "dr"},
	"derived": {"region": region},
}

_denials(resources) := denials if {
	denials := rule.deny with input as {"resources": resources}
		with data.aiguard.config.regions as _regions
}

test_copy_to_an_allowed_region_passes if {
	count(_denials([_plan("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr")])) == 0
}

test_copy_to_a_vault_arn_outside_is_denied if {
	denials := _denials([_plan("arn:aws:backup:us-east-1:123456789012:backup-vault:dr")])
	count(denials) == 1
	some v in denials
	v.attribute == "rule.0.copy_action.0.destination_vault_arn"
	contains(v.msg, "vault in region us-east-1")
}

test_copy_to_a_referenced_vault_uses_its_region if {
	count(_denials([_vault("aws_backup_vault", "us-west-2"), _plan("${aws_backup_vault.dr.arn}")])) == 1
	count(_denials([_vault("aws_backup_vault", "eu-west-1"), _plan("${aws_backup_vault.dr.arn}")])) == 0
	count(_denials([_vault("aws_backup_logically_air_gapped_vault", "eu-west-2"), _plan("${aws_backup_logically_air_gapped_vault.dr.arn}")])) == 1
}

test_unknown_destinations_are_not_judged if {
	count(_denials([_plan("${var.dr_vault_arn}")])) == 0
	count(_denials([_plan("arn:aws:backup:${var.dr_region}:123456789012:backup-vault:dr")])) == 0
	count(_denials([_plan("${aws_backup_vault.elsewhere.arn}")])) == 0
}

test_adequacy_opt_in if {
	denials := rule.deny with input as {"resources": [_plan("arn:aws:backup:eu-west-2:123456789012:backup-vault:dr")]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	count(denials) == 0
}

_dlm(details) := {
	"id": "aws_dlm_lifecycle_policy.volumes",
	"kind": "aws_dlm_lifecycle_policy",
	"provider": "aws",
	"attributes": {"description": "volumes", "policy_details": [details]},
	"derived": {"region": "eu-central-1"},
}

test_dlm_cross_region_copy_targets if {
	denials := _denials([_dlm({"schedule": [{"name": "daily", "cross_region_copy_rule": [
		{"target": "eu-west-1", "encrypted": true},
		{"target_region": "us-west-2", "encrypted": true},
	]}]})])
	count(denials) == 1
	some v in denials
	v.attribute == "policy_details.0.schedule.0.cross_region_copy_rule.1.target_region"
	contains(v.msg, "copies snapshots to region us-west-2")
}

test_dlm_event_based_copy_action if {
	denials := _denials([_dlm({"policy_type": "EVENT_BASED_POLICY", "action": [{"name": "copy", "cross_region_copy": [{"target": "ap-south-1"}]}]})])
	count(denials) == 1
	some v in denials
	v.attribute == "policy_details.0.action.0.cross_region_copy.0.target"
}

test_dlm_unresolved_target_is_not_judged if {
	count(_denials([_dlm({"schedule": [{"cross_region_copy_rule": [{"target": "${var.dr_region}"}]}]})])) == 0
}
