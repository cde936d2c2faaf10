package aiguard.rules.encryption.lb_listener_tls_policy_test

import data.aiguard.rules.encryption.lb_listener_tls_policy

_settings := {"elb_tls12_policies": ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"]}

_listener(attributes) := {"resources": [{
	"id": "aws_lb_listener.api",
	"kind": "aws_lb_listener",
	"provider": "aws",
	"attributes": attributes,
}]}

_denials(attributes) := denials if {
	denials := lb_listener_tls_policy.deny with input as _listener(attributes)
		with data.aiguard.config.encryption as _settings
}

test_tls12_policy_passes if {
	count(_denials({"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"})) == 0
	count(_denials({"protocol": "tls", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})) == 0
}

test_missing_policy_is_denied if {
	denials := _denials({"protocol": "HTTPS", "certificate_arn": "arn:aws:acm:eu-central-1:123456789012:certificate/x"})
	count(denials) == 1
	some v in denials
	v.attribute == "ssl_policy"
	contains(v.msg, "ELBSecurityPolicy-2016-08")
}

test_old_policy_is_denied if {
	denials := _denials({"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"})
	count(denials) == 1
	some v in denials
	contains(v.msg, "uses security policy ELBSecurityPolicy-2016-08")
}

test_null_policy_is_denied_once if {
	count(_denials({"protocol": "TLS", "ssl_policy": null})) == 1
}

test_plain_listeners_and_unresolved_values_are_not_judged if {
	count(_denials({"protocol": "HTTP"})) == 0
	count(_denials({"protocol": "TCP"})) == 0
	count(_denials({})) == 0
	count(_denials({"protocol": "HTTPS", "ssl_policy": "${var.ssl_policy}"})) == 0
}
