"""Shared helpers for the test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aiguard.config import Config
from aiguard.model import ScanResult

REPO = Path(__file__).resolve().parent.parent
POLICIES = REPO / "policies"
EXAMPLES = REPO / "examples"


def scan_alone(fixture: Path, tmp_path: Path, config: Config | None = None) -> ScanResult:
    """Scan one fixture file copied into an empty directory, so that no sibling
    Terraform file leaks into its module."""
    from aiguard.scan import run_scan

    target = tmp_path / fixture.name
    shutil.copyfile(fixture, target)
    return run_scan([str(target)], config or Config(), workers=1)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from inside an empty temporary directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
