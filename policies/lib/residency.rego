# Helpers for the data residency rules (AIG-RES-*): the regions written inside ARNs, zone
# names and Google resource paths, and the allow-list test for one region. Every helper is
# undefined for a value it cannot read, including unresolved Terraform expressions, so that
# rules never judge what they cannot know.
package aiguard.lib.residency

import data.aiguard.lib

# An AWS region code: eu-west-1, us-gov-west-1, ap-southeast-4.
_aws_region := `^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+$`

# The region field of an AWS ARN, lower-cased:
#   "arn:aws:kms:eu-west-1:123456789012:key/1234" -> "eu-west-1"
# Undefined for ARNs without a region (S3 buckets, IAM) or with an unresolved one.
arn_region(value) := region if {
	parts := _arn_parts(value)
	region := lower(parts[3])
	regex.match(_aws_region, region)
}

# The service of an AWS ARN ("kms", "bedrock", "backup", "s3").
arn_service(value) := lower(parts[2]) if parts := _arn_parts(value)

# The resource part of an AWS ARN, after the fifth colon:
#   "arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-v2" -> "foundation-model/anthropic.claude-v2"
arn_resource(value) := concat(":", array.slice(parts, 5, count(parts))) if parts := _arn_parts(value)

_arn_parts(value) := parts if {
	is_string(value)
	startswith(value, "arn:")
	parts := split(value, ":")
	count(parts) >= 6
}

# An AWS region code written as a value ("EU-WEST-1" -> "eu-west-1"); undefined otherwise.
aws_region_name(value) := region if {
	is_string(value)
	region := lower(value)
	regex.match(_aws_region, region)
}

# The region of an availability zone name, lower-cased, or undefined:
#   AWS "eu-west-2a" and Local Zones "us-east-1-bos-1a" -> "eu-west-2", "us-east-1"
#   Google "europe-west2-a" -> "europe-west2"
#   Azure (the AKS node label topology.kubernetes.io/zone) "uksouth-1" -> "uksouth"
# Zone names are matched against each provider's naming scheme (geography prefix and
# direction word), so that on-premises names such as "rack-1" or "dc-west-1a" name no
# region. Azure zone names carry no such scheme and are read only for regions that
# rules/regions.yaml names (allowed, adequacy, azure_region_pairs); AKS nodes outside
# availability zones carry the zone label "0", which names no region.
zone_region(zone) := region if {
	name := _zone_name(zone)
	regex.match(concat("", [`^`, _aws_geo, `(-gov)?-`, _direction, `-[0-9]+[a-z]$`]), name)
	region := substring(name, 0, count(name) - 1)
}

zone_region(zone) := region if {
	name := _zone_name(zone)
	regex.match(concat("", [`^`, _aws_geo, `-`, _direction, `-[0-9]+-[a-z]+-[0-9]+[a-z]$`]), name)
	region := concat("-", array.slice(split(name, "-"), 0, 3))
}

zone_region(zone) := region if {
	name := _zone_name(zone)
	regex.match(concat("", [`^`, _google_geo, `-`, _direction, `[0-9]+-[a-z]$`]), name)
	region := substring(name, 0, count(name) - 2)
}

zone_region(zone) := region if {
	name := _zone_name(zone)
	regex.match(`^[a-z]+[0-9]*-[1-9]$`, name)
	region := substring(name, 0, count(name) - 2)
	region in _azure_region_names
}

_zone_name(zone) := lower(zone) if is_string(zone)

_aws_geo := `(af|ap|ca|cn|eu|il|me|mx|sa|us)`

_google_geo := `(africa|asia|australia|europe|me|northamerica|southamerica|us)`

_direction := `(central|north|south|east|west|northeast|southeast|northwest|southwest)`

# The Azure regions rules/regions.yaml names anywhere.
_azure_region_names := {lower(name) |
	some section in ["allowed", "adequacy"]
	some name in object.get(_region_config(section), "azurerm", [])
	is_string(name)
} | {lower(name) |
	pairs := _region_config("azure_region_pairs")
	some key
	value := pairs[key]
	some name in [key, value]
	is_string(name)
}

_region_config(section) := value if {
	regions := data.aiguard.config.regions
	is_object(regions)
	value := object.get(regions, section, null)
	is_object(value)
} else := {}

# An Azure location as the provider normalises it: "West Europe" -> "westeurope".
azure_location(value) := location if {
	is_string(value)
	not lib.is_unresolved(value)
	location := lower(replace(value, " ", ""))
	regex.match(`^[a-z][a-z0-9]*$`, location)
}

# The location of a Google resource path with a `locations/<location>/` segment:
#   "projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k" -> "europe-west4"
#   "logging.googleapis.com/projects/p/locations/global/buckets/b" -> "global"
google_path_location(value) := location if {
	is_string(value)
	parts := split(value, "/")
	indexes := [i | some i; parts[i] == "locations"]
	count(indexes) > 0
	location := lower(parts[indexes[0] + 1])
	regex.match(`^[a-z][a-z0-9-]*$`, location)
}

# True when `region` is not on the allow-list of `cloud` (rules/regions.yaml, adequacy
# regions only with include_adequacy). `global` and any name not listed are outside.
outside(cloud, region) if {
	is_string(region)
	not lower(region) in object.get(allowed_by_cloud, cloud, set())
}

# lib.allowed_regions of every cloud rules/regions.yaml lists, computed once per
# evaluation: functions are not memoised, and rules call `outside` once per value.
allowed_by_cloud[cloud] := lib.allowed_regions(cloud) if {
	some section in ["allowed", "adequacy"]
	some cloud
	_region_config(section)[cloud]
}

# A list of region names for a message: "eu-west-2, eu-central-2".
region_list(regions) := concat(", ", sort([region | some region in regions; is_string(region)]))
