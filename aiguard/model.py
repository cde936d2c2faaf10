"""The shared data model: what parsers produce, what rules report, what outputs render.

Every parser turns its format into `Resource` objects so that one policy can cover
Terraform and Kubernetes alike; every finding, whatever produced it, is a `Finding`.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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

    def failing(self, fail_on: str) -> list[Finding]:
        """Findings at or above the `--fail-on` threshold (none for "none")."""
        if fail_on == "none":
            return []
        threshold = Severity(fail_on).rank
        return [f for f in self.findings if f.severity.rank >= threshold]
