# METADATA
# title: AI and ML spend grows within the limit month over month
# description: >-
#   Model training and inference budgets tend to grow in steps nobody decided. Between
#   consecutive complete billing periods the rule reports growth of AI and ML spend (FOCUS
#   ServiceCategory "AI and Machine Learning", the services rules/billing.yaml ai_services
#   names, and GPU usage) above ai_growth_max_percent, when the earlier period's AI and ML
#   spend is at least ai_growth_min_cost.
# custom:
#   id: AIG-COST-107
#   severity: medium
#   kinds: [billing:focus]
#   frameworks:
#     - {name: aiguard-finops, ref: "AI spend governance"}
#     - {name: focus, ref: "ServiceCategory"}
#   basis: practice
#   remediation: |
#     Confirm the growth was planned (a new model, more traffic) and record it, or find the
#     services behind it in billing.top_services; change the limit in .aiguard.yaml:
#       billing:
#         thresholds: {ai_growth_max_percent: 50}
package aiguard.rules.cost.billing_ai_growth

import data.aiguard.lib.billing

deny contains {"resource": concat("", ["billing:ai/", current.period]), "msg": msg, "attribute": "ServiceCategory"} if {
	some i
	current := input.billing.periods[i]
	i > 0
	previous := input.billing.periods[i - 1]
	current.complete == true
	previous.complete == true
	before := object.get(input.billing.ai_spend, previous.period, 0)
	after := object.get(input.billing.ai_spend, current.period, 0)
	before >= billing.threshold("ai_growth_min_cost", 1000)
	growth := ((after - before) / before) * 100
	limit := billing.threshold("ai_growth_max_percent", 30)
	growth > limit
	msg := concat("", [
		"AI and ML spend grew ", billing.money(growth), "% from ", previous.period, " (",
		billing.money(before), ") to ", current.period, " (", billing.money(after), " ",
		input.billing.currency, "), above the limit of ", sprintf("%v", [limit]), "%",
	])
}
