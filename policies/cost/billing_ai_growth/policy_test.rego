package aiguard.rules.cost.billing_ai_growth_test

import data.aiguard.rules.cost.billing_ai_growth

_doc(before, after, complete) := {"billing": {
	"currency": "USD",
	"periods": [{"period": "2026-09", "complete": true}, {"period": "2026-10", "complete": complete}],
	"ai_spend": {"2026-09": before, "2026-10": after},
}}

test_growth_above_limit_is_denied if {
	denials := billing_ai_growth.deny with input as _doc(3000, 6200, true)
	some v in denials
	v.resource == "billing:ai/2026-10"
	v.msg == "AI and ML spend grew 106.67% from 2026-09 (3000.00) to 2026-10 (6200.00 USD), above the limit of 30%"
}

test_modest_growth_incomplete_periods_and_small_bases_pass if {
	count(billing_ai_growth.deny) == 0 with input as _doc(3000, 3300, true)
	count(billing_ai_growth.deny) == 0 with input as _doc(3000, 6200, false)
	count(billing_ai_growth.deny) == 0 with input as _doc(500, 6200, true)
}
