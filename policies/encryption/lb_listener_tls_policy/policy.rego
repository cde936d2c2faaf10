# METADATA
# title: HTTPS and TLS load balancer listeners require TLS 1.2 or later
# description: >-
#   Requests to an AI system's API carry its inputs (prompts, documents, images, often
#   personal data) and its outputs. An HTTPS (Application Load Balancer) or TLS (Network
#   Load Balancer) listener must use a security policy whose oldest protocol is TLS 1.2:
#   TLS 1.0 and 1.1 are deprecated (RFC 8996). A listener without ssl_policy gets
#   ELBSecurityPolicy-2016-08, which accepts TLS 1.0, when created through the API as
#   Terraform does. Allowed policies are listed in rules/encryption.yaml
#   elb_tls12_policies.
# custom:
#   id: AIG-ENC-021
#   severity: high
#   kinds: [aws_lb_listener, aws_alb_listener]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Name a TLS 1.2+ security policy (TLS 1.3 with TLS 1.2 fallback is AWS's recommendation):
#       resource "aws_lb_listener" "api" {
#         protocol        = "HTTPS"
#         port            = 443
#         ssl_policy      = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
#         certificate_arn = aws_acm_certificate.api.arn
#       }
package aiguard.rules.encryption.lb_listener_tls_policy

import data.aiguard.lib
import data.aiguard.lib.encryption

_tls_protocols := {"HTTPS", "TLS"}

deny contains {"resource": r.id, "msg": msg, "attribute": "ssl_policy"} if {
	some r in _tls_listeners
	not lib.is_set(r.attributes, "ssl_policy")
	msg := sprintf("listener %s terminates TLS without an ssl_policy, so AWS applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "ssl_policy"} if {
	some r in _tls_listeners
	policy := r.attributes.ssl_policy
	is_string(policy)
	policy != ""
	not lib.is_unresolved(policy)
	not policy in encryption.setting_list("elb_tls12_policies")
	msg := concat("", [
		"listener ", r.id, " uses security policy ", policy,
		", which is not a TLS 1.2+ policy (rules/encryption.yaml elb_tls12_policies)",
	])
}

_tls_listeners contains r if {
	some r in lib.resources_of_kinds(input, {"aws_lb_listener", "aws_alb_listener"})
	protocol := r.attributes.protocol
	is_string(protocol)
	upper(protocol) in _tls_protocols
}
