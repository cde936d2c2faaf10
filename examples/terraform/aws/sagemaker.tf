resource "aws_kms_key" "ml" {
  description         = "Key for ML endpoints, logs and artefacts"
  enable_key_rotation = true
}

resource "aws_sagemaker_model" "support_llm" {
  name               = "support-llm-v3"
  execution_role_arn = "arn:aws:iam::123456789012:role/sagemaker-exec"

  primary_container {
    image          = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/llm-serving@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"
    model_data_url = "s3://example-ml-artefacts/support-llm/v3/model.tar.gz"
  }

  tags = {
    "aiguard.io/risk-class" = "high"
    "aiguard.io/role"       = "provider"
  }
}

# Compliant: customer-managed key, full data capture of inputs and outputs.
resource "aws_sagemaker_endpoint_configuration" "support_llm" {
  name        = "support-llm"
  kms_key_arn = aws_kms_key.ml.arn

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.support_llm.name
    instance_type          = "ml.g5.2xlarge"
    initial_instance_count = 2
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://example-ml-audit/capture"
    kms_key_id                  = aws_kms_key.ml.arn

    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }

  tags = {
    "aiguard.io/risk-class" = "high"
  }
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
