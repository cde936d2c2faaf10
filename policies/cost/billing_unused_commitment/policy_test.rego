package aiguard.rules.cost.billing_unused_commitment_test

import data.aiguard.rules.cost.billing_unused_commitment

_doc(unused, percent) := {"billing": {"currency": "USD", "periods": [{
	"period": "2026-11", "unused_commitment": unused, "unused_commitment_percent": percent,
}]}}

test_unused_commitment_above_limit_is_denied if {
	denials := billing_unused_commitment.deny with input as _doc(500, 14.29)
	some v in denials
	v.resource == "billing:commitments/2026-11"
	v.msg == "unused commitments cost 500.00 USD in 2026-11 (14.29% of spend), above the limit of 5%"
}

test_small_unused_commitment_passes if {
	count(billing_unused_commitment.deny) == 0 with input as _doc(20, 50)
	count(billing_unused_commitment.deny) == 0 with input as _doc(500, 2)
}
