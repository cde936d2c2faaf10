# METADATA
# title: Spend without cost-allocation tags stays below the limit
# description: >-
#   Spend that carries no owner cannot be charged back or questioned. The rule reports an
#   export in which the share of usage spend (FOCUS ChargeCategory Usage) missing any of
#   the required tags (rules/billing.yaml required_tags; keys compared trimmed and
#   lower-case) is above untagged_share_max_percent.
# custom:
#   id: AIG-COST-102
#   severity: medium
#   kinds: [billing:focus]
#   frameworks:
#     - {name: aiguard-finops, ref: "Cost allocation"}
#     - {name: focus, ref: "Tags"}
#   basis: practice
#   remediation: |
#     Tag the resources (the data-quality findings and billing.top_resources show which
#     spend is untagged), activate the tags as cost-allocation tags, or change the limit:
#       billing:
#         thresholds: {untagged_share_max_percent: 15}
package aiguard.rules.cost.billing_untagged_share

import data.aiguard.lib.billing

deny contains {"resource": "billing:untagged", "msg": msg, "attribute": "Tags"} if {
	untagged := input.billing.untagged
	limit := billing.threshold("untagged_share_max_percent", 10)
	untagged.share_percent > limit
	msg := concat("", [
		billing.money(untagged.share_percent), "% of usage spend (", billing.money(untagged.cost),
		" of ", billing.money(untagged.usage_cost), " ", input.billing.currency,
		") lacks a required tag (", concat(", ", untagged.required_tags), "), above the limit of ",
		sprintf("%v", [limit]), "%",
	])
}
