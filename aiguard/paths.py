"""Where the shipped policies, rule data and templates live.

In a source checkout or editable install they sit at the repository root
(`policies/`, `rules/`, `templates/`); a wheel carries them inside the package as
`aiguard/_policies`, `aiguard/_rules` and `aiguard/_templates` (see pyproject.toml), so
both layouts are looked up.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / f"_{name}"
    return inside if inside.is_dir() else _PACKAGE.parent / name


def builtin_policies_dir() -> Path:
    """The directory holding aiguard's own Rego policies."""
    return _shipped("policies")


def builtin_rules_dir() -> Path:
    """The directory holding aiguard's own rule data (thresholds, lists, catalogues)."""
    return _shipped("rules")


def builtin_templates_dir() -> Path:
    """The directory holding the Jinja2 templates of the HTML reports."""
    return _shipped("templates")
