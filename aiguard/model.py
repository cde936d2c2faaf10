"""The shared data model: what parsers produce, what rules report, what outputs render.

Every parser turns its format into `Resource` objects so that one policy can cover
Terraform and Kubernetes alike; every finding, whatever produced it, is a `Finding`.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator


class Severity(str, Enum):
    """How bad a finding is; `--fail-on` compares against this order."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: critical=4 ... info=0."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}


class AIMetadata(BaseModel):
    """The regulatory context an AI resource declares in tags, labels or annotations.

    The named fields are the scoping vocabulary (rules/ai_act.yaml lists their values);
    any other `aiguard.io/<name>` declaration (oversight-owner, model-registry, ...) is
    kept as an extra field `<name>` with `-` turned into `_`.
    """

    model_config = ConfigDict(extra="allow")

    risk_class: str | None = None
    role: str | None = None
    data_classification: str | None = None
    gpai: str | None = None
    annex_iii: str | None = None
    personal_data: str | None = None
    system_id: str | None = None


class Derived(BaseModel):
    """Facts a parser computes once so that no policy has to re-derive them."""

    model_config = ConfigDict(extra="forbid")

    region: str | None = None
    tags: dict[str, str] = Field(default_factory=dict)
    # Accelerators at the declared scale; 0 for a GPU pool that scales from zero.
    gpu_count: int = 0
    # Whether the resource's machines or pods carry accelerators at all, whatever its scale.
    has_gpu: bool = False
    gpu_type: str | None = None
    instance_type: str | None = None
    replicas: int | None = None
    is_ai: bool = False
    ai: AIMetadata = Field(default_factory=AIMetadata)


class Resource(BaseModel):
    """One infrastructure object, whatever format it came from."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: str
    provider: str
    file: str
    line: int
    end_line: int
    attributes: dict[str, Any] = Field(default_factory=dict)
    derived: Derived = Field(default_factory=Derived)
    # Dotted attribute path ("spec.predictor.logger", "production_variants.0.instance_type")
    # to its 1-based line, where the parser knows it cheaply.
    attribute_lines: dict[str, int] = Field(default_factory=dict)

    def to_input(self) -> dict[str, Any]:
        """The form policies see: no attribute lines, no nulls in `derived`.

        Rego treats `null` as a value, so `not r.derived.region` would be false for a
        null region; omitting unknown facts keeps such checks natural.
        """
        return {
            "id": self.id,
            "kind": self.kind,
            "provider": self.provider,
            "file": self.file,
            "line": self.line,
            "attributes": self.attributes,
            "derived": self.derived.model_dump(exclude_none=True),
        }

    def line_of(self, attribute: str | None) -> int:
        """The line of `attribute` or of its nearest known parent, else the resource's."""
        path = attribute or ""
        while path:
            if path in self.attribute_lines:
                return self.attribute_lines[path]
            path = path.rpartition(".")[0]
        return self.line


class ParseError(BaseModel):
    """A file, or part of one, that could not be read; it becomes an AIG-PARSE finding."""

    file: str
    line: int
    message: str


class ParseOutput(BaseModel):
    """What a parser returns for one file or one Terraform module directory."""

    resources: list[Resource] = Field(default_factory=list)
    errors: list[ParseError] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)


class FrameworkRef(BaseModel):
    """A reference from a rule to a legal text or internal guardrail."""

    model_config = ConfigDict(extra="forbid")

    name: str
    ref: str


class RuleMeta(BaseModel):
    """What a rule's METADATA block says about it, plus where it was found."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    title: str
    description: str
    severity: Severity
    kinds: list[str] = Field(min_length=1)
    frameworks: list[FrameworkRef] = Field(default_factory=list)
    basis: Literal["law", "evidence", "practice"]
    remediation: str
    # Declarations a resource must make for the rule to bind it, e.g. {risk_class: [high]}.
    scope: dict[str, list[str]] | None = None
    effective_from: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    package: str = ""
    file: str = ""
    builtin: bool = True

    @field_validator("scope")
    @classmethod
    def _scope_uses_the_vocabulary(
        cls, scope: dict[str, list[str]] | None
    ) -> dict[str, list[str]] | None:
        from aiguard.derive import ai_vocabulary  # derive imports this module

        vocabulary = ai_vocabulary()
        for name, values in (scope or {}).items():
            if name not in vocabulary:
                raise ValueError(f"scope key {name!r} is not one of {', '.join(vocabulary)}")
            unknown = [v for v in values if v not in vocabulary[name]]
            if unknown:
                raise ValueError(
                    f"scope {name} values {unknown} are not in {', '.join(vocabulary[name])}"
                )
        return scope

    @property
    def family(self) -> str:
        """The family folder of the rule (`encryption`, `residency`, ...)."""
        return self.package.split(".", 1)[0]


class Waiver(BaseModel):
    """An accepted risk on the record: which rule, why, who owns it, until when."""

    model_config = ConfigDict(extra="forbid")

    rule_id: str
    reason: str
    owner: str | None = None
    ticket: str | None = None
    expires: date | None = None
    source: Literal["inline", "config"]
    file: str = Field(description="Where the waiver is written")
    line: int


class Finding(BaseModel):
    """One problem at one place, ready for any output format."""

    rule_id: str
    title: str
    severity: Severity
    message: str
    file: str
    line: int
    resource: str | None = None
    kind: str | None = None
    attribute: str | None = None
    frameworks: list[FrameworkRef] = Field(default_factory=list)
    fingerprint: str = Field(
        default="",
        description="Stable across line moves: a digest of rule, resource (or file) and attribute",
    )
    waiver: Waiver | None = Field(
        default=None, description="The waiver that accepts this finding; it then never fails"
    )
    diff: Literal["new", "unchanged"] | None = Field(
        default=None,
        description="Diff mode: introduced by the change, or already in the base (never fails)",
    )

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """Findings are always sorted by this, so outputs are deterministic."""
        return (self.file, self.line, self.rule_id, self.resource or "", self.message)


class ScanResult(BaseModel):
    """Everything one scan found, before it is rendered."""

    findings: list[Finding] = Field(default_factory=list)
    files_scanned: int = 0
    resources: int = 0
    rules: int = 0
    notices: list[str] = Field(default_factory=list)
    # Every rule that ran or could report, by id, for outputs that explain rules.
    rules_run: dict[str, RuleMeta] = Field(default_factory=dict)
    # Every parsed resource, for what needs more than findings: AI systems in the
    # compliance report, the cost of a change. Not part of the JSON report.
    inventory: list[Resource] = Field(default_factory=list, exclude=True)
    fixed: list[Finding] = Field(
        default_factory=list, description="Diff mode: findings of the base that are gone"
    )
    diff_base: str | None = Field(
        default=None, description="Diff mode: the commit the scan was compared with"
    )
    cost: CostChange | None = None
    billing: BillingSummary | None = None

    def failing(self, fail_on: str) -> list[Finding]:
        """Findings at or above the `--fail-on` threshold (none for "none"), except
        waived ones and, in diff mode, those the base already had."""
        if fail_on == "none":
            return []
        threshold = Severity(fail_on).rank
        return [
            f
            for f in self.findings
            if f.severity.rank >= threshold and f.waiver is None and f.diff != "unchanged"
        ]


class CostLine(BaseModel):
    """The estimated monthly cost of one resource, before and after a change."""

    resource: str
    file: str
    line: int
    monthly_before: float | None = Field(description="None: the resource is new")
    monthly_after: float | None = Field(description="None: the resource is removed")
    basis: str = Field(description="How it was priced, e.g. `2 x p4d.24xlarge at 32.77/h`")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def delta(self) -> float:
        """After minus before; a new resource costs all of it, a removed one saves it."""
        return round((self.monthly_after or 0.0) - (self.monthly_before or 0.0), 2)


class CostChange(BaseModel):
    """The monthly cost of the AI infrastructure in the scanned manifests."""

    currency: str = "USD"
    hours_per_month: float
    lines: list[CostLine] = Field(default_factory=list)
    total_before: float | None = Field(default=None, description="None: no --diff-base")
    total_after: float


class Amount(BaseModel):
    """Spend under one key (a service, region, account, tag value, SKU or resource)."""

    key: str
    cost: float


class DailyCost(BaseModel):
    """One day of the daily cost series, with the anomaly verdict for that day."""

    day: date
    cost: float
    expected: float | None = None
    anomaly: bool = False


class BillingSummary(BaseModel):
    """What a billing scan read, for the summary in every report."""

    model_config = ConfigDict(extra="allow")

    source_format: str
    rows: int
    currency: str = "USD"
    period_start: date | None = None
    period_end: date | None = None
    billed_cost: float
    effective_cost: float
    top_services: list[Amount] = Field(default_factory=list)
    gpu_cost: float = 0.0
    untagged_share: float = Field(default=0.0, description="0..1 of cost without required tags")
    daily: list[DailyCost] = Field(default_factory=list)
    anomalies: list[DailyCost] = Field(default_factory=list)
    top_resources: list[Amount] = Field(default_factory=list, description="Costliest resources")
    gpu_by_sku: list[Amount] = Field(
        default_factory=list, description="GPU and accelerator spend by instance type or SKU"
    )
