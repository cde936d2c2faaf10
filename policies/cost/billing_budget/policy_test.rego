package aiguard.rules.cost.billing_budget_test

import data.aiguard.rules.cost.billing_budget

_settings := {"budgets": [{"scope": "tag:team=ml", "monthly": 1000}, {"scope": "service:Amazon SageMaker", "monthly": 500}]}

_doc(spent, elapsed) := {"billing": {
	"currency": "USD",
	"periods": [{"period": "2026-11", "days": 30, "days_elapsed": elapsed, "complete": elapsed == 30}],
	"spend": {"2026-11": {"tag/team=ml": spent, "service/Amazon SageMaker": 100, "total": 9000}},
}}

test_spend_over_budget_is_denied if {
	denials := billing_budget.deny with input as _doc(1500, 30) with data.aiguard.config.billing as _settings
	denials == {{
		"resource": "billing:tag/team=ml",
		"attribute": "EffectiveCost",
		"msg": "tag:team=ml spent 1500.00 USD in 2026-11, over its monthly budget of 1000.00",
	}}
}

test_forecast_over_budget_is_denied_while_the_month_runs if {
	denials := billing_budget.deny with input as _doc(600, 15) with data.aiguard.config.billing as _settings
	some v in denials
	contains(v.msg, "is forecast to spend 1200.00 USD in 2026-11 (600.00 in the first 15 of 30 days)")
	count(denials) == 1
}

test_within_budget_passes if {
	count(billing_budget.deny) == 0 with input as _doc(900, 30) with data.aiguard.config.billing as _settings
}

test_no_budgets_no_findings if {
	count(billing_budget.deny) == 0 with input as _doc(99999, 30) with data.aiguard.config.billing as {}
}
