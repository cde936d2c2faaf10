# METADATA
# title: Bedrock Provisioned Throughput stays within the approved size and term
# description: >-
#   Amazon Bedrock Provisioned Throughput is billed per model unit for every hour it
#   exists, whether it serves requests or not. An aws_bedrock_provisioned_model_throughput
#   may buy at most max_bedrock_model_units model units (rules/cost.yaml), and its
#   commitment_duration must be one of allowed_bedrock_commitment_durations: by default
#   OneMonth or SixMonths, because without a commitment the hourly price per model unit
#   is the highest and nothing reminds anyone to delete it after a test (add `none` to the
#   list to allow no-commitment purchases). Unresolved values are not judged.
# custom:
#   id: AIG-COST-018
#   severity: medium
#   kinds: [aws_bedrock_provisioned_model_throughput]
#   frameworks:
#     - {name: aiguard-finops, ref: "Bedrock Provisioned Throughput"}
#     - {name: focus, ref: "PricingCategory"}
#   basis: practice
#   remediation: |
#     Buy the model units you have measured a need for, on an approved term:
#       resource "aws_bedrock_provisioned_model_throughput" "claude" {
#         provisioned_model_name = "support-claude"
#         model_arn              = "arn:aws:bedrock:eu-central-1::foundation-model/..."
#         model_units            = 1
#         commitment_duration    = "OneMonth"
#       }
#     or change the limits for your organisation in .aiguard.yaml:
#       settings:
#         cost:
#           max_bedrock_model_units: 4
#           allowed_bedrock_commitment_durations: [OneMonth, SixMonths, none]
package aiguard.rules.cost.bedrock_provisioned_throughput

import data.aiguard.lib

# The most model units one Provisioned Throughput may buy (rules/cost.yaml).
_max_units := n if {
	n := data.aiguard.config.cost.max_bedrock_model_units
	is_number(n)
} else := 2

# Allowed commitment terms, lower-cased; "none" stands for no commitment.
_allowed_terms := {lower(term) |
	some term in data.aiguard.config.cost.allowed_bedrock_commitment_durations
	is_string(term)
} if {
	is_array(data.aiguard.config.cost.allowed_bedrock_commitment_durations)
} else := {"onemonth", "sixmonths"}

deny contains {"resource": r.id, "msg": msg, "attribute": "model_units"} if {
	some r in lib.resources_of_kind(input, "aws_bedrock_provisioned_model_throughput")
	units := lib.number(r.attributes.model_units)
	units > _max_units
	msg := concat("", [
		"Bedrock Provisioned Throughput ", r.id, " buys ", format_int(units, 10), " model units, more than",
		" max_bedrock_model_units ", format_int(_max_units, 10), " (rules/cost.yaml); each is billed every hour",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "commitment_duration"} if {
	some r in lib.resources_of_kind(input, "aws_bedrock_provisioned_model_throughput")
	term := _term(object.get(r.attributes, "commitment_duration", null))
	not lower(term) in _allowed_terms
	msg := concat("", [
		"Bedrock Provisioned Throughput ", r.id, " is bought with commitment ", term,
		", which is not in allowed_bedrock_commitment_durations (rules/cost.yaml)", _no_commitment_note(term),
	])
}

# The commitment term as written, "none" when it is not set; undefined when unresolved.
_term(value) := value if {
	is_string(value)
	value != ""
	not lib.is_unresolved(value)
} else := "none" if {
	not is_string(value)
} else := "none" if {
	value == ""
}

_no_commitment_note(term) := "; without a commitment the hourly price per model unit is the highest" if {
	term == "none"
} else := ""
