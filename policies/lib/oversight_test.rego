package aiguard.lib.oversight_test

import data.aiguard.lib.oversight

# As in rules/lineage.yaml and rules/ai_act.yaml (`opa test policies/` does not load rules/).
_lineage := {
	"digest_schemes": ["oci"],
	"mutable_names": ["latest", "current", "newest"],
	"version_patterns": [
		`v?[0-9]+(\.[0-9]+){0,3}`,
		`version[-_]?[0-9]+(\.[0-9]+){0,3}`,
		`[0-9a-f]{32}`,
		`[0-9a-f]{40}`,
		`[0-9a-f]{64}`,
		`[0-9]{4}-[0-9]{2}-[0-9]{2}([t_-]?[0-9]{2}(-?[0-9]{2}){0,2}z?)?`,
		`[a-z0-9-]+-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{3}`,
	],
}

_placeholders := ["none", "n/a", "na", "-", "tbd", "todo", "pending", "unknown", "false", "no"]

_digest := "sha256:4f1c7b8f0e6b1f9a7d2a3c5e8b9d0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e"

_k8s(metadata, ai) := {
	"id": "serving.kserve.io/v1beta1/InferenceService/ml/llm",
	"kind": "InferenceService",
	"provider": "kubernetes",
	"attributes": {"metadata": metadata},
	"derived": {"is_ai": true, "ai": ai},
}

_tf(kind, attributes, ai) := {
	"id": concat(".", [kind, "r"]),
	"kind": kind,
	"provider": split(kind, "_")[0],
	"attributes": attributes,
	"derived": {"is_ai": true, "ai": ai},
}

# --- AI resources and declared values ---------------------------------------------------

test_ai_resources_are_ai_and_not_data_sources if {
	resources := [
		_tf("aws_sagemaker_endpoint", {}, {}),
		{"id": "data.aws_sagemaker_endpoint.x", "kind": "aws_sagemaker_endpoint", "provider": "aws", "derived": {"is_ai": true}},
		{"id": "aws_s3_bucket.b", "kind": "aws_s3_bucket", "provider": "aws", "derived": {"is_ai": false}},
	]
	ids := [r.id | some r in oversight.ai_resources] with input as {"resources": resources}
	ids == ["aws_sagemaker_endpoint.r"]
}

test_declared_value_is_a_non_empty_string if {
	r := _tf("aws_sagemaker_endpoint", {}, {"oversight_owner": "risk@example.com", "reviewers": "", "gpai": 3})
	oversight.declared_value(r, "oversight_owner") == "risk@example.com"
	not oversight.declared_value(r, "reviewers")
	not oversight.declared_value(r, "gpai")
	not oversight.declared_value(r, "missing")
}

test_declared_as_compares_lower_case if {
	r := _tf("aws_sagemaker_endpoint", {}, {"interacts_with_people": "True", "generates_content": "no"})
	oversight.declared_as(r, "interacts_with_people", {"true"})
	oversight.declares_yes(r, "interacts_with_people")
	oversight.declares_no(r, "generates_content")
	not oversight.declares_yes(r, "generates_content")
	not oversight.declares_no(r, "missing")
}

test_declaration_key_uses_dashes if {
	oversight.declaration_key("post_market_monitoring") == "aiguard.io/post-market-monitoring"
}

test_absence_tells_missing_from_placeholder if {
	r := _tf("aws_sagemaker_endpoint", {}, {"oversight_owner": "TBD", "model_registry": "mlflow://models/credit"})
	oversight.absence(r, "incident_contact") == "does not declare" with data.aiguard.config.ai_act.placeholder_values as _placeholders
	contains(oversight.absence(r, "oversight_owner"), "placeholder") with data.aiguard.config.ai_act.placeholder_values as _placeholders
	not oversight.absence(r, "model_registry") with data.aiguard.config.ai_act.placeholder_values as _placeholders
}

test_without_placeholder_data_any_value_counts if {
	r := _tf("aws_sagemaker_endpoint", {}, {"oversight_owner": "TBD"})
	not oversight.absence(r, "oversight_owner") with data.aiguard.config.ai_act as {}
}

# --- where declarations are written -----------------------------------------------------

test_declaration_names_follow_the_parser if {
	oversight.declaration_name("aiguard.io/Oversight-Owner") == "oversight_owner"
	oversight.declaration_name("aiguard-risk-class") == "risk_class"
	oversight.declaration_name("aiguard_human_review") == "human_review"
	oversight.declaration_name("aiguard:role") == "role"
	oversight.declaration_name("AIGUARD.IO/eu.database-id") == "eu_database_id"
	not oversight.declaration_name("owner")
	not oversight.declaration_name("app.kubernetes.io/name")
	not oversight.declaration_name(3)
}

test_kubernetes_annotation_wins_over_label if {
	r := _k8s({"labels": {"aiguard.io/role": "deployer"}, "annotations": {"aiguard.io/role": "provider"}}, {})
	oversight.declaration_attribute(r, "role") == "metadata.annotations.aiguard.io/role"
}

test_kubernetes_label_is_found if {
	r := _k8s({"labels": {"aiguard.io/risk-class": "high"}, "annotations": {"team": "x"}}, {})
	oversight.declaration_attribute(r, "risk_class") == "metadata.labels.aiguard.io/risk-class"
	not oversight.declaration_attribute(r, "role")
}

test_terraform_tags_and_google_labels_are_found if {
	aws := _tf("aws_sagemaker_endpoint", {"tags": {"Name": "x", "aiguard.io/risk-class": "high"}}, {})
	oversight.declaration_attribute(aws, "risk_class") == "tags.aiguard.io/risk-class"
	google := _tf("google_vertex_ai_endpoint", {"labels": {"aiguard-oversight-owner": "risk-team"}}, {})
	oversight.declaration_attribute(google, "oversight_owner") == "labels.aiguard-oversight-owner"
	azure := _tf("azurerm_machine_learning_workspace", {"tags": {"aiguard_role": "provider"}}, {})
	oversight.declaration_attribute(azure, "role") == "tags.aiguard_role"
}

test_declarations_from_defaults_have_no_key if {
	# The value came from provider default_tags or ai_defaults: not on the resource itself.
	r := _tf("aws_sagemaker_endpoint", {"tags": {"Name": "x"}}, {"risk_class": "high"})
	not oversight.declaration_attribute(r, "risk_class")
	oversight.finding_attribute(r, "risk_class") == ""
	oversight.finding_attribute(r, "oversight_owner") == "tags"
}

test_declarations_attribute_per_provider if {
	oversight.declarations_attribute(_k8s({"labels": {"a": "b"}, "annotations": {"c": "d"}}, {})) == "metadata.annotations"
	oversight.declarations_attribute(_k8s({"labels": {"a": "b"}}, {})) == "metadata.labels"
	oversight.declarations_attribute(_k8s({"name": "llm"}, {})) == "metadata"
	oversight.declarations_attribute(_tf("aws_sagemaker_model", {"tags": {}}, {})) == "tags"
	oversight.declarations_attribute(_tf("google_vertex_ai_endpoint", {"labels": {}}, {})) == "labels"
	oversight.declarations_attribute(_tf("azurerm_cognitive_account", {}, {})) == ""
	oversight.declarations_attribute({"id": "x", "provider": "helm", "attributes": {}}) == ""
}

test_findings_carry_an_attribute_only_when_known if {
	r := _tf("aws_sagemaker_endpoint", {}, {})
	oversight.ai_finding(r, "tags", "m") == {"resource": "aws_sagemaker_endpoint.r", "msg": "m", "attribute": "tags"}
	oversight.ai_finding(r, "", "m") == {"resource": "aws_sagemaker_endpoint.r", "msg": "m"}
}

# --- model artefact URIs ----------------------------------------------------------------

test_uri_elements_drop_scheme_authority_and_query if {
	oversight.uri_elements("s3://acme-models/Credit/v3/model.tar.gz") == ["credit", "v3", "model.tar.gz"]
	oversight.uri_elements("hf://meta-llama/Llama-3.1-8B:abc") == ["llama-3.1-8b", "abc"]
	oversight.uri_elements("models:/fraud/3") == ["fraud", "3"]
	oversight.uri_elements("https://acct.blob.core.windows.net/models/llm?sv=2024&sig=x") == ["models", "llm"]
	oversight.uri_elements("/mnt/models") == ["mnt", "models"]
}

test_uri_scheme if {
	oversight.uri_scheme("OCI://registry/model:1") == "oci"
	oversight.uri_scheme("models:/fraud/3") == "models"
	oversight.uri_scheme("/mnt/models") == ""
}

test_versioned_uris_are_pinned if {
	every uri in [
		"s3://acme-models/credit/v3/model.tar.gz",
		"gs://kfserving-examples/models/sklearn/1.0/model",
		"models:/fraud/3",
		"s3://acme-models/llm/version=12/",
		"s3://acme-models/llm/version-12/",
		"hf://meta-llama/Llama-3.1-8B-Instruct:0e9e39f249a16976918f6564b8830bc894c89659",
		"runs:/0123456789abcdef0123456789abcdef/model",
		"s3://acme-models/llm/2026-11-03/",
		"s3://acme-models/output/llm-ft-2026-11-03-10-22-33-123/output/model.tar.gz",
		concat("@", ["oci://registry.example.com/models/llama:1.0", _digest]),
	] {
		oversight.uri_pinned(uri) with data.aiguard.config.lineage as _lineage
	}
}

test_moving_or_unversioned_uris_are_not_pinned if {
	every uri in [
		"s3://acme-models/credit/model.tar.gz",
		"s3://acme-models/credit/latest/model.tar.gz",
		"s3://acme-models/credit/v3/latest",
		"hf://meta-llama/Llama-3.1-8B-Instruct",
		"hf://meta-llama/Llama-3.1-8B-Instruct:main",
		"models:/fraud@champion",
		"models:/fraud/Production",
		"pvc://models-pvc/llm",
		"oci://registry.example.com/models/llama:1.0",
		"oci://registry.example.com/models/llama@sha256:abc",
		"s3://2024/model.tar.gz",
	] {
		not oversight.uri_pinned(uri) with data.aiguard.config.lineage as _lineage
	}
}

test_unpinned_reasons if {
	contains(oversight.uri_unpinned_reason("oci://r/m:1.0"), "oci:// is pinned only by a digest") with data.aiguard.config.lineage as _lineage
	contains(oversight.uri_unpinned_reason("s3://b/m/latest"), "mutable_names") with data.aiguard.config.lineage as _lineage
	contains(oversight.uri_unpinned_reason("s3://b/m/model.tar.gz"), "version_patterns") with data.aiguard.config.lineage as _lineage
	not oversight.uri_unpinned_reason("s3://b/m/v2/model.tar.gz") with data.aiguard.config.lineage as _lineage
	not oversight.uri_unpinned_reason(concat("@", ["oci://r/m:latest", _digest])) with data.aiguard.config.lineage as _lineage
}

test_unresolved_uris if {
	oversight.uri_unresolved("${var.model_url}")
	oversight.uri_unresolved("s3://${var.bucket}/llm/${var.version}/model.tar.gz")
	not oversight.uri_unresolved("s3://${aws_s3_bucket.models.bucket}/llm/model.tar.gz")
	not oversight.uri_unresolved("s3://acme-models/llm/model.tar.gz")
}

test_gke_node_pool_resource_labels_hold_declarations if {
	pool := _tf("google_container_node_pool", {"node_config": [{"machine_type": "g2-standard-8", "resource_labels": {"owner": "ml", "aiguard-risk-class": "high"}}]}, {"risk_class": "high"})
	oversight.declaration_attribute(pool, "risk_class") == "node_config.0.resource_labels.aiguard-risk-class"
	oversight.declarations_attribute(pool) == "node_config.0.resource_labels"
	bare := _tf("google_container_node_pool", {"node_config": [{"machine_type": "g2-standard-8"}]}, {})
	oversight.declarations_attribute(bare) == ""
}

test_declaration_attributes_of_a_unit_resource_match_the_function if {
	r := _k8s({"labels": {"aiguard.io/risk-class": "high", "aiguard-risk-class": "low"}}, {"risk_class": "high"})
	unit := {"resources": [r]}
	oversight.declaration_attribute(r, "risk_class") == "metadata.labels.aiguard-risk-class" with input as unit
	oversight.finding_attribute(r, "oversight_owner") == "metadata.labels" with input as unit
	oversight.declarations_attribute(r) == "metadata.labels" with input as unit
}
