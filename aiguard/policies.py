"""Load Rego policies, their METADATA blocks, and the rule data under `rules/`.

Rule metadata is read here in Python, not through `rego.metadata`, because the
embedded engine does not support it (shared/ENGINES.md). A rule is a package
`aiguard.rules.<family>.<name>` with a `# METADATA` block whose `custom` section
carries the id, severity, kinds and framework references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aiguard.errors import PolicyError
from aiguard.model import FrameworkRef, Severity

RULE_PACKAGE_PREFIX = "aiguard.rules."
_PACKAGE_LINE = re.compile(r"^package\s+([\w.]+)\s*$", re.MULTILINE)
_RULE_PACKAGE = re.compile(r"^aiguard\.rules\.([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")


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
    scope: dict[str, list[str]] | None = None
    effective_from: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    package: str = ""
    file: str = ""
    builtin: bool = True

    @property
    def family(self) -> str:
        """The family folder of the rule (`encryption`, `residency`, ...)."""
        return self.package.split(".", 1)[0]


class _MetadataBlock(BaseModel):
    """The OPA annotation fields we read; `custom` holds our own."""

    model_config = ConfigDict(extra="allow")

    title: str
    description: str = ""
    custom: dict[str, Any]


@dataclass(frozen=True)
class PolicyModule:
    """One Rego source file as the engine loads it."""

    path: str
    source: str


@dataclass
class PolicySet:
    """Every module to load and the metadata of every rule among them."""

    modules: list[PolicyModule] = field(default_factory=list)
    rules: dict[str, RuleMeta] = field(default_factory=dict)  # by package suffix

    def by_id(self) -> dict[str, RuleMeta]:
        """Rules keyed by their public id."""
        return {rule.id: rule for rule in self.rules.values()}

    def without(self, disabled: set[str]) -> PolicySet:
        """The set minus disabled rules, so they cost nothing to evaluate."""
        dropped = {r.file for r in self.rules.values() if r.id in disabled}
        return PolicySet(
            modules=[m for m in self.modules if m.path not in dropped],
            rules={k: r for k, r in self.rules.items() if r.id not in disabled},
        )


def _rego_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise PolicyError("policy directory does not exist", file=str(directory))
    return sorted(p for p in directory.rglob("*.rego") if not p.name.endswith("_test.rego"))


def _package_of(path: Path, source: str) -> tuple[str, int]:
    match = _PACKAGE_LINE.search(source)
    if not match:
        raise PolicyError(
            "no `package` declaration; add one such as `package aiguard.rules.encryption.my_rule`",
            file=str(path),
            line=1,
        )
    return match.group(1), source.count("\n", 0, match.start()) + 1


def _metadata_yaml(source: str, package_line: int) -> tuple[str, int] | None:
    """The YAML text of the `# METADATA` comment block just above the package line."""
    lines = source.splitlines()
    end = package_line - 1  # index of the package line
    start = end
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    block = lines[start:end]
    for offset, text in enumerate(block):
        if text.strip() == "# METADATA":
            body = [re.sub(r"^\s*# ?", "", line) for line in block[offset + 1 :]]
            return "\n".join(body), start + offset + 1
    return None


def parse_rule_metadata(path: Path, source: str, package: str, package_line: int) -> RuleMeta:
    """Validate a rule's METADATA block; errors name the file, line and the fix."""
    found = _metadata_yaml(source, package_line)
    if found is None:
        raise PolicyError(
            f"rule package {package} has no `# METADATA` block directly above `package`; "
            "see docs/writing-rules.md",
            file=str(path),
            line=package_line,
        )
    text, line = found
    try:
        raw = yaml.safe_load(text)
        block = _MetadataBlock.model_validate(raw)
        custom = dict(block.custom)
        meta = RuleMeta.model_validate(
            {"title": block.title, "description": block.description, **custom}
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = line + 1 + (mark.line if mark else 0)
        raise PolicyError(f"METADATA is not valid YAML: {exc}", file=str(path), line=where) from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'METADATA'}: {err['msg']}"
            for err in exc.errors()
        )
        raise PolicyError(f"invalid METADATA: {problems}", file=str(path), line=line) from exc
    return meta.model_copy(
        update={"package": package.removeprefix(RULE_PACKAGE_PREFIX), "file": str(path)}
    )


def load_policies(builtin_dir: Path, user_dirs: Iterable[Path]) -> PolicySet:
    """Read our policies and the user's; a user rule with one of our ids replaces ours."""
    user_modules = [(p, False) for d in user_dirs for p in _rego_files(d)]
    candidates = [(p, True) for p in _rego_files(builtin_dir)] + user_modules
    loaded: list[tuple[PolicyModule, RuleMeta | None]] = []
    for path, builtin in candidates:
        source = path.read_text(encoding="utf-8")
        package, package_line = _package_of(path, source)
        meta = None
        if package.startswith(RULE_PACKAGE_PREFIX):
            if not _RULE_PACKAGE.match(package):
                raise PolicyError(
                    f"rule package {package} must be named aiguard.rules.<family>.<name> "
                    "(lower-case, two parts after `rules`)",
                    file=str(path),
                    line=package_line,
                )
            meta = parse_rule_metadata(path, source, package, package_line)
            meta = meta.model_copy(update={"builtin": builtin})
        loaded.append((PolicyModule(str(path), source), meta))

    user_ids = {m.id for _, m in loaded if m is not None and not m.builtin}
    policy_set = PolicySet()
    seen: dict[str, RuleMeta] = {}
    for module, meta in loaded:
        if meta is not None:
            if meta.builtin and meta.id in user_ids:
                continue
            if meta.id in seen:
                raise PolicyError(
                    f"rule id {meta.id} is already used by {seen[meta.id].file}; "
                    "give every rule its own id",
                    file=module.path,
                )
            if meta.package in policy_set.rules:
                raise PolicyError(
                    f"package aiguard.rules.{meta.package} is already defined by "
                    f"{policy_set.rules[meta.package].file}; use another package name",
                    file=module.path,
                )
            seen[meta.id] = meta
            policy_set.rules[meta.package] = meta
        policy_set.modules.append(module)
    return policy_set


def load_rule_data(dirs: Iterable[Path], settings: Mapping[str, Any]) -> dict[str, Any]:
    """Rule data as the policies see it: `data.aiguard.config.<file stem>`.

    Files later in `dirs` (the user's) are deep-merged over earlier ones (ours),
    and the `settings` of `.aiguard.yaml` over all of them.
    """
    config: dict[str, Any] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise PolicyError("data directory does not exist", file=str(directory))
        for path in sorted(directory.iterdir()):
            if path.suffix not in (".yaml", ".yml", ".json"):
                continue
            config = deep_merge(config, {path.stem: _read_data_file(path)})
    config = deep_merge(config, dict(settings))
    return {"aiguard": {"config": config}}


def _read_data_file(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except json.JSONDecodeError as exc:
        raise PolicyError(f"invalid JSON: {exc.msg}", file=str(path), line=exc.lineno) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}",
            file=str(path),
            line=mark.line + 1 if mark else None,
        ) from exc


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """`override` merged into `base`; nested mappings merge, everything else replaces."""
    merged = dict(base)
    for key, value in override.items():
        current = merged.get(key)
        if isinstance(current, Mapping) and isinstance(value, Mapping):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = value
    return merged
