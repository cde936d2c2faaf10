package aiguard.rules.cost.billing_untagged_share_test

import data.aiguard.rules.cost.billing_untagged_share

_doc(share) := {"billing": {"currency": "USD", "untagged": {
	"share_percent": share, "cost": 200, "usage_cost": 1000, "required_tags": ["team", "cost-center"],
}}}

test_untagged_share_above_limit_is_denied if {
	denials := billing_untagged_share.deny with input as _doc(20) with data.aiguard.config.billing as {"thresholds": {"untagged_share_max_percent": 10}}
	some v in denials
	v.resource == "billing:untagged"
	v.msg == "20.00% of usage spend (200.00 of 1000.00 USD) lacks a required tag (team, cost-center), above the limit of 10%"
}

test_untagged_share_within_limit_passes if {
	count(billing_untagged_share.deny) == 0 with input as _doc(10) with data.aiguard.config.billing as {"thresholds": {"untagged_share_max_percent": 10}}
}
