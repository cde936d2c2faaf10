# Helpers shared by every rule: resource selection, tags, regions, AI scope.
package aiguard.lib

# Resources of one kind in the scan unit (Terraform data sources excluded: they create nothing).
resources_of_kind(doc, kind) := [r | some r in doc.resources; r.kind == kind; not is_data_source(r)]

# Resources whose kind is in a list (Terraform data sources excluded).
resources_of_kinds(doc, kinds) := [r | some r in doc.resources; r.kind in kinds; not is_data_source(r)]

# True for a Terraform data source (`data.aws_region.current`, `module.m.data.x.y`): it
# reads something that exists, so rules about what a module creates skip it.
is_data_source(r) if {
	r.provider != "kubernetes"
	is_string(r.id)
	contains(r.id, "data.") # cheaper than the expression, which needs it
	regex.match(`^(module\.[^.]+\.)*data\.`, r.id)
}

# The merged tags or labels of a resource (provider defaults included).
tags(r) := object.get(r, ["derived", "tags"], {})

# The effective region, or "" when the parser could not determine one.
region(r) := object.get(r, ["derived", "region"], "")

# True when the resource declares the risk class `class`.
risk_class_is(r, class) if r.derived.ai.risk_class == class

# True for AI systems and their components (rules/ai_resources.yaml, or any GPU request).
is_ai(r) if r.derived.is_ai

# True when a resource's machines or pods carry accelerators, even at a scale of zero.
has_gpu(r) if r.derived.has_gpu

# Any accelerators at the declared scale also count (inputs without `has_gpu`).
has_gpu(r) if r.derived.gpu_count > 0

# A Terraform reference string such as "${aws_s3_bucket.logs.id}" points at resource `id`.
references(value, id) if {
	is_string(value)
	contains(value, concat("", ["${", id, "."]))
}

# The resource address a whole-value Terraform reference names, so that joins can use set
# lookups instead of comparing every pair: "${aws_s3_bucket.logs.id}" -> "aws_s3_bucket.logs",
# "${aws_s3_bucket.logs[0].bucket}" -> "aws_s3_bucket.logs[0]". Undefined for anything else.
referenced_id(value) := id if {
	is_string(value)
	startswith(value, "${") # cheaper than the expression, which needs it
	regex.match(`^\$\{[A-Za-z0-9_.\[\]"-]+\}$`, value)
	id := regex.replace(substring(value, 2, count(value) - 3), `\.[A-Za-z0-9_-]+$`, "")
	contains(id, ".")
}

# True when `obj[key]` holds a value: present and not null, false or "" (Terraform treats
# those as unset, and a plan shows unset optional arguments as null).
is_set(obj, key) if {
	value := obj[key]
	value != null
	value != false
	value != ""
}

# A number from a number or a numeric string ("30"); undefined for anything else, such as
# an unresolved Terraform expression ("${var.days}"), which rules must not judge.
number(value) := value if is_number(value)

number(value) := to_number(value) if {
	is_string(value)
	regex.match(`^-?[0-9]+(\.[0-9]+)?$`, value)
}

# True for a Terraform value the parser could not resolve: a string that is or ends in an
# expression ("${var.image}", "${aws_ecr_repository.r.repository_url}:${var.tag}").
is_unresolved(value) if {
	is_string(value)
	contains(value, "${") # cheaper than the expression, which needs it
	regex.match(`\$\{[^}]*\}$`, value)
}

# Lower-cased regions allowed for `cloud` (aws, google, azurerm, or any other key of
# rules/regions.yaml `allowed`), with the adequacy regions when `include_adequacy` is true.
allowed_regions(cloud) := _listed_regions("allowed", cloud) | _adequacy_regions(cloud)

# Every allowed region of every cloud: what a Kubernetes node region label may say.
all_allowed_regions := {region |
	some cloud in _region_clouds
	some region in allowed_regions(cloud)
}

_region_clouds := {cloud | some cloud in object.keys(_region_config("allowed"))} | {cloud |
	some cloud in object.keys(_region_config("adequacy"))
}

_region_config(section) := value if {
	regions := data.aiguard.config.regions
	is_object(regions)
	value := object.get(regions, section, null)
	is_object(value)
} else := {}

_listed_regions(section, cloud) := {lower(region) |
	some region in object.get(_region_config(section), cloud, [])
	is_string(region)
}

_adequacy_regions(cloud) := _listed_regions("adequacy", cloud) if {
	data.aiguard.config.regions.include_adequacy == true
} else := set()
