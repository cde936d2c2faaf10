""".aiguard.yaml: the user's configuration, validated by pydantic.

Read with ruamel.yaml's round-trip loader so that every error can name the line
of the offending key; this file is small, so the slower loader costs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from aiguard.billing.settings import BillingSettings
from aiguard.billing.settings import model_at as billing_model_at
from aiguard.costing.settings import CostSettings
from aiguard.derive import ai_vocabulary
from aiguard.errors import ConfigError
from aiguard.model import Severity
from aiguard.waivers import ConfigWaiver

CONFIG_FILE = ".aiguard.yaml"
FailOn = Literal["critical", "high", "medium", "low", "info", "none"]


class RuleOverride(BaseModel):
    """Turn one of our rules off or give it another severity."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    severity: Severity | None = None


class AIDefaults(BaseModel):
    """Declarations for AI resources under `paths` that do not make them themselves."""

    model_config = ConfigDict(extra="forbid")

    paths: list[str] = Field(min_length=1)
    declare: dict[str, str] = Field(min_length=1)

    @field_validator("declare")
    @classmethod
    def _known_values(cls, declare: dict[str, str]) -> dict[str, str]:
        vocabulary = ai_vocabulary()
        for name, value in declare.items():
            allowed = vocabulary.get(name)
            if allowed is not None and value.lower() not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
        return {
            name: value.lower() if name in vocabulary else value for name, value in declare.items()
        }


class Config(BaseModel):
    """Everything `.aiguard.yaml` may say. Paths are relative to the file's directory."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    fail_on: FailOn = "high"
    policies: list[str] = Field(default_factory=list)
    data: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    rules: dict[str, RuleOverride] = Field(default_factory=dict)
    settings: dict[str, Any] = Field(default_factory=dict)
    ai_defaults: list[AIDefaults] = Field(default_factory=list)
    waivers: list[ConfigWaiver] = Field(default_factory=list)
    costs: CostSettings = Field(default_factory=CostSettings)
    billing: BillingSettings = Field(default_factory=BillingSettings)
    base_dir: Path = Field(default=Path("."), exclude=True)
    source: str | None = Field(default=None, exclude=True)
    # Read while the YAML tree is at hand, so a scan from another directory (the base
    # of --diff-base) still knows them.
    _waiver_lines: list[int | None] = PrivateAttr(default_factory=list)

    def policy_dirs(self) -> list[Path]:
        """User policy directories, resolved against the config file's directory."""
        return [self.base_dir / p for p in self.policies]

    def data_dirs(self) -> list[Path]:
        """User data directories, resolved against the config file's directory."""
        return [self.base_dir / p for p in self.data]

    def disabled_rules(self) -> set[str]:
        """Ids of rules the user turned off."""
        return {rule_id for rule_id, o in self.rules.items() if not o.enabled}

    def severity_overrides(self) -> dict[str, Severity]:
        """Rule id -> the severity the user gave it, for the rules they re-rated."""
        return {rule_id: o.severity for rule_id, o in self.rules.items() if o.severity}

    def check_rule_ids(self, known: set[str]) -> None:
        """A typo in a rule id would silently do nothing; make it an error instead."""
        for rule_id in self.rules:
            if rule_id not in known:
                raise ConfigError(
                    f"rules: unknown rule id {rule_id}; `aiguard policies list` shows the ids",
                    file=self.source,
                    line=self._line_of(("rules", rule_id)),
                )
        for index, waiver in enumerate(self.waivers):
            if "*" not in waiver.rule and "?" not in waiver.rule and waiver.rule not in known:
                raise ConfigError(
                    f"waivers: unknown rule id {waiver.rule}; "
                    "`aiguard policies list` shows the ids",
                    file=self.source,
                    line=self._line_of(("waivers", index, "rule")),
                )

    def waiver_lines(self) -> list[int | None]:
        """The line each entry of `waivers:` starts on, for reports that point at it."""
        if len(self._waiver_lines) != len(self.waivers):
            return [None] * len(self.waivers)
        return list(self._waiver_lines)

    def _line_of(self, loc: tuple[str | int, ...]) -> int | None:
        if self.source is None:
            return None
        return yaml_line_of(_load_yaml(Path(self.source)), loc)


def load_config(path: Path | None) -> Config:
    """Read `path`, or `.aiguard.yaml` in the current directory if present."""
    if path is None:
        default = Path(CONFIG_FILE)
        if not default.is_file():
            return Config()
        path = default
    if not path.is_file():
        raise ConfigError("config file not found", file=str(path))
    raw = _load_yaml(path)
    if raw is None:
        raw = CommentedMap()
    if not isinstance(raw, dict):
        raise ConfigError("the config must be a mapping of keys to values", file=str(path), line=1)
    try:
        config = Config.model_validate(_plain(raw))
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        raise ConfigError(
            _explain(loc, error["msg"], error["type"]), file=str(path), line=yaml_line_of(raw, loc)
        ) from exc
    config = config.model_copy(update={"base_dir": path.parent, "source": str(path)})
    config._waiver_lines = [yaml_line_of(raw, ("waivers", i)) for i in range(len(config.waivers))]
    return config


def _load_yaml(path: Path) -> Any:
    try:
        return YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise ConfigError(
            f"invalid YAML: {exc.problem}", file=str(path), line=mark.line + 1 if mark else None
        ) from exc


def _plain(value: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _explain(loc: tuple[str | int, ...], msg: str, kind: str) -> str:
    path = ".".join(str(part) for part in loc)
    if kind == "extra_forbidden":
        parent: type[BaseModel] = Config
        if len(loc) > 1:
            parents: dict[str, type[BaseModel]] = {
                "ai_defaults": AIDefaults,
                "waivers": ConfigWaiver,
                "costs": CostSettings,
            }
            parent = parents.get(str(loc[0]), RuleOverride)
            if loc[0] == "billing":
                parent = billing_model_at(loc)
        allowed = ", ".join(k for k in parent.model_fields if k not in ("base_dir", "source"))
        return f"unknown key {path!r}; allowed keys: {allowed}"
    return f"{path}: {msg}"


def yaml_line_of(node: Any, loc: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the deepest key of `loc` that exists in the YAML tree."""
    line: int | None = None
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line
