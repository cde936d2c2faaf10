"""`billing:` in .aiguard.yaml: budgets, thresholds and tag keys for billing scans.

Validated at the boundary so a typo in a budget scope stops the run with the file and
line; the values are then merged over rules/billing.yaml as the policies' data.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

_SCOPE = re.compile(r"^(total|service:.+|sub_account:.+|tag:[^=]+=.+)$")


class Budget(BaseModel):
    """A monthly budget for one slice of spend."""

    model_config = ConfigDict(extra="forbid")

    scope: str = Field(description="total, service:<name>, sub_account:<id> or tag:<key>=<value>")
    monthly: float = Field(gt=0)

    @field_validator("scope")
    @classmethod
    def _known_scope(cls, scope: str) -> str:
        if not _SCOPE.match(scope):
            raise ValueError(
                f"scope {scope!r} must be total, service:<ServiceName>, "
                "sub_account:<SubAccountId> or tag:<key>=<value>"
            )
        return scope


class Thresholds(BaseModel):
    """Guardrail thresholds; unset ones keep rules/billing.yaml's values."""

    model_config = ConfigDict(extra="forbid")

    untagged_share_max_percent: float | None = Field(default=None, ge=0, le=100)
    gpu_on_demand_share_max_percent: float | None = Field(default=None, ge=0, le=100)
    gpu_min_cost: float | None = Field(default=None, ge=0)
    unused_commitment_max_percent: float | None = Field(default=None, ge=0, le=100)
    unused_commitment_min_cost: float | None = Field(default=None, ge=0)
    ai_growth_max_percent: float | None = Field(default=None, ge=0)
    ai_growth_min_cost: float | None = Field(default=None, ge=0)


class Anomaly(BaseModel):
    """Anomaly detection settings; unset ones keep rules/billing.yaml's values."""

    model_config = ConfigDict(extra="forbid")

    window_days: int | None = Field(default=None, ge=2)
    min_history_days: int | None = Field(default=None, ge=1)
    z_score: float | None = Field(default=None, gt=0)
    min_increase: float | None = Field(default=None, ge=0)
    min_increase_percent: float | None = Field(default=None, ge=0)


class BillingSettings(BaseModel):
    """Everything `billing:` may say."""

    model_config = ConfigDict(extra="forbid")

    budgets: list[Budget] | None = None
    required_tags: list[str] | None = None
    tag_keys: list[str] | None = None
    thresholds: Thresholds = Field(default_factory=Thresholds)
    anomaly: Anomaly = Field(default_factory=Anomaly)

    def as_data(self) -> dict[str, object]:
        """What overrides rules/billing.yaml: only what the user set."""
        return self.model_dump(exclude_none=True)


def model_at(loc: tuple[str | int, ...]) -> type[BaseModel]:
    """The model an error location inside `billing:` points into (for unknown keys)."""
    models: dict[str, type[BaseModel]] = {
        "budgets": Budget,
        "thresholds": Thresholds,
        "anomaly": Anomaly,
    }
    named = [part for part in loc[1:-1] if isinstance(part, str)]
    return models.get(named[0], BillingSettings) if named else BillingSettings
