# METADATA
# title: A change adds at most the allowed monthly cost of AI compute
# description: >-
#   A pull request that adds GPU node pools, instances, endpoint instances or GPU replicas
#   commits the organisation to a monthly bill that nobody may have approved. With
#   --diff-base, aiguard estimates the monthly cost of the AI compute in the manifests
#   before and after the change (rules/prices.yaml, docs/cost.md); this rule fails the
#   change when the estimated total rises by more than max_monthly_increase
#   (rules/cost_change.yaml). The finding points at the resource that adds the most.
#   Without a base there is no change to judge and the rule is silent.
# custom:
#   id: AIG-COST-201
#   severity: high
#   kinds: ["aiguard:cost-change"]
#   frameworks:
#     - {name: aiguard-finops, ref: "Maximum monthly cost increase per change"}
#   basis: practice
#   remediation: |
#     Make the change smaller (fewer or smaller GPU machines, a lower initial instance
#     count, scale from zero), or get it approved and waive the finding with a reason and
#     an expiry, or raise the limit for your organisation in .aiguard.yaml:
#       settings:
#         cost_change:
#           max_monthly_increase: 25000
package aiguard.rules.cost.change_monthly_increase

import data.aiguard.lib

# The largest allowed increase of the estimated monthly cost (rules/cost_change.yaml).
_limit := n if {
	n := data.aiguard.config.cost_change.max_monthly_increase
	is_number(n)
} else := 10000

deny contains {"resource": change.subject, "msg": msg} if {
	some r in lib.resources_of_kind(input, "aiguard:cost-change")
	change := r.attributes
	change.has_base == true
	is_number(change.increase)
	change.increase > _limit
	msg := concat("", [
		"this change raises the estimated monthly cost of AI compute by ", change.increase_text,
		" (", change.total_before_text, " to ", change.total_after_text, "), more than max_monthly_increase ",
		format_int(_limit, 10), " ", change.currency, " (rules/cost_change.yaml); this resource adds the most",
	])
}
