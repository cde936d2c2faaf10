"""The shipped example AI platform gives exactly these findings, so the README's first
command shows real problems and a change in any rule or parser shows up here."""

from __future__ import annotations

import csv

import pytest

from aiguard.billing.scan import run_billing_scan
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
        8,
        "AIG-HOT-001",
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
        "kubernetes/serving/embeddings-deployment.yaml",
        31,
        "AIG-COST-015",
        "apps/v1/Deployment/ml-serving/embeddings",
    ),
    (
        "kubernetes/training/rayjob.yaml",
        16,
        "AIG-COST-003",
        "ray.io/v1/RayJob/ml-training/nightly-eval",
    ),
    (
        "kubernetes/training/rayjob.yaml",
        28,
        "AIG-DOC-001",
        "ray.io/v1/RayJob/ml-training/nightly-eval",
    ),
    (
        "kubernetes/training/rayjob.yaml",
        39,
        "AIG-DOC-001",
        "ray.io/v1/RayJob/ml-training/nightly-eval",
    ),
    (
        "kubernetes/training/rayjob.yaml",
        40,
        "AIG-COST-015",
        "ray.io/v1/RayJob/ml-training/nightly-eval",
    ),
    (
        "terraform/aws/sagemaker.tf",
        66,
        "AIG-ENC-001",
        "aws_sagemaker_endpoint_configuration.ranking",
    ),
    (
        "terraform/aws/sagemaker.tf",
        66,
        "AIG-HOT-001",
        "aws_sagemaker_endpoint_configuration.ranking",
    ),
    (
        "terraform/aws/sagemaker.tf",
        76,
        "AIG-ENC-004",
        "aws_sagemaker_endpoint_configuration.ranking",
    ),
    (
        "terraform/aws/sagemaker.tf",
        78,
        "AIG-LOG-001",
        "aws_sagemaker_endpoint_configuration.ranking",
    ),
    (
        "terraform/aws/sagemaker.tf",
        81,
        "AIG-LOG-001",
        "aws_sagemaker_endpoint_configuration.ranking",
    ),
    ("terraform/aws/storage.tf", 30, "AIG-ENC-002", "aws_s3_bucket.training_data_dr"),
    ("terraform/aws/storage.tf", 30, "AIG-RES-001", "aws_s3_bucket.training_data_dr"),
    ("terraform/aws/storage.tf", 35, "AIG-ENC-003", "aws_cloudwatch_log_group.inference"),
    ("terraform/aws/storage.tf", 37, "AIG-LOG-002", "aws_cloudwatch_log_group.inference"),
    ("terraform/gcp/main.tf", 6, "AIG-COST-002", "google_container_node_pool.a100"),
    ("terraform/gcp/main.tf", 6, "AIG-HOT-001", "google_container_node_pool.a100"),
    ("terraform/gcp/main.tf", 11, "AIG-COST-004", "google_container_node_pool.a100"),
]


def test_examples_give_exactly_the_expected_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO / "examples")
    result = run_scan(["."], Config(), workers=1)
    found = [(f.file, f.line, f.rule_id, f.resource) for f in result.findings]
    assert found == EXPECTED
    assert result.files_scanned == 10
    assert result.resources == 20


def test_billing_example_gives_exactly_the_expected_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO / "examples")
    result = run_billing_scan(["billing"], Config())
    found = [(f.rule_id, f.severity.value, f.resource) for f in result.findings]
    assert found == [
        ("AIG-COST-102", "medium", "billing:untagged"),
        ("AIG-COST-103", "medium", "billing:gpu/2026-11"),
        ("AIG-COST-105", "high", "billing:day/2026-11-17"),
        ("AIG-COST-106", "high", "billing:region/aws/us-east-1"),
    ]
    assert result.billing is not None
    with (REPO / "examples/billing/focus-2026-11.csv").open(newline="") as export:
        billed = [float(row["BilledCost"]) for row in csv.DictReader(export)]
    assert (result.billing.rows, result.billing.billed_cost) == (len(billed), round(sum(billed), 2))
    assert [a.day.isoformat() for a in result.billing.anomalies] == ["2026-11-17"]
