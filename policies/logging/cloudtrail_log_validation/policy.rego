# METADATA
# title: CloudTrail trails are logging and validate their log files
# description: >-
#   CloudTrail is the audit trail of who changed or invoked AI resources in an AWS
#   account (SageMaker and Bedrock API calls included). Records that support the
#   traceability of a high-risk AI system (EU AI Act Art. 12(1)) and that are kept as
#   evidence (Art. 19(1), 26(6)) are only worth keeping if they cannot be altered
#   unnoticed: with log file validation, CloudTrail delivers a signed digest file every
#   hour that proves whether log files were modified or deleted. The provider default for
#   enable_log_file_validation is false. A trail with enable_logging = false records
#   nothing at all.
# custom:
#   id: AIG-LOG-011
#   severity: medium
#   kinds: [aws_cloudtrail]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 12(1)"}
#     - {name: iso-iec-42001, ref: "A.6.2.8"}
#     - {name: gdpr, ref: "Art. 32(1)(b)"}
#   basis: practice
#   remediation: |
#     Validate log files and keep the trail logging:
#       resource "aws_cloudtrail" "audit" {
#         name                       = "audit"
#         s3_bucket_name             = aws_s3_bucket.trail.id
#         is_multi_region_trail      = true
#         enable_log_file_validation = true
#       }
package aiguard.rules.logging.cloudtrail_log_validation

import data.aiguard.lib

deny contains {"resource": r.id, "msg": msg, "attribute": "enable_log_file_validation"} if {
	some r in lib.resources_of_kind(input, "aws_cloudtrail")
	not _validates(object.get(r.attributes, "enable_log_file_validation", null))
	msg := sprintf("CloudTrail trail %s does not validate its log files (enable_log_file_validation defaults to false), so changes to its records go unnoticed", [r.id])
}

deny contains {"resource": r.id, "msg": msg, "attribute": "enable_logging"} if {
	some r in lib.resources_of_kind(input, "aws_cloudtrail")
	r.attributes.enable_logging == false
	msg := sprintf("CloudTrail trail %s sets enable_logging = false and records no events", [r.id])
}

_validates(value) if value == true

_validates(value) if value == "true"

_validates(value) if lib.is_unresolved(value)
