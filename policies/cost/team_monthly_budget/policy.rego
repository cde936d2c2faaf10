# METADATA
# title: A team's AI compute stays within its monthly budget
# description: >-
#   Each team's AI compute is estimated from the manifests (rules/prices.yaml,
#   docs/cost.md) and summed over the resources whose team tag (team_tags in
#   rules/cost_change.yaml: `team`, then `owner`) names the team. A team whose estimated
#   monthly total exceeds its budget (team_monthly_budgets, else
#   default_team_monthly_budget) is reported at its most expensive resource. With
#   --diff-base only a change that raises the team's total is reported, at the resource
#   that adds the most, so that a team already over budget can still merge savings.
# custom:
#   id: AIG-COST-202
#   severity: high
#   kinds: ["aiguard:cost-change"]
#   frameworks:
#     - {name: aiguard-finops, ref: "Per-team monthly budget"}
#   basis: practice
#   remediation: |
#     Bring the team's GPU fleet within its budget (smaller or fewer machines, scale to
#     zero when idle), or raise the team's budget in .aiguard.yaml:
#       settings:
#         cost_change:
#           team_monthly_budgets:
#             ml-platform: 120000
package aiguard.rules.cost.team_monthly_budget

import data.aiguard.lib

# A team's monthly budget: its own entry, else the default (rules/cost_change.yaml).
_budget(team) := n if {
	n := data.aiguard.config.cost_change.team_monthly_budgets[team]
	is_number(n)
} else := n if {
	n := data.aiguard.config.cost_change.default_team_monthly_budget
	is_number(n)
} else := 50000

deny contains {"resource": entry.subject, "msg": msg} if {
	some r in lib.resources_of_kind(input, "aiguard:cost-change")
	change := r.attributes
	some team, entry in change.teams
	budget := _budget(team)
	entry.after > budget
	_raised_by_change(change, entry)
	msg := concat("", [
		"the team named by this resource's ", entry.tag, " tag would spend an estimated ", entry.after_text,
		" a month on AI compute, more than its budget of ", format_int(budget, 10), " ", change.currency,
		" (rules/cost_change.yaml)", _change_note(change, entry),
	])
}

# Without a base every team over budget is reported; with one, only a team the change makes dearer.
_raised_by_change(change, _) if change.has_base == false

_raised_by_change(change, entry) if {
	change.has_base == true
	entry.delta > 0
}

_change_note(change, _) := "" if change.has_base == false

_change_note(change, entry) := concat("", ["; this change adds ", entry.delta_text, " and this resource adds the most"]) if {
	change.has_base == true
}
