# METADATA
# title: Cloud resources run in an allowed EU/EEA region
# description: >-
#   Personal data processed by AI systems should stay in the EU/EEA unless a Chapter V
#   GDPR transfer mechanism covers it (GDPR Art. 44). Every AWS, Google Cloud and Azure
#   resource whose region is known must be in the organisation's allow-list for its
#   cloud in rules/regions.yaml. Regions match exactly, never by prefix: London
#   (eu-west-2, europe-west2, uksouth) and Zurich (eu-central-2, europe-west6,
#   switzerlandnorth) are outside the EEA and allowed only when include_adequacy is set
#   (GDPR Art. 45 adequacy decisions). `global` is not a region and is never allowed.
#   Resources whose region the parser cannot tell are not judged here.
# custom:
#   id: AIG-RES-001
#   severity: high
#   kinds: ["aws_*", "google_*", "azurerm_*"]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#   basis: practice
#   remediation: |
#     Deploy to an allowed region, on the resource or its provider:
#       provider "aws" {
#         region = "eu-central-1"
#       }
#     or, if your organisation accepts transfers under an adequacy decision
#     (United Kingdom, Switzerland), opt in in .aiguard.yaml:
#       settings:
#         regions:
#           include_adequacy: true
package aiguard.rules.residency.region_allowed

import data.aiguard.lib
import data.aiguard.lib.residency

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in input.resources
	some cloud, region in _outside_of[r.id]
	attribute := _attribute_of[r.id]
	msg := _message(r, cloud, region)
}

deny contains {"resource": r.id, "msg": msg} if {
	some r in input.resources
	some cloud, region in _outside_of[r.id]
	not _attribute_of[r.id]
	msg := _message(r, cloud, region)
}

# Where each resource outside the allowed regions sets its region, if it does, once per unit.
_attribute_of[r.id] := attribute if {
	some r in input.resources
	some cloud, _ in _outside_of[r.id]
	attribute := _region_attribute(r, cloud)
}

# Where each cloud's resources name their region, in the order the parsers read them.
_region_keys := {"aws": ["region"], "google": ["region", "location", "zone"], "azurerm": ["location"]}

# {cloud: region} for each resource of a cloud whose known region is not allowed, computed
# once per evaluation; the cheap tests come first, global kinds and data sources last.
_outside_of[r.id] := {cloud: region} if {
	some r in input.resources
	is_string(r.derived.region)
	region := lower(r.derived.region)
	region != ""
	is_string(r.kind)
	cloud := split(r.kind, "_")[0]
	_region_keys[cloud]
	not region in object.get(residency.allowed_by_cloud, cloud, set())
	not r.kind in _global_kinds
	not lib.is_data_source(r)
}

# The kinds of the unit that no region places anywhere, such as IAM roles
# (rules/regions.yaml global_kinds), each matched once.
_global_kinds := {kind |
	some kind in {r.kind | some r in input.resources}
	is_string(kind)
	_global(kind)
}

_global(kind) if {
	some pattern in data.aiguard.config.regions.global_kinds
	is_string(pattern)
	glob.match(pattern, [], kind)
}

# The attribute that sets the region on the resource itself, if any.
_region_attribute(r, cloud) := keys[0] if {
	candidates := _region_keys[cloud]
	keys := [key |
		some key in candidates
		value := object.get(r.attributes, key, null)
		is_string(value)
		value != ""
		not lib.is_unresolved(value)
	]
	count(keys) > 0
}

_message(r, cloud, region) := concat("", [
	r.id, " is in region ", region, ", which is not an allowed ", cloud,
	" region for personal data (rules/regions.yaml allows EU/EEA regions only)",
])
