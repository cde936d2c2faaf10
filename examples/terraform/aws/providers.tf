terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      cost-center           = "cc-4711"
      owner                 = "ml-platform"
      "aiguard.io/system-id" = "support-assistant"
    }
  }
}

# Disaster-recovery copies go to London, which is outside the EU/EEA.
provider "aws" {
  alias  = "dr"
  region = "eu-west-2"
}
