"""Terraform plan JSON (`terraform show -json plan.out`) -> `Resource` objects.

A plan is what Terraform is about to create: count and for_each are expanded, module
instances have full addresses, variables are set, and `tags_all` / `effective_labels` are
already merged. Resources are read from `planned_values`; the `configuration` section
tells which provider configuration (and so which region) each resource uses. Derived facts
come from the same functions as for HCL source (`terraform_derive`), so both agree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from aiguard.model import ParseError, ParseOutput, Resource
from aiguard.parsers.terraform_derive import Attributes, derive_facts, resource_family
from aiguard.redact import REDACTED, redact_secrets

_ADDRESS = re.compile(r'"address"\s*:\s*("(?:[^"\\]|\\.)*")')
# Instance keys in an address: `[0]`, `["eu-west-1"]`.
_INSTANCE_KEY = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]')


def is_terraform_plan(document: object) -> bool:
    """True for a decoded `terraform show -json` plan document."""
    return (
        isinstance(document, dict)
        and "format_version" in document
        and ("planned_values" in document or "resource_changes" in document)
    )


def parse_terraform_plan(path: str, text: str) -> ParseOutput:
    """The resources a plan will create or keep; data sources are left out (only read).

    Never raises: invalid JSON or a document that is not a plan becomes a `ParseError`.
    """
    document, error = _decode(path, text)
    if error is not None:
        return ParseOutput(errors=[error])
    if not is_terraform_plan(document):
        message = "not a Terraform plan: no format_version with planned_values"
        return ParseOutput(errors=[ParseError(file=path, line=1, message=message)])
    output = ParseOutput()
    lines = _address_lines(text)
    configuration = _Configuration(_dict(document))
    root = _dict(_dict(_dict(document).get("planned_values")).get("root_module"))
    for module, entry in _planned_resources(root, ""):
        if entry.get("mode") == "data" or not entry.get("address") or not entry.get("type"):
            continue
        try:
            output.resources.append(_resource(path, module, entry, lines, configuration))
        except RecursionError:
            line = lines.get(str(entry["address"]), 1)
            message = f"values of {entry['address']} are nested too deeply"
            output.errors.append(ParseError(file=path, line=line, message=message))
    return output


def plan_resource_changes(text: str) -> dict[str, list[str]]:
    """Address -> planned actions (`["create"]`, `["delete", "create"]`, ...).

    Deposed objects are left out. Text that is not valid JSON gives an empty mapping:
    `parse_terraform_plan` is the one that reports it.
    """
    document, _ = _decode("", text)
    changes: dict[str, list[str]] = {}
    for item in _list(_dict(document).get("resource_changes")):
        change = _dict(item)
        address = change.get("address")
        actions = _dict(change.get("change")).get("actions")
        if isinstance(address, str) and isinstance(actions, list) and "deposed" not in change:
            changes[address] = [str(action) for action in actions]
    return changes


def _decode(path: str, text: str) -> tuple[object, ParseError | None]:
    """The decoded document, or None and the error that stopped it."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg}"
        return None, ParseError(file=path, line=error.lineno, message=message)
    except RecursionError:
        return None, ParseError(file=path, line=1, message="invalid JSON: nested too deeply")


def _planned_resources(
    module: Mapping[str, Any], module_address: str
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(module address, resource) for a module and all its child modules, at any depth."""
    for entry in _list(module.get("resources")):
        yield module_address, _dict(entry)
    for child in _list(module.get("child_modules")):
        child_module = _dict(child)
        yield from _planned_resources(child_module, str(child_module.get("address", "")))


def _resource(
    path: str,
    module_address: str,
    entry: Mapping[str, Any],
    lines: Mapping[str, int],
    configuration: _Configuration,
) -> Resource:
    address, kind = str(entry["address"]), str(entry["type"])
    values = _mask_sensitive(_dict(entry.get("values")), entry.get("sensitive_values"))
    attributes: dict[str, Any] = redact_secrets(values)
    line = lines.get(address, 1)
    provider_config = configuration.provider_config(module_address, kind, str(entry.get("name")))
    return Resource(
        id=address,
        kind=kind,
        provider=_provider_name(entry.get("provider_name")) or resource_family(kind),
        file=path,
        line=line,
        end_line=line,
        attributes=attributes,
        derived=derive_facts(kind, attributes, provider_config),
    )


def _provider_name(source: Any) -> str:
    """`registry.terraform.io/hashicorp/aws` -> `aws`."""
    return source.rpartition("/")[2] if isinstance(source, str) else ""


def _address_lines(text: str) -> dict[str, int]:
    """Address -> 1-based line of its first `"address": "..."` from `planned_values` on.

    Scanning starts at `planned_values` so that module-relative addresses in
    `configuration` (which comes first when keys are sorted) cannot shadow real ones.
    A plan on one line maps everything to line 1.
    """
    start = max(text.find('"planned_values"'), 0)
    line, position = text.count("\n", 0, start) + 1, start
    lines: dict[str, int] = {}
    for match in _ADDRESS.finditer(text, start):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(json.loads(match.group(1)), line)
    return lines


def _mask_sensitive(value: Any, sensitive: Any) -> Any:
    """Redact the strings Terraform marks in `sensitive_values`.

    Plan values carry sensitive attributes in clear text; names alone (`redact_secrets`)
    would miss a secret under an innocent-looking key.
    """
    if sensitive is True:
        return _redact_strings(value)
    if isinstance(value, dict) and isinstance(sensitive, dict):
        return {key: _mask_sensitive(item, sensitive.get(key)) for key, item in value.items()}
    if isinstance(value, list) and isinstance(sensitive, list):
        marks = sensitive + [None] * (len(value) - len(sensitive))
        return [_mask_sensitive(item, marks[index]) for index, item in enumerate(value)]
    return value


def _redact_strings(value: Any) -> Any:
    if isinstance(value, str):
        return REDACTED
    if isinstance(value, dict):
        return {key: _redact_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact_strings(item) for item in value]
    return value


class _Configuration:
    """The plan's `configuration`: which provider configuration each resource uses."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        configuration = _dict(document.get("configuration"))
        self._providers = _dict(configuration.get("provider_config"))
        self._variables = {
            name: _dict(variable).get("value")
            for name, variable in _dict(document.get("variables")).items()
        }
        self._keys = dict(_provider_config_keys(_dict(configuration.get("root_module")), ""))

    def provider_config(self, module_address: str, kind: str, name: str) -> Attributes:
        """The literal arguments of the provider configuration a resource uses.

        Module resources may carry their own module's key (`module.ml:aws`) for a
        configuration that module only inherits; the lookup then walks up to the caller.
        """
        module = _INSTANCE_KEY.sub("", module_address)
        default = f"{module}:{resource_family(kind)}" if module else resource_family(kind)
        key = self._keys.get(f"{module}.{kind}.{name}" if module else f"{kind}.{name}", default)
        while True:
            config = _dict(self._providers.get(key))
            if "expressions" in config:
                variables = {} if ":" in key else self._variables
                constants = _constants(_dict(config["expressions"]), variables)
                settings: dict[str, Any] = redact_secrets(constants)
                return settings
            module, separator, provider = key.rpartition(":")
            if not separator:
                return {}
            parent = module.rpartition(".module.")[0]
            key = f"{parent}:{provider}" if parent else provider


def _provider_config_keys(module: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    """(`module.a.module.b.TYPE.NAME`, provider_config_key) for every configured resource."""
    for resource in _list(module.get("resources")):
        entry = _dict(resource)
        key = entry.get("provider_config_key")
        if isinstance(key, str) and entry.get("address"):
            yield f"{prefix}{entry['address']}", key
    for name, call in _dict(module.get("module_calls")).items():
        child = _dict(_dict(call).get("module"))
        yield from _provider_config_keys(child, f"{prefix}module.{name}.")


def _constants(expressions: Mapping[str, Any], variables: Mapping[str, Any]) -> dict[str, Any]:
    """Provider arguments whose value the plan knows: constants, root variables, blocks.

    `region = var.region` appears as `{"references": ["var.region"]}`; in the root module
    the plan's `variables` give its value. (A function of one variable has the same
    references; this best effort accepts that.)
    """
    out: dict[str, Any] = {}
    for name, expression in expressions.items():
        if isinstance(expression, list):
            out[name] = [_constants(_dict(block), variables) for block in expression]
        elif isinstance(expression, dict) and "constant_value" in expression:
            out[name] = expression["constant_value"]
        elif isinstance(expression, dict):
            variable = _single_variable(expression.get("references"))
            if variable is not None and variable in variables:
                out[name] = variables[variable]
    return out


def _single_variable(references: Any) -> str | None:
    """`region` for references `["var.region"]`; None for anything else."""
    found = _list(references)
    if len(found) == 1 and isinstance(found[0], str) and found[0].startswith("var."):
        return found[0].removeprefix("var.")
    return None


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
