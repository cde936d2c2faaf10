"""Policy engines behind one interface; see base.py."""

from aiguard.engine.base import Engine, Violation
from aiguard.engine.embedded import EmbeddedEngine

__all__ = ["EmbeddedEngine", "Engine", "Violation", "create_engine"]


def create_engine(name: str, workers: int) -> Engine:
    """The engine a user asked for by name (`--engine`)."""
    if name == "embedded":
        return EmbeddedEngine(workers=workers)
    raise ValueError(f"unknown engine {name!r}")
