resource "aws_kms_key" "ml" {
  description         = "Key for ML endpoints, logs and artefacts"
  enable_key_rotation = true
}

# Credit scoring is a high-risk AI system (Annex III point 5(b)); we are its provider.
locals {
  credit_scoring_declarations = {
    "aiguard.io/system-id"               = "credit-scoring"
    "aiguard.io/risk-class"              = "high"
    "aiguard.io/role"                    = "provider"
    "aiguard.io/annex-iii"               = "essential-services"
    "aiguard.io/oversight-owner"         = "credit-risk-oversight@example.com"
    "aiguard.io/human-review"            = "true"
    "aiguard.io/model-registry"          = "arn:aws:sagemaker:eu-central-1:123456789012:model-package/credit-scoring/12"
    "aiguard.io/training-data"           = "s3://example-ml-datasets/credit-scoring/2026-10/manifest.json"
    "aiguard.io/technical-documentation" = "https://docs.example.com/ai/credit-scoring/annex-iv"
    "aiguard.io/post-market-monitoring"  = "https://docs.example.com/ai/credit-scoring/monitoring-plan"
    "aiguard.io/eu-database-id"          = "EUDB-HR-2026-000123"
  }
}

resource "aws_sagemaker_model" "credit_scoring" {
  name                     = "credit-scoring-v12"
  execution_role_arn       = "arn:aws:iam::123456789012:role/sagemaker-exec"
  enable_network_isolation = true

  primary_container {
    image          = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/credit-scoring@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"
    model_data_url = "s3://example-ml-artefacts/credit-scoring/v12/model.tar.gz"
  }

  tags = local.credit_scoring_declarations
}

# Compliant: customer-managed key, full data capture of inputs and outputs.
resource "aws_sagemaker_endpoint_configuration" "credit_scoring" {
  name        = "credit-scoring"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.credit_scoring.name
    instance_type          = "ml.g5.2xlarge"
    initial_instance_count = 1
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://example-ml-audit/credit-scoring"
    kms_key_id                  = aws_kms_key.ml.arn

    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }

  tags = local.credit_scoring_declarations
}

# Not compliant: samples a fifth of the traffic, outputs only, no customer key.
resource "aws_sagemaker_endpoint_configuration" "ranking" {
  name = "ranking"

  production_variants {
    variant_name           = "primary"
    model_name             = "ranking-v7"
    instance_type          = "ml.p4d.24xlarge"
    initial_instance_count = 1
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 20
    destination_s3_uri          = "s3://example-ml-audit/ranking"

    capture_options {
      capture_mode = "Output"
    }
  }
}
