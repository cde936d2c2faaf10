# METADATA
# title: Backup copies go only to allowed regions
# description: >-
#   Cross-region backup copies put a full copy of the protected data (feature stores,
#   training datasets, model registries) in another region: AWS Backup plan copy actions
#   (copy_action destination_vault_arn) and Data Lifecycle Manager cross-region snapshot
#   copies (cross_region_copy_rule target, or the cross_region_copy action of an
#   event-based policy). A copy outside the EU/EEA is a transfer of the personal data it
#   holds under GDPR Chapter V (Art. 44), which needs an adequacy decision or appropriate
#   safeguards (Art. 46). The destination region is read from the vault ARN, from the
#   vault resource when the ARN references one in the same module, or from the DLM target;
#   unresolved values are not judged.
# custom:
#   id: AIG-RES-009
#   severity: high
#   kinds: [aws_backup_plan, aws_backup_vault, aws_backup_logically_air_gapped_vault, aws_dlm_lifecycle_policy]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#     - {name: gdpr, ref: "Art. 46(1)"}
#   basis: practice
#   remediation: |
#     Copy backups to a vault in an allowed region:
#       provider "aws" {
#         alias  = "dr"
#         region = "eu-west-1"
#       }
#       resource "aws_backup_vault" "dr" {
#         provider = aws.dr
#         name     = "dr"
#       }
#       resource "aws_backup_plan" "daily" {
#         rule {
#           copy_action {
#             destination_vault_arn = aws_backup_vault.dr.arn
#           }
#         }
#       }
package aiguard.rules.residency.backup_copy_destination

import data.aiguard.lib
import data.aiguard.lib.residency

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kind(input, "aws_backup_plan")
	some i, j
	value := r.attributes.rule[i].copy_action[j].destination_vault_arn
	is_number(i)
	is_number(j)
	region := _vault_region(value)
	residency.outside("aws", region)
	path := concat(".", ["rule", format_int(i, 10), "copy_action", format_int(j, 10), "destination_vault_arn"])
	msg := concat("", [
		"backup plan ", r.id, " copies recovery points to a vault in region ", region,
		", outside the allowed regions for personal data (rules/regions.yaml)",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kind(input, "aws_dlm_lifecycle_policy")
	some path, region in _dlm_targets(r)
	residency.outside("aws", region)
	msg := concat("", [
		"lifecycle policy ", r.id, " copies snapshots to region ", region,
		", outside the allowed regions for personal data (rules/regions.yaml)",
	])
}

_vaults := lib.resources_of_kinds(input, ["aws_backup_vault", "aws_backup_logically_air_gapped_vault"])

# The region of a destination vault: its ARN's, or the referenced vault's own region.
_vault_region(value) := residency.arn_region(value) if residency.arn_service(value) == "backup"

_vault_region(value) := region if {
	id := lib.referenced_id(value)
	some vault in _vaults
	vault.id == id
	region := residency.aws_region_name(vault.derived.region)
}

# The cross-region copy targets of a DLM policy, keyed by attribute path.
_dlm_targets(r) := object.union(_schedule_targets(r), _action_targets(r))

_schedule_targets(r) := {path: region |
	some i, j, k
	rule := r.attributes.policy_details[i].schedule[j].cross_region_copy_rule[k]
	is_number(i)
	is_number(j)
	is_number(k)
	some field in ["target", "target_region"]
	value := rule[field]
	region := residency.aws_region_name(value)
	path := concat(".", [
		"policy_details", format_int(i, 10), "schedule", format_int(j, 10),
		"cross_region_copy_rule", format_int(k, 10), field,
	])
}

_action_targets(r) := {path: region |
	some i, j, k
	value := r.attributes.policy_details[i].action[j].cross_region_copy[k].target
	is_number(i)
	is_number(j)
	is_number(k)
	region := residency.aws_region_name(value)
	path := concat(".", [
		"policy_details", format_int(i, 10), "action", format_int(j, 10),
		"cross_region_copy", format_int(k, 10), "target",
	])
}
