package aiguard.lib_test

import data.aiguard.lib

_regions := {
	"allowed": {"aws": ["eu-central-1", "EU-West-1"], "google": ["europe-west4"], "onprem": ["fr-par-dc1"]},
	"adequacy": {"aws": ["eu-west-2"], "azurerm": ["uksouth"]},
	"include_adequacy": false,
}

test_data_sources_are_recognised if {
	lib.is_data_source({"id": "data.aws_region.current", "provider": "aws"})
	lib.is_data_source({"id": "module.net.data.aws_vpc.main", "provider": "aws"})
	lib.is_data_source({"id": "module.a.module.b.data.aws_caller_identity.me", "provider": "aws"})
}

test_resources_are_not_data_sources if {
	not lib.is_data_source({"id": "aws_s3_bucket.data", "provider": "aws"})
	not lib.is_data_source({"id": "module.data.aws_s3_bucket.logs", "provider": "aws"})
	not lib.is_data_source({"id": "v1/Pod/data.ns/x", "provider": "kubernetes"})
}

test_resources_of_kind_skips_data_sources if {
	doc := {"resources": [
		{"id": "aws_s3_bucket.a", "kind": "aws_s3_bucket", "provider": "aws"},
		{"id": "data.aws_s3_bucket.b", "kind": "aws_s3_bucket", "provider": "aws"},
		{"id": "aws_kms_key.k", "kind": "aws_kms_key", "provider": "aws"},
	]}
	[r.id | some r in lib.resources_of_kind(doc, "aws_s3_bucket")] == ["aws_s3_bucket.a"]
	[r.id | some r in lib.resources_of_kinds(doc, {"aws_s3_bucket", "aws_kms_key"})] == ["aws_s3_bucket.a", "aws_kms_key.k"]
}

test_is_set if {
	lib.is_set({"k": "v"}, "k")
	lib.is_set({"k": 0}, "k")
	lib.is_set({"k": true}, "k")
	not lib.is_set({"k": null}, "k")
	not lib.is_set({"k": ""}, "k")
	not lib.is_set({"k": false}, "k")
	not lib.is_set({}, "k")
}

test_number if {
	lib.number(30) == 30
	lib.number(2.5) == 2.5
	lib.number("30") == 30
	lib.number("-1") == -1
	not lib.number("${var.days}")
	not lib.number("30d")
	not lib.number(null)
	not lib.number(true)
}

test_is_unresolved if {
	lib.is_unresolved("${var.image}")
	lib.is_unresolved("${aws_ecr_repository.r.repository_url}:${var.tag}")
	not lib.is_unresolved("${aws_ecr_repository.r.repository_url}:latest")
	not lib.is_unresolved("nginx:1.27")
	not lib.is_unresolved(3)
}

test_has_gpu if {
	lib.has_gpu({"derived": {"has_gpu": true, "gpu_count": 0}})
	lib.has_gpu({"derived": {"gpu_count": 2}})
	not lib.has_gpu({"derived": {"has_gpu": false, "gpu_count": 0}})
	not lib.has_gpu({"derived": {}})
}

test_allowed_regions_are_lower_cased_and_exact if {
	regions := lib.allowed_regions("aws") with data.aiguard.config.regions as _regions
	regions == {"eu-central-1", "eu-west-1"}
}

test_adequacy_regions_only_when_included if {
	without := lib.allowed_regions("azurerm") with data.aiguard.config.regions as _regions
	without == set()
	with_adequacy := lib.allowed_regions("azurerm") with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	with_adequacy == {"uksouth"}
}

test_unknown_cloud_has_no_regions if {
	regions := lib.allowed_regions("alicloud") with data.aiguard.config.regions as _regions
	regions == set()
}

test_missing_region_data_allows_nothing if {
	regions := lib.allowed_regions("aws") with data.aiguard.config.regions as {}
	regions == set()
}

test_all_allowed_regions_span_every_list if {
	regions := lib.all_allowed_regions with data.aiguard.config.regions as _regions
	regions == {"eu-central-1", "eu-west-1", "europe-west4", "fr-par-dc1"}
	adequate := lib.all_allowed_regions with data.aiguard.config.regions as _regions
		with data.aiguard.config.regions.include_adequacy as true
	adequate == {"eu-central-1", "eu-west-1", "europe-west4", "fr-par-dc1", "eu-west-2", "uksouth"}
}

test_referenced_id if {
	lib.referenced_id("${aws_s3_bucket.logs.id}") == "aws_s3_bucket.logs"
	lib.referenced_id("${aws_s3_bucket.logs[0].bucket}") == "aws_s3_bucket.logs[0]"
	lib.referenced_id(`${aws_s3_bucket.logs["eu"].id}`) == `aws_s3_bucket.logs["eu"]`
	not lib.referenced_id("${var.bucket}")
	not lib.referenced_id("acme-logs")
	not lib.referenced_id("${aws_s3_bucket.logs.id}-suffix")
	not lib.referenced_id(3)
}

test_references if {
	lib.references("${aws_s3_bucket.logs.id}", "aws_s3_bucket.logs")
	not lib.references("${aws_s3_bucket.logs2.id}", "aws_s3_bucket.logs")
	not lib.references(3, "aws_s3_bucket.logs")
}
