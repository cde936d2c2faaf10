"""Generate benchmark corpora: a Kubernetes AI platform and Terraform modules.

The mix follows a real platform install: most documents are plumbing (ConfigMaps,
Services, RBAC, CRDs) that no rule targets, a minority are GPU workloads and
serving/training CRDs that every rule looks at.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

DOCS_PER_FILE = 10

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: model-{i}
  namespace: team-{team}
  labels: {{app: model-{i}, cost-center: cc-{team}}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: model-{i}}}}}
  template:
    metadata: {{labels: {{app: model-{i}}}}}
    spec:
      nodeSelector: {{nvidia.com/gpu.product: NVIDIA-L4}}
      containers:
        - name: server
          image: ghcr.io/example/server:{i}
          env: [{{name: MODEL_ID, value: model-{i}}}]
          resources:
            requests: {{cpu: "2", memory: 8Gi, nvidia.com/gpu: 1}}
            limits: {{memory: 8Gi, nvidia.com/gpu: 1}}
"""
INFERENCE_SERVICE = """apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: isvc-{i}
  namespace: team-{team}
  annotations: {{aiguard.io/risk-class: limited}}
spec:
  predictor:
    minReplicas: 1
    model:
      modelFormat: {{name: huggingface}}
      storageUri: s3://models/isvc-{i}/v{replicas}
      resources: {{limits: {{nvidia.com/gpu: "1"}}}}
"""
RAY_CLUSTER = """apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: ray-{i}
  namespace: team-{team}
spec:
  headGroupSpec:
    template:
      spec:
        containers: [{{name: head, image: rayproject/ray:2.40.0}}]
  workerGroupSpecs:
    - groupName: gpu
      replicas: {replicas}
      template:
        spec:
          containers:
            - name: worker
              image: rayproject/ray:2.40.0-gpu
              resources: {{limits: {{nvidia.com/gpu: 2}}}}
"""
CONFIG_MAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: config-{i}
  namespace: team-{team}
data:
  settings.json: '{{"feature": {i}, "enabled": true}}'
  log_level: info
"""
SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: svc-{i}
  namespace: team-{team}
spec:
  selector: {{app: model-{i}}}
  ports: [{{port: 80, targetPort: 8080}}]
"""
ROLE_BINDING = """apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb-{i}
  namespace: team-{team}
subjects: [{{kind: ServiceAccount, name: sa-{i}, namespace: team-{team}}}]
roleRef: {{kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}}
"""
# Weights: a quarter of the documents are AI workloads.
KUBERNETES_MIX = [
    (DEPLOYMENT, 15),
    (INFERENCE_SERVICE, 6),
    (RAY_CLUSTER, 4),
    (CONFIG_MAP, 30),
    (SERVICE, 30),
    (ROLE_BINDING, 15),
]

TERRAFORM_PROVIDER = """provider "aws" {
  region = "eu-central-1"
  default_tags {
    tags = { cost-center = "cc-1", owner = "ml" }
  }
}
"""
TERRAFORM_RESOURCES = [
    """resource "aws_s3_bucket" "b{i}" {{
  bucket = "bucket-{i}"
}}
""",
    """resource "aws_cloudwatch_log_group" "lg{i}" {{
  name              = "/ml/{i}"
  retention_in_days = {retention}
}}
""",
    """resource "aws_sagemaker_endpoint_configuration" "ep{i}" {{
  name = "ep-{i}"
  production_variants {{
    variant_name           = "primary"
    model_name             = "model-{i}"
    instance_type          = "ml.g5.xlarge"
    initial_instance_count = {replicas}
  }}
}}
""",
    """resource "aws_eks_node_group" "ng{i}" {{
  cluster_name    = "ml"
  node_group_name = "gpu-{i}"
  node_role_arn   = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids      = ["subnet-1"]
  instance_types  = ["g6.12xlarge"]
  scaling_config {{
    desired_size = {replicas}
    min_size     = 0
    max_size     = 8
  }}
}}
""",
    """resource "aws_iam_role" "r{i}" {{
  name               = "role-{i}"
  assume_role_policy = jsonencode({{ Version = "2012-10-17", Statement = [] }})
}}
""",
]


def kubernetes_corpus(root: Path, documents: int, seed: int = 7) -> None:
    """`documents` Kubernetes documents, DOCS_PER_FILE per file."""
    rng = random.Random(seed)
    templates = [t for t, weight in KUBERNETES_MIX for _ in range(weight)]
    root.mkdir(parents=True, exist_ok=True)
    for file_index in range(0, documents, DOCS_PER_FILE):
        docs = []
        for i in range(file_index, min(file_index + DOCS_PER_FILE, documents)):
            template = rng.choice(templates)
            docs.append(template.format(i=i, team=i % 17, replicas=rng.randint(1, 4)))
        team_dir = root / f"team-{file_index // DOCS_PER_FILE % 17}"
        team_dir.mkdir(exist_ok=True)
        (team_dir / f"manifests-{file_index // DOCS_PER_FILE}.yaml").write_text("---\n".join(docs))


def terraform_corpus(root: Path, resources: int, per_module: int = 10, seed: int = 7) -> None:
    """`resources` Terraform resources in modules of `per_module` resources each."""
    rng = random.Random(seed)
    for module_index in range(0, resources, per_module):
        module = root / f"module-{module_index // per_module}"
        module.mkdir(parents=True, exist_ok=True)
        (module / "providers.tf").write_text(TERRAFORM_PROVIDER)
        blocks = [
            rng.choice(TERRAFORM_RESOURCES).format(
                i=i, replicas=rng.randint(1, 4), retention=rng.choice([30, 180, 365])
            )
            for i in range(module_index, min(module_index + per_module, resources))
        ]
        (module / "main.tf").write_text("\n".join(blocks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["kubernetes", "terraform"])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.kind == "kubernetes":
        kubernetes_corpus(args.out, args.count)
    else:
        terraform_corpus(args.out, args.count)


if __name__ == "__main__":
    main()
