# METADATA
# title: SageMaker models of high-risk AI systems run with network isolation
# description: >-
#   High-risk AI systems must be resilient against attempts by unauthorised third parties
#   to alter their use, outputs or performance by exploiting vulnerabilities (EU AI Act
#   Art. 15(5)). A model container without network isolation can open any outbound
#   connection: a compromised or malicious inference image can exfiltrate the requests it
#   receives or fetch code at run time. With enable_network_isolation = true SageMaker
#   gives the container no network access at all; model artefacts are still loaded by
#   SageMaker. The provider default is false. Binds resources declaring risk class high.
# custom:
#   id: AIG-ENC-009
#   severity: medium
#   kinds: [aws_sagemaker_model]
#   frameworks:
#     - {name: eu-ai-act, ref: "Art. 15(1)"}
#     - {name: eu-ai-act, ref: "Art. 15(5)"}
#   basis: evidence
#   scope: {risk_class: [high]}
#   effective_from: "2026-08-02"
#   remediation: |
#     Isolate the model container (it then cannot call other services itself):
#       resource "aws_sagemaker_model" "credit_scoring" {
#         name                     = "credit-scoring-v4"
#         execution_role_arn       = aws_iam_role.sagemaker.arn
#         enable_network_isolation = true
#         primary_container {
#           image          = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/scoring@sha256:<digest>"
#           model_data_url = "s3://acme-models/scoring/v4/model.tar.gz"
#         }
#       }
package aiguard.rules.encryption.sagemaker_network_isolation

import data.aiguard.lib
import data.aiguard.lib.encryption

deny contains {"resource": r.id, "msg": msg, "attribute": "enable_network_isolation"} if {
	some r in lib.resources_of_kind(input, "aws_sagemaker_model")
	value := object.get(r.attributes, "enable_network_isolation", null)
	not encryption.is_true(value)
	not lib.is_unresolved(value)
	msg := _isolation_message(r, value)
}

_isolation_message(r, value) := concat("", ["SageMaker model ", r.id, " sets enable_network_isolation = false, so its container can reach the network"]) if {
	encryption.is_false(value)
}

_isolation_message(r, value) := concat("", [
	"SageMaker model ", r.id,
	" does not set enable_network_isolation = true (the provider default is false), so its container can reach the network",
]) if {
	not encryption.is_false(value)
}
