package aiguard.rules.oversight.content_marking_test

import data.aiguard.rules.oversight.content_marking

# The pipeline applies the scope {role: [provider]}; these tests check the rule logic.
_placeholders := ["none", "n/a", "na", "-", "tbd", "todo", "pending", "unknown", "false", "no"]

_resource(tags, ai) := {
	"id": "aws_bedrock_custom_model.writer",
	"kind": "aws_bedrock_custom_model",
	"provider": "aws",
	"attributes": {"tags": tags},
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := content_marking.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act.placeholder_values as _placeholders
}

test_gpai_with_marking_passes if {
	count(_denials(_resource({}, {"gpai": "gpai", "content_marking": "c2pa"}))) == 0
}

test_gpai_without_marking_is_denied if {
	every class in ["gpai", "systemic"] {
		denials := _denials(_resource({"aiguard.io/gpai": class}, {"gpai": class}))
		count(denials) == 1
		some v in denials
		v.attribute == "tags"
		contains(v.msg, "does not declare aiguard.io/content-marking")
	}
}

test_declared_generator_without_marking_is_denied if {
	count(_denials(_resource({}, {"gpai": "none", "generates_content": "true"}))) == 1
}

test_gpai_that_generates_nothing_passes if {
	count(_denials(_resource({}, {"gpai": "gpai", "generates_content": "false"}))) == 0
}

test_other_systems_are_not_judged if {
	every ai in [{"gpai": "none"}, {}, {"risk_class": "limited"}] {
		count(_denials(_resource({}, ai))) == 0
	}
}

test_placeholder_marking_is_denied_at_its_key if {
	some v in _denials(_resource({"aiguard.io/content-marking": "none"}, {"gpai": "gpai", "content_marking": "none"}))
	v.attribute == "tags.aiguard.io/content-marking"
}
