package aiguard.lib.residency_test

import data.aiguard.lib.residency

test_arn_region if {
	residency.arn_region("arn:aws:kms:eu-west-1:123456789012:key/1234") == "eu-west-1"
	residency.arn_region("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234") == "us-gov-west-1"
	residency.arn_region("arn:aws:bedrock:EU-CENTRAL-1::foundation-model/anthropic.claude-v2") == "eu-central-1"
}

test_arn_region_is_undefined_without_a_region if {
	not residency.arn_region("arn:aws:s3:::acme-data")
	not residency.arn_region("arn:aws:kms:${var.region}:123456789012:key/1234")
	not residency.arn_region("${aws_kms_key.k.arn}")
	not residency.arn_region("eu-west-1")
	not residency.arn_region(42)
}

test_arn_service_and_resource if {
	arn := "arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0"
	residency.arn_service(arn) == "bedrock"
	residency.arn_resource(arn) == "inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0"
}

test_zone_region_aws if {
	residency.zone_region("eu-west-2a") == "eu-west-2"
	residency.zone_region("us-gov-west-1b") == "us-gov-west-1"
	residency.zone_region("us-east-1-bos-1a") == "us-east-1"
}

test_zone_region_google if {
	residency.zone_region("europe-west2-a") == "europe-west2"
	residency.zone_region("us-central1-f") == "us-central1"
}

test_zone_region_azure if {
	regions := {"allowed": {"azurerm": ["westeurope"]}, "adequacy": {"azurerm": ["uksouth"]}, "azure_region_pairs": {"switzerlandnorth": "switzerlandwest"}}
	residency.zone_region("westeurope-1") == "westeurope" with data.aiguard.config.regions as regions
	residency.zone_region("UKSouth-3") == "uksouth" with data.aiguard.config.regions as regions
	residency.zone_region("switzerlandwest-2") == "switzerlandwest" with data.aiguard.config.regions as regions
	not residency.zone_region("eastus-1") with data.aiguard.config.regions as regions
	not residency.zone_region("zone-1") with data.aiguard.config.regions as regions
}

test_zone_region_is_undefined_for_other_names if {
	not residency.zone_region("0")
	not residency.zone_region("rack-a")
	not residency.zone_region("rack-1")
	not residency.zone_region("dc-west-1a")
	not residency.zone_region("site-north1-a")
	not residency.zone_region("eu-west-2")
	not residency.zone_region("europe-west2")
	not residency.zone_region(1)
}

test_azure_location if {
	residency.azure_location("West Europe") == "westeurope"
	residency.azure_location("swedencentral") == "swedencentral"
	not residency.azure_location("${var.location}")
	not residency.azure_location("")
}

test_google_path_location if {
	residency.google_path_location("projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k") == "europe-west4"
	residency.google_path_location("logging.googleapis.com/projects/p/locations/Global/buckets/b") == "global"
	not residency.google_path_location("projects/p/locations/${var.location}/keyRings/r")
	not residency.google_path_location("storage.googleapis.com/bucket")
}

test_outside if {
	regions := {"allowed": {"aws": ["eu-central-1"]}, "adequacy": {"aws": ["eu-west-2"]}, "include_adequacy": false}
	residency.outside("aws", "us-east-1") with data.aiguard.config.regions as regions
	residency.outside("aws", "eu-west-2") with data.aiguard.config.regions as regions
	residency.outside("aws", "global") with data.aiguard.config.regions as regions
	not residency.outside("aws", "EU-CENTRAL-1") with data.aiguard.config.regions as regions
	not residency.outside("aws", "eu-west-2") with data.aiguard.config.regions as object.union(regions, {"include_adequacy": true})
}

test_region_list_is_sorted if {
	residency.region_list({"eu-west-2", "eu-central-2"}) == "eu-central-2, eu-west-2"
}

test_aws_region_name if {
	residency.aws_region_name("EU-WEST-1") == "eu-west-1"
	not residency.aws_region_name("${var.region}")
	not residency.aws_region_name("eu-west-1a")
}
