"""Kubernetes manifests (any kind, CRDs included) to `Resource` objects.

Speed decides the design (PERF-NOTES.md): libyaml composes the node graph in C, and one
Python pass over the nodes builds the plain values *and* records the line of every
attribute path. `yaml.load_all` would be no faster and would lose the lines; composing
twice would double the cost.

The pass reproduces what PyYAML's SafeLoader would build (YAML 1.1 scalars, merge keys,
anchors), with three deliberate differences: values JSON cannot carry (`.inf`, `.nan`,
timestamps, `!!binary`) keep their source text, unknown tags are read as plain values
instead of failing the file, and non-string keys become strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from aiguard.derive import (
    accelerator_resource_names,
    ai_metadata,
    gpu_model_for_accelerator,
    gpus_for_instance_type,
    is_ai_resource,
)
from aiguard.model import Derived, ParseError, ParseOutput, Resource
from aiguard.redact import redact_kubernetes_document

PROVIDER = "kubernetes"

# An alias is the same node object as its anchor, so a few kilobytes of nested aliases
# ("billion laughs") expand to billions of values; no real manifest comes near this.
MAX_NODES_PER_DOCUMENT = 1_000_000
# libyaml composes recursively in C: past some thousands of nested collections (fewer
# in a thread with a small stack) the process dies with a segfault, not an exception.
# The Python pass below gives up near 500 levels anyway (RecursionError), so refusing
# anything that could nest deeper than this loses nothing a manifest would contain.
MAX_NESTING = 1_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}

_HELM_NOTICE = "skipped Helm template (render it with `helm template` and scan the output)"

_CLUSTER_SCOPED = frozenset(
    {
        "Namespace",
        "ClusterRole",
        "ClusterRoleBinding",
        "CustomResourceDefinition",
        "ClusterServingRuntime",
        "PersistentVolume",
        "StorageClass",
        "Node",
        "PriorityClass",
        "ClusterIssuer",
        "IngressClass",
    }
)

_DEEP_BLOCK = re.compile(rf"[ ?-]{{{MAX_NESTING // 2}}}")
# The same at a line start; searching from the newline keeps the scan at C speed.
_DEEP_BLOCK_LINE = re.compile(rf"\n[ ?-]{{{MAX_NESTING // 2}}}")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_OPENING = frozenset(b"[{")


class _DocumentError(Exception):
    """A document that is valid YAML syntax but cannot be read safely or sensibly."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def parse_kubernetes(path: str, text: str) -> ParseOutput:
    """Every Kubernetes object in `text`, read from the file displayed as `path`.

    Never raises: a syntax error becomes a `ParseError` after the documents that parsed,
    documents that are not Kubernetes objects are skipped, Helm templates get a notice.
    """
    if _is_helm_template(path, text):
        return ParseOutput(notices=[f"{path}: {_HELM_NOTICE}"])
    output = ParseOutput()
    # libyaml skips a byte-order mark without counting it, which would shift every mark
    # index this module uses against the text by one.
    text = text.removeprefix("\ufeff")
    if _may_nest_too_deep(text):
        message = f"nesting deeper than {MAX_NESTING} levels"
        return ParseOutput(errors=[ParseError(file=path, line=1, message=message)])
    seen_ids: dict[str, int] = {}
    document_line = 1
    try:
        documents = yaml.compose_all(text, Loader=yaml.CSafeLoader)
        for index, root in enumerate(documents, start=1):
            document_line = root.start_mark.line + 1
            _read_document(output, path, text, root, index, seen_ids)
    except yaml.MarkedYAMLError as error:
        output.errors.append(_syntax_error(path, error))
    except yaml.YAMLError as error:
        output.errors.append(_reader_error(path, text, error))
    except Exception as error:
        # The contract is "bad input never crashes the scan": whatever else goes wrong
        # (an unencodable surrogate, a bug here) is reported against the document.
        message = f"could not read this YAML ({type(error).__name__})"
        output.errors.append(ParseError(file=path, line=document_line, message=message))
    return output


def _read_document(
    output: ParseOutput, path: str, text: str, root: Node, index: int, seen_ids: dict[str, int]
) -> None:
    """Add one document's resources, or its error, to `output`. The YAML stream is still
    sound after such an error, so the documents after it are read as usual."""
    try:
        output.resources.extend(_document_resources(path, text, root, index, seen_ids))
    except _DocumentError as error:
        output.errors.append(ParseError(file=path, line=error.line, message=error.message))
    except RecursionError:
        line = root.start_mark.line + 1
        output.errors.append(ParseError(file=path, line=line, message="YAML nested too deeply"))


# Helm's own template objects and functions. A bare `{{ ... }}` is not enough: Argo
# Workflows (`{{inputs.parameters.x}}`) and PrometheusRule alert texts (`{{ $value }}`)
# are valid manifests that use braces inside strings.
_HELM_ACTION = re.compile(
    r"\{\{-?\s*(?:[^}]*\.(?:Values|Release|Chart|Capabilities|Files|Template)\b"
    r"|(?:include|template|define|toYaml|tpl)\b)"
)


def _is_helm_template(path: str, text: str) -> bool:
    """Helm templates are Go templates, not YAML, until `helm template` renders them."""
    if "{{" in text and _HELM_ACTION.search(text):
        return True
    return any(
        parent.name == "templates" and (parent.parent / "Chart.yaml").is_file()
        for parent in Path(path).parents
    )


def _may_nest_too_deep(text: str) -> bool:
    """Whether `text` could nest more than MAX_NESTING levels, checked without parsing.

    Each nesting level costs at least one character: indentation or `- ` / `? ` before a
    line's content (block style), or an open bracket (flow style). So a short text, or
    one whose longest such line prefix and deepest bracket nesting stay under half the
    limit each, is safe; the bracket walk only runs when brackets are plentiful.
    """
    half = MAX_NESTING // 2
    if len(text) <= MAX_NESTING:
        return False
    if _DEEP_BLOCK.match(text) or _DEEP_BLOCK_LINE.search(text):
        return True
    if text.count("[") + text.count("{") <= half:
        return False
    # UTF-8 never uses ASCII bytes inside a multi-byte character, so deleting every
    # other byte at C speed leaves exactly the brackets, in order.
    brackets = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    depth = 0
    for byte in brackets:
        if byte in _OPENING:
            depth += 1
            if depth > half:
                return True
        elif depth:
            depth -= 1
    return False


def _syntax_error(path: str, error: yaml.MarkedYAMLError) -> ParseError:
    """PyYAML's own message quotes the source around the problem, which may be a secret:
    keep only the problem, its context and the position."""
    mark = error.problem_mark or error.context_mark
    what = ": ".join(part for part in (error.context, error.problem) if part)
    if mark is None:
        return ParseError(file=path, line=1, message=f"YAML syntax error: {what}")
    where = f"line {mark.line + 1}, column {mark.column + 1}"
    return ParseError(file=path, line=mark.line + 1, message=f"YAML syntax error: {what} ({where})")


def _reader_error(path: str, text: str, error: yaml.YAMLError) -> ParseError:
    """A character libyaml refuses; its position is a byte offset into the UTF-8 text."""
    if isinstance(error, ReaderError):
        line = text.encode("utf-8", "surrogatepass")[: error.position].count(b"\n") + 1
        message = f"YAML syntax error: character #x{error.character:04x}: {error.reason}"
        return ParseError(file=path, line=line, message=message)
    return ParseError(file=path, line=1, message=f"YAML syntax error ({type(error).__name__})")


# --- nodes to values ------------------------------------------------------------------


class _Builder:
    """Plain values from one document's nodes, recording the 1-based line of every
    attribute path (`spec.template.spec.containers.0.image`) on the way."""

    __slots__ = ("budget", "lines")

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}
        self.budget = MAX_NODES_PER_DOCUMENT

    def value(self, node: Node, prefix: str) -> Any:
        """The value of any node; `prefix` is its path plus a trailing dot."""
        if isinstance(node, MappingNode):
            return self.mapping(node, prefix)
        if isinstance(node, SequenceNode):
            return self.sequence(node, prefix)
        return _scalar(node.tag, node.value)

    def mapping(self, node: MappingNode, prefix: str) -> dict[str, Any]:
        """A mapping; the hot loop, so plain string values skip the call to `_scalar`."""
        pairs = node.value
        self._spend(len(pairs), node)
        lines = self.lines
        result: dict[str, Any] = {}
        for key_node, value_node in pairs:
            if type(key_node) is ScalarNode:
                tag = key_node.tag
                if tag == _STR:
                    key = key_node.value
                elif tag == _MERGE:
                    return self._merged(node, prefix)
                else:
                    key = str(_scalar(tag, key_node.value))
            else:
                key = self._complex_key(key_node)
            path = prefix + key
            lines[path] = key_node.start_mark.line + 1
            if type(value_node) is ScalarNode:
                tag = value_node.tag
                result[key] = value_node.value if tag == _STR else _scalar(tag, value_node.value)
            else:
                result[key] = self.value(value_node, path + ".")
        return result

    def sequence(self, node: SequenceNode, prefix: str) -> list[Any]:
        """A list; items get their own paths (`containers.0`) so findings can point at them."""
        items = node.value
        self._spend(len(items), node)
        lines = self.lines
        result: list[Any] = []
        for index, item in enumerate(items):
            path = prefix + str(index)
            lines[path] = item.start_mark.line + 1
            if type(item) is ScalarNode:
                tag = item.tag
                result.append(item.value if tag == _STR else _scalar(tag, item.value))
            else:
                result.append(self.value(item, path + "."))
        return result

    def _merged(self, node: MappingNode, prefix: str) -> dict[str, Any]:
        """A mapping with `<<` keys, merged in PyYAML's order: explicit keys win, and in
        `<<: [*a, *b]` the earlier mapping wins over the later one."""
        sources: list[MappingNode] = []
        explicit: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if type(key_node) is ScalarNode and key_node.tag == _MERGE:
                sources.extend(_merge_sources(value_node))
            else:
                explicit.append((key_node, value_node))
        result: dict[str, Any] = {}
        for source in sources:
            result.update(self.mapping(source, prefix))
        own = MappingNode(node.tag, explicit, node.start_mark, node.end_mark)
        result.update(self.mapping(own, prefix))
        return result

    def _complex_key(self, node: Node) -> str:
        """A mapping or list used as a key (`? [a, b]`): its string form. Its inner paths
        are not attribute paths, so their lines are recorded aside and dropped."""
        lines = self.lines
        self.lines = {}
        try:
            return str(self.value(node, ""))
        finally:
            self.lines = lines

    def _spend(self, count: int, node: Node) -> None:
        """Count `count` more values against the per-document cap on alias expansion."""
        self.budget -= count
        if self.budget < 0:
            raise _DocumentError(
                f"document expands to more than {MAX_NODES_PER_DOCUMENT} values (nested aliases?)",
                node.start_mark.line + 1,
            )


def _merge_sources(node: Node) -> list[MappingNode]:
    """The mappings a `<<` value names, in the order they are applied (each overwrites
    the previous): PyYAML lets the first mapping of `<<: [*a, *b]` win, so it goes last."""
    if isinstance(node, MappingNode):
        return [node]
    if isinstance(node, SequenceNode) and all(isinstance(item, MappingNode) for item in node.value):
        return list(reversed(node.value))
    raise _DocumentError(
        "YAML merge key `<<` needs a mapping or a list of mappings", node.start_mark.line + 1
    )


def _scalar(tag: str, text: str) -> Any:
    """A scalar as PyYAML's SafeLoader reads it; the composer has already resolved the
    implicit tag (YAML 1.1: `yes` is a bool, `0x1F` an int, `~` null)."""
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOLS.get(text.lower(), text)
    if tag == _INT:
        return _int(text)
    if tag == _FLOAT:
        return _float(text)
    return text


def _int(text: str) -> int | str:
    """YAML 1.1 integers: `1_000`, `0x1F`, `0b101`, `017` and `0o17` (octal), `1:30` (base 60)."""
    digits, sign = _unsigned(text.replace("_", ""))
    try:
        if ":" in digits:
            return sign * int(_sexagesimal(digits, int))
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)
        return sign * int(digits)
    except ValueError:
        return text


def _float(text: str) -> float | str:
    """YAML 1.1 floats; `.inf` and `.nan` stay text because JSON (and Rego) cannot hold them."""
    digits, sign = _unsigned(text.replace("_", "").lower())
    if digits in (".inf", ".nan"):
        return text
    try:
        if ":" in digits:
            return sign * _sexagesimal(digits, float)
        return sign * float(digits)
    except ValueError:
        return text


def _unsigned(text: str) -> tuple[str, int]:
    """The digits and the sign of a YAML number (`+` and `-` are both allowed)."""
    if text[:1] == "-":
        return text[1:], -1
    return text.removeprefix("+"), 1


def _sexagesimal(digits: str, convert: Callable[[str], float]) -> float:
    """YAML 1.1 base-60 numbers (`1:30` is 90), which PyYAML still resolves."""
    value: float = 0
    for part in digits.split(":"):
        value = value * 60 + convert(part)
    return value


# --- documents to resources -----------------------------------------------------------


def _document_resources(
    path: str, text: str, root: Node, index: int, seen_ids: dict[str, int]
) -> Iterator[Resource]:
    """The resources of one YAML document: none, one, or one per item of a `kind: List`."""
    if not isinstance(root, MappingNode):
        return
    items = _list_items(root)
    if items is None:
        resource = _resource(path, text, root, str(index), seen_ids)
        if resource is not None:
            yield resource
        return
    for position, item in enumerate(items.value, start=1):
        if isinstance(item, MappingNode):
            resource = _resource(path, text, item, f"{index}.{position}", seen_ids)
            if resource is not None:
                yield resource


def _list_items(root: MappingNode) -> SequenceNode | None:
    """The `items` node of a `kind: List` (or `DeploymentList`, ...) document, else None.

    Read from the nodes rather than the built value so each item is built on its own and
    its attribute paths and lines start at the item, not at `items.3.`.
    """
    kind: object = None
    items: SequenceNode | None = None
    for key_node, value_node in root.value:
        if key_node.value == "kind" and isinstance(value_node, ScalarNode):
            kind = value_node.value
        elif key_node.value == "items" and isinstance(value_node, SequenceNode):
            items = value_node
    if isinstance(kind, str) and kind.endswith("List"):
        return items
    return None


def _resource(
    path: str, text: str, node: MappingNode, fallback: str, seen_ids: dict[str, int]
) -> Resource | None:
    """One Kubernetes object, or None when the mapping has no `apiVersion` and `kind`."""
    builder = _Builder()
    value = builder.mapping(node, "")
    api_version = value.get("apiVersion")
    kind = value.get("kind")
    if not (isinstance(api_version, str) and api_version and isinstance(kind, str) and kind):
        return None
    document = redact_kubernetes_document(value)
    return Resource(
        id=_unique(_object_id(document, api_version, kind, fallback), seen_ids),
        kind=kind,
        provider=PROVIDER,
        file=path,
        line=node.start_mark.line + 1,
        end_line=_end_line(text, node),
        attributes=document,
        derived=_derive(kind, document),
        attribute_lines=builder.lines,
    )


def _object_id(document: dict[str, Any], api_version: str, kind: str, fallback: str) -> str:
    """`<apiVersion>/<kind>/<namespace>/<name>`, without the namespace for cluster-scoped
    kinds; `generateName`, then `<kind>#<document>` stand in for a missing name."""
    metadata = _as_mapping(document.get("metadata"))
    name = metadata.get("name") or metadata.get("generateName") or f"{kind}#{fallback}"
    if kind in _CLUSTER_SCOPED:
        return f"{api_version}/{kind}/{name}"
    namespace = metadata.get("namespace") or "default"
    return f"{api_version}/{kind}/{namespace}/{name}"


def _unique(object_id: str, seen_ids: dict[str, int]) -> str:
    """The id, suffixed `#2`, `#3` ... when the same object appears again in the file, so
    that findings and waivers can still tell the copies apart."""
    count = seen_ids.get(object_id, 0) + 1
    seen_ids[object_id] = count
    return object_id if count == 1 else f"{object_id}#{count}"


def _end_line(text: str, node: Node) -> int:
    """The last line holding content of `node`.

    libyaml ends a block collection where the next token starts, after any trailing
    comments, and ends a block scalar after its trailing blank lines, so neither mark is
    the answer alone. Stepping back from the collection's end over blank and comment
    lines is exact unless the content ends in a block scalar whose last line starts with
    `#`; the end of the last leaf is exact unless it is an alias (its marks are the
    anchor's, earlier). Neither overshoots, so the larger one is right.
    """
    return max(_last_content_line(text, node.end_mark), _last_leaf_line(text, node))


def _last_content_line(text: str, mark: Mark) -> int:
    """1-based line of the last line before `mark` that is not blank, a comment or a
    document marker."""
    end = mark.index
    line = mark.line
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        content = text[start:end].strip()
        if content and not content.startswith("#") and content not in ("---", "..."):
            return line + 1
        end = start - 1
        line -= 1
    return 1


def _last_leaf_line(text: str, node: Node) -> int:
    """1-based line where the document's last value ends, trailing line breaks excluded."""
    while isinstance(node, (MappingNode, SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    end = node.end_mark.index
    line = node.end_mark.line
    while end > 0 and text[end - 1] in " \t\r\n":
        if text[end - 1] == "\n":
            line -= 1
        end -= 1
    return line + 1


# --- derived facts --------------------------------------------------------------------


@dataclass(frozen=True)
class _PodGroup:
    """Pods created from one template: what each requests, how many, where they run."""

    # The pod spec, or the pod-spec-like block (KServe predictor): nodeSelector, affinity.
    spec: dict[str, Any]
    # The `resources` blocks whose accelerator requests each pod makes.
    resources: tuple[dict[str, Any], ...]
    replicas: int


# A kind's pod groups and its declared replica count (None when the kind has none).
_Workload = tuple[list[_PodGroup], int | None]

_POD_TEMPLATE = ("spec", "template", "spec")
_REPLICAS = ("spec", "replicas")


def _derive(kind: str, document: dict[str, Any]) -> Derived:
    """The facts every policy would otherwise re-derive from the attributes."""
    metadata = _as_mapping(document.get("metadata"))
    labels = _as_mapping(metadata.get("labels"))
    annotations = _as_mapping(metadata.get("annotations"))
    workload = _WORKLOADS.get(kind)
    groups, replicas = workload(document) if workload else ([], None)
    names = accelerator_resource_names()
    per_pod = [sum(_accelerators(block, names) for block in group.resources) for group in groups]
    gpu_count = sum(count * group.replicas for count, group in zip(per_pod, groups, strict=True))
    placements = [_placement(group.spec) for group in groups]
    instance_type = _first(_instance_type(placement) for placement in placements)
    known = gpus_for_instance_type(instance_type)
    gpu_type = _first(_gpu_type(placement) for placement in placements)
    return Derived(
        region=_first(_region(placement) for placement in placements),
        tags={str(key): _label_value(value) for key, value in labels.items()},
        gpu_count=gpu_count,
        has_gpu=any(per_pod),
        gpu_type=gpu_type or (known[1] if known else None),
        instance_type=instance_type,
        replicas=replicas,
        # Per pod, not at scale: a GPU server scaled to zero still runs on accelerators.
        is_ai=is_ai_resource(kind, any(per_pod)),
        ai=ai_metadata(labels, annotations),
    )


def _template(
    document: dict[str, Any],
    spec_at: tuple[str, ...],
    scale_at: tuple[str, ...] | None = None,
    scale_is_replicas: bool = False,
) -> _Workload:
    """One pod template at `spec_at`, run `scale_at` times at once (default 1).

    `scale_is_replicas` says whether that scale is the kind's replica count (Deployment)
    or only its parallelism (Job), which `derived.replicas` does not report.
    """
    scale = _count(_get(document, *scale_at), 1) if scale_at else 1
    groups = _pods(_get(document, *spec_at), scale)
    return groups, scale if scale_is_replicas else None


def _inference_service(document: dict[str, Any]) -> _Workload:
    """KServe: predictor, transformer and explainer each run `minReplicas` pods (default
    1); `replicas` is the predictor's."""
    groups: list[_PodGroup] = []
    replicas: int | None = None
    for component_name in ("predictor", "transformer", "explainer"):
        component = _get(document, "spec", component_name)
        if not isinstance(component, dict):
            continue
        scale = _count(component.get("minReplicas"), 1)
        groups.append(_PodGroup(component, _kserve_resources(component), scale))
        if component_name == "predictor":
            replicas = scale
    return groups, replicas


def _kserve_resources(component: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    """A KServe component requests through its containers and through its framework
    block (`model`, `sklearn`, `huggingface`, ...). Any mapping child with `resources`
    counts as such a block, so new frameworks need no change here."""
    blocks = list(_container_resources(component))
    for child in component.values():
        if isinstance(child, dict) and isinstance(child.get("resources"), dict):
            blocks.append(child["resources"])
    return tuple(blocks)


def _ray(document: dict[str, Any], cluster_at: tuple[str, ...]) -> _Workload:
    """KubeRay: one head pod plus, per worker group, `replicas` (default `minReplicas`,
    else 1) times `numOfHosts` (multi-host TPU slices) pods."""
    cluster = _get(document, *cluster_at)
    if not isinstance(cluster, dict):
        return [], None
    groups = _pods(_get(cluster, "headGroupSpec", "template", "spec"), 1)
    for worker in _as_list(cluster.get("workerGroupSpecs")):
        if isinstance(worker, dict):
            replicas = _count(worker.get("replicas"), _count(worker.get("minReplicas"), 1))
            hosts = _count(worker.get("numOfHosts"), 1)
            groups += _pods(_get(worker, "template", "spec"), replicas * hosts)
    workers = sum(group.replicas for group in groups[1:]) if groups else 0
    return groups, 1 + workers


def _replica_specs(document: dict[str, Any], field: str) -> _Workload:
    """Kubeflow training jobs: `spec.<field>.<Role>` runs `replicas` (default 1) pods."""
    roles = _get(document, "spec", field)
    if not isinstance(roles, dict):
        return [], None
    groups: list[_PodGroup] = []
    total = 0
    for role in roles.values():
        if isinstance(role, dict):
            replicas = _count(role.get("replicas"), 1)
            total += replicas
            groups += _pods(_get(role, "template", "spec"), replicas)
    return groups, total


def _train_job(document: dict[str, Any]) -> _Workload:
    """Kubeflow Trainer: `numNodes` (default 1) nodes, each requesting `resourcesPerNode`;
    the pod template itself lives in the referenced runtime, outside this document."""
    trainer = _as_mapping(_get(document, "spec", "trainer"))
    nodes = _count(trainer.get("numNodes"), 1)
    per_node = trainer.get("resourcesPerNode")
    resources = (per_node,) if isinstance(per_node, dict) else ()
    return [_PodGroup({}, resources, nodes)], nodes


_replicated_template = partial(
    _template, spec_at=_POD_TEMPLATE, scale_at=_REPLICAS, scale_is_replicas=True
)

# Where each kind keeps its pod templates; kinds not listed run no pods of their own.
_WORKLOADS: dict[str, Callable[[dict[str, Any]], _Workload]] = {
    "Pod": partial(_template, spec_at=("spec",)),
    "Deployment": _replicated_template,
    "StatefulSet": _replicated_template,
    "ReplicaSet": _replicated_template,
    "DaemonSet": partial(_template, spec_at=_POD_TEMPLATE),
    "Job": partial(_template, spec_at=_POD_TEMPLATE, scale_at=("spec", "parallelism")),
    "CronJob": partial(
        _template,
        spec_at=("spec", "jobTemplate", "spec", "template", "spec"),
        scale_at=("spec", "jobTemplate", "spec", "parallelism"),
    ),
    "Notebook": partial(_template, spec_at=_POD_TEMPLATE),
    "InferenceService": _inference_service,
    "RayCluster": partial(_ray, cluster_at=("spec",)),
    "RayJob": partial(_ray, cluster_at=("spec", "rayClusterSpec")),
    "RayService": partial(_ray, cluster_at=("spec", "rayClusterConfig")),
    "PyTorchJob": partial(_replica_specs, field="pytorchReplicaSpecs"),
    "TFJob": partial(_replica_specs, field="tfReplicaSpecs"),
    "MPIJob": partial(_replica_specs, field="mpiReplicaSpecs"),
    "TrainJob": _train_job,
}


def _pods(spec: Any, replicas: int) -> list[_PodGroup]:
    """A group for the pod spec `spec`, or none when the template is missing."""
    if not isinstance(spec, dict):
        return []
    return [_PodGroup(spec, tuple(_container_resources(spec)), replicas)]


def _container_resources(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The `resources` of the long-running containers; init containers run before them,
    one at a time, so their accelerators are not held on top."""
    for container in _as_list(spec.get("containers")):
        if isinstance(container, dict) and isinstance(container.get("resources"), dict):
            yield container["resources"]


def _accelerators(resources: dict[str, Any], names: Iterable[str]) -> int:
    """Accelerators one `resources` block holds: per resource name, the larger of limit
    and request (extended resources usually set only the limit)."""
    limits = _as_mapping(resources.get("limits"))
    requests = _as_mapping(resources.get("requests"))
    return sum(max(_count(limits.get(name), 0), _count(requests.get(name), 0)) for name in names)


def _placement(spec: dict[str, Any]) -> dict[str, list[str]]:
    """Node label -> allowed values, from `nodeSelector` and from the `In` expressions of
    required node affinity (preferred affinity does not bind the pod to a node)."""
    placement = {
        str(key): [str(value)] for key, value in _as_mapping(spec.get("nodeSelector")).items()
    }
    terms = _get(
        spec,
        "affinity",
        "nodeAffinity",
        "requiredDuringSchedulingIgnoredDuringExecution",
        "nodeSelectorTerms",
    )
    for term in _as_list(terms):
        for expression in _as_list(_as_mapping(term).get("matchExpressions")):
            expression = _as_mapping(expression)
            values = _as_list(expression.get("values"))
            if expression.get("operator") == "In" and values:
                placement.setdefault(str(expression.get("key")), [str(v) for v in values])
    return placement


def _gpu_type(placement: dict[str, list[str]]) -> str | None:
    """The GPU model a pod is pinned to by an NVIDIA, GKE or Karpenter node label."""
    if "nvidia.com/gpu.product" in placement:
        return placement["nvidia.com/gpu.product"][0]
    if "cloud.google.com/gke-accelerator" in placement:
        return gpu_model_for_accelerator(placement["cloud.google.com/gke-accelerator"][0])
    if "karpenter.k8s.aws/instance-gpu-name" in placement:
        return placement["karpenter.k8s.aws/instance-gpu-name"][0].upper()
    return None


_INSTANCE_TYPE_LABELS = (
    "node.kubernetes.io/instance-type",
    "beta.kubernetes.io/instance-type",
    "karpenter.k8s.aws/instance-type",
)
_REGION_LABELS = ("topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region")


def _instance_type(placement: dict[str, list[str]]) -> str | None:
    """The instance type a pod is pinned to; the first allowed one if several."""
    for label in _INSTANCE_TYPE_LABELS:
        if label in placement:
            return placement[label][0]
    return None


def _region(placement: dict[str, list[str]]) -> str | None:
    """The region a pod is pinned to. Several allowed regions give None: there is no
    single effective region, and rules can judge the list through the attributes."""
    for label in _REGION_LABELS:
        if label in placement:
            values = placement[label]
            return values[0] if len(values) == 1 else None
    return None


def _first(values: Iterable[str | None]) -> str | None:
    """The first fact some pod group declares: in a RayCluster the head usually has no
    GPU node selector while the workers do."""
    return next((value for value in values if value), None)


def _label_value(value: Any) -> str:
    """Label values as Kubernetes would store them: `true`, not Python's `True`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _count(value: Any, default: int) -> int:
    """A replica or accelerator count written as `2` or `"2"`; anything else (a
    template expression, a quantity like `500m`, a negative number) gives `default`."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value if value >= 0 else default
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    return default


def _get(value: Any, *keys: str) -> Any:
    """`value[key1][key2]...`, or None where a step is missing or not a mapping."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _as_mapping(value: Any) -> dict[str, Any]:
    """`value` if it is a mapping, else empty: manifests put anything anywhere."""
    return value if isinstance(value, dict) else {}


def _as_list(value: Any) -> list[Any]:
    """`value` if it is a list, else empty."""
    return value if isinstance(value, list) else []
