package aiguard.rules.cost.change_monthly_increase_test

import data.aiguard.rules.cost.change_monthly_increase

_change(attributes) := {"resources": [{
	"id": "aiguard:cost-change",
	"kind": "aiguard:cost-change",
	"provider": "aiguard",
	"attributes": object.union(
		{
			"currency": "USD", "has_base": true, "total_before": 1000, "total_before_text": "1,000.00 USD",
			"total_after_text": "x", "teams": {}, "subject": "infra|aws_instance.gpu",
		},
		attributes,
	),
}]}

test_increase_above_limit_is_denied if {
	denials := change_monthly_increase.deny with input as _change({"increase": 12000, "increase_text": "12,000.00 USD", "total_after": 13000})
	count(denials) == 1
	some v in denials
	v.resource == "infra|aws_instance.gpu"
	contains(v.msg, "by 12,000.00 USD (1,000.00 USD to x)")
	contains(v.msg, "max_monthly_increase 10000 USD")
}

test_increase_within_limit_passes if {
	count(change_monthly_increase.deny) == 0 with input as _change({"increase": 10000, "increase_text": "", "total_after": 11000})
}

test_without_base_nothing_is_judged if {
	count(change_monthly_increase.deny) == 0 with input as _change({"has_base": false, "increase": 90000, "increase_text": "", "total_after": 91000})
}

test_limit_comes_from_data if {
	count(change_monthly_increase.deny) == 0 with input as _change({"increase": 12000, "increase_text": "", "total_after": 13000})
		with data.aiguard.config.cost_change.max_monthly_increase as 20000
}
