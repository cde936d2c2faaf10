# METADATA
# title: CloudWatch log groups keep records for at least six months
# description: >-
#   Providers and deployers of high-risk AI systems must keep the logs the system
#   generates automatically for at least six months (EU AI Act Art. 19(1) and 26(6)).
#   A CloudWatch log group either never expires (retention_in_days unset or 0) or keeps
#   events for at least the minimum in rules/retention.yaml (184 days: six months can be
#   184 days long, so CloudWatch's 180 is too short and its next value, 365, passes).
# custom:
#   id: AIG-LOG-002
#   severity: high
#   kinds: [aws_cloudwatch_log_group]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 19(1)"}
#     - {name: eu-ai-act, ref: "Art. 26(6)"}
#   basis: law
#   remediation: |
#     Keep log events for at least 365 days (the first CloudWatch value above six months),
#     or remove retention_in_days so that they never expire:
#       resource "aws_cloudwatch_log_group" "inference" {
#         name              = "/aws/sagemaker/Endpoints/llm"
#         retention_in_days = 365
#       }
package aiguard.rules.logging.log_retention

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "retention_in_days"} if {
	some r in lib.resources_of_kind(input, "aws_cloudwatch_log_group")
	days := lib.number(object.get(r.attributes, "retention_in_days", 0))
	days != 0
	days < _min_days
	msg := concat("", [
		"log group ", r.id, " keeps log events for ", sprintf("%v", [days]),
		" days; keep them at least ", sprintf("%v", [_min_days]),
		" days (six months) or never expire them",
	])
}

# The minimum from rules/retention.yaml; the legal six months if it is not a number.
_min_days := days if {
	days := data.aiguard.config.retention.min_days
	is_number(days)
} else := 184
