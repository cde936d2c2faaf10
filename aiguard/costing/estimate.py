"""The estimated monthly cost of one resource: machines or GPUs, times hours, times price.

Only AI compute is estimated: resources with accelerators, and managed AI compute
(SageMaker endpoint configurations, Vertex AI deployment resource pools, Azure ML
compute) whatever their hardware. A resource in scope that cannot be priced is never
counted as zero: it comes back as `Unpriced` with the reason, and becomes a notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from aiguard.costing.catalogue import Price, PriceBook
from aiguard.derive import gpu_model_for_accelerator, gpus_for_instance_type
from aiguard.model import Resource
from aiguard.parsers.terraform_derive import literal_text, whole_number


@dataclass(frozen=True)
class Estimate:
    """A priced resource: its monthly cost and how that was computed."""

    resource: Resource
    monthly: float
    basis: str
    gap: str | None = None  # what the estimate leaves out, reported as a notice


@dataclass(frozen=True)
class Unpriced:
    """A resource in scope that could not be priced, and why."""

    resource: Resource
    reason: str


_DATA_SOURCE = re.compile(r"^(module\.[^.]+\.)*data\.")

# Kubernetes kinds that run until someone removes them; their GPUs bill all month.
LONG_RUNNING_WORKLOADS = frozenset(
    {
        "Pod",
        "Deployment",
        "StatefulSet",
        "ReplicaSet",
        "InferenceService",
        "RayCluster",
        "RayService",
        "Notebook",
    }
)
# Kinds whose GPUs bill only while a run lasts, which the manifest does not say.
BATCH_WORKLOADS = frozenset(
    {"Job", "CronJob", "RayJob", "PyTorchJob", "TFJob", "MPIJob", "TrainJob"}
)

# Terraform kinds that are machines, with their machine count in `derived.replicas`.
MACHINE_FLEETS = frozenset(
    {
        "aws_instance",
        "aws_eks_node_group",
        "aws_autoscaling_group",
        "google_container_node_pool",
        "google_compute_instance",
        "azurerm_kubernetes_cluster_node_pool",
        "azurerm_linux_virtual_machine",
    }
)


def estimate(resource: Resource, prices: PriceBook) -> Estimate | Unpriced | None:
    """The monthly cost of `resource`, or None when it is not AI compute."""
    if _DATA_SOURCE.match(resource.id) and resource.provider != "kubernetes":
        return None  # a Terraform data source reads something that exists; it creates nothing
    if resource.kind in _MANAGED:
        return _MANAGED[resource.kind](resource, prices)
    if resource.kind in MACHINE_FLEETS and resource.derived.has_gpu:
        return _machine_fleet(resource, prices)
    if resource.provider == "kubernetes" and resource.derived.has_gpu:
        return _kubernetes_workload(resource, prices)
    return None


def in_cost_scope(resource: Resource) -> bool:
    """Whether the estimate looks at the resource at all (cheap: no prices needed)."""
    return resource.kind in _MANAGED or resource.derived.has_gpu


def _money(value: float) -> float:
    return round(value, 2)


def _hours(prices: PriceBook) -> str:
    return f"{prices.hours_per_month:g} h"


def _machines_part(count: int, name: str, price: Price, prices: PriceBook) -> tuple[float, str]:
    cost = count * prices.hours_per_month * price.hourly
    text = (
        f"{count} x {name} x {_hours(prices)} x {price.hourly:.10g} {prices.currency}/h "
        f"({price.origin})"
    )
    return cost, text


def _gpus_part(count: int, gpu: str, price: Price, prices: PriceBook) -> tuple[float, str]:
    cost = count * prices.hours_per_month * price.hourly
    unit = "GPU" if gpu == "GPU" else f"{gpu} GPU"
    text = (
        f"{count} x {unit} x {_hours(prices)} x {price.hourly:.10g} {prices.currency}/GPU-h "
        f"({price.origin})"
    )
    return cost, text


def _priced(resource: Resource, parts: list[tuple[float, str]]) -> Estimate:
    return Estimate(
        resource, _money(sum(cost for cost, _ in parts)), " + ".join(t for _, t in parts)
    )


# --- machines ------------------------------------------------------------------------


def _machine_fleet(resource: Resource, prices: PriceBook) -> Estimate | Unpriced:
    """Instance type times machine count; GPUs attached to an N1-style machine on top."""
    derived = resource.derived
    count = derived.replicas
    name = derived.instance_type
    if count is None:
        return Unpriced(resource, "its number of machines is not a literal")
    if name is None:
        return Unpriced(resource, "its instance or machine type is not a literal")
    return _machines(resource, name, count, _attached_accelerators(resource), prices)


def _machines(
    resource: Resource,
    name: str,
    count: int,
    attached: tuple[int, str | None],
    prices: PriceBook,
) -> Estimate | Unpriced:
    region = resource.derived.region
    machine = prices.instance(name, resource.provider, region)
    per_machine, gpu_type = attached
    if gpus_for_instance_type(name) is not None:
        per_machine = 0  # accelerator-optimized types include their GPUs in the price
    parts: list[tuple[float, str]] = []
    if machine is not None:
        parts.append(_machines_part(count, name, machine, prices))
    if per_machine:
        gpu_price = prices.gpu_hour(gpu_type, region)
        if gpu_price is None:
            return Unpriced(resource, f"no {prices.currency} GPU-hour price for {gpu_type}")
        parts.append(_gpus_part(count * per_machine, gpu_type or "GPU", gpu_price, prices))
    if machine is None:
        where = f" in {region}" if region else ""
        if not parts:
            return Unpriced(resource, f"no {prices.currency} price for {name}{where}")
        parts[-1] = (parts[-1][0], f"{parts[-1][1]}; host {name} not priced")
        missing = f"no {prices.currency} price for {name}{where}"
        gap = f"its GPUs are priced but not its host machines: {missing}"
        return replace(_priced(resource, parts), gap=gap)
    return _priced(resource, parts)


def _attached_accelerators(resource: Resource) -> tuple[int, str | None]:
    """GPUs per machine attached with `guest_accelerator` (GCE, GKE node_config)."""
    attributes = resource.attributes
    blocks = _blocks(attributes.get("guest_accelerator"))
    for node in _blocks(attributes.get("node_config")):
        blocks += _blocks(node.get("guest_accelerator"))
    count = 0
    model: str | None = None
    for block in blocks:
        number = whole_number(block.get("count"))
        count += 1 if number is None else number
        model = model or gpu_model_for_accelerator(literal_text(block.get("type")))
    return count, model


# --- managed AI compute --------------------------------------------------------------


def _sagemaker_endpoint_configuration(
    resource: Resource, prices: PriceBook
) -> Estimate | Unpriced | None:
    """Each instance-based production variant: instance type times initial instance count.
    Serverless variants bill per request and are left out."""
    parts: list[tuple[float, str]] = []
    for variant in _blocks(resource.attributes.get("production_variants")):
        if variant.get("serverless_config"):
            continue
        name = literal_text(variant.get("instance_type"))
        count = whole_number(variant.get("initial_instance_count"))
        label = literal_text(variant.get("variant_name")) or "variant"
        if name is None or count is None:
            return Unpriced(resource, f"{label}: instance type or count is not a literal")
        price = prices.instance(name, resource.provider, resource.derived.region)
        if price is None:
            return Unpriced(resource, f"no {prices.currency} price for {name}")
        parts.append(_machines_part(count, name, price, prices))
    if not parts:
        return None  # only serverless variants: billed per request, not per hour
    return _priced(resource, parts)


def _vertex_deployment_resource_pool(resource: Resource, prices: PriceBook) -> Estimate | Unpriced:
    """A Vertex AI deployment resource pool: machine spec times min_replica_count.
    Vertex AI node prices differ from Compute Engine's, so they are looked up under
    `vertex:<machine type>` and `vertex:<accelerator type>`."""
    resources = _first(resource.attributes.get("dedicated_resources"))
    spec = _first(resources.get("machine_spec"))
    name = literal_text(spec.get("machine_type"))
    count = whole_number(resources.get("min_replica_count"))
    if name is None or count is None:
        return Unpriced(resource, "its machine type or min_replica_count is not a literal")
    region = resource.derived.region
    machine = prices.instance(f"vertex:{name}", resource.provider, region)
    if machine is None:
        return Unpriced(
            resource, f"no {prices.currency} Vertex AI node price for {name} (vertex:{name})"
        )
    parts = [_machines_part(count, f"vertex:{name}", machine, prices)]
    accelerator = literal_text(spec.get("accelerator_type"))
    per_node = whole_number(spec.get("accelerator_count")) or 0
    if accelerator and per_node:
        price = prices.gpu_hour(f"vertex:{accelerator}", region)
        if price is None:
            return Unpriced(resource, f"no {prices.currency} price for vertex:{accelerator}")
        parts.append(_gpus_part(count * per_node, f"vertex:{accelerator}", price, prices))
    return _priced(resource, parts)


def _aml_compute_cluster(resource: Resource, prices: PriceBook) -> Estimate | Unpriced:
    """Azure ML compute cluster: VM size times the minimum nodes it always keeps."""
    scale = _first(resource.attributes.get("scale_settings"))
    count = whole_number(scale.get("min_node_count"))
    name = literal_text(resource.attributes.get("vm_size"))
    if name is None or count is None:
        return Unpriced(resource, "its vm_size or scale_settings min_node_count is not a literal")
    return _machines(resource, name, count, (0, None), prices)


def _aml_compute_instance(resource: Resource, prices: PriceBook) -> Estimate | Unpriced:
    """Azure ML compute instance: one VM, billed while it runs (assumed all month)."""
    name = literal_text(resource.attributes.get("virtual_machine_size"))
    if name is None:
        return Unpriced(resource, "its virtual_machine_size is not a literal")
    return _machines(resource, name, 1, (0, None), prices)


def _vm_scale_set(resource: Resource, prices: PriceBook) -> Estimate | Unpriced | None:
    """Azure VM scale set: sku times instances, for GPU skus only."""
    name = literal_text(resource.attributes.get("sku"))
    if name is None or gpus_for_instance_type(name) is None:
        return None
    count = whole_number(resource.attributes.get("instances"))
    if count is None:
        return Unpriced(resource, "its number of instances is not a literal")
    return _machines(resource, name, count, (0, None), prices)


_MANAGED: Mapping[str, Callable[[Resource, PriceBook], Estimate | Unpriced | None]] = {
    "aws_sagemaker_endpoint_configuration": _sagemaker_endpoint_configuration,
    "google_vertex_ai_deployment_resource_pool": _vertex_deployment_resource_pool,
    "azurerm_machine_learning_compute_cluster": _aml_compute_cluster,
    "azurerm_machine_learning_compute_instance": _aml_compute_instance,
    "azurerm_linux_virtual_machine_scale_set": _vm_scale_set,
}


# --- Kubernetes ----------------------------------------------------------------------


def _kubernetes_workload(resource: Resource, prices: PriceBook) -> Estimate | Unpriced:
    """GPUs requested times replicas times the GPU-hour price of the node type the pods
    select (instance price / its GPUs), else of their GPU model, else the default."""
    if resource.kind in BATCH_WORKLOADS:
        return Unpriced(resource, f"a {resource.kind} runs for a time the manifest does not state")
    if resource.kind == "DaemonSet":
        return Unpriced(resource, "a DaemonSet runs one pod per node, on nodes it does not count")
    if resource.kind not in LONG_RUNNING_WORKLOADS:
        return Unpriced(resource, f"aiguard does not know how long a {resource.kind} runs")
    gpus = resource.derived.gpu_count
    price, label = _gpu_hour_for_pods(resource, prices)
    if price is None:
        return Unpriced(resource, f"no {prices.currency} GPU-hour price for {label}")
    return _priced(resource, [_gpus_part(gpus, label, price, prices)])


def _gpu_hour_for_pods(resource: Resource, prices: PriceBook) -> tuple[Price | None, str]:
    derived = resource.derived
    region = derived.region
    node = derived.instance_type
    known = gpus_for_instance_type(node)
    if node and known:
        machine = prices.instance(node, "", region)
        if machine is not None:
            per_node, model = known
            share = Price(
                machine.hourly / per_node,
                f"{node} {machine.hourly:.10g} / {per_node}, {machine.origin}",
            )
            return share, model
    by_model = prices.gpu_hour(derived.gpu_type, region)
    if by_model is not None:
        return by_model, derived.gpu_type or "GPU"
    return prices.default_gpu_hour(), "GPU"


def _blocks(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def _first(value: Any) -> dict[str, Any]:
    blocks = _blocks(value)
    return blocks[0] if blocks else {}
