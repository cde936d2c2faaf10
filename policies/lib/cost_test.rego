package aiguard.lib.cost_test

import data.aiguard.lib.cost

# --- accelerators ---------------------------------------------------------------------

test_accelerator_names_default_to_nvidia if {
	cost.accelerator_names == {"nvidia.com/gpu"}
}

test_accelerator_names_come_from_the_catalogue if {
	names := cost.accelerator_names with data.aiguard.config.gpu_catalogue.resource_names as ["nvidia.com/gpu", "amd.com/gpu", 3]
	names == {"nvidia.com/gpu", "amd.com/gpu"}
}

test_requests_accelerators if {
	cost.requests_accelerators({"limits": {"nvidia.com/gpu": 1}})
	cost.requests_accelerators({"requests": {"nvidia.com/gpu": "2"}})
	not cost.requests_accelerators({"limits": {"nvidia.com/gpu": 0}})
	not cost.requests_accelerators({"limits": {"cpu": "4"}})
	not cost.requests_accelerators({"limits": {"nvidia.com/gpu": "${GPUS}"}})
	not cost.requests_accelerators("none")
}

test_pod_spec_requests_accelerators if {
	cost.pod_spec_requests_accelerators({"containers": [{"name": "a"}, {"name": "b", "resources": {"limits": {"nvidia.com/gpu": 1}}}]})
	cost.pod_spec_requests_accelerators({"model": {"resources": {"limits": {"nvidia.com/gpu": 1}}}})
	not cost.pod_spec_requests_accelerators({"containers": [{"name": "a", "resources": {"limits": {"cpu": 1}}}]})
}

test_resource_blocks_of_a_deployment if {
	r := {"kind": "Deployment", "provider": "kubernetes", "attributes": {"spec": {"template": {"spec": {
		"initContainers": [{"name": "init", "resources": {"limits": {"cpu": 1}}}],
		"containers": [{"name": "app"}, {"name": "gpu", "resources": {"limits": {"nvidia.com/gpu": 1}}}],
	}}}}}
	cost.resource_blocks(r) == {
		"spec.template.spec.initContainers.0.resources": {"limits": {"cpu": 1}},
		"spec.template.spec.containers.1.resources": {"limits": {"nvidia.com/gpu": 1}},
	}
}

test_resource_blocks_of_kserve_and_trainjob if {
	isvc := {"kind": "InferenceService", "provider": "kubernetes", "attributes": {"spec": {"predictor": {
		"model": {"resources": {"limits": {"nvidia.com/gpu": 1}}},
		"containers": [{"name": "side", "resources": {"limits": {"cpu": 1}}}],
	}}}}
	cost.resource_blocks(isvc) == {
		"spec.predictor.model.resources": {"limits": {"nvidia.com/gpu": 1}},
		"spec.predictor.containers.0.resources": {"limits": {"cpu": 1}},
	}
	train := {"kind": "TrainJob", "provider": "kubernetes", "attributes": {"spec": {"trainer": {"resourcesPerNode": {"limits": {"nvidia.com/gpu": 8}}}}}}
	cost.resource_blocks(train) == {"spec.trainer.resourcesPerNode": {"limits": {"nvidia.com/gpu": 8}}}
}

test_gpu_instance_type if {
	catalogue := {"g5.xlarge": {"count": 1, "type": "A10G"}, "m5.xlarge": {"count": 0, "type": "none"}}
	cost.gpu_instance_type("ml.g5.xlarge") with data.aiguard.config.gpu_catalogue.instance_types as catalogue
	cost.gpu_instance_type("G5.xlarge") with data.aiguard.config.gpu_catalogue.instance_types as catalogue
	not cost.gpu_instance_type("ml.m5.xlarge") with data.aiguard.config.gpu_catalogue.instance_types as catalogue
	not cost.gpu_instance_type("ml.c5.xlarge") with data.aiguard.config.gpu_catalogue.instance_types as catalogue
	not cost.gpu_instance_type(3) with data.aiguard.config.gpu_catalogue.instance_types as catalogue
}

# --- declarations ---------------------------------------------------------------------

test_declared_values_from_derived_declarations if {
	r := {"provider": "aws", "attributes": {}, "derived": {"ai": {"workload": "Training"}}}
	cost.declared_values(r, "workload") == {"training"}
	cost.declares_training(r)
}

test_declared_values_from_node_labels if {
	eks := {"provider": "aws", "attributes": {"labels": {"AIGUARD.IO/Workload": "training"}}, "derived": {}}
	cost.declares_training(eks)
	gke := {"provider": "google", "attributes": {"node_config": [{"resource_labels": {"aiguard-workload": "training"}, "labels": {"aiguard_interruptible": "false"}}]}}
	cost.declares_training(gke)
	cost.declared_values(gke, "interruptible") == {"false"}
	aks := {"provider": "azurerm", "attributes": {"node_labels": {"aiguard:workload": "training"}}}
	cost.declares_training(aks)
}

test_other_labels_declare_nothing if {
	r := {"provider": "aws", "attributes": {"labels": {"workload": "training", "aiguard.io/workload-class": "training"}}}
	cost.declared_values(r, "workload") == set()
	not cost.declares_training(r)
	cost.declared_values(r, "unknown") == set()
}

test_kubernetes_labels_are_read_from_derived_only if {
	r := {"provider": "kubernetes", "attributes": {"labels": {"aiguard.io/workload": "training"}}, "derived": {"ai": {}}}
	not cost.declares_training(r)
}

# --- spot placement -------------------------------------------------------------------

_spot_labels := {"karpenter.sh/capacity-type": ["spot"], "cloud.google.com/gke-spot": ["true"]}

test_spot_placements if {
	affinity := {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "cloud.google.com/gke-spot", "operator": "In", "values": ["TRUE"]}]}]}}}
	r := {"kind": "Job", "provider": "kubernetes", "attributes": {"spec": {"template": {"spec": {
		"nodeSelector": {"karpenter.sh/capacity-type": "Spot", "team": "spot"},
		"affinity": affinity,
		"containers": [],
	}}}}}
	placements := cost.spot_placements(r) with data.aiguard.config.cost.spot_node_labels as _spot_labels
	placements == {"spec.template.spec.nodeSelector.karpenter.sh/capacity-type", "spec.template.spec.affinity"}
}

test_preferred_affinity_and_other_values_are_not_spot if {
	preferred := {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "preference": {"matchExpressions": [{"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot"]}]}}]}}
	r := {"kind": "Job", "provider": "kubernetes", "attributes": {"spec": {"template": {"spec": {
		"nodeSelector": {"karpenter.sh/capacity-type": "on-demand"},
		"affinity": preferred,
	}}}}}
	placements := cost.spot_placements(r) with data.aiguard.config.cost.spot_node_labels as _spot_labels
	placements == set()
}

# --- cost-allocation tags -------------------------------------------------------------

test_missing_cost_tags if {
	required := ["cost-center", "owner", ["aiguard.io/system-id", "aiguard-system-id"], 7]
	r := {"derived": {"tags": {"Owner": "team", "cost-center": "", "aiguard-system-id": "x"}}}
	missing := cost.missing_cost_tags(r) with data.aiguard.config.cost.required_tags as required
	missing == ["cost-center"]
}

test_missing_tags_of_a_key_set if {
	required := ["cost-center", ["aiguard.io/system-id", "aiguard-system-id"], ["Owner"]]
	missing := cost.missing_tags({"owner", "aiguard-system-id"}) with data.aiguard.config.cost.required_tags as required
	missing == ["cost-center"]
	everything := cost.missing_tags(set()) with data.aiguard.config.cost.required_tags as required
	everything == ["Owner", "aiguard.io/system-id", "cost-center"]
}

test_missing_cost_tags_without_configuration if {
	cost.missing_cost_tags({"derived": {"tags": {}}}) == []
}

# --- SageMaker ------------------------------------------------------------------------

_catalogue := {"g5.2xlarge": {"count": 1, "type": "A10G"}}

_config := {
	"id": "aws_sagemaker_endpoint_configuration.c",
	"kind": "aws_sagemaker_endpoint_configuration",
	"provider": "aws",
	"attributes": {"name": "llm", "production_variants": [
		{"variant_name": "cpu", "instance_type": "ml.m5.xlarge"},
		{"variant_name": "gpu", "instance_type": "ml.g5.2xlarge"},
	]},
}

_endpoint(config_name) := {
	"id": "aws_sagemaker_endpoint.e",
	"kind": "aws_sagemaker_endpoint",
	"provider": "aws",
	"attributes": {"name": "llm-endpoint", "endpoint_config_name": config_name},
}

_target(id, resource_id) := {
	"id": id,
	"kind": "aws_appautoscaling_target",
	"provider": "aws",
	"attributes": {"service_namespace": "sagemaker", "scalable_dimension": "sagemaker:variant:DesiredInstanceCount", "resource_id": resource_id},
}

test_sagemaker_gpu_variants if {
	variants := cost.sagemaker_gpu_variants with input as {"resources": [_config]}
		with data.aiguard.config.gpu_catalogue.instance_types as _catalogue
	variants == {"aws_sagemaker_endpoint_configuration.c": [{"index": 1, "name": "gpu", "variant": {"variant_name": "gpu", "instance_type": "ml.g5.2xlarge"}}]}
}

test_sagemaker_endpoint_configs_by_reference_and_name if {
	by_reference := cost.sagemaker_endpoint_configs with input as {"resources": [_config, _endpoint("${aws_sagemaker_endpoint_configuration.c.name}")]}
	by_reference == {"aws_sagemaker_endpoint.e": "aws_sagemaker_endpoint_configuration.c"}
	by_name := cost.sagemaker_endpoint_configs with input as {"resources": [_config, _endpoint("llm")]}
	by_name == {"aws_sagemaker_endpoint.e": "aws_sagemaker_endpoint_configuration.c"}
	elsewhere := cost.sagemaker_endpoint_configs with input as {"resources": [_config, _endpoint("${var.config}")]}
	elsewhere == {}
}

test_sagemaker_target_variants if {
	resources := [
		_endpoint("llm"),
		_target("aws_appautoscaling_target.a", "endpoint/${aws_sagemaker_endpoint.e.name}/variant/gpu"),
		_target("aws_appautoscaling_target.b", "endpoint/llm-endpoint/variant/${var.variant}"),
		_target("aws_appautoscaling_target.c", "endpoint/other/variant/gpu"),
		_target("aws_appautoscaling_target.d", "${var.resource_id}"),
		_target("aws_appautoscaling_target.e", "endpoint/${var.name}/variant/gpu"),
	]
	targets := cost.sagemaker_target_variants with input as {"resources": resources}
	targets == {
		"aws_appautoscaling_target.a": {"endpoint": "aws_sagemaker_endpoint.e", "variant": "gpu"},
		"aws_appautoscaling_target.b": {"endpoint": "aws_sagemaker_endpoint.e", "variant": ""},
	}
	unknown := cost.sagemaker_unknown_targets with input as {"resources": resources}
	unknown == {"aws_appautoscaling_target.d", "aws_appautoscaling_target.e"}
}

test_other_autoscaling_targets_are_ignored if {
	target := {
		"id": "aws_appautoscaling_target.ecs",
		"kind": "aws_appautoscaling_target",
		"provider": "aws",
		"attributes": {"service_namespace": "ecs", "scalable_dimension": "ecs:service:DesiredCount", "resource_id": "${var.id}"},
	}
	unknown := cost.sagemaker_unknown_targets with input as {"resources": [target]}
	unknown == set()
}

test_sagemaker_variant_label if {
	cost.sagemaker_variant_label({"index": 0, "name": "primary"}) == "primary"
	cost.sagemaker_variant_label({"index": 2, "name": ""}) == "#2"
	cost.sagemaker_variant_label({"index": 1, "name": "${var.v}"}) == "#1"
}
