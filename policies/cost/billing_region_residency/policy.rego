# METADATA
# title: Spend only in regions on the residency allow-list
# description: >-
#   A billing export shows where workloads really ran, including ones no manifest
#   declares. The rule reports every region with spend that is not on the residency
#   allow-list of its cloud (rules/regions.yaml `allowed`, plus `adequacy` when
#   include_adequacy is true). Global and region-less charges are not judged; neither are
#   clouds the allow-list does not name.
# custom:
#   id: AIG-COST-106
#   severity: high
#   kinds: [billing:focus]
#   frameworks:
#     - {name: gdpr, ref: "Chapter V"}
#     - {name: aiguard-residency, ref: "Region allow-list"}
#     - {name: focus, ref: "RegionId"}
#   basis: evidence
#   remediation: |
#     Move or delete the workloads in that region (billing.top_resources lists the costliest
#     resources), or, if the region is approved, add it to the allow-list in .aiguard.yaml:
#       settings:
#         regions:
#           allowed: {aws: [eu-central-1, eu-west-1, us-east-1]}
package aiguard.rules.cost.billing_region_residency

import data.aiguard.lib.billing

_ignored := {"global", "unknown", "none", "multi-region"}

_allowed(cloud) := {lower(r) | some r in data.aiguard.config.regions.allowed[cloud]; is_string(r)} | _adequate(cloud)

_adequate(cloud) := {lower(r) | some r in data.aiguard.config.regions.adequacy[cloud]; is_string(r)} if {
	data.aiguard.config.regions.include_adequacy == true
} else := set()

deny contains {"resource": concat("", ["billing:region/", spend.provider, "/", spend.region]), "msg": msg, "attribute": "RegionId"} if {
	some spend in input.billing.regions
	is_string(spend.region)
	region := lower(spend.region)
	not region in _ignored
	is_array(data.aiguard.config.regions.allowed[spend.provider])
	not region in _allowed(spend.provider)
	msg := concat("", [
		billing.money(spend.cost), " ", input.billing.currency, " of ", spend.provider_name,
		" spend in ", spend.region, ", which is not on the residency allow-list (rules/regions.yaml)",
	])
}
