# METADATA
# title: No unexplained daily cost spikes
# description: >-
#   A runaway training job or a forgotten GPU cluster shows first as a day that costs far
#   more than usual. aiguard compares each day's cost with the median of the same weekday
#   (or of all days) in the preceding window, scaled by the median absolute deviation (a
#   robust z-score). The rule reports each day whose z-score reaches anomaly z_score and
#   whose increase clears both floors, min_increase and min_increase_percent
#   (rules/billing.yaml `anomaly:`).
# custom:
#   id: AIG-COST-105
#   severity: high
#   kinds: [billing:focus]
#   frameworks:
#     - {name: aiguard-finops, ref: "Anomaly management"}
#     - {name: focus, ref: "ChargePeriodStart"}
#   basis: practice
#   remediation: |
#     Find the services and resources that cost more that day (billing.top_resources in
#     the JSON report) and stop what should not run; for an expected one-off, waive the
#     finding with a reason and an expiry, or raise the floors:
#       billing:
#         anomaly: {min_increase: 500, min_increase_percent: 100}
package aiguard.rules.cost.billing_anomaly

import data.aiguard.lib.billing

deny contains {"resource": concat("", ["billing:day/", day.day]), "msg": msg, "attribute": "ChargePeriodStart"} if {
	some day in input.billing.daily
	day.anomaly == true
	is_number(day.expected)
	msg := concat("", [
		day.day, " cost ", billing.money(day.cost), " ", input.billing.currency, ", against ",
		billing.money(day.expected), " expected (robust z-score ", billing.money(day.z_score), ")",
	])
}
