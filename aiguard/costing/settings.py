"""The `costs:` section of .aiguard.yaml: the user's prices and billing assumptions.

Kept apart from the estimator so that aiguard/config.py can validate it without
importing anything heavier than pydantic.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat

# An hourly price: one number for every region, or one per region.
HourlyPrice = PositiveFloat | dict[str, PositiveFloat]


class CostSettings(BaseModel):
    """Price overrides and assumptions; anything unset comes from rules/prices.yaml."""

    model_config = ConfigDict(extra="forbid")

    currency: str = Field(
        default="USD",
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code of the prices below and of the report; the built-in "
        "catalogue is only used when it is in the same currency",
    )
    hours_per_month: PositiveFloat | None = Field(
        default=None, le=744, description="Billed hours in a month; default 730 (rules/prices.yaml)"
    )
    default_gpu_hour: PositiveFloat | None = Field(
        default=None,
        description="Price of one GPU for one hour when a Kubernetes workload selects no "
        "known node type or GPU model",
    )
    instance_types: dict[str, HourlyPrice] = Field(
        default_factory=dict,
        description="Hourly price per instance or machine type (ml.g5.xlarge, "
        "a2-highgpu-1g, Standard_NC24ads_A100_v4), for all regions or per region",
    )
    gpu_hour: dict[str, HourlyPrice] = Field(
        default_factory=dict, description="Hourly price of one GPU by model (A100, L4, ...)"
    )
    catalogue: str | None = Field(
        default=None,
        description="A price catalogue to use instead of the built-in rules/prices.yaml, "
        "e.g. one written by `aiguard prices refresh --output`; relative to this file",
    )
