# METADATA
# title: SageMaker models load versioned model artefacts
# description: >-
#   The technical documentation of an AI system must state the version of the system and
#   of its relevant software, and any requirements related to version updates (EU AI Act
#   Art. 11(1), Annex IV points 1(a) and 1(c)). A SageMaker model whose model_data_url (or
#   model_data_source s3_uri) is a path that every training run overwrites serves whatever
#   artefact is there when an instance starts, so the deployed model version cannot be
#   told from the configuration. Every model data URI of primary_container and container
#   blocks must name one version as rules/lineage.yaml defines it (an element such as v3,
#   1.0, a run date or a SageMaker training job name; never latest). URIs whose path holds
#   a Terraform expression are not judged; models from a model package
#   (model_package_name) are versioned by the registry and have no model data URI.
# custom:
#   id: AIG-DOC-003
#   severity: medium
#   kinds: [aws_sagemaker_model]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 11(1)"}
#     - {name: eu-ai-act, ref: "Annex IV point 1(a)"}
#     - {name: eu-ai-act, ref: "Annex IV point 1(c)"}
#   basis: practice
#   remediation: |
#     Write each training run's artefact to its own versioned key and reference it:
#       primary_container {
#         image          = "...@sha256:<64 hex digits>"
#         model_data_url = "s3://acme-models/credit-scoring/v12/model.tar.gz"
#       }
#     or deploy a versioned model package from the SageMaker Model Registry
#     (model_package_name = "arn:aws:sagemaker:eu-central-1:123456789012:model-package/credit-scoring/12").
package aiguard.rules.lineage.sagemaker_model_data_versioned

import data.aiguard.lib
import data.aiguard.lib.oversight

deny contains {"resource": r.id, "msg": msg, "attribute": path} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_model")
	some path, uri in object.union(_data_urls(r), _data_sources(r))
	not oversight.uri_unresolved(uri)
	reason := oversight.uri_unpinned_reason(uri)
	msg := concat("", [
		"SageMaker model ", r.id, " loads model data (", path, ") from a URI that does not name",
		" one version: ", reason,
	])
}

_container_blocks := ["primary_container", "container"]

_data_urls(r) := {path: uri |
	some block in _container_blocks
	some i
	uri := r.attributes[block][i].model_data_url
	is_number(i)
	is_string(uri)
	uri != ""
	path := concat(".", [block, format_int(i, 10), "model_data_url"])
}

_data_sources(r) := {path: uri |
	some block in _container_blocks
	some i, j, k
	uri := r.attributes[block][i].model_data_source[j].s3_data_source[k].s3_uri
	is_number(i)
	is_number(j)
	is_number(k)
	is_string(uri)
	uri != ""
	path := concat(".", [
		block, format_int(i, 10), "model_data_source", format_int(j, 10),
		"s3_data_source", format_int(k, 10), "s3_uri",
	])
}
