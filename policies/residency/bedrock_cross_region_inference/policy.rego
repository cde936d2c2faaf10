# METADATA
# title: Bedrock models are not invoked through profiles that route outside allowed regions
# description: >-
#   A cross-Region (system-defined) inference or guardrail profile lets Amazon Bedrock
#   process each request in any destination Region of the profile's geography: `global.`
#   profiles in any commercial AWS Region, `us.`, `apac.`, `jp.`, `au.` profiles outside
#   the EU, and `eu.` profiles, depending on the model, also in London (eu-west-2) and
#   Zurich (eu-central-2). Prompts and responses of an AI system often carry personal data,
#   so sending them there is a transfer under GDPR Chapter V (Art. 44) that needs an
#   adequacy decision or appropriate safeguards (Art. 46). A profile passes only when every
#   destination Region of its geography (rules/regions.yaml bedrock_inference_geographies)
#   is allowed; a model ARN passes when its Region is allowed. Checked on Bedrock agents
#   (foundation_model), provisioned throughput (model_arn), application inference profiles
#   (model_source copy_from), knowledge base embedding models, prompt variants (model_id)
#   and guardrails (cross_region_config). Plain model ids (`anthropic.claude-v2`) run in the
#   resource's own Region, which AIG-RES-001 judges.
# custom:
#   id: AIG-RES-003
#   severity: high
#   kinds: [aws_bedrockagent_agent, aws_bedrock_provisioned_model_throughput, aws_bedrock_inference_profile, aws_bedrockagent_knowledge_base, aws_bedrockagent_prompt, aws_bedrock_guardrail]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#     - {name: gdpr, ref: "Art. 46(1)"}
#   basis: practice
#   remediation: |
#     Invoke the model in an allowed Region, or through a profile whose destinations are all
#     allowed:
#       resource "aws_bedrockagent_agent" "support" {
#         foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"   # in-Region
#       }
#     If your organisation accepts transfers under an adequacy decision (United Kingdom,
#     Switzerland), `eu.` profiles pass with
#       settings:
#         regions:
#           include_adequacy: true
package aiguard.rules.residency.bedrock_cross_region_inference

import data.aiguard.lib
import data.aiguard.lib.residency

_kinds := [
	"aws_bedrockagent_agent", "aws_bedrock_provisioned_model_throughput", "aws_bedrock_inference_profile",
	"aws_bedrockagent_knowledge_base", "aws_bedrockagent_prompt", "aws_bedrock_guardrail",
]

# A cross-Region profile whose geography (or source Region) includes a Region outside the
# allow-list.
deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kinds(input, _kinds)
	some path, value in _model_references(r)
	geography := _geography(value)
	outside := {region | some region in _profile_regions(value, geography); residency.outside("aws", region)}
	count(outside) > 0
	msg := concat("", [
		r.id, " uses the ", geography, " cross-Region ", _profile_kind(value),
		" profile, which may process requests in ", _where(outside),
		", outside the allowed regions for personal data (rules/regions.yaml)",
	])
}

# A model, custom model or provisioned model ARN in a Region outside the allow-list.
deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kinds(input, _kinds)
	some path, value in _model_references(r)
	not _geography(value)
	residency.arn_service(value) == "bedrock"
	region := residency.arn_region(value)
	residency.outside("aws", region)
	msg := concat("", [
		r.id, " invokes a Bedrock model in region ", region,
		", which is not an allowed region for personal data (rules/regions.yaml)",
	])
}

# The model and profile references of a resource, keyed by attribute path.
_model_references(r) := {"foundation_model": r.attributes.foundation_model} if {
	r.kind == "aws_bedrockagent_agent"
}

_model_references(r) := {"model_arn": r.attributes.model_arn} if {
	r.kind == "aws_bedrock_provisioned_model_throughput"
}

_model_references(r) := {path: value |
	some i
	value := r.attributes.model_source[i].copy_from
	is_number(i)
	path := concat(".", ["model_source", format_int(i, 10), "copy_from"])
} if r.kind == "aws_bedrock_inference_profile"

_model_references(r) := {path: value |
	some i, j
	value := r.attributes.knowledge_base_configuration[i].vector_knowledge_base_configuration[j].embedding_model_arn
	is_number(i)
	is_number(j)
	path := concat(".", [
		"knowledge_base_configuration", format_int(i, 10),
		"vector_knowledge_base_configuration", format_int(j, 10), "embedding_model_arn",
	])
} if r.kind == "aws_bedrockagent_knowledge_base"

_model_references(r) := {path: value |
	some i
	value := r.attributes.variant[i].model_id
	is_number(i)
	path := concat(".", ["variant", format_int(i, 10), "model_id"])
} if r.kind == "aws_bedrockagent_prompt"

_model_references(r) := {path: value |
	some i
	value := r.attributes.cross_region_config[i].guardrail_profile_identifier
	is_number(i)
	path := concat(".", ["cross_region_config", format_int(i, 10), "guardrail_profile_identifier"])
} if r.kind == "aws_bedrock_guardrail"

_geographies := value if {
	value := data.aiguard.config.regions.bedrock_inference_geographies
	is_object(value)
} else := {}

# The profile id of a profile ARN, or the value itself when it is not an ARN.
_profile_id(value) := substring(resource, count(prefix), count(resource) - count(prefix)) if {
	residency.arn_service(value) == "bedrock"
	resource := residency.arn_resource(value)
	some prefix in ["inference-profile/", "guardrail-profile/"]
	startswith(resource, prefix)
}

_profile_id(value) := value if {
	is_string(value)
	not startswith(value, "arn:")
}

# The geography of a cross-Region profile id ("eu" for "eu.anthropic.claude-..."); undefined
# for model ids ("anthropic.claude-v2"), whose first segment names a provider.
_geography(value) := geography if {
	parts := split(lower(_profile_id(value)), ".")
	count(parts) >= 2
	geography := parts[0]
	_geographies[geography]
}

# The destination Regions of the geography, and the source Region of a profile ARN.
_profile_regions(value, geography) := _geography_regions(geography) | _source_region(value)

_geography_regions(geography) := {lower(region) | some region in regions; is_string(region)} if {
	regions := _geographies[geography]
	is_array(regions)
} else := set()

_source_region(value) := {residency.arn_region(value)} if residency.arn_region(value)

else := set()

_profile_kind(value) := "guardrail" if contains(lower(value), "guardrail")

else := "inference"

_where(regions) := "any commercial AWS Region" if "global" in regions

else := residency.region_list(regions)
