"""Shared helpers for the test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aiguard.config import Config
from aiguard.model import Resource, ScanResult

REPO = Path(__file__).resolve().parent.parent
POLICIES = REPO / "policies"
EXAMPLES = REPO / "examples"


def scan_alone(fixture: Path, tmp_path: Path, config: Config | None = None) -> ScanResult:
    """Scan one fixture file copied into an empty directory, so that no sibling
    Terraform file leaks into its module."""
    from aiguard.scan import run_scan

    target = tmp_path / fixture.name
    cost_base = base_inventory(fixture, target, config)
    shutil.copyfile(fixture, target)
    return run_scan([str(target)], config or Config(), workers=1, cost_base=cost_base)


def base_inventory(
    fixture: Path, target: Path, config: Config | None = None
) -> list[Resource] | None:
    """For a change-guardrail fixture (AIG-COST-201), the resources of the base of the
    change, `fixtures/base/<same name>`: scanned at `target`, the path the fixture itself
    is then scanned at, because a change pairs resources by path (docs/cost.md)."""
    from aiguard.scan import run_scan

    base = fixture.parent / "base" / fixture.name
    if not base.is_file():
        return None
    shutil.copyfile(base, target)
    return run_scan([str(target)], config or Config(), workers=1).inventory


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from inside an empty temporary directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
