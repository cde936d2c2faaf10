# METADATA
# title: AI workload images are pinned by digest
# description: >-
#   The technical documentation of an AI system must describe the system's elements and
#   how it was developed and deployed (EU AI Act Art. 11(1), Annex IV point 2). A tag such
#   as :latest or :1.4 can be moved to other image contents at any time, so only a
#   digest (@sha256:<64 hex digits>) identifies the exact software that served or
#   trained a model. Applies to every container of a Kubernetes AI workload (pod
#   templates, KServe components, Ray head and worker groups, Kubeflow replica specs,
#   Notebooks, the TrainJob trainer) and to the containers of aws_sagemaker_model.
#   Terraform images the parser could not resolve (ending in a variable) are not judged.
# custom:
#   id: AIG-DOC-001
#   severity: medium
#   kinds: [Pod, Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, CronJob, Notebook, InferenceService, RayCluster, RayJob, RayService, PyTorchJob, TFJob, MPIJob, TrainJob, aws_sagemaker_model]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 11(1)"}
#     - {name: eu-ai-act, ref: "Annex IV point 2"}
#   basis: practice
#   remediation: |
#     Reference images by digest (keep the tag for readers if you like):
#       containers:
#         - name: vllm
#           image: vllm/vllm-openai:v0.6.4@sha256:<64 hex digits>
#     In Terraform:
#       primary_container {
#         image = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/llm@sha256:<64 hex digits>"
#       }
#     `crane digest IMAGE` or `docker buildx imagetools inspect IMAGE` prints the digest.
package aiguard.rules.lineage.image_digest

import data.aiguard.lib
import data.aiguard.lib.kubernetes

_sagemaker_blocks := ["primary_container", "container"]

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kinds(input, kubernetes.workload_kinds)
	lib.is_ai(r)
	some path, container in kubernetes.containers_of[r.id]
	image := container.image
	is_string(image)
	not _pinned(image)
	attribute := concat("", [path, ".image"])
	msg := concat("", [
		"container ", _name(container), " of AI workload ", r.id, " uses image ", image,
		", which is not pinned by digest (@sha256:...)",
	])
}

deny contains {"resource": r.id, "msg": msg, "attribute": attribute} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_model")
	some block in _sagemaker_blocks
	some i
	image := r.attributes[block][i].image
	is_number(i)
	is_string(image)
	not _pinned(image)
	not lib.is_unresolved(image)
	attribute := concat(".", [block, format_int(i, 10), "image"])
	msg := concat("", [
		"SageMaker model ", r.id, " uses image ", image, " in ", block,
		", which is not pinned by digest (@sha256:...)",
	])
}

_pinned(image) if regex.match(`@sha256:[a-f0-9]{64}$`, image)

_name(container) := container.name if is_string(container.name)

_name(container) := "(unnamed)" if not is_string(object.get(container, "name", null))
