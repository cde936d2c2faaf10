# Helpers for the rules that read AI declarations (oversight AIG-HOT-*, lineage AIG-DOC-*):
# which resources are AI resources, what they declare, where each declaration is written
# (so that findings point at its line), and whether a model artefact URI names one version.
#
# A declaration is a tag, label or annotation `aiguard.io/<name>` (also `aiguard-<name>`,
# `aiguard_<name>`, `aiguard:<name>`, any case), or an `ai_defaults` entry of .aiguard.yaml;
# the parsers put its value in `r.derived.ai.<name>` with `-` and `.` turned into `_`
# (aiguard/derive.py). Findings never print declared values.
package aiguard.lib.oversight

import data.aiguard.lib

# AI resources of the scan unit (derived.is_ai: a kind of rules/ai_resources.yaml, or
# anything that requests accelerators), Terraform data sources excluded; computed once.
ai_resources := [r |
	some r in input.resources
	r.derived.is_ai == true
	not lib.is_data_source(r)
]

# The value of the declaration `name` ("oversight_owner"): a non-empty string, else undefined.
declared_value(r, name) := value if {
	value := r.derived.ai[name]
	is_string(value)
	value != ""
}

# True when the declaration `name` is made with a lower-cased value in `values`.
declared_as(r, name, values) if lower(declared_value(r, name)) in values

# The key that makes the declaration `name`, for messages: "aiguard.io/oversight-owner".
declaration_key(name) := concat("", ["aiguard.io/", replace(name, "_", "-")])

# Why the free-text declaration `name` does not count, for a message: it is missing, or it
# holds one of rules/ai_act.yaml `placeholder_values` ("TBD" names no owner). Undefined when
# the declaration is made.
absence(r, name) := "does not declare" if {
	not declared_value(r, name)
} else := "declares only a placeholder value (rules/ai_act.yaml placeholder_values) for" if {
	lower(declared_value(r, name)) in placeholder_values
}

# Lower-cased rules/ai_act.yaml placeholder_values.
placeholder_values := {lower(value) |
	some value in data.aiguard.config.ai_act.placeholder_values
	is_string(value)
}

# True when the declaration `name` says yes ("true", "yes").
declares_yes(r, name) if declared_as(r, name, {"true", "yes"})

# True when the declaration `name` says no ("false", "no").
declares_no(r, name) if declared_as(r, name, {"false", "no"})

# The tag, label or annotation key a declaration is written with, as its declaration name:
# "aiguard.io/Oversight-Owner" -> "oversight_owner"; undefined for other keys.
declaration_name(key) := name if {
	is_string(key)
	lowered := lower(key)
	some prefix in _declaration_prefixes
	startswith(lowered, prefix)
	name := replace(replace(trim_prefix(lowered, prefix), "-", "_"), ".", "_")
}

_declaration_prefixes := ["aiguard.io/", "aiguard:", "aiguard-", "aiguard_"]

# The attributes holding a resource's own declarations, as [attribute path, path array],
# the one that wins first: Kubernetes annotations override labels; Terraform tags (AWS,
# Azure) or labels (Google), then a GKE node pool's node_config resource_labels (the
# labels its VMs carry, which the parser counts as its tags).
_declaration_fields(r) := [
	["metadata.annotations", ["metadata", "annotations"]],
	["metadata.labels", ["metadata", "labels"]],
] if r.provider == "kubernetes"

_declaration_fields(r) := [
	["labels", ["labels"]],
	["node_config.0.resource_labels", ["node_config", 0, "resource_labels"]],
] if r.provider == "google"

_declaration_fields(r) := [["tags", ["tags"]]] if r.provider in {"aws", "azurerm"}

_declaration_fields(r) := [] if not r.provider in {"kubernetes", "google", "aws", "azurerm"}

# The attribute path of the key that makes the declaration `name` on the resource itself
# ("tags.aiguard.io/risk-class", "metadata.annotations.aiguard.io/oversight-owner");
# undefined when it comes from provider default tags, ai_defaults, or nowhere.
declaration_attribute(r, name) := _unit_attributes(r).declared[name]

# Where a resource sets its own tags, labels or annotations, for a missing declaration:
# Kubernetes annotations (free-text values such as mailboxes or URLs do not fit label
# values), else labels, else `metadata`; Terraform `tags` or `labels` (a GKE node pool's
# node_config resource_labels); "" when none.
declarations_attribute(r) := _unit_attributes(r).declarations

# Where to point a finding about the declaration `name`: its key when the resource makes it
# itself; "" (the resource's line) when its value comes from provider default tags or
# ai_defaults; where the resource sets its declarations when it is missing.
finding_attribute(r, name) := attribute if {
	attributes := _unit_attributes(r)
	attribute := _finding_attribute(r, name, attributes)
}

_finding_attribute(_, name, attributes) := attributes.declared[name]

_finding_attribute(r, name, attributes) := "" if {
	not attributes.declared[name]
	declared_value(r, name)
}

_finding_attribute(r, name, attributes) := attributes.declarations if {
	not attributes.declared[name]
	not declared_value(r, name)
}

# The declaration attributes of every AI resource of the unit, computed once per
# evaluation (functions are not memoised, and every declaration rule asks for them).
_attributes_of[r.id] := _attributes(r) if some r in ai_resources

_unit_attributes(r) := attributes if {
	attributes := _attributes_of[r.id]
} else := _attributes(r)

# {"declared": {declaration name: attribute path of the key that wins (first field, then
# first key)}, "declarations": declarations attribute}.
_attributes(r) := {"declared": declared, "declarations": _declarations_attribute(r, fields)} if {
	fields := _declaration_fields(r)
	pairs := [[name, path] |
		some field in fields
		values := object.get(r.attributes, field[1], null)
		is_object(values)
		some key
		values[key] != null
		name := declaration_name(key)
		path := concat(".", [field[0], key])
	]
	declared := {name: paths[0] |
		some pair in pairs
		name := pair[0]
		paths := [path | some other in pairs; other[0] == name; path := other[1]]
	}
}

_declarations_attribute(r, fields) := present[0] if {
	present := [field[0] |
		some field in fields
		is_object(object.get(r.attributes, field[1], null))
	]
	count(present) > 0
} else := "metadata" if {
	r.provider == "kubernetes"
} else := ""

# A finding on `r`, at `attribute` unless it is "" (then at the resource's line).
ai_finding(r, attribute, msg) := {"resource": r.id, "msg": msg, "attribute": attribute} if attribute != ""

ai_finding(r, attribute, msg) := {"resource": r.id, "msg": msg} if attribute == ""

# --- model artefact versions (lineage rules; rules/lineage.yaml) ---------------------------

# True when a model artefact URI names exactly one version (rules/lineage.yaml explains the
# steps): a digest for `digest_schemes`, else no mutable element and a version element.
uri_pinned(uri) if {
	_digest_scheme(uri)
	regex.match(`@sha256:[a-f0-9]{64}$`, uri)
}

uri_pinned(uri) if {
	not _digest_scheme(uri)
	elements := uri_elements(uri)
	not _has_mutable_element(elements)
	some element in elements
	some pattern in _version_patterns
	regex.match(pattern, element)
}

# Why a model artefact URI does not name exactly one version, for a message; undefined when
# it does.
uri_unpinned_reason(uri) := concat("", [
	"an artefact behind ", uri_scheme(uri), ":// is pinned only by a digest (@sha256:<64 hex digits>)",
]) if {
	_digest_scheme(uri)
	not uri_pinned(uri)
}

uri_unpinned_reason(uri) := "an element of it names a moving version (rules/lineage.yaml mutable_names)" if {
	not _digest_scheme(uri)
	_has_mutable_element(uri_elements(uri))
}

uri_unpinned_reason(uri) := "none of its path elements is a version (rules/lineage.yaml version_patterns)" if {
	not _digest_scheme(uri)
	not uri_pinned(uri)
	not _has_mutable_element(uri_elements(uri))
}

# True when a URI the parser could not resolve may still name a version: a Terraform
# expression in its path ("s3://${var.bucket}/llm/${var.version}/model.tar.gz").
uri_unresolved(uri) if contains(_uri_path(uri), "${")

# The lower-cased path elements of a URI, without scheme, authority, query and fragment:
# "hf://meta-llama/Llama-3.1-8B:0e9e39f2..." -> ["llama-3.1-8b", "0e9e39f2..."].
uri_elements(uri) := [element |
	some element in regex.split(`[/:@=]`, lower(_uri_path(uri)))
	element != ""
]

# The URI's scheme, lower-cased ("s3", "oci", "models"), or "" when it has none.
uri_scheme(uri) := lower(parts[0]) if {
	regex.match(`^[A-Za-z][A-Za-z0-9+.-]*:`, uri)
	parts := split(uri, ":")
} else := ""

# The URI without scheme and authority ("s3://bucket/a/b" -> "/a/b", "models:/m/3" -> "/m/3"),
# query and fragment.
_uri_path(uri) := regex.replace(
	regex.replace(uri, `^[A-Za-z][A-Za-z0-9+.-]*:(//[^/]*)?`, ""),
	`[?#].*$`,
	"",
)

_digest_scheme(uri) if uri_scheme(uri) in _digest_schemes

# rules/lineage.yaml digest_schemes and mutable_names, lower-cased once per evaluation.
_digest_schemes := {lower(scheme) |
	some scheme in data.aiguard.config.lineage.digest_schemes
	is_string(scheme)
}

_mutable_names := {lower(name) |
	some name in data.aiguard.config.lineage.mutable_names
	is_string(name)
}

_has_mutable_element(elements) if {
	some element in elements
	element in _mutable_names
}

_version_patterns := [concat("", ["^(", pattern, ")$"]) |
	some pattern in data.aiguard.config.lineage.version_patterns
	is_string(pattern)
]
