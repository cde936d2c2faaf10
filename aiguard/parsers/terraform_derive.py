"""Provider-specific facts shared by the Terraform HCL parser and the plan JSON parser.

Both parsers hand this module a resource body in the same shape (nested blocks as lists of
dicts, as `terraform show -json` renders them) plus the literal settings of the provider
configuration the resource uses, so a GPU node group or a regional bucket yields the same
`Derived` facts whether it was read from `.tf` source or from a plan.

Values the parsers could not resolve arrive as Terraform JSON expression strings
(`"${var.size}"`); every helper here treats those as unknown rather than as data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiguard.derive import (
    ai_metadata,
    gpu_model_for_accelerator,
    gpus_for_instance_type,
    is_ai_resource,
)
from aiguard.model import Derived

# GCP location names: `europe-west4` is a region, `europe-west4-a` a zone of it.
_GCP_REGION = re.compile(r"^[a-z]+-[a-z]+\d+$")
_GCP_ZONE = re.compile(r"^([a-z]+-[a-z]+\d+)-[a-z]$")
# Multi- and dual-regions (`EU`, `US`, `ASIA`, `EUR4`, `NAM4`) are kept as written.
_GCP_MULTI_REGION = re.compile(r"^[A-Za-z]{2,4}\d?$")
# `launch_template { id = aws_launch_template.gpu.id }` as the HCL parser renders it.
_LAUNCH_TEMPLATE_REF = re.compile(r"^\$\{aws_launch_template\.([A-Za-z0-9_-]+)\.(?:id|name)\}$")

Attributes = Mapping[str, Any]
# Resource id -> attributes of the other resources in the same module.
Siblings = Mapping[str, Attributes]


def resource_family(resource_type: str) -> str:
    """The provider a type belongs to by Terraform's own rule: the prefix before `_`."""
    return resource_type.split("_", 1)[0]


def derive_facts(
    kind: str,
    attributes: Attributes,
    provider_config: Attributes,
    siblings: Siblings | None = None,
    *,
    data_source: bool = False,
) -> Derived:
    """All derived facts of one resource.

    `provider_config` holds the literal arguments of the provider configuration the
    resource uses (`region`, `default_tags`, `default_labels`); `siblings` maps the ids of
    the other resources in the same module to their attributes, for facts that live in a
    referenced resource (an autoscaling group's launch template). Data sources are read,
    not created, so provider default tags and labels do not apply to them.
    """
    family = resource_family(kind)
    tags = effective_tags(family, attributes, {} if data_source else provider_config)
    fleets = _FLEETS.get(kind, _no_fleet)(attributes, siblings or {})
    instance_type, gpu_count, gpu_type, replicas = _summarise(
        fleets, whole_number(attributes.get("count"))
    )
    has_gpu = any(fleet.gpus_per_machine for fleet in fleets)
    return Derived(
        region=effective_region(family, attributes, provider_config),
        tags=tags,
        gpu_count=gpu_count,
        has_gpu=has_gpu,
        gpu_type=gpu_type,
        instance_type=instance_type,
        replicas=replicas,
        is_ai=is_ai_resource(kind, has_gpu),
        ai=ai_metadata(tags),
    )


# --- region -------------------------------------------------------------------------


def effective_region(
    family: str, attributes: Attributes, provider_config: Attributes
) -> str | None:
    """Where the resource runs: its own region setting first, then its provider's."""
    if family == "aws":
        # AWS provider v6 accepts `region` on every resource; older ones only on the provider.
        return literal_text(attributes.get("region")) or literal_text(provider_config.get("region"))
    if family == "google":
        candidates = (
            attributes.get("region"),
            attributes.get("location"),
            attributes.get("zone"),
            provider_config.get("region"),
            provider_config.get("zone"),
        )
        return next((r for r in map(gcp_location, candidates) if r), None)
    if family == "azurerm":
        location = literal_text(attributes.get("location"))
        return location.lower().replace(" ", "") if location else None
    return None


def gcp_location(value: Any) -> str | None:
    """A GCP region for a region or zone name; multi-regions as written; else None."""
    text = literal_text(value)
    if text is None:
        return None
    lowered = text.lower()
    if _GCP_REGION.match(lowered):
        return lowered
    zone = _GCP_ZONE.match(lowered)
    if zone:
        return zone.group(1)
    if lowered == "global":
        return lowered
    return text if _GCP_MULTI_REGION.match(text) else None


# --- tags ---------------------------------------------------------------------------


def effective_tags(
    family: str, attributes: Attributes, provider_config: Attributes
) -> dict[str, str]:
    """Tags or labels as the cloud will see them: provider defaults under resource values.

    A plan already carries the merged map (`tags_all`, `effective_labels`); source does not,
    so there the provider's `default_tags` / `default_labels` are merged in here.
    """
    if family == "aws":
        if isinstance(attributes.get("tags_all"), Mapping):
            return _string_map(attributes["tags_all"])
        defaults = _first_block(provider_config.get("default_tags")).get("tags")
        return {**_string_map(defaults), **_string_map(attributes.get("tags"))}
    if family == "google":
        if isinstance(attributes.get("effective_labels"), Mapping):
            return _string_map(attributes["effective_labels"])
        defaults = provider_config.get("default_labels")
        # A GKE node pool has no labels of its own: its VMs carry node_config's
        # resource_labels, and billing sees those.
        vm_labels = _first_block(attributes.get("node_config")).get("resource_labels")
        return {
            **_string_map(defaults),
            **_string_map(vm_labels),
            **_string_map(attributes.get("labels")),
        }
    return _string_map(attributes.get("tags"))


def _string_map(value: Any) -> dict[str, str]:
    """A tag map as strings, the way Terraform coerces `map(string)`; other values dropped."""
    if not isinstance(value, Mapping):
        return {}
    out: dict[str, str] = {}
    for key, item in value.items():
        if isinstance(item, bool):
            out[str(key)] = "true" if item else "false"
        elif isinstance(item, (str, int, float)):
            out[str(key)] = str(item)
    return out


# --- compute ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fleet:
    """Identical machines: their type, accelerators on each, and how many there are."""

    instance_type: str | None
    gpus_per_machine: int
    gpu_type: str | None
    machines: int | None


_FleetReader = Callable[[Attributes, Siblings], list[_Fleet]]


def _summarise(
    fleets: list[_Fleet], count: int | None
) -> tuple[str | None, int, str | None, int | None]:
    """(instance type, GPU count, GPU type, replicas) over all fleets, times `count`.

    A fleet of unknown size counts one machine towards the GPU total: it exists and
    requests accelerators even if the parser cannot tell how many machines it has.
    """
    multiplier = 1 if count is None else count
    sizes = [fleet.machines for fleet in fleets if fleet.machines is not None]
    replicas = sum(sizes) * multiplier if sizes else None
    gpus = sum(
        fleet.gpus_per_machine * (1 if fleet.machines is None else fleet.machines)
        for fleet in fleets
    )
    instance_type = fleets[0].instance_type if fleets else None
    gpu_type = next((fleet.gpu_type for fleet in fleets if fleet.gpus_per_machine), None)
    return instance_type, gpus * multiplier, gpu_type, replicas


def _fleet(instance_type: Any, machines: int | None, accelerators: Any = None) -> _Fleet:
    """A fleet whose GPUs come from attached accelerators if any, else the machine type."""
    name = literal_text(instance_type)
    attached = _blocks(accelerators)
    if attached:
        per_machine = sum(_accelerator_count(block) for block in attached)
        model = gpu_model_for_accelerator(literal_text(attached[0].get("type")))
        return _Fleet(name, per_machine, model, machines)
    known = gpus_for_instance_type(name)
    per_machine, model = known if known else (0, None)
    return _Fleet(name, per_machine, model, machines)


def _accelerator_count(block: Attributes) -> int:
    """A declared accelerator whose count is an unresolved expression still means one."""
    count = whole_number(block.get("count"))
    return 1 if count is None else count


def _no_fleet(attributes: Attributes, siblings: Siblings) -> list[_Fleet]:
    return []


def _single_instance(attribute: str) -> _FleetReader:
    """A kind that is one machine of the type named by `attribute` (times `count`)."""

    def fleets(attributes: Attributes, siblings: Siblings) -> list[_Fleet]:
        return [_fleet(attributes.get(attribute), 1, attributes.get("guest_accelerator"))]

    return fleets


def _eks_node_group(attributes: Attributes, siblings: Siblings) -> list[_Fleet]:
    types = attributes.get("instance_types")
    first_type = types[0] if isinstance(types, list) and types else None
    scaling = _first_block(attributes.get("scaling_config"))
    size = _first_known(scaling.get("desired_size"), scaling.get("min_size"))
    return [_fleet(first_type, size)]


def _autoscaling_group(attributes: Attributes, siblings: Siblings) -> list[_Fleet]:
    template = _first_block(attributes.get("launch_template"))
    name = _launch_template_name(template.get("id")) or _launch_template_name(template.get("name"))
    launch_template = siblings.get(f"aws_launch_template.{name}", {}) if name else {}
    size = _first_known(attributes.get("desired_capacity"), attributes.get("min_size"))
    return [_fleet(launch_template.get("instance_type"), size)]


def _launch_template_name(value: Any) -> str | None:
    """The launch template name in `${aws_launch_template.NAME.id}`, if that is the value."""
    match = _LAUNCH_TEMPLATE_REF.match(value) if isinstance(value, str) else None
    return match.group(1) if match else None


def _sagemaker_endpoint_configuration(attributes: Attributes, siblings: Siblings) -> list[_Fleet]:
    return [
        _fleet(variant.get("instance_type"), whole_number(variant.get("initial_instance_count")))
        for variant in _blocks(attributes.get("production_variants"))
    ]


def _gke_node_pool(attributes: Attributes, siblings: Siblings) -> list[_Fleet]:
    node = _first_block(attributes.get("node_config"))
    autoscaling = _first_block(attributes.get("autoscaling"))
    size = _first_known(
        attributes.get("node_count"),
        attributes.get("initial_node_count"),
        autoscaling.get("min_node_count"),
    )
    return [_fleet(node.get("machine_type"), size, node.get("guest_accelerator"))]


def _aks_node_pool(attributes: Attributes, siblings: Siblings) -> list[_Fleet]:
    size = _first_known(attributes.get("node_count"), attributes.get("min_count"))
    return [_fleet(attributes.get("vm_size"), size)]


def _aml_compute_cluster(attributes: Attributes, siblings: Siblings) -> list[_Fleet]:
    # The declared baseline, not the ceiling the cluster may scale to.
    scale = _first_block(attributes.get("scale_settings"))
    return [_fleet(attributes.get("vm_size"), whole_number(scale.get("min_node_count")))]


_FLEETS: dict[str, _FleetReader] = {
    "aws_instance": _single_instance("instance_type"),
    "aws_launch_template": _single_instance("instance_type"),
    "aws_eks_node_group": _eks_node_group,
    "aws_autoscaling_group": _autoscaling_group,
    "aws_sagemaker_endpoint_configuration": _sagemaker_endpoint_configuration,
    "google_container_node_pool": _gke_node_pool,
    "google_compute_instance": _single_instance("machine_type"),
    "azurerm_kubernetes_cluster_node_pool": _aks_node_pool,
    "azurerm_machine_learning_compute_cluster": _aml_compute_cluster,
    "azurerm_linux_virtual_machine": _single_instance("size"),
}


# --- value helpers ------------------------------------------------------------------


def literal_text(value: Any) -> str | None:
    """A known, non-empty string; expression strings (`${...}`) count as unknown."""
    if isinstance(value, str) and value and "${" not in value:
        return value
    return None


def whole_number(value: Any) -> int | None:
    """A whole number from a literal number or numeric string; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _first_known(*values: Any) -> int | None:
    """The first of `values` that is a known whole number (0 counts as known)."""
    return next((n for n in map(whole_number, values) if n is not None), None)


def _blocks(value: Any) -> list[Attributes]:
    """A nested block list (`[{...}, ...]`); a single object is accepted as one block."""
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, Mapping)]
    return []


def _first_block(value: Any) -> Attributes:
    """The first block of a nested block list, or an empty mapping."""
    blocks = _blocks(value)
    return blocks[0] if blocks else {}
