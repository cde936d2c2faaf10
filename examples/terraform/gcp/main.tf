provider "google" {
  project = "example-ml"
  region  = "europe-west4"
}

resource "google_container_node_pool" "a100" {
  name     = "a100-training"
  cluster  = "ml-platform"
  location = "europe-west4-a"

  autoscaling {
    min_node_count = 0
  }

  node_config {
    machine_type = "a2-highgpu-8g"
    spot         = true

    guest_accelerator {
      type  = "nvidia-tesla-a100"
      count = 8
    }

    labels = {
      team = "research"
    }
  }
}

resource "google_container_node_pool" "l4_inference" {
  name     = "l4-inference"
  cluster  = "ml-platform"
  location = "europe-west4"

  autoscaling {
    min_node_count = 1
    max_node_count = 6
  }

  node_config {
    machine_type = "g2-standard-8"
    resource_labels = {
      cost-center           = "cc-4711"
      owner                 = "ml-platform"
      aiguard-system-id     = "support-assistant"
      aiguard-risk-class    = "limited"
      aiguard-role          = "provider"
      aiguard-ai-disclosure = "chat-widget-banner"
    }
  }

  node_count = 1
}
