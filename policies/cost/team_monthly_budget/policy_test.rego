package aiguard.rules.cost.team_monthly_budget_test

import data.aiguard.rules.cost.team_monthly_budget

_change(has_base, teams) := {"resources": [{
	"id": "aiguard:cost-change",
	"kind": "aiguard:cost-change",
	"provider": "aiguard",
	"attributes": {"currency": "USD", "has_base": has_base, "total_after": 0, "teams": teams},
}]}

_team(after, delta) := {
	"tag": "team", "after": after, "after_text": "A", "before": after - delta,
	"delta": delta, "delta_text": "D", "subject": "k8s|Deployment/llm",
}

test_team_over_default_budget_is_denied if {
	denials := team_monthly_budget.deny with input as _change(false, {"ml": _team(60000, 0)})
	count(denials) == 1
	some v in denials
	v.resource == "k8s|Deployment/llm"
	contains(v.msg, "this resource's team tag would spend an estimated A a month")
	contains(v.msg, "budget of 50000 USD")
	not contains(v.msg, "this change adds")
}

test_team_within_budget_passes if {
	count(team_monthly_budget.deny) == 0 with input as _change(false, {"ml": _team(50000, 0)})
}

test_team_budget_from_data if {
	inp := _change(false, {"ml": _team(60000, 0), "search": _team(60000, 0)})
	denials := team_monthly_budget.deny with input as inp
		with data.aiguard.config.cost_change.team_monthly_budgets as {"ml": 100000}
	count(denials) == 1
}

test_with_base_only_a_raised_total_is_denied if {
	count(team_monthly_budget.deny) == 0 with input as _change(true, {"ml": _team(60000, -500)})
	denials := team_monthly_budget.deny with input as _change(true, {"ml": _team(60000, 500)})
	some v in denials
	contains(v.msg, "this change adds D and this resource adds the most")
}
