package aiguard.rules.oversight.human_review_test

import data.aiguard.rules.oversight.human_review

# The pipeline applies the scope {risk_class: [high]}; these tests check the rule logic.
_modes := ["true", "human-in-the-loop", "human-on-the-loop", "human-in-command"]

_resource(tags, ai) := {
	"id": "azurerm_machine_learning_workspace.credit",
	"kind": "azurerm_machine_learning_workspace",
	"provider": "azurerm",
	"attributes": {"tags": tags},
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := human_review.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act.human_review_modes as _modes
}

test_each_mode_passes if {
	every mode in ["true", "Human-In-The-Loop", "human-on-the-loop", "human-in-command"] {
		count(_denials(_resource({"aiguard.io/human-review": mode}, {"human_review": mode}))) == 0
	}
}

test_missing_review_is_denied if {
	denials := _denials(_resource({"aiguard.io/risk-class": "high"}, {"risk_class": "high"}))
	count(denials) == 1
	some v in denials
	v.attribute == "tags"
	contains(v.msg, "does not declare aiguard.io/human-review")
	contains(v.msg, "true, human-in-the-loop, human-on-the-loop, human-in-command")
}

test_false_is_denied_at_its_key if {
	denials := _denials(_resource({"aiguard.io/human-review": "false"}, {"human_review": "false"}))
	count(denials) == 1
	some v in denials
	v.attribute == "tags.aiguard.io/human-review"
	contains(v.msg, "not one of true, human-in-the-loop")
}

test_unknown_value_is_denied if {
	count(_denials(_resource({}, {"human_review": "sometimes"}))) == 1
}
