package aiguard.rules.residency.bedrock_cross_region_inference_test

import data.aiguard.rules.residency.bedrock_cross_region_inference as rule

# A subset of rules/regions.yaml (`opa test policies/` does not load rules/).
_regions := {
	"allowed": {"aws": ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2"]},
	"adequacy": {"aws": ["eu-west-2", "eu-central-2"]},
	"include_adequacy": false,
	"bedrock_inference_geographies": {
		"global": ["global"],
		"eu": ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-2", "eu-central-2"],
		"us": ["us-east-1", "us-east-2", "us-west-1", "us-west-2"],
		"apac": ["ap-northeast-1", "ap-southeast-2", "me-central-1"],
	},
}

_resource(kind, attributes) := {
	"id": concat(".", [kind, "r"]),
	"kind": kind,
	"provider": "aws",
	"attributes": attributes,
	"derived": {"region": "eu-central-1", "is_ai": true},
}

_denials(resource) := denials if {
	denials := rule.deny with input as {"resources": [resource]}
		with data.aiguard.config.regions as _regions
}

_agent(model) := _resource("aws_bedrockagent_agent", {"agent_name": "support", "foundation_model": model})

test_in_region_model_id_passes if {
	count(_denials(_agent("anthropic.claude-3-5-sonnet-20240620-v1:0"))) == 0
}

test_global_profile_is_denied if {
	denials := _denials(_agent("global.anthropic.claude-sonnet-4-5-20250929-v1:0"))
	count(denials) == 1
	some v in denials
	v.attribute == "foundation_model"
	contains(v.msg, "global cross-Region inference profile")
	contains(v.msg, "any commercial AWS Region")
}

test_us_profile_is_denied if {
	denials := _denials(_agent("us.anthropic.claude-3-5-sonnet-20240620-v1:0"))
	count(denials) == 1
	some v in denials
	contains(v.msg, "us-east-1, us-east-2, us-west-1, us-west-2")
}

test_eu_profile_may_route_to_london_and_zurich if {
	denials := _denials(_agent("eu.anthropic.claude-3-5-sonnet-20240620-v1:0"))
	count(denials) == 1
	some v in denials
	contains(v.msg, "eu-central-2, eu-west-2")
	not contains(v.msg, "eu-central-1")
}

test_eu_profile_passes_with_adequacy_opt_in if {
	denials := rule.deny with input as {"resources": [_agent("eu.anthropic.claude-3-5-sonnet-20240620-v1:0")]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	count(denials) == 0
}

test_eu_profile_passes_when_the_geography_is_narrowed if {
	denials := rule.deny with input as {"resources": [_agent("eu.anthropic.claude-3-5-sonnet-20240620-v1:0")]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.bedrock_inference_geographies.eu as ["eu-central-1", "eu-west-1", "eu-west-3"]
	count(denials) == 0
}

test_apac_profile_lists_the_middle_east if {
	some v in _denials(_resource("aws_bedrockagent_prompt", {"variant": [{"name": "v1", "model_id": "apac.amazon.nova-pro-v1:0"}]}))
	v.attribute == "variant.0.model_id"
	contains(v.msg, "me-central-1")
}

test_foundation_model_arn_outside_is_denied if {
	denials := _denials(_resource("aws_bedrock_provisioned_model_throughput", {
		"provisioned_model_name": "m",
		"model_arn": "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
	}))
	count(denials) == 1
	some v in denials
	v.attribute == "model_arn"
	contains(v.msg, "invokes a Bedrock model in region us-east-1")
}

test_foundation_model_arn_in_an_allowed_region_passes if {
	count(_denials(_resource("aws_bedrock_provisioned_model_throughput", {
		"provisioned_model_name": "m",
		"model_arn": "arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-v2",
	}))) == 0
}

test_application_profile_copying_a_us_profile_is_denied if {
	denials := _denials(_resource("aws_bedrock_inference_profile", {
		"name": "p",
		"model_source": [{"copy_from": "arn:aws:bedrock:eu-central-1:123456789012:inference-profile/us.meta.llama3-1-70b-instruct-v1:0"}],
	}))
	count(denials) == 1
	some v in denials
	v.attribute == "model_source.0.copy_from"
	contains(v.msg, "us cross-Region inference profile")
}

test_profile_arn_source_region_counts if {
	# A profile called from a London source Region sends the request to London first.
	denials := rule.deny with input as {"resources": [_resource("aws_bedrock_inference_profile", {
		"name": "p",
		"model_source": [{"copy_from": "arn:aws:bedrock:eu-west-2:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0"}],
	})]}
		with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.bedrock_inference_geographies.eu as ["eu-central-1"]
	some v in denials
	contains(v.msg, "eu-west-2")
}

test_knowledge_base_embedding_model_outside_is_denied if {
	denials := _denials(_resource("aws_bedrockagent_knowledge_base", {"knowledge_base_configuration": [{
		"type": "VECTOR",
		"vector_knowledge_base_configuration": [{"embedding_model_arn": "arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-embed-text-v2:0"}],
	}]}))
	some v in denials
	v.attribute == "knowledge_base_configuration.0.vector_knowledge_base_configuration.0.embedding_model_arn"
}

test_guardrail_profile_is_judged if {
	denials := _denials(_resource("aws_bedrock_guardrail", {"cross_region_config": [{"guardrail_profile_identifier": "arn:aws:bedrock:eu-central-1:123456789012:guardrail-profile/us.guardrail.v1:0"}]}))
	count(denials) == 1
	some v in denials
	v.attribute == "cross_region_config.0.guardrail_profile_identifier"
	contains(v.msg, "us cross-Region guardrail profile")
}

test_unresolved_references_are_not_judged if {
	count(_denials(_agent("${var.model}"))) == 0
	count(_denials(_agent("${aws_bedrock_inference_profile.p.arn}"))) == 0
}

test_profile_ids_are_case_insensitive if {
	count(_denials(_agent("US.anthropic.claude-3-5-sonnet-20240620-v1:0"))) == 1
}

test_unknown_geography_prefix_is_not_judged if {
	count(_denials(_agent("ca.anthropic.claude-3-5-sonnet-20240620-v1:0"))) == 0
}

test_other_kinds_are_not_judged if {
	count(_denials(_resource("aws_s3_bucket", {"foundation_model": "global.anthropic.claude-v2"}))) == 0
}
