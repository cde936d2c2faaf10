package aiguard.rules.encryption.k8s_ai_ingress_tls_test

import data.aiguard.rules.encryption.k8s_ai_ingress_tls

_isvc(name, namespace) := {
	"id": concat("/", ["serving.kserve.io/v1beta1/InferenceService", namespace, name]),
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": {"metadata": {"name": name, "namespace": namespace}, "spec": {"predictor": {}}},
	"derived": {"is_ai": true, "ai": {}},
}

_ingress(namespace, spec, ai) := {
	"id": concat("/", ["networking.k8s.io/v1/Ingress", namespace, "llm"]),
	"kind": "Ingress",
	"provider": "kubernetes",
	"attributes": {"metadata": {"name": "llm", "namespace": namespace}, "spec": spec},
	"derived": {"ai": ai},
}

_rule(host, service) := {"host": host, "http": {"paths": [{"path": "/", "backend": {"service": {"name": service, "port": {"number": 80}}}}]}}

_denials(resources) := denials if {
	denials := k8s_ai_ingress_tls.deny with input as {"resources": resources}
}

test_tls_for_the_host_passes if {
	spec := {"tls": [{"hosts": ["llm.example.eu"], "secretName": "llm-tls"}], "rules": [_rule("llm.example.eu", "llm-predictor")]}
	count(_denials([_isvc("llm", "serving"), _ingress("serving", spec, {})])) == 0
}

test_wildcard_certificate_covers_one_label if {
	spec := {"tls": [{"hosts": ["*.example.eu"]}], "rules": [_rule("llm.example.eu", "llm-predictor"), _rule("a.llm.example.eu", "llm")]}
	denials := _denials([_isvc("llm", "serving"), _ingress("serving", spec, {})])
	{v.attribute | some v in denials} == {"spec.rules.1.host"}
}

test_ai_host_without_tls_is_denied if {
	spec := {"rules": [_rule("llm.example.eu", "llm-predictor")]}
	denials := _denials([_isvc("llm", "serving"), _ingress("serving", spec, {})])
	count(denials) == 1
	some v in denials
	v.attribute == "spec.rules.0.host"
	contains(v.msg, "llm.example.eu")
}

test_tls_for_another_host_does_not_count if {
	spec := {"tls": [{"hosts": ["www.example.eu"]}], "rules": [_rule("llm.example.eu", "llm-predictor-default")]}
	count(_denials([_isvc("llm", "serving"), _ingress("serving", spec, {})])) == 1
}

test_service_of_another_namespace_or_app_is_not_judged if {
	spec := {"rules": [_rule("llm.example.eu", "llm-predictor"), _rule("www.example.eu", "website")]}
	count(_denials([_isvc("llm", "other"), _ingress("serving", spec, {})])) == 0
	count(_denials([_ingress("serving", spec, {})])) == 0
}

test_only_rules_routing_to_ai_are_judged if {
	spec := {"rules": [_rule("llm.example.eu", "llm"), _rule("www.example.eu", "website")]}
	denials := _denials([_isvc("llm", "serving"), _ingress("serving", spec, {})])
	{v.attribute | some v in denials} == {"spec.rules.0.host"}
}

test_ingress_declaring_ai_context_is_judged_whatever_its_backend if {
	spec := {"rules": [_rule("chat.example.eu", "vllm")]}
	count(_denials([_ingress("serving", spec, {"system_id": "support-assistant"})])) == 1
}

test_hostless_rule_needs_a_tls_entry_without_hosts if {
	rule := {"http": {"paths": [{"path": "/", "backend": {"service": {"name": "llm-predictor"}}}]}}
	denials := _denials([_isvc("llm", "default"), _ingress("default", {"rules": [rule]}, {})])
	{v.attribute | some v in denials} == {"spec.rules.0"}
	count(_denials([_isvc("llm", "default"), _ingress("default", {"tls": [{"secretName": "default-tls"}], "rules": [rule]}, {})])) == 0
	count(_denials([_isvc("llm", "default"), _ingress("default", {"tls": [{"hosts": null}], "rules": [rule]}, {})])) == 0
}

test_default_backend_without_any_tls_is_denied if {
	spec := {"defaultBackend": {"service": {"name": "llm-predictor", "port": {"number": 80}}}}
	denials := _denials([_isvc("llm", "serving"), _ingress("serving", spec, {})])
	{v.attribute | some v in denials} == {"spec.defaultBackend"}
}

test_v1beta1_backends_count if {
	rule := {"host": "llm.example.eu", "http": {"paths": [{"backend": {"serviceName": "llm-predictor", "servicePort": 80}}]}}
	count(_denials([_isvc("llm", "serving"), _ingress("serving", {"rules": [rule]}, {})])) == 1
}

test_malformed_specs_do_not_fail if {
	count(_denials([_ingress("serving", {"tls": "x", "rules": "y"}, {"system_id": "s"})])) == 0
	count(_denials([_ingress("serving", {"tls": [{"hosts": "llm.example.eu"}], "rules": [_rule("llm.example.eu", "x")]}, {"system_id": "s"})])) == 1
}
