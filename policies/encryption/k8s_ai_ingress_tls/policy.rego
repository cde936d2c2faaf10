# METADATA
# title: Kubernetes Ingresses in front of AI workloads terminate TLS
# description: >-
#   An Ingress that routes to a model server without a TLS certificate for its host
#   serves the AI system's inputs and outputs over plain HTTP. An Ingress counts as
#   serving an AI workload when it carries an aiguard.io declaration itself (label or
#   annotation such as aiguard.io/system-id or aiguard.io/risk-class), or when a backend
#   names a Service that KServe creates for an InferenceService in the same file and
#   namespace (<name>, <name>-predictor, -transformer, -explainer, with or without the
#   older -default suffix). Each rule routing to it must have its host listed under
#   spec.tls (a wildcard *.example.com covers one label), a host-less rule needs a tls
#   entry without hosts, and a defaultBackend needs at least one tls entry. Ingresses in
#   other files than their InferenceService, Istio Gateways and Knative routes are not
#   judged.
# custom:
#   id: AIG-ENC-024
#   severity: high
#   kinds: [Ingress, InferenceService]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Add a tls entry for every host (cert-manager can issue the secret):
#       spec:
#         tls:
#           - hosts: [llm.example.eu]
#             secretName: llm-example-eu-tls
#         rules:
#           - host: llm.example.eu
#             http:
#               paths:
#                 - path: /
#                   pathType: Prefix
#                   backend:
#                     service:
#                       name: llm-predictor
#                       port:
#                         number: 80
package aiguard.rules.encryption.k8s_ai_ingress_tls

import data.aiguard.lib

# Service names KServe gives the components of an InferenceService `<name>`.
_kserve_suffixes := [
	"", "-predictor", "-predictor-default", "-transformer", "-transformer-default",
	"-explainer", "-explainer-default",
]

# [namespace, service] of every Service an InferenceService in the unit creates.
_ai_services contains [namespace, service] if {
	some isvc in lib.resources_of_kind(input, "InferenceService")
	base := isvc.attributes.metadata.name
	is_string(base)
	namespace := _ingress_namespace(isvc)
	some suffix in _kserve_suffixes
	service := concat("", [base, suffix])
}

# A rule with a host that no tls entry covers.
deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "Ingress")
	some i
	rule := r.attributes.spec.rules[i]
	is_number(i)
	_routes_to_ai(r, rule)
	host := rule.host
	is_string(host)
	not _covered(r, host)
	attribute := concat(".", ["spec.rules", format_int(i, 10), "host"])
	msg := concat("", [
		"Ingress ", r.id, " routes host ", host,
		" to an AI workload without TLS: no spec.tls entry lists the host",
	])
}

# A rule without a host (every host) and no tls entry for every host.
deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "Ingress")
	some i
	rule := r.attributes.spec.rules[i]
	is_number(i)
	is_object(rule)
	_routes_to_ai(r, rule)
	not is_string(object.get(rule, "host", null))
	not _tls_for_every_host(r)
	attribute := concat(".", ["spec.rules", format_int(i, 10)])
	msg := concat("", [
		"Ingress ", r.id,
		" routes requests for any host to an AI workload without TLS: no spec.tls entry without hosts",
	])
}

# A default backend that is an AI workload, and no TLS at all.
deny contains {"resource": r.id, "msg": msg, "attribute": "spec.defaultBackend"} if {
	some r in lib.resources_of_kind(input, "Ingress")
	backend := r.attributes.spec.defaultBackend
	_ai_backend(r, backend)
	count(_tls_entries(r)) == 0
	msg := concat("", ["Ingress ", r.id, " sends unmatched requests to an AI workload and has no spec.tls entry"])
}

_routes_to_ai(r, _) if _declares_ai(r)

_routes_to_ai(r, rule) if {
	some path in rule.http.paths
	_ai_backend(r, path.backend)
}

_ai_backend(r, _) if _declares_ai(r)

_ai_backend(r, backend) if {
	service := _backend_service(backend)
	[_ingress_namespace(r), service] in _ai_services
}

# The Service a backend names (networking.k8s.io/v1, then the v1beta1 spelling).
_backend_service(backend) := backend.service.name if {
	is_string(backend.service.name)
} else := backend.serviceName if {
	is_string(backend.serviceName)
}

# The Ingress itself declares AI context (any aiguard.io label or annotation).
_declares_ai(r) if {
	ai := r.derived.ai
	is_object(ai)
	count(ai) > 0
}

_tls_entries(r) := [entry |
	some entry in r.attributes.spec.tls
	is_object(entry)
]

_tls_hosts(r) := {host |
	some entry in _tls_entries(r)
	hosts := entry.hosts
	is_array(hosts)
	some host in hosts
	is_string(host)
}

_covered(r, host) if host in _tls_hosts(r)

# `*.example.eu` covers `llm.example.eu`, not `example.eu` or `a.llm.example.eu`.
_covered(r, host) if {
	some pattern in _tls_hosts(r)
	startswith(pattern, "*.")
	suffix := trim_prefix(pattern, "*")
	endswith(host, suffix)
	label := trim_suffix(host, suffix)
	label != ""
	not contains(label, ".")
}

_tls_for_every_host(r) if {
	some entry in _tls_entries(r)
	_lists_no_host(object.get(entry, "hosts", null))
}

_lists_no_host(hosts) if hosts == null

_lists_no_host(hosts) if hosts == []

_ingress_namespace(r) := namespace if {
	namespace := r.attributes.metadata.namespace
	is_string(namespace)
	namespace != ""
} else := "default"
