# METADATA
# title: GPU compute runs mostly on spot or committed capacity
# description: >-
#   On-demand GPU hours cost two to three times spot or committed ones. For every billing
#   period whose GPU and accelerator usage costs at least gpu_min_cost, the rule reports an
#   on-demand share (FOCUS PricingCategory Standard) above gpu_on_demand_share_max_percent.
#   GPU usage is recognised by instance type, SKU and description (rules/billing.yaml
#   gpu_patterns).
# custom:
#   id: AIG-COST-103
#   severity: medium
#   kinds: [billing:focus]
#   frameworks:
#     - {name: aiguard-finops, ref: "GPU purchasing"}
#     - {name: focus, ref: "PricingCategory"}
#   basis: practice
#   remediation: |
#     Run interruptible training on spot/preemptible GPUs with checkpoints, and cover the
#     steady inference load with reservations, savings plans or committed use discounts;
#     or change the limit:
#       billing:
#         thresholds: {gpu_on_demand_share_max_percent: 70}
package aiguard.rules.cost.billing_gpu_on_demand

import data.aiguard.lib.billing

deny contains {"resource": concat("", ["billing:gpu/", period]), "msg": msg, "attribute": "PricingCategory"} if {
	some period, gpu in input.billing.gpu.by_period
	gpu.cost >= billing.threshold("gpu_min_cost", 1000)
	limit := billing.threshold("gpu_on_demand_share_max_percent", 50)
	gpu.on_demand_percent > limit
	msg := concat("", [
		billing.money(gpu.on_demand_percent), "% of GPU compute spend in ", period, " (",
		billing.money(gpu.on_demand_cost), " of ", billing.money(gpu.cost), " ", input.billing.currency,
		") is on-demand, above the limit of ", sprintf("%v", [limit]), "%",
	])
}
