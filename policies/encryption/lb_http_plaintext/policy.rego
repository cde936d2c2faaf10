# METADATA
# title: HTTP load balancer listeners redirect to HTTPS instead of forwarding plaintext
# description: >-
#   An Application Load Balancer listener on HTTP that forwards requests sends an AI
#   system's inputs and outputs (and any tokens or cookies) unencrypted over the network.
#   An HTTP listener may only redirect to HTTPS (redirect protocol "HTTPS"; the
#   provider's default "#{protocol}" keeps HTTP) or answer with a fixed response. A
#   listener counts as HTTP when protocol = "HTTP", or when it names no protocol and its
#   load balancer in the same module is an Application Load Balancer (the provider
#   default protocol there is HTTP). Listener rules (aws_lb_listener_rule) attached to
#   such a listener in the same module are held to the same standard.
# custom:
#   id: AIG-ENC-022
#   severity: high
#   kinds: [aws_lb_listener, aws_alb_listener, aws_lb, aws_alb, aws_lb_listener_rule, aws_alb_listener_rule]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Serve the API on an HTTPS listener and make port 80 redirect to it:
#       resource "aws_lb_listener" "http" {
#         load_balancer_arn = aws_lb.inference.arn
#         port              = 80
#         protocol          = "HTTP"
#         default_action {
#           type = "redirect"
#           redirect {
#             port        = "443"
#             protocol    = "HTTPS"
#             status_code = "HTTP_301"
#           }
#         }
#       }
package aiguard.rules.encryption.lb_http_plaintext

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kinds(input, {"aws_lb_listener", "aws_alb_listener"})
	r.id in _http_listeners
	some i
	action := r.attributes.default_action[i]
	is_number(i)
	parts := _plaintext_parts(action)
	attribute := concat(".", array.concat(["default_action", format_int(i, 10)], parts))
	msg := concat("", ["HTTP listener ", r.id, _plaintext_reason[count(parts)]])
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kinds(input, {"aws_lb_listener_rule", "aws_alb_listener_rule"})
	lib.referenced_id(r.attributes.listener_arn) in _http_listeners
	some i
	action := r.attributes.action[i]
	is_number(i)
	parts := _plaintext_parts(action)
	attribute := concat(".", array.concat(["action", format_int(i, 10)], parts))
	msg := concat("", ["listener rule ", r.id, " of an HTTP listener", _plaintext_reason[count(parts)]])
}

# What the findings say, by how deep the offending attribute is.
_plaintext_reason := {
	0: " forwards requests unencrypted; redirect HTTP to HTTPS instead",
	2: " redirects without switching to HTTPS (the redirect protocol defaults to #{protocol}, which keeps HTTP)",
	3: " redirects to a protocol other than HTTPS",
}

# Ids of the listeners that speak plain HTTP.
_http_listeners contains r.id if {
	some r in lib.resources_of_kinds(input, {"aws_lb_listener", "aws_alb_listener"})
	_plain_http(r)
}

_plain_http(r) if {
	protocol := r.attributes.protocol
	is_string(protocol)
	upper(protocol) == "HTTP"
}

_plain_http(r) if {
	object.get(r.attributes, "protocol", null) == null
	lib.referenced_id(r.attributes.load_balancer_arn) in _application_load_balancers
}

_application_load_balancers contains r.id if {
	some r in lib.resources_of_kinds(input, {"aws_lb", "aws_alb"})
	object.get(r.attributes, "load_balancer_type", null) in {null, "application"}
}

# The attribute path below an action that sends plaintext, undefined for safe actions:
# [] for a forward, ["redirect", "0"] for a redirect without protocol,
# ["redirect", "0", "protocol"] for a redirect to another protocol.
_plaintext_parts(action) := [] if _action_type(action) == "forward"

_plaintext_parts(action) := ["redirect", "0"] if {
	_action_type(action) == "redirect"
	redirect := encryption.first_block(action, "redirect")
	object.get(redirect, "protocol", null) == null
}

_plaintext_parts(action) := ["redirect", "0", "protocol"] if {
	_action_type(action) == "redirect"
	redirect := encryption.first_block(action, "redirect")
	protocol := redirect.protocol
	is_string(protocol)
	not lib.is_unresolved(protocol)
	upper(protocol) != "HTTPS"
}

_action_type(action) := lower(action.type) if is_string(action.type)
