# METADATA
# title: S3 replication copies objects only to buckets in allowed regions
# description: >-
#   S3 replication copies every new object of a bucket (training data, model inputs and
#   outputs, captured inference data) to the destination bucket's region. A destination
#   outside the EU/EEA moves personal data out of it, a transfer under GDPR Chapter V
#   (Art. 44) that needs an adequacy decision or appropriate safeguards (Art. 46). S3 ARNs
#   carry no region, so the destination is judged when its bucket is in the same module:
#   referenced (`aws_s3_bucket.replica.arn`) or named in a literal ARN
#   (`arn:aws:s3:::acme-replica`); its region is that bucket's own region or provider
#   region. Applies to aws_s3_bucket_replication_configuration and to the inline
#   replication_configuration block of aws_s3_bucket (AWS provider before v4).
# custom:
#   id: AIG-RES-005
#   severity: high
#   kinds: [aws_s3_bucket_replication_configuration, aws_s3_bucket]
#   frameworks:
#     - {name: gdpr, ref: "Art. 44"}
#     - {name: gdpr, ref: "Art. 46(1)"}
#   basis: practice
#   remediation: |
#     Replicate to a bucket in an allowed region:
#       provider "aws" {
#         alias  = "replica"
#         region = "eu-north-1"
#       }
#       resource "aws_s3_bucket" "replica" {
#         provider = aws.replica
#         bucket   = "acme-training-data-replica"
#       }
#       resource "aws_s3_bucket_replication_configuration" "training_data" {
#         rule {
#           destination {
#             bucket = aws_s3_bucket.replica.arn
#           }
#         }
#       }
package aiguard.rules.residency.s3_replication_destination

import data.aiguard.lib
import data.aiguard.lib.residency

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kind(input, "aws_s3_bucket_replication_configuration")
	some i, j
	destination := r.attributes.rule[i].destination[j].bucket
	is_number(i)
	is_number(j)
	some bucket in _buckets
	_names_bucket(destination, bucket)
	region := _bucket_region(bucket)
	residency.outside("aws", region)
	path := concat(".", ["rule", format_int(i, 10), "destination", format_int(j, 10), "bucket"])
	msg := _replication_message(r, bucket, region)
}

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in _buckets
	some i, j, k
	destination := r.attributes.replication_configuration[i].rules[j].destination[k].bucket
	is_number(i)
	is_number(j)
	is_number(k)
	some bucket in _buckets
	_names_bucket(destination, bucket)
	region := _bucket_region(bucket)
	residency.outside("aws", region)
	path := concat(".", [
		"replication_configuration", format_int(i, 10), "rules", format_int(j, 10),
		"destination", format_int(k, 10), "bucket",
	])
	msg := _replication_message(r, bucket, region)
}

_buckets := lib.resources_of_kind(input, "aws_s3_bucket")

# True when a destination value names `bucket`: a reference to it, or the ARN of its
# literal name.
_names_bucket(value, bucket) if lib.referenced_id(value) == bucket.id

_names_bucket(value, bucket) if {
	residency.arn_service(value) == "s3"
	name := residency.arn_resource(value)
	name != ""
	bucket.attributes.bucket == name
}

_bucket_region(bucket) := lower(bucket.derived.region) if is_string(bucket.derived.region)

_replication_message(r, bucket, region) := concat("", [
	r.id, " replicates objects to bucket ", bucket.id, " in region ", region,
	", outside the allowed regions for personal data (rules/regions.yaml)",
])
