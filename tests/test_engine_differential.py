"""Both engines, the same answers: every rule fixture and the examples through each.

OPA is the reference; the embedded engine (regopy) is the default because it needs
no server. shared/ENGINES.md and docs/engine-notes.md list where regopy differs;
this test is what catches a policy that walks into one of those differences.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from aiguard.config import Config
from aiguard.engine import OpaOptions
from aiguard.model import Resource, ScanResult
from aiguard.scan import run_scan
from tests.conftest import EXAMPLES, POLICIES, base_inventory
from tests.opa_server import opa_required, running_opa
from tests.test_rule_fixtures import CASES

pytestmark = opa_required()


@pytest.fixture(scope="module")
def opa_url() -> Iterator[str]:
    """One OPA for the module: aiguard replaces its own policies there on every scan."""
    with running_opa() as server:
        yield server.url


def scan_both(
    paths: list[str], opa_url: str, cost_base: list[Resource] | None = None
) -> tuple[ScanResult, ScanResult]:
    embedded = run_scan(paths, Config(), workers=1, cost_base=cost_base)
    options = OpaOptions(url=opa_url)
    opa = run_scan(paths, Config(), workers=1, engine_name="opa", opa=options, cost_base=cost_base)
    return embedded, opa


@pytest.mark.parametrize(
    "fixture", [f for _, f in CASES], ids=[str(f.relative_to(POLICIES)) for _, f in CASES]
)
def test_rule_fixture(fixture: Path, tmp_path: Path, opa_url: str) -> None:
    # Alone in a directory, as tests/test_rule_fixtures.py scans it.
    target = tmp_path / fixture.name
    cost_base = base_inventory(fixture, target)
    shutil.copyfile(fixture, target)
    embedded, opa = scan_both([str(target)], opa_url, cost_base)
    assert opa.findings == embedded.findings


def test_examples(opa_url: str) -> None:
    embedded, opa = scan_both([str(EXAMPLES)], opa_url)
    assert embedded.findings, "the examples are meant to have findings"
    assert opa.findings == embedded.findings


def test_every_rule_has_fixtures_here() -> None:
    """Guards the parametrisation: an empty CASES would make this module vacuous."""
    assert len(CASES) >= 2 * len({rule_id for rule_id, _ in CASES})
