# Helpers for the cost guardrails over billing aggregates (AIG-COST-101 .. AIG-COST-107):
# the billing settings (rules/billing.yaml merged with `billing:` of .aiguard.yaml), the
# current billing period, money formatting and the spend keys budgets name.
package aiguard.lib.billing

# `billing:` of the rule data, or nothing when a user's data replaced it.
settings := data.aiguard.config.billing if {
	is_object(data.aiguard.config.billing)
} else := {}

# A threshold of rules/billing.yaml, or `fallback` when it is not a number.
threshold(name, fallback) := value if {
	value := settings.thresholds[name]
	is_number(value)
} else := fallback

# The configured budgets (a list of {scope, monthly}).
budgets := [b |
	some b in settings.budgets
	is_string(b.scope)
	is_number(b.monthly)
]

# The latest billing period of the export.
current_period := input.billing.periods[count(input.billing.periods) - 1]

# A number with two decimals, built from integers: OPA's sprintf renders "%.2f" of an
# integral number as "%!f(int64=...)", and regopy and OPA differ on "%v" of floats.
money(amount) := concat("", [_sign(amount), format_int(whole, 10), ".", _two_digits(cents - (whole * 100))]) if {
	cents := round(abs(amount) * 100)
	whole := floor(cents / 100)
}

_sign(amount) := "-" if amount < 0

else := ""

_two_digits(n) := concat("", ["0", format_int(n, 10)]) if n < 10

else := format_int(n, 10)

# How tag keys are compared: trimmed, lower-case, inner spaces as "-" (as aggregate.py).
tag_key(key) := replace(lower(trim_space(key)), " ", "-")

# The key of input.billing.spend[period] a budget scope names.
spend_key(scope) := "total" if scope == "total"

spend_key(scope) := concat("/", ["service", substring(scope, 8, -1)]) if startswith(scope, "service:")

spend_key(scope) := concat("/", ["sub_account", substring(scope, 12, -1)]) if startswith(scope, "sub_account:")

spend_key(scope) := concat("", ["tag/", tag_key(parts[0]), "=", parts[1]]) if {
	startswith(scope, "tag:")
	parts := split(substring(scope, 4, -1), "=")
	count(parts) == 2
}
