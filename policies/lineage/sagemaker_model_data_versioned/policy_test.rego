package aiguard.rules.lineage.sagemaker_model_data_versioned_test

import data.aiguard.rules.lineage.sagemaker_model_data_versioned

# As in rules/lineage.yaml (`opa test policies/` does not load rules/).
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

_model(attributes) := {"resources": [{
	"id": "aws_sagemaker_model.credit",
	"kind": "aws_sagemaker_model",
	"provider": "aws",
	"attributes": attributes,
	"derived": {"is_ai": true},
}]}

_attributes(doc) := {v.attribute | some v in denials} if {
	denials := sagemaker_model_data_versioned.deny with input as doc
		with data.aiguard.config.lineage as _lineage
}

test_versioned_model_data_passes if {
	doc := _model({"primary_container": [{"image": "img", "model_data_url": "s3://acme-models/credit/v12/model.tar.gz"}]})
	_attributes(doc) == set()
}

test_training_job_output_passes if {
	doc := _model({"primary_container": [{"model_data_url": "s3://acme-ml/output/credit-xgb-2026-11-03-10-22-33-123/output/model.tar.gz"}]})
	_attributes(doc) == set()
}

test_unversioned_model_data_is_denied if {
	doc := _model({"primary_container": [{"model_data_url": "s3://acme-models/credit/model.tar.gz"}]})
	_attributes(doc) == {"primary_container.0.model_data_url"}
}

test_latest_is_denied if {
	doc := _model({"primary_container": [{"model_data_url": "s3://acme-models/credit/latest/model.tar.gz"}]})
	some v in sagemaker_model_data_versioned.deny with input as doc with data.aiguard.config.lineage as _lineage
	contains(v.msg, "mutable_names")
}

test_each_container_is_checked if {
	doc := _model({"container": [
		{"model_data_url": "s3://acme-models/preprocess/v3/model.tar.gz"},
		{"model_data_url": "s3://acme-models/predict/model.tar.gz"},
	]})
	_attributes(doc) == {"container.1.model_data_url"}
}

test_model_data_source_is_checked if {
	source := {"s3_data_source": [{"s3_uri": "s3://acme-models/llm/", "s3_data_type": "S3Prefix", "compression_type": "None"}]}
	doc := _model({"primary_container": [{"model_data_source": [source]}]})
	_attributes(doc) == {"primary_container.0.model_data_source.0.s3_data_source.0.s3_uri"}
}

test_bucket_interpolation_is_judged_by_its_path if {
	doc := _model({"primary_container": [{"model_data_url": "s3://${aws_s3_bucket.models.bucket}/credit/model.tar.gz"}]})
	_attributes(doc) == {"primary_container.0.model_data_url"}
}

test_unresolved_paths_are_not_judged if {
	doc := _model({"primary_container": [
		{"model_data_url": "${var.model_data_url}"},
		{"model_data_url": "s3://acme-models/credit/${var.version}/model.tar.gz"},
	]})
	_attributes(doc) == set()
}

test_model_packages_are_not_judged if {
	doc := _model({"primary_container": [{"model_package_name": "arn:aws:sagemaker:eu-central-1:123456789012:model-package/credit/12"}]})
	_attributes(doc) == set()
}
