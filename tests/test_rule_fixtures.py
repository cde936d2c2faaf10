"""Every rule's fixtures run through the whole pipeline: discover, parse, evaluate.

A `fail_*` fixture declares in its first line exactly where its rule fires
(`# aiguard-test: expect AIG-ENC-001 at lines 5, 14`); a `pass_*` fixture must not
trigger its rule at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aiguard.paths import builtin_policies_dir
from aiguard.policies import load_policies
from tests.conftest import POLICIES, scan_alone

_EXPECT = re.compile(r"aiguard-test: expect (\S+) at lines? ([\d, ]+)")
# Billing guardrails (kind billing:focus) judge billing exports, not manifests: their
# fixtures are exports, run through `aiguard billing scan` by tests/test_billing_rules.py.
RULES = [
    r
    for r in load_policies(builtin_policies_dir(), []).rules.values()
    if "billing:focus" not in r.kinds
]


def _fixtures() -> list[tuple[str, Path]]:
    cases = []
    for rule in sorted(RULES, key=lambda r: r.id):
        folder = Path(rule.file).parent / "fixtures"
        for fixture in sorted(folder.glob("*")):
            if fixture.is_file():  # fixtures/base/ holds the bases of change fixtures
                cases.append((rule.id, fixture))
    return cases


CASES = _fixtures()


def test_every_rule_has_a_pass_and_a_fail_fixture() -> None:
    for rule in RULES:
        names = [p.name for p in (Path(rule.file).parent / "fixtures").glob("*")]
        assert any(n.startswith("pass_") for n in names), f"{rule.id} has no pass_ fixture"
        assert any(n.startswith("fail_") for n in names), f"{rule.id} has no fail_ fixture"


@pytest.mark.parametrize(
    ("rule_id", "fixture"), CASES, ids=[str(f.relative_to(POLICIES)) for _, f in CASES]
)
def test_fixture_findings(rule_id: str, fixture: Path, tmp_path: Path) -> None:
    result = scan_alone(fixture, tmp_path)
    assert not [f for f in result.findings if f.rule_id == "AIG-PARSE"], "fixture must parse"
    lines = sorted(f.line for f in result.findings if f.rule_id == rule_id)
    if fixture.name.startswith("pass_"):
        assert lines == [], f"{rule_id} fired on a passing fixture"
        return
    header = _EXPECT.search(fixture.read_text(encoding="utf-8").splitlines()[0])
    assert header, "a fail_ fixture starts with `# aiguard-test: expect ID at lines N, M`"
    assert header.group(1) == rule_id
    assert lines == sorted(int(n) for n in header.group(2).replace(" ", "").split(",") if n)
