# METADATA
# title: Google Cloud load balancers require TLS 1.2 or later
# description: >-
#   Google Cloud HTTPS and SSL proxy load balancers negotiate TLS with clients according
#   to an SSL policy. A google_compute_ssl_policy (or regional one) defaults to
#   min_tls_version TLS_1_0, and a target HTTPS or SSL proxy without ssl_policy uses
#   Google's default policy (COMPATIBLE profile, TLS 1.0), so requests to an AI system's
#   API may travel over deprecated TLS 1.0 or 1.1 (RFC 8996). SSL policies must set a
#   min_tls_version listed in rules/encryption.yaml gcp_min_tls_versions (TLS_1_2 by
#   default) or use the RESTRICTED profile, which only enables TLS 1.2 ciphers; target
#   proxies must name an SSL policy.
# custom:
#   id: AIG-ENC-023
#   severity: high
#   kinds: [google_compute_ssl_policy, google_compute_region_ssl_policy, google_compute_target_https_proxy, google_compute_region_target_https_proxy, google_compute_target_ssl_proxy]
#   frameworks:
#     - {name: gdpr, ref: "Art. 32(1)(a)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   remediation: |
#     Attach an SSL policy with TLS 1.2 as the minimum:
#       resource "google_compute_ssl_policy" "tls12" {
#         name            = "tls12-modern"
#         profile         = "MODERN"
#         min_tls_version = "TLS_1_2"
#       }
#       resource "google_compute_target_https_proxy" "api" {
#         url_map          = google_compute_url_map.api.id
#         ssl_certificates = [google_compute_managed_ssl_certificate.api.id]
#         ssl_policy       = google_compute_ssl_policy.tls12.id
#       }
package aiguard.rules.encryption.gcp_ssl_policy_tls

import data.aiguard.lib
import data.aiguard.lib.encryption

_policy_kinds := {"google_compute_ssl_policy", "google_compute_region_ssl_policy"}

_proxy_kinds := {
	"google_compute_target_https_proxy", "google_compute_region_target_https_proxy",
	"google_compute_target_ssl_proxy",
}

deny contains {"resource": r.id, "msg": msg, "attribute": "min_tls_version"} if {
	some r in lib.resources_of_kinds(input, _policy_kinds)
	not _restricted(r)
	version := object.get(r.attributes, "min_tls_version", null)
	not lib.is_unresolved(version)
	not version in encryption.setting_list("gcp_min_tls_versions")
	msg := _policy_message(r, version)
}

deny contains {"resource": r.id, "msg": msg, "attribute": "ssl_policy"} if {
	some r in lib.resources_of_kinds(input, _proxy_kinds)
	not lib.is_set(r.attributes, "ssl_policy")
	msg := sprintf("target proxy %s has no ssl_policy, so Google's default policy applies, which accepts TLS 1.0 and 1.1", [r.id])
}

_restricted(r) if r.attributes.profile == "RESTRICTED"

_policy_message(r, version) := concat("", [
	"SSL policy ", r.id, " accepts ", version,
	"; set min_tls_version = \"TLS_1_2\" (rules/encryption.yaml gcp_min_tls_versions)",
]) if {
	is_string(version)
}

_policy_message(r, version) := concat("", [
	"SSL policy ", r.id, " sets no min_tls_version, so it accepts TLS 1.0 (the default); set min_tls_version = \"TLS_1_2\"",
]) if {
	not is_string(version)
}
