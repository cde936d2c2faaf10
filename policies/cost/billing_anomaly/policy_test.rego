package aiguard.rules.cost.billing_anomaly_test

import data.aiguard.rules.cost.billing_anomaly

_doc(anomaly) := {"billing": {"currency": "USD", "daily": [
	{"day": "2026-11-19", "cost": 100, "expected": 100, "z_score": 0, "anomaly": false},
	{"day": "2026-11-20", "cost": 1002, "expected": 101, "z_score": 607.72, "anomaly": anomaly},
]}}

test_anomalous_day_is_denied if {
	denials := billing_anomaly.deny with input as _doc(true)
	denials == {{
		"resource": "billing:day/2026-11-20",
		"attribute": "ChargePeriodStart",
		"msg": "2026-11-20 cost 1002.00 USD, against 101.00 expected (robust z-score 607.72)",
	}}
}

test_normal_days_pass if {
	count(billing_anomaly.deny) == 0 with input as _doc(false)
}
