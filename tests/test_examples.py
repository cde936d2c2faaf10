"""The shipped example AI platform gives exactly these findings, so the README's first
command shows real problems and a change in any rule or parser shows up here."""

from __future__ import annotations

import pytest

from aiguard.config import Config
from aiguard.scan import run_scan
from tests.conftest import REPO

EXPECTED = [
    (
        "kubernetes/serving/embeddings-deployment.yaml",
        8,
        "AIG-COST-002",
        "apps/v1/Deployment/ml-serving/embeddings",
    ),
    (
        "kubernetes/serving/embeddings-deployment.yaml",
        21,
        "AIG-RES-002",
        "apps/v1/Deployment/ml-serving/embeddings",
    ),
    (
        "kubernetes/serving/embeddings-deployment.yaml",
        25,
        "AIG-DOC-001",
        "apps/v1/Deployment/ml-serving/embeddings",
    ),
    (
        "kubernetes/training/rayjob.yaml",
        12,
        "AIG-COST-003",
        "ray.io/v1/RayJob/ml-training/nightly-eval",
    ),
    (
        "kubernetes/training/rayjob.yaml",
        24,
        "AIG-DOC-001",
        "ray.io/v1/RayJob/ml-training/nightly-eval",
    ),
    (
        "kubernetes/training/rayjob.yaml",
        35,
        "AIG-DOC-001",
        "ray.io/v1/RayJob/ml-training/nightly-eval",
    ),
    (
        "terraform/aws/sagemaker.tf",
        53,
        "AIG-ENC-001",
        "aws_sagemaker_endpoint_configuration.ranking",
    ),
    (
        "terraform/aws/sagemaker.tf",
        65,
        "AIG-LOG-001",
        "aws_sagemaker_endpoint_configuration.ranking",
    ),
    (
        "terraform/aws/sagemaker.tf",
        68,
        "AIG-LOG-001",
        "aws_sagemaker_endpoint_configuration.ranking",
    ),
    ("terraform/aws/storage.tf", 17, "AIG-ENC-002", "aws_s3_bucket.training_data_dr"),
    ("terraform/aws/storage.tf", 17, "AIG-RES-001", "aws_s3_bucket.training_data_dr"),
    ("terraform/aws/storage.tf", 22, "AIG-ENC-003", "aws_cloudwatch_log_group.inference"),
    ("terraform/aws/storage.tf", 24, "AIG-LOG-002", "aws_cloudwatch_log_group.inference"),
    ("terraform/gcp/main.tf", 6, "AIG-COST-002", "google_container_node_pool.a100"),
    ("terraform/gcp/main.tf", 11, "AIG-COST-004", "google_container_node_pool.a100"),
]


def test_examples_give_exactly_the_expected_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO / "examples")
    result = run_scan(["."], Config(), workers=1)
    found = [(f.file, f.line, f.rule_id, f.resource) for f in result.findings]
    assert found == EXPECTED
    assert result.files_scanned == 9
    assert result.resources == 17
