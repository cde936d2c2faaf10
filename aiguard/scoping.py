"""Which AI resources a rule binds: declarations, path defaults and rule scopes.

Resources declare their regulatory context themselves (`aiguard.io/risk-class` ...);
`ai_defaults` in .aiguard.yaml fills in what they leave out, by path. A rule whose
METADATA has a `scope` (e.g. `{risk_class: [high]}`) binds only resources whose
declarations match, so the rule itself need not repeat the check.
"""

from __future__ import annotations

from collections.abc import Iterable

from pathspec import GitIgnoreSpec

from aiguard.config import AIDefaults
from aiguard.model import Resource, RuleMeta


def apply_ai_defaults(resources: Iterable[Resource], defaults: list[AIDefaults]) -> None:
    """Fill undeclared AI declarations from the first matching `ai_defaults` entries."""
    if not defaults:
        return
    specs = [(GitIgnoreSpec.from_lines(entry.paths), entry.declare) for entry in defaults]
    for resource in resources:
        if not resource.derived.is_ai:
            continue
        declared = resource.derived.ai.model_dump(exclude_none=True)
        for spec, declare in specs:
            if spec.match_file(resource.file):
                for name, value in declare.items():
                    declared.setdefault(name, value)
        resource.derived.ai = type(resource.derived.ai)(**declared)


def in_scope(rule: RuleMeta, resource: Resource | None) -> bool:
    """Whether the rule binds the resource; unit-level findings are always in scope."""
    if not rule.scope or resource is None:
        return True
    declared = resource.derived.ai.model_dump(exclude_none=True)
    return all(declared.get(name) in values for name, values in rule.scope.items())
