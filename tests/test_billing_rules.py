"""Every billing guardrail fires on its fail_ fixtures and stays silent on its pass_ ones,
through the whole `aiguard billing scan` pipeline, on both engines.

The fixtures are small FOCUS exports under policies/cost/billing_*/fixtures; a
fixtures/aiguard.yaml beside them is the configuration they are judged with (the
budgets of AIG-COST-101).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aiguard.billing.scan import BILLING_KIND, run_billing_scan
from aiguard.config import Config, load_config
from aiguard.engine import OpaOptions
from aiguard.paths import builtin_policies_dir
from aiguard.policies import load_policies
from aiguard.scan import run_scan
from tests.conftest import POLICIES
from tests.opa_server import opa_required, running_opa

EXPECTED = {
    "billing_budget/fixtures/fail_budget_actual.csv": [
        (
            "AIG-COST-101",
            "billing:tag/team=ml",
            "tag:team=ml spent 1500.00 USD in 2026-11, over its monthly budget of 1000.00",
        ),
    ],
    "billing_budget/fixtures/fail_budget_forecast.csv": [
        (
            "AIG-COST-101",
            "billing:tag/team=ml",
            "tag:team=ml is forecast to spend 1500.00 USD "
            "in 2026-11 (750.00 in the first 15 of 30 days), over its monthly budget of 1000.00",
        ),
    ],
    "billing_untagged_share/fixtures/fail_untagged.csv": [
        (
            "AIG-COST-102",
            "billing:untagged",
            "20.00% of usage spend (750.00 of 3750.00 USD) "
            "lacks a required tag (team, cost-center), above the limit of 10%",
        ),
    ],
    "billing_gpu_on_demand/fixtures/fail_gpu_on_demand.csv": [
        (
            "AIG-COST-103",
            "billing:gpu/2026-11",
            "80.00% of GPU compute spend in 2026-11 "
            "(6000.00 of 7500.00 USD) is on-demand, above the limit of 50%",
        ),
    ],
    "billing_unused_commitment/fixtures/fail_unused.csv": [
        (
            "AIG-COST-104",
            "billing:commitments/2026-11",
            "unused commitments cost 500.00 USD "
            "in 2026-11 (14.29% of spend), above the limit of 5%",
        ),
    ],
    "billing_anomaly/fixtures/fail_spike.csv": [
        (
            "AIG-COST-105",
            "billing:day/2026-11-20",
            "2026-11-20 cost 1002.00 USD, against 101.00 expected (robust z-score 607.72)",
        ),
    ],
    "billing_region_residency/fixtures/fail_us_east.csv": [
        (
            "AIG-COST-106",
            "billing:region/aws/us-east-1",
            "40.00 USD of AWS spend in us-east-1, "
            "which is not on the residency allow-list (rules/regions.yaml)",
        ),
    ],
    "billing_ai_growth/fixtures/fail_ai_growth.csv": [
        (
            "AIG-COST-107",
            "billing:ai/2026-10",
            "AI and ML spend grew 106.67% from 2026-09 "
            "(3000.00) to 2026-10 (6200.00 USD), above the limit of 30%",
        ),
    ],
}

RULES = [
    r for r in load_policies(builtin_policies_dir(), []).rules.values() if BILLING_KIND in r.kinds
]
FIXTURES = sorted(p for rule in RULES for p in (Path(rule.file).parent / "fixtures").glob("*.csv"))
IDS = [str(p.relative_to(POLICIES / "cost")) for p in FIXTURES]


def _config(fixture: Path) -> Config:
    config_file = fixture.parent / "aiguard.yaml"
    return load_config(config_file) if config_file.is_file() else Config()


def _guardrail_findings(fixture: Path, **engine: object) -> list[tuple[str, str, str]]:
    result = run_billing_scan([str(fixture)], _config(fixture), **engine)  # type: ignore[arg-type]
    assert not [f for f in result.findings if f.rule_id in ("AIG-PARSE", "AIG-DQ-001")]
    return [
        (f.rule_id, f.resource or "", f.message)
        for f in result.findings
        if f.rule_id.startswith("AIG-COST-1")
    ]


def test_every_billing_rule_has_a_pass_and_a_fail_fixture() -> None:
    assert len(RULES) == 7
    for rule in RULES:
        names = [p.name for p in (Path(rule.file).parent / "fixtures").glob("*.csv")]
        assert any(n.startswith("pass_") for n in names), rule.id
        assert any(n.startswith("fail_") for n in names), rule.id


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_guardrail_fixture(fixture: Path) -> None:
    """Exactly the expected findings on fail_ fixtures; none of any guardrail on pass_."""
    expected = EXPECTED.get(str(fixture.relative_to(POLICIES / "cost")), [])
    if fixture.name.startswith("fail_"):
        assert expected, "every fail_ fixture has its expectation here"
    assert _guardrail_findings(fixture) == expected


def test_manifest_scans_never_select_billing_rules(tmp_path: Path) -> None:
    manifest = tmp_path / "pod.yaml"
    manifest.write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n")
    result = run_scan([str(manifest)], Config(), workers=1)
    assert not [f for f in result.findings if f.rule_id.startswith("AIG-COST-1")]
    assert BILLING_KIND not in {k for r in RULES for k in r.kinds if k != BILLING_KIND}


@pytest.fixture(scope="module")
def opa_url() -> Iterator[str]:
    with running_opa() as server:
        yield server.url


@opa_required()
@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_opa_engine_agrees(fixture: Path, opa_url: str) -> None:
    assert _guardrail_findings(
        fixture, engine_name="opa", opa=OpaOptions(url=opa_url)
    ) == _guardrail_findings(fixture)
