"""The engine interface every backend implements.

Callers load policies and data once, then evaluate many scan units. A backend
returns raw violations; turning them into findings (metadata, lines, severity) is
the caller's job, so every backend stays small and all must agree on the same
violations for the same inputs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aiguard.policies import PolicyModule

# The query every backend answers: `data.aiguard.deny` (policies.entrypoint_module).
ENTRYPOINT = "aiguard/deny"


@dataclass(frozen=True)
class Violation:
    """One object a rule's `deny` set produced for one scan unit."""

    rule: str  # package suffix: "encryption.sagemaker_endpoint_kms"
    msg: str
    resource: str | None = None
    attribute: str | None = None

    @classmethod
    def from_rego(cls, value: Mapping[str, Any]) -> Violation:
        """Read one element of `data.aiguard.deny`."""
        resource = value.get("resource")
        attribute = value.get("attribute")
        return cls(
            rule=str(value["rule"]),
            msg=str(value.get("msg", "")),
            resource=None if resource is None else str(resource),
            attribute=None if attribute is None else str(attribute),
        )


class Engine(ABC):
    """Compile once with `load`, then `evaluate` scan-unit input documents."""

    @abstractmethod
    def load(self, modules: Sequence[PolicyModule], data: Mapping[str, Any]) -> None:
        """Compile the policies with the data document (rooted at `data`)."""

    @abstractmethod
    def evaluate(self, inputs: Sequence[Mapping[str, Any]]) -> list[list[Violation]]:
        """Violations per input, in input order."""

    def close(self) -> None:  # noqa: B027 - optional hook, most backends hold nothing
        """Release whatever the backend holds (servers, threads)."""
