package aiguard.rules.encryption.lb_http_plaintext_test

import data.aiguard.rules.encryption.lb_http_plaintext

_listener(name, attributes) := {
	"id": concat(".", ["aws_lb_listener", name]),
	"kind": "aws_lb_listener",
	"provider": "aws",
	"attributes": attributes,
}

_lb(name, attributes) := {
	"id": concat(".", ["aws_lb", name]),
	"kind": "aws_lb",
	"provider": "aws",
	"attributes": attributes,
}

_forward := {"type": "forward", "target_group_arn": "${aws_lb_target_group.llm.arn}"}

_redirect(redirect) := {"type": "redirect", "redirect": [redirect]}

_denials(resources) := denials if {
	denials := lb_http_plaintext.deny with input as {"resources": resources}
}

test_redirect_to_https_passes if {
	count(_denials([_listener("http", {"protocol": "HTTP", "default_action": [_redirect({"protocol": "HTTPS", "status_code": "HTTP_301"})]})])) == 0
}

test_fixed_response_passes if {
	count(_denials([_listener("http", {"protocol": "HTTP", "default_action": [{"type": "fixed-response", "fixed_response": [{"content_type": "text/plain"}]}]})])) == 0
}

test_forwarding_http_listener_is_denied if {
	denials := _denials([_listener("http", {"protocol": "http", "default_action": [_forward]})])
	count(denials) == 1
	some v in denials
	v.attribute == "default_action.0"
	contains(v.msg, "forwards requests unencrypted")
}

test_redirect_without_protocol_is_denied if {
	denials := _denials([_listener("http", {"protocol": "HTTP", "default_action": [_redirect({"port": "8080", "status_code": "HTTP_302"})]})])
	{v.attribute | some v in denials} == {"default_action.0.redirect.0"}
}

test_redirect_to_http_is_denied if {
	denials := _denials([_listener("http", {"protocol": "HTTP", "default_action": [_redirect({"protocol": "#{protocol}", "status_code": "HTTP_301"})]})])
	{v.attribute | some v in denials} == {"default_action.0.redirect.0.protocol"}
}

test_listener_without_protocol_on_an_alb_is_http if {
	denials := _denials([
		_lb("inference", {"name": "inference"}),
		_listener("default", {"load_balancer_arn": "${aws_lb.inference.arn}", "default_action": [_forward]}),
	])
	count(denials) == 1
}

test_listener_without_protocol_on_other_load_balancers_is_not_judged if {
	count(_denials([
		_lb("gwlb", {"load_balancer_type": "gateway"}),
		_listener("gw", {"load_balancer_arn": "${aws_lb.gwlb.arn}", "default_action": [_forward]}),
	])) == 0
	count(_denials([_listener("unknown", {"load_balancer_arn": "arn:aws:elasticloadbalancing:x", "default_action": [_forward]})])) == 0
}

test_https_listeners_are_not_judged if {
	count(_denials([_listener("https", {"protocol": "HTTPS", "default_action": [_forward]})])) == 0
}

test_forwarding_rule_on_an_http_listener_is_denied if {
	rule := {
		"id": "aws_lb_listener_rule.api",
		"kind": "aws_lb_listener_rule",
		"provider": "aws",
		"attributes": {"listener_arn": "${aws_lb_listener.http.arn}", "action": [_forward]},
	}
	denials := _denials([
		_listener("http", {"protocol": "HTTP", "default_action": [_redirect({"protocol": "HTTPS", "status_code": "HTTP_301"})]}),
		rule,
	])
	{[v.resource, v.attribute] | some v in denials} == {["aws_lb_listener_rule.api", "action.0"]}
}

test_rule_on_an_https_listener_is_not_judged if {
	rule := {
		"id": "aws_lb_listener_rule.api",
		"kind": "aws_lb_listener_rule",
		"provider": "aws",
		"attributes": {"listener_arn": "${aws_lb_listener.https.arn}", "action": [_forward]},
	}
	count(_denials([_listener("https", {"protocol": "HTTPS", "default_action": [_forward]}), rule])) == 0
}
