# METADATA
# title: Encryption keys are held in allowed regions
# description: >-
#   A customer-managed key protects personal data only as long as the key stays under the
#   organisation's control in its own jurisdiction; key material of AWS KMS and Cloud KMS
#   keys never leaves the key's region (AWS) or key ring location (Cloud KMS), and every
#   encryption and decryption of the data runs there. A key outside the EU/EEA takes the
#   data's protection outside it as well, which undermines encryption as a supplementary
#   measure for personal data (GDPR Art. 44; EDPB Recommendations 01/2020, use case 1:
#   keys retained in the EEA or an adequate country). Every literal AWS KMS key ARN
#   (`arn:aws:kms:<region>:...`) and Cloud KMS key name
#   (`projects/<p>/locations/<location>/keyRings/...`) in the attributes of an AWS or
#   Google Cloud resource must name an allowed region; Cloud KMS multi-region `europe` is
#   allowed when the `eu` multi-region is (rules/regions.yaml kms_location_equivalents).
#   Keys referenced from the same module are judged where they are created (AIG-RES-001);
#   global types such as IAM policies are not judged.
# custom:
#   id: AIG-RES-011
#   severity: medium
#   kinds: ["aws_*", "google_*"]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#   basis: practice
#   remediation: |
#     Use a key created in an allowed region (the same region as the data):
#       resource "aws_sagemaker_endpoint_configuration" "llm" {
#         kms_key_arn = "arn:aws:kms:eu-central-1:123456789012:key/..."
#       }
#       resource "google_vertex_ai_endpoint" "llm" {
#         encryption_spec {
#           kms_key_name = "projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/endpoint"
#         }
#       }
package aiguard.rules.residency.kms_key_location

import data.aiguard.lib
import data.aiguard.lib.residency

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some [r, cloud, keys, location] in _outside_keys
	path := concat(".", [segment | some key in keys; segment := _path_segment(key)])
	msg := concat("", [
		r.id, " uses a ", _service[cloud], " key in ", location, " (", path,
		"), outside the allowed regions for personal data (rules/regions.yaml)",
	])
}

# [resource, cloud, attribute path keys, location] of every key outside the allow-list.
_outside_keys contains [r, cloud, keys, location] if {
	some r in input.resources
	cloud := _key_cloud[r.provider]
	_names_outside_key(cloud, json.marshal(r.attributes))
	walk(r.attributes, [keys, value])
	location := _key_location(cloud, value)
	not _allowed_key_location(cloud, location)
	startswith(r.kind, concat("", [r.provider, "_"]))
	not lib.is_data_source(r)
	not _global_kind(r.kind)
}

_key_cloud := {"aws": "aws", "google": "google"}

_service := {"aws": "KMS", "google": "Cloud KMS"}

# The key locations written in a resource's attributes (as JSON text), found by a regular
# expression: a cheap test before walking the attributes for the paths of those keys.
_key_pattern := {
	"aws": `arn:aws[a-z-]*:kms:([a-z0-9-]+):`,
	"google": `projects/[^/"]+/locations/([A-Za-z0-9-]+)/keyRings/`,
}

# Text every match of _key_pattern contains: a cheaper test than the regular expression.
_key_marker := {"aws": ":kms:", "google": "/keyRings/"}

_names_outside_key(cloud, text) if {
	contains(text, _key_marker[cloud])
	some match in regex.find_all_string_submatch_n(_key_pattern[cloud], text, -1)
	location := lower(match[1])
	not _allowed_key_location(cloud, location)
}

# IAM and other global types (rules/regions.yaml global_kinds) only name keys in policies.
_global_kind(kind) if {
	some pattern in data.aiguard.config.regions.global_kinds
	is_string(pattern)
	glob.match(pattern, [], kind)
}

# The region of a literal AWS KMS key ARN.
_key_location(cloud, value) := region if {
	cloud == "aws"
	residency.arn_service(value) == "kms"
	region := residency.arn_region(value)
}

# The location of a literal Cloud KMS key ring, key or key version name.
_key_location(cloud, value) := location if {
	cloud == "google"
	is_string(value)
	contains(value, "/keyRings/")
	regex.match(`^(//cloudkms\.googleapis\.com/)?projects/[^/]+/locations/[^/]+/keyRings/`, value)
	location := residency.google_path_location(value)
}

_allowed_key_location(cloud, location) if not residency.outside(cloud, location)

_allowed_key_location(cloud, location) if {
	equivalents := object.get(_equivalents, cloud, {})
	is_object(equivalents)
	equivalent := equivalents[location]
	not residency.outside(cloud, equivalent)
}

_equivalents := value if {
	value := data.aiguard.config.regions.kms_location_equivalents
	is_object(value)
} else := {}

_path_segment(key) := key if is_string(key)

_path_segment(key) := format_int(key, 10) if is_number(key)
