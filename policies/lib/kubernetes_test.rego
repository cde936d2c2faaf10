package aiguard.lib.kubernetes_test

import data.aiguard.lib.kubernetes

_pod := {"containers": [{"name": "app", "image": "app:1"}]}

_resource(kind, spec) := {"id": concat("/", ["v1", kind, "ml", "x"]), "kind": kind, "provider": "kubernetes", "attributes": {"spec": spec}}

test_pod_specs_of_a_pod if {
	kubernetes.pod_specs(_resource("Pod", _pod)) == {"spec": _pod}
}

test_pod_specs_of_template_kinds if {
	every kind in ["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Job", "Notebook"] {
		kubernetes.pod_specs(_resource(kind, {"template": {"spec": _pod}})) == {"spec.template.spec": _pod}
	}
}

test_pod_specs_of_a_cronjob if {
	r := _resource("CronJob", {"jobTemplate": {"spec": {"template": {"spec": _pod}}}})
	kubernetes.pod_specs(r) == {"spec.jobTemplate.spec.template.spec": _pod}
}

test_pod_specs_of_an_inference_service if {
	r := _resource("InferenceService", {"predictor": {"model": {}}, "transformer": _pod})
	kubernetes.pod_specs(r) == {"spec.predictor": {"model": {}}, "spec.transformer": _pod}
}

test_pod_specs_of_ray_kinds if {
	cluster := {"headGroupSpec": {"template": {"spec": _pod}}, "workerGroupSpecs": [{"template": {"spec": _pod}}, {"template": {"spec": _pod}}]}
	kubernetes.pod_specs(_resource("RayCluster", cluster)) == {
		"spec.headGroupSpec.template.spec": _pod,
		"spec.workerGroupSpecs.0.template.spec": _pod,
		"spec.workerGroupSpecs.1.template.spec": _pod,
	}
	kubernetes.pod_specs(_resource("RayJob", {"rayClusterSpec": cluster, "submitterPodTemplate": {"spec": _pod}})) == {
		"spec.rayClusterSpec.headGroupSpec.template.spec": _pod,
		"spec.rayClusterSpec.workerGroupSpecs.0.template.spec": _pod,
		"spec.rayClusterSpec.workerGroupSpecs.1.template.spec": _pod,
		"spec.submitterPodTemplate.spec": _pod,
	}
	kubernetes.pod_specs(_resource("RayService", {"rayClusterConfig": {"headGroupSpec": {"template": {"spec": _pod}}}})) == {"spec.rayClusterConfig.headGroupSpec.template.spec": _pod}
}

test_pod_specs_of_kubeflow_jobs if {
	roles := {"Master": {"template": {"spec": _pod}}, "Worker": {"replicas": 2, "template": {"spec": _pod}}}
	kubernetes.pod_specs(_resource("PyTorchJob", {"pytorchReplicaSpecs": roles})) == {
		"spec.pytorchReplicaSpecs.Master.template.spec": _pod,
		"spec.pytorchReplicaSpecs.Worker.template.spec": _pod,
	}
	kubernetes.pod_specs(_resource("TFJob", {"tfReplicaSpecs": {"Chief": {"template": {"spec": _pod}}}})) == {"spec.tfReplicaSpecs.Chief.template.spec": _pod}
}

test_pod_specs_of_a_trainjob_are_its_overrides if {
	selector := {"nodeSelector": {"topology.kubernetes.io/region": "eu-west-1"}}
	r := _resource("TrainJob", {"podSpecOverrides": [selector], "podTemplateOverrides": [{"spec": selector}]})
	kubernetes.pod_specs(r) == {"spec.podSpecOverrides.0": selector, "spec.podTemplateOverrides.0.spec": selector}
}

test_other_kinds_and_broken_specs_have_none if {
	kubernetes.pod_specs(_resource("ConfigMap", {})) == {}
	kubernetes.pod_specs(_resource("Deployment", {"template": "oops"})) == {}
	kubernetes.pod_specs(_resource("RayCluster", {"workerGroupSpecs": {"not": "a list"}})) == {}
	kubernetes.pod_specs(_resource("PyTorchJob", {"pytorchReplicaSpecs": [{"template": {"spec": _pod}}]})) == {}
}

test_primary_pod_spec if {
	kubernetes.primary_pod_spec(_resource("InferenceService", {"explainer": _pod, "predictor": _pod})) == "spec.predictor"
	kubernetes.primary_pod_spec(_resource("Deployment", {"template": {"spec": _pod}})) == "spec.template.spec"
	kubernetes.primary_pod_spec(_resource("ConfigMap", {})) == ""
}

test_containers_with_paths if {
	spec := {"initContainers": [{"name": "init", "image": "busybox"}], "containers": [{"name": "a", "image": "a:1"}, {"name": "b", "image": "b:1"}]}
	kubernetes.containers(_resource("Deployment", {"template": {"spec": spec}})) == {
		"spec.template.spec.initContainers.0": {"name": "init", "image": "busybox"},
		"spec.template.spec.containers.0": {"name": "a", "image": "a:1"},
		"spec.template.spec.containers.1": {"name": "b", "image": "b:1"},
	}
}

test_containers_ignore_malformed_lists if {
	kubernetes.containers(_resource("Pod", {"containers": {"name": "a"}})) == {}
	kubernetes.containers(_resource("Pod", {"containers": ["a:1"]})) == {}
}

test_trainjob_trainer_is_a_container if {
	r := _resource("TrainJob", {"trainer": {"image": "acme/train:1"}})
	kubernetes.containers(r) == {"spec.trainer": {"image": "acme/train:1"}}
}

test_placements_from_node_selectors_and_required_affinity if {
	affinity := {"nodeAffinity": {
		"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [
			{"key": "topology.kubernetes.io/region", "operator": "In", "values": ["eu-west-1", "eu-central-1"]},
			{"key": "topology.kubernetes.io/region", "operator": "NotIn", "values": ["us-east-1"]},
		]}]},
		"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "preference": {"matchExpressions": [{"key": "topology.kubernetes.io/region", "operator": "In", "values": ["eu-north-1"]}]}}],
	}}
	cluster := {
		"headGroupSpec": {"template": {"spec": {"nodeSelector": {"failure-domain.beta.kubernetes.io/region": "eu-west-1", "disk": "ssd"}}}},
		"workerGroupSpecs": [{"template": {"spec": {"affinity": affinity}}}],
	}
	kubernetes.placements(_resource("RayCluster", cluster), kubernetes.region_labels) == {
		"spec.headGroupSpec.template.spec.nodeSelector": {"eu-west-1"},
		"spec.workerGroupSpecs.0.template.spec.affinity": {"eu-west-1", "eu-central-1"},
	}
}

test_placements_of_unpinned_workloads_are_empty if {
	kubernetes.placements(_resource("Deployment", {"template": {"spec": _pod}}), kubernetes.region_labels) == {}
}

test_unit_workloads_are_computed_once_by_id if {
	spec := {"containers": [{"name": "a", "image": "a:1"}], "nodeSelector": {"topology.kubernetes.io/zone": "eu-west-1a"}}
	deployment := _resource("Deployment", {"template": {"spec": spec}})
	config_map := _resource("ConfigMap", {})
	unit := {"resources": [deployment, config_map]}
	kubernetes.pod_specs_of == {deployment.id: {"spec.template.spec": spec}} with input as unit
	kubernetes.containers_of == {deployment.id: {"spec.template.spec.containers.0": {"name": "a", "image": "a:1"}}} with input as unit
	kubernetes.zone_placements_of[deployment.id] == {"spec.template.spec.nodeSelector": {"eu-west-1a"}} with input as unit
	kubernetes.unit_containers(deployment) == kubernetes.containers(deployment) with input as unit
}

test_unit_lookups_fall_back_outside_the_unit if {
	pod := _resource("Pod", _pod)
	kubernetes.unit_pod_specs(pod) == {"spec": _pod} with input as {"resources": []}
	kubernetes.unit_containers(pod) == {"spec.containers.0": {"name": "app", "image": "app:1"}} with input as {"resources": []}
}
