package aiguard.lib.billing_test

import data.aiguard.lib.billing

test_spend_keys if {
	billing.spend_key("total") == "total"
	billing.spend_key("service:Amazon SageMaker") == "service/Amazon SageMaker"
	billing.spend_key("sub_account:123456789012") == "sub_account/123456789012"
	billing.spend_key("tag: Cost Center=ml") == "tag/cost-center=ml"
}

test_threshold_falls_back if {
	billing.threshold("missing", 7) == 7 with data.aiguard.config.billing as {"thresholds": {}}
	billing.threshold("x", 7) == 3 with data.aiguard.config.billing as {"thresholds": {"x": 3}}
}

test_current_period_is_the_last if {
	p := billing.current_period with input as {"billing": {"periods": [{"period": "2026-10"}, {"period": "2026-11"}]}}
	p.period == "2026-11"
}

test_money if {
	billing.money(1234.5) == "1234.50"
	billing.money(1500) == "1500.00"
	billing.money(0.07) == "0.07"
	billing.money(-2.5) == "-2.50"
}
