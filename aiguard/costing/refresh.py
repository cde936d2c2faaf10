"""`aiguard prices refresh`: AWS EC2 on-demand prices from the AWS Price List Query API.

Rewrites the `hourly`, `source` and `as_of` of every AWS EC2 entry of a catalogue
(rules/prices.yaml by default), keeping its comments. SageMaker, Google Cloud and Azure
entries are left as they are and listed as not refreshed: the Price List API covers
only AWS, and SageMaker's products are not keyed by instance type alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

# The Price List Query API is served from these regions only; us-east-1 is one of them.
PRICING_API_REGION = "us-east-1"
PRICE_LIST_SOURCE = "https://api.pricing.us-east-1.amazonaws.com"
_EC2_PAGE = "https://aws.amazon.com/ec2/"


@dataclass
class RefreshReport:
    """What a refresh changed, and what it could not price."""

    updated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def ec2_on_demand_price(client: Any, instance_type: str, region: str) -> float | None:
    """The Linux, shared-tenancy, on-demand hourly USD price, or None if AWS lists none."""
    filters = {
        "instanceType": instance_type,
        "regionCode": region,
        "operatingSystem": "Linux",
        "tenancy": "Shared",
        "preInstalledSw": "NA",
        "capacitystatus": "Used",
    }
    response = client.get_products(
        ServiceCode="AmazonEC2",
        Filters=[{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in filters.items()],
        FormatVersion="aws_v1",
        MaxResults=10,
    )
    for product in response.get("PriceList", []):
        document = json.loads(product) if isinstance(product, str) else product
        for offer in document.get("terms", {}).get("OnDemand", {}).values():
            for dimension in offer.get("priceDimensions", {}).values():
                usd = dimension.get("pricePerUnit", {}).get("USD")
                if usd is not None and float(usd) > 0:
                    return float(usd)
    return None


def refresh_catalogue(
    path: Path, output: Path, client: Any, regions: Iterable[str], today: date
) -> RefreshReport:
    """Re-price the AWS EC2 entries of the catalogue at `path` and write it to `output`.

    `regions` adds regions to every entry; without them each entry keeps its own. A
    region AWS has no price for is dropped from the entry (the type is not sold there);
    an entry priced nowhere is left as it was and reported missing.
    """
    yaml = YAML(typ="rt")
    yaml.width = 4096
    document = yaml.load(path.read_text(encoding="utf-8"))
    report = RefreshReport()
    extra = list(regions)
    for name, entry in document["instance_types"].items():
        if not str(entry.get("source", "")).startswith((_EC2_PAGE, PRICE_LIST_SOURCE)):
            report.skipped.append(str(name))
            continue
        hourly = CommentedMap()
        for region in dict.fromkeys([*entry["hourly"], *extra]):
            price = ec2_on_demand_price(client, str(name), str(region))
            if price is None:
                report.missing.append(f"{name} in {region}")
            else:
                hourly[region] = price
        if not hourly:
            continue  # AWS priced it nowhere asked: keep the entry as it was, and say so
        hourly.fa.set_flow_style()
        entry["hourly"] = hourly
        entry["source"] = PRICE_LIST_SOURCE
        entry["as_of"] = today.isoformat()
        entry.pop("checked", None)
        entry.pop("note", None)
        report.updated.append(str(name))
    with output.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)
    return report
