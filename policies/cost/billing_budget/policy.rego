# METADATA
# title: Spend stays within its monthly budget, actual and forecast
# description: >-
#   Budgets in .aiguard.yaml (`billing: budgets:`) cap the monthly spend of the whole
#   export, a service, a sub-account (AWS account, GCP project, Azure subscription) or a
#   tag value such as a team. In the latest billing period the rule reports a budget that
#   the spend so far already exceeds, and, while the period is still running, one that
#   the linear forecast (spend so far / days elapsed x days in the month) will exceed.
#   Costs are FOCUS EffectiveCost (amortised), in the export's billing currency.
# custom:
#   id: AIG-COST-101
#   severity: high
#   kinds: [billing:focus]
#   frameworks:
#     - {name: aiguard-finops, ref: "Budget"}
#     - {name: focus, ref: "EffectiveCost"}
#   basis: practice
#   remediation: |
#     Find what grew with `aiguard billing scan --format json` (billing.top_services,
#     top resources) and scale it down, or raise the budget in .aiguard.yaml:
#       billing:
#         budgets:
#           - {scope: "tag:team=ml", monthly: 20000}
package aiguard.rules.cost.billing_budget

import data.aiguard.lib.billing

deny contains {"resource": concat("", ["billing:", key]), "msg": msg, "attribute": "EffectiveCost"} if {
	some budget in billing.budgets
	key := billing.spend_key(budget.scope)
	period := billing.current_period
	spent := object.get(input.billing.spend[period.period], key, 0)
	spent > budget.monthly
	msg := concat("", [
		budget.scope, " spent ", billing.money(spent), " ", input.billing.currency, " in ",
		period.period, ", over its monthly budget of ", billing.money(budget.monthly),
	])
}

deny contains {"resource": concat("", ["billing:", key]), "msg": msg, "attribute": "EffectiveCost"} if {
	some budget in billing.budgets
	key := billing.spend_key(budget.scope)
	period := billing.current_period
	period.complete == false
	spent := object.get(input.billing.spend[period.period], key, 0)
	spent <= budget.monthly
	forecast := (spent / period.days_elapsed) * period.days
	forecast > budget.monthly
	msg := concat("", [
		budget.scope, " is forecast to spend ", billing.money(forecast), " ", input.billing.currency,
		" in ", period.period, " (", billing.money(spent), " in the first ",
		format_int(period.days_elapsed, 10), " of ", format_int(period.days, 10),
		" days), over its monthly budget of ", billing.money(budget.monthly),
	])
}
