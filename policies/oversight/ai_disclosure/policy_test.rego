package aiguard.rules.oversight.ai_disclosure_test

import data.aiguard.rules.oversight.ai_disclosure

# The pipeline applies the scope {role: [provider]}; these tests check the rule logic.
_placeholders := ["none", "n/a", "na", "-", "tbd", "todo", "pending", "unknown", "false", "no"]

_resource(labels, annotations, ai) := {
	"id": "serving.kserve.io/v1beta1/InferenceService/support/assistant",
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": {"metadata": {"labels": labels, "annotations": annotations}},
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := ai_disclosure.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act.placeholder_values as _placeholders
}

test_limited_risk_system_with_disclosure_passes if {
	r := _resource({"aiguard.io/risk-class": "limited"}, {"aiguard.io/ai-disclosure": "chat-banner"}, {"risk_class": "limited", "ai_disclosure": "chat-banner"})
	count(_denials(r)) == 0
}

test_limited_risk_system_without_disclosure_is_denied if {
	denials := _denials(_resource({"aiguard.io/risk-class": "limited"}, {"team": "support"}, {"risk_class": "limited"}))
	count(denials) == 1
	some v in denials
	v.attribute == "metadata.annotations"
	contains(v.msg, "does not declare aiguard.io/ai-disclosure")
}

test_declared_interaction_binds_any_risk_class if {
	r := _resource({"aiguard.io/risk-class": "high"}, {"aiguard.io/interacts-with-people": "true"}, {"risk_class": "high", "interacts_with_people": "true"})
	count(_denials(r)) == 1
}

test_limited_risk_system_that_does_not_interact_passes if {
	r := _resource({"aiguard.io/risk-class": "limited"}, {"aiguard.io/interacts-with-people": "false"}, {"risk_class": "limited", "interacts_with_people": "false"})
	count(_denials(r)) == 0
}

test_other_systems_are_not_judged if {
	every ai in [{"risk_class": "high"}, {"risk_class": "minimal"}, {}, {"interacts_with_people": "no"}] {
		count(_denials(_resource({}, {}, ai))) == 0
	}
}

test_disclosure_false_is_a_placeholder if {
	r := _resource({}, {"aiguard.io/ai-disclosure": "false"}, {"interacts_with_people": "yes", "ai_disclosure": "false"})
	some v in _denials(r)
	v.attribute == "metadata.annotations.aiguard.io/ai-disclosure"
	contains(v.msg, "placeholder")
}
