package aiguard.rules.cost.billing_gpu_on_demand_test

import data.aiguard.rules.cost.billing_gpu_on_demand

_doc(cost, percent) := {"billing": {"currency": "USD", "gpu": {"by_period": {"2026-11": {
	"cost": cost, "on_demand_cost": (cost * percent) / 100, "on_demand_percent": percent,
}}}}}

test_on_demand_share_above_limit_is_denied if {
	denials := billing_gpu_on_demand.deny with input as _doc(7500, 80)
	some v in denials
	v.resource == "billing:gpu/2026-11"
	v.msg == "80.00% of GPU compute spend in 2026-11 (6000.00 of 7500.00 USD) is on-demand, above the limit of 50%"
}

test_mostly_spot_passes if {
	count(billing_gpu_on_demand.deny) == 0 with input as _doc(7500, 20)
}

test_small_gpu_spend_is_not_judged if {
	count(billing_gpu_on_demand.deny) == 0 with input as _doc(500, 100)
}
