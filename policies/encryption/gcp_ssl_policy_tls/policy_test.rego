package aiguard.rules.encryption.gcp_ssl_policy_tls_test

import data.aiguard.rules.encryption.gcp_ssl_policy_tls

_resource(kind, attributes) := {
	"id": concat(".", [kind, "api"]),
	"kind": kind,
	"provider": "google",
	"attributes": attributes,
}

_denials(resources) := denials if {
	denials := gcp_ssl_policy_tls.deny with input as {"resources": resources}
		with data.aiguard.config.encryption as {"gcp_min_tls_versions": ["TLS_1_2", "TLS_1_3"]}
}

test_tls12_policy_passes if {
	count(_denials([_resource("google_compute_ssl_policy", {"profile": "MODERN", "min_tls_version": "TLS_1_2"})])) == 0
	count(_denials([_resource("google_compute_region_ssl_policy", {"min_tls_version": "TLS_1_3"})])) == 0
}

test_restricted_profile_passes if {
	count(_denials([_resource("google_compute_ssl_policy", {"profile": "RESTRICTED"})])) == 0
}

test_default_minimum_is_denied if {
	denials := _denials([_resource("google_compute_ssl_policy", {"profile": "MODERN"})])
	count(denials) == 1
	some v in denials
	v.attribute == "min_tls_version"
	contains(v.msg, "sets no min_tls_version")
}

test_old_minimum_is_denied if {
	denials := _denials([_resource("google_compute_region_ssl_policy", {"min_tls_version": "TLS_1_1"})])
	count(denials) == 1
	some v in denials
	contains(v.msg, "accepts TLS_1_1")
}

test_unresolved_minimum_is_not_judged if {
	count(_denials([_resource("google_compute_ssl_policy", {"min_tls_version": "${var.tls}"})])) == 0
}

test_proxy_with_policy_passes if {
	count(_denials([_resource("google_compute_target_https_proxy", {"ssl_policy": "${google_compute_ssl_policy.tls12.id}"})])) == 0
}

test_proxies_without_policy_are_denied if {
	denials := _denials([
		_resource("google_compute_target_https_proxy", {"url_map": "x"}),
		_resource("google_compute_region_target_https_proxy", {"ssl_policy": null}),
		_resource("google_compute_target_ssl_proxy", {"ssl_policy": ""}),
	])
	{[v.resource, v.attribute] | some v in denials} == {
		["google_compute_target_https_proxy.api", "ssl_policy"],
		["google_compute_region_target_https_proxy.api", "ssl_policy"],
		["google_compute_target_ssl_proxy.api", "ssl_policy"],
	}
}

test_http_proxies_are_not_judged if {
	count(_denials([_resource("google_compute_target_http_proxy", {})])) == 0
}
