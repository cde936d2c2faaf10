"""Derived facts shared by every parser: AI metadata, GPUs per instance type, AI kinds.

Parsers call these so that a fact such as "this is a high-risk AI system with 8 A100s"
is computed the same way whether it came from a Terraform tag or a Kubernetes label.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

from aiguard.model import AIMetadata
from aiguard.paths import builtin_rules_dir

# Tag, label and annotation keys that declare regulatory context. GCP labels allow
# neither "." nor "/", so `aiguard-risk-class` and `aiguard_risk_class` count too.
_AI_KEY_PREFIXES = ("aiguard.io/", "aiguard:", "aiguard-", "aiguard_")


def ai_metadata(*sources: Mapping[str, Any]) -> AIMetadata:
    """Every aiguard declaration in tag/label/annotation maps; later sources win.

    `aiguard.io/oversight-owner: ml-risk@example.com` becomes `oversight_owner`, so a
    rule can read any declaration as `r.derived.ai.<name>` without parser changes.
    """
    enumerated = ai_vocabulary()  # values from a fixed vocabulary compare lower-case
    found: dict[str, str] = {}
    for source in sources:
        for key, value in source.items():
            field = _ai_field(str(key))
            text = "" if value is None else str(value).strip()
            if field and text:
                found[field] = text.lower() if field in enumerated else text
    return AIMetadata(**found)


def _ai_field(key: str) -> str | None:
    lowered = key.lower()
    for prefix in _AI_KEY_PREFIXES:
        if lowered.startswith(prefix):
            name = lowered[len(prefix) :].replace("-", "_").replace(".", "_")
            return name if name.isidentifier() else None
    return None


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, Any]:
    with open(builtin_rules_dir() / "gpu_catalogue.yaml", encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.load(handle, Loader=yaml.CSafeLoader)
    return data


def gpus_for_instance_type(instance_type: str | None) -> tuple[int, str] | None:
    """Accelerators per instance for an EC2, SageMaker, GCE or Azure VM type, if known."""
    if not instance_type:
        return None
    name = instance_type.strip().lower()
    name = name.removeprefix("ml.")
    entry = _catalogue()["instance_types"].get(name)
    if entry is None:
        return None
    return int(entry["count"]), str(entry["type"])


def gpu_model_for_accelerator(accelerator: str | None) -> str | None:
    """The GPU model for a GCP accelerator type or node label value (`nvidia-l4` -> L4)."""
    if not accelerator:
        return None
    known: dict[str, str] = _catalogue()["accelerators"]
    return known.get(accelerator.strip().lower(), accelerator)


def accelerator_resource_names() -> tuple[str, ...]:
    """Kubernetes extended resource names that request accelerators."""
    return tuple(_catalogue()["resource_names"])


@lru_cache(maxsize=1)
def ai_vocabulary() -> dict[str, list[str]]:
    """Allowed values of the enumerated AI declarations (rules/ai_act.yaml)."""
    with open(builtin_rules_dir() / "ai_act.yaml", encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    return {name: [str(v) for v in values] for name, values in data["vocabulary"].items()}


@lru_cache(maxsize=1)
def ai_kinds() -> frozenset[str]:
    """Resource kinds that are AI systems or their components (rules/ai_resources.yaml)."""
    with open(builtin_rules_dir() / "ai_resources.yaml", encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    return frozenset(data["kinds"])


def is_ai_resource(kind: str, has_gpu: bool) -> bool:
    """An AI resource is an AI kind or anything that runs on accelerators."""
    return kind in ai_kinds() or has_gpu
