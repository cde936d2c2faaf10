"""Policy engines behind one interface; see base.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aiguard.engine.base import Engine, Violation

__all__ = ["Engine", "OpaOptions", "Violation", "create_engine"]


@dataclass(frozen=True)
class OpaOptions:
    """How to reach OPA for `--engine opa`; no url means start a local `opa run --server`."""

    url: str | None = None
    token: str | None = None
    ca_file: Path | None = None
    preloaded: bool = False  # the policies and data come from a bundle already in OPA


def create_engine(name: str, workers: int, opa: OpaOptions | None = None) -> Engine:
    """The engine a user asked for by name (`--engine`).

    Each engine is imported when it is asked for: the OPA engine's HTTP client costs
    0.3 s to import, which every embedded scan (a pre-commit hook, say) would pay, and
    regopy is not needed before a command has read its inputs.
    """
    if name == "embedded":
        from aiguard.engine.embedded import EmbeddedEngine

        return EmbeddedEngine(workers=workers)
    if name == "opa":
        from aiguard.engine.opa_server import OpaServerEngine

        return OpaServerEngine(opa or OpaOptions())
    raise ValueError(f"unknown engine {name!r}")
