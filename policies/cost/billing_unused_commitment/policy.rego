# METADATA
# title: Commitments are used
# description: >-
#   Reservations, savings plans and committed use discounts are paid whether used or not.
#   For every billing period the rule reports unused commitment cost (FOCUS
#   CommitmentDiscountStatus Unused; CUR unused RI fees and savings plan commitment; Azure
#   UnusedReservation and UnusedSavingsPlan charges) above unused_commitment_max_percent of
#   the period's spend and at least unused_commitment_min_cost.
# custom:
#   id: AIG-COST-104
#   severity: medium
#   kinds: [billing:focus]
#   frameworks:
#     - {name: aiguard-finops, ref: "Commitment utilisation"}
#     - {name: focus, ref: "CommitmentDiscountStatus"}
#   basis: practice
#   remediation: |
#     Move matching workloads onto the committed instance family and region, exchange or
#     sell convertible reservations, and size the next commitment on measured usage; or
#     change the limit:
#       billing:
#         thresholds: {unused_commitment_max_percent: 10}
package aiguard.rules.cost.billing_unused_commitment

import data.aiguard.lib.billing

deny contains {"resource": concat("", ["billing:commitments/", period.period]), "msg": msg, "attribute": "CommitmentDiscountStatus"} if {
	some period in input.billing.periods
	period.unused_commitment >= billing.threshold("unused_commitment_min_cost", 100)
	limit := billing.threshold("unused_commitment_max_percent", 5)
	period.unused_commitment_percent > limit
	msg := concat("", [
		"unused commitments cost ", billing.money(period.unused_commitment), " ",
		input.billing.currency, " in ", period.period, " (",
		billing.money(period.unused_commitment_percent), "% of spend), above the limit of ",
		sprintf("%v", [limit]), "%",
	])
}
