# Audit records of the AI systems: write-once for a year.
resource "aws_s3_bucket" "audit" {
  bucket              = "example-ml-audit"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "audit" {
  bucket = aws_s3_bucket.audit.id

  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit" {
  bucket = aws_s3_bucket.audit.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
  }
}

# Training data replica in London: AES256 only and outside the allowed regions.
resource "aws_s3_bucket" "training_data_dr" {
  provider = aws.dr
  bucket   = "example-ml-training-dr"
}

resource "aws_cloudwatch_log_group" "inference" {
  name              = "/ml/support-llm/inference"
  retention_in_days = 180
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/ml/audit"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.ml.arn
}
