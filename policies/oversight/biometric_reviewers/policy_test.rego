package aiguard.rules.oversight.biometric_reviewers_test

import data.aiguard.rules.oversight.biometric_reviewers

# The pipeline applies the scope {risk_class: [high], annex_iii: [biometrics]}.
_ai_act := {
	"min_biometric_reviewers": 2,
	"biometric_uses_without_two_person_verification": ["verification", "categorisation", "emotion-recognition"],
}

_resource(annotations, ai) := {
	"id": "serving.kserve.io/v1beta1/InferenceService/security/face-match",
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": {"metadata": {"annotations": annotations}},
	"derived": {"is_ai": true, "ai": ai},
}

_denials(r) := denials if {
	denials := biometric_reviewers.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act as _ai_act
}

test_two_as_a_number_passes if {
	count(_denials(_resource({"aiguard.io/reviewers": "2"}, {"reviewers": "2"}))) == 0
}

test_two_identities_pass if {
	every value in ["a@example.com,b@example.com", "a@example.com b@example.com", "a@example.com; b@example.com"] {
		count(_denials(_resource({}, {"reviewers": value}))) == 0
	}
}

test_missing_reviewers_are_denied if {
	denials := _denials(_resource({"team": "security"}, {}))
	count(denials) == 1
	some v in denials
	v.attribute == "metadata.annotations"
	contains(v.msg, "does not declare aiguard.io/reviewers")
}

test_one_reviewer_is_denied_with_the_count if {
	denials := _denials(_resource({"aiguard.io/reviewers": "1"}, {"reviewers": "1"}))
	count(denials) == 1
	some v in denials
	v.attribute == "metadata.annotations.aiguard.io/reviewers"
	contains(v.msg, "declares 1 reviewer(s)")
	contains(v.msg, "at least 2 people")
}

test_one_identity_is_denied if {
	some v in _denials(_resource({}, {"reviewers": "id-desk@example.com"}))
	contains(v.msg, "declares 1 reviewer(s)")
	not contains(v.msg, "id-desk")
}

test_repeated_identity_counts_once if {
	count(_denials(_resource({}, {"reviewers": "a@example.com, a@example.com"}))) == 1
}

test_minimum_comes_from_data if {
	r := _resource({}, {"reviewers": "2"})
	denials := biometric_reviewers.deny with input as {"resources": [r]}
		with data.aiguard.config.ai_act as object.union(_ai_act, {"min_biometric_reviewers": 3})
	some v in denials
	contains(v.msg, "at least 3 people")
}

test_other_biometric_uses_are_not_judged if {
	every use in ["verification", "Categorisation", "emotion-recognition"] {
		count(_denials(_resource({}, {"biometric_use": use}))) == 0
	}
}

test_remote_identification_is_judged if {
	count(_denials(_resource({}, {"biometric_use": "remote-identification"}))) == 1
}
