"""`aiguard prices refresh` against the AWS Price List API.

The Price List API is a remote AWS service that cannot run here, so these tests give
boto3's real `pricing` client botocore's Stubber: every request is checked against the
API model and the filters we expect, and answered with a response in AWS's documented
shape. Everything else (reading, re-pricing and writing the catalogue) is real.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import boto3
import pytest
import yaml
from botocore.stub import Stubber
from click.testing import CliRunner

from aiguard.cli import cli
from aiguard.costing.catalogue import load_catalogue
from aiguard.costing.refresh import PRICE_LIST_SOURCE, refresh_catalogue

EC2 = "https://aws.amazon.com/ec2/pricing/on-demand/"
SAGEMAKER = "https://aws.amazon.com/sagemaker/pricing/"
CATALOGUE = f"""\
# A comment that must survive the rewrite.
currency: USD
hours_per_month: 730
reference_regions: {{aws: us-east-1}}
instance_types:
  g5.xlarge: {{hourly: {{us-east-1: 1.0}}, source: "{EC2}", as_of: "2025-01-01", checked: "x"}}
  ml.g5.xlarge: {{hourly: {{us-east-1: 1.408}}, source: "{SAGEMAKER}", as_of: "2025-01-01"}}
gpu_hour:
  A10G: {{hourly: 1.0, source: "{EC2}", as_of: "2025-01-01"}}
default_gpu_hour: {{hourly: 1.0, source: "{EC2}", as_of: "2025-01-01"}}
"""


def _product(price: str) -> str:
    return json.dumps(
        {
            "product": {"attributes": {"instanceType": "g5.xlarge"}},
            "terms": {
                "OnDemand": {
                    "SKU.TERM": {
                        "priceDimensions": {
                            "SKU.TERM.RATE": {"unit": "Hrs", "pricePerUnit": {"USD": price}}
                        }
                    }
                }
            },
        }
    )


def _expect(stubber: Stubber, region: str, price_list: list[str]) -> None:
    filters = {
        "instanceType": "g5.xlarge",
        "regionCode": region,
        "operatingSystem": "Linux",
        "tenancy": "Shared",
        "preInstalledSw": "NA",
        "capacitystatus": "Used",
    }
    stubber.add_response(
        "get_products",
        {"FormatVersion": "aws_v1", "PriceList": price_list},
        {
            "ServiceCode": "AmazonEC2",
            "Filters": [{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in filters.items()],
            "FormatVersion": "aws_v1",
            "MaxResults": 10,
        },
    )


def test_refresh_rewrites_ec2_entries_with_source_and_date(tmp_path: Path) -> None:
    source = tmp_path / "prices.yaml"
    source.write_text(CATALOGUE, encoding="utf-8")
    output = tmp_path / "refreshed.yaml"
    client = boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stubber:
        _expect(stubber, "us-east-1", [_product("1.0060000000")])
        _expect(stubber, "eu-west-1", [_product("1.1230000000")])
        _expect(stubber, "ap-south-2", [])  # not sold there: dropped, and reported
        report = refresh_catalogue(
            source, output, client, ["eu-west-1", "ap-south-2"], date(2026, 11, 29)
        )
        stubber.assert_no_pending_responses()

    assert report.updated == ["g5.xlarge"]
    assert report.missing == ["g5.xlarge in ap-south-2"]
    assert report.skipped == ["ml.g5.xlarge"]
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# A comment that must survive the rewrite.\n")
    written = yaml.safe_load(text)["instance_types"]
    assert written["g5.xlarge"] == {
        "hourly": {"us-east-1": 1.006, "eu-west-1": 1.123},
        "source": PRICE_LIST_SOURCE,
        "as_of": "2026-11-29",
    }
    assert written["ml.g5.xlarge"]["hourly"] == {"us-east-1": 1.408}
    assert load_catalogue(output).instance_types["g5.xlarge"].hourly["eu-west-1"] == 1.123
    assert source.read_text(encoding="utf-8") == CATALOGUE


def test_refresh_command_writes_the_output_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command's wiring, with the same stubbed client in place of the remote API."""
    source = tmp_path / "prices.yaml"
    source.write_text(CATALOGUE, encoding="utf-8")
    client = boto3.client(
        "pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    stubber = Stubber(client)
    _expect(stubber, "us-east-1", [_product("0.9990000000")])
    stubber.activate()
    monkeypatch.setattr(boto3, "client", lambda service, region_name: client)
    output = tmp_path / "out.yaml"
    result = CliRunner().invoke(
        cli, ["prices", "refresh", "--catalogue", str(source), "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert f"updated 1 AWS EC2 entries in {output}" in result.stdout
    assert "not refreshed (not AWS EC2): ml.g5.xlarge" in result.stderr
    assert load_catalogue(output).instance_types["g5.xlarge"].hourly == {"us-east-1": 0.999}
