"""The cost of a change: exact monthly estimates from the price catalogue, overrides from
.aiguard.yaml, before/after with a base, the change guardrails, and bad price config.

Expected amounts are computed here from the catalogue entries (rules/prices.yaml), not
by calling the estimator, so a wrong multiplication or lookup fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from aiguard.config import Config, load_config
from aiguard.costing.guardrails import COST_CHANGE_KIND, is_change_rule
from aiguard.model import ScanResult
from aiguard.outputs.console import render_console
from aiguard.outputs.json import render_json
from aiguard.scan import run_scan
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "costing"
CATALOGUE = yaml.safe_load((REPO / "rules" / "prices.yaml").read_text(encoding="utf-8"))
HOURS = CATALOGUE["hours_per_month"]


def hourly(instance_type: str, region: str) -> float:
    return float(CATALOGUE["instance_types"][instance_type]["hourly"][region])


def copy_fleet(root: Path) -> Path:
    """The fleet fixture under `root/infra` (tests/fixtures is ignored when scanned in place)."""
    target = root / "infra"
    shutil.copytree(FIXTURES / "fleet", target)
    return target


def scan(paths: list[str], config: Config | None = None, **kwargs: object) -> ScanResult:
    return run_scan(paths, config or Config(), workers=1, **kwargs)  # type: ignore[arg-type]


def by_resource(result: ScanResult) -> dict[str, float | None]:
    assert result.cost is not None
    return {line.resource: line.monthly_after for line in result.cost.lines}


def test_monthly_cost_of_every_kind_of_fleet(tmp_path: Path) -> None:
    result = scan([str(copy_fleet(tmp_path))])
    p4d = 3 * HOURS * hourly("p4d.24xlarge", "us-east-1")
    # ml.p4d.24xlarge has only a us-west-2 price: used, and said so in the basis
    sagemaker = HOURS * (
        2 * hourly("ml.g5.xlarge", "us-east-1") + hourly("ml.p4d.24xlarge", "us-west-2")
    )
    gke = 3 * HOURS * hourly("a2-highgpu-1g", "us-central1")
    # 2 replicas x 2 GPUs on g5.12xlarge nodes (4 A10G each): a GPU costs a quarter node
    pods = 4 * HOURS * hourly("g5.12xlarge", "us-east-1") / 4
    assert by_resource(result) == {
        "aws_eks_node_group.training": round(p4d, 2),
        "aws_sagemaker_endpoint_configuration.llm": round(sagemaker, 2),
        "google_container_node_pool.a100": round(gke, 2),
        "apps/v1/Deployment/ml/llm": round(pods, 2),
    }
    assert result.cost is not None
    assert result.cost.total_after == pytest.approx(
        round(p4d, 2) + round(sagemaker, 2) + round(gke, 2) + round(pods, 2)
    )
    assert result.cost.total_before is None
    assert result.cost.hours_per_month == 730
    basis = {line.resource: line.basis for line in result.cost.lines}
    p4d_entry = CATALOGUE["instance_types"]["p4d.24xlarge"]
    assert basis["aws_eks_node_group.training"] == (
        f"3 x p4d.24xlarge x 730 h x {p4d_entry['hourly']['us-east-1']} USD/h "
        f"(rules/prices.yaml, us-east-1, as of {p4d_entry['as_of']})"
    )
    fallback = "ml.p4d.24xlarge x 730 h x 25.251286 USD/h (rules/prices.yaml, us-west-2 (us-east-1"
    assert f"{fallback} not in catalogue)" in basis["aws_sagemaker_endpoint_configuration.llm"]
    assert (
        "4 x A10G GPU x 730 h x 1.418 USD/GPU-h (g5.12xlarge 5.672 / 4"
        in basis["apps/v1/Deployment/ml/llm"]
    )


def test_unknown_instance_type_is_a_notice_not_a_zero(tmp_path: Path) -> None:
    result = scan([str(copy_fleet(tmp_path))])
    assert "aws_instance.legacy" not in by_resource(result)
    assert [n for n in result.notices if n.startswith("cost:")] == [
        f"cost: aws_instance.legacy ({tmp_path / 'infra' / 'main.tf'}:51) is not in the estimate: "
        "no USD price for p5e.48xlarge in us-east-1; docs/cost.md says how to price it"
    ]


def test_prices_and_hours_from_aiguard_yaml(tmp_path: Path) -> None:
    config_file = tmp_path / ".aiguard.yaml"
    config_file.write_text(
        "version: 1\n"
        "costs:\n"
        "  hours_per_month: 500\n"
        "  instance_types:\n"
        "    p4d.24xlarge: 20\n"
        "    p5e.48xlarge: {us-east-1: 31.2}\n"
        "  gpu_hour: {A10G: 2}\n",
        encoding="utf-8",
    )
    result = scan([str(copy_fleet(tmp_path))], load_config(config_file))
    costs = by_resource(result)
    assert costs["aws_eks_node_group.training"] == 3 * 500 * 20
    assert costs["aws_instance.legacy"] == round(500 * 31.2, 2)
    # the node type's price still wins over the GPU-model price for pods that select it
    assert costs["apps/v1/Deployment/ml/llm"] == round(
        4 * 500 * hourly("g5.12xlarge", "us-east-1") / 4, 2
    )
    assert not [n for n in result.notices if n.startswith("cost:")]


def test_before_after_and_delta_with_a_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base_root, head_root = tmp_path / "base", tmp_path / "head"
    copy_fleet(base_root)
    head = copy_fleet(head_root)
    main = head / "main.tf"
    main.write_text(main.read_text().replace("desired_size = 3", "desired_size = 5"))
    (head / "serving.yaml").unlink()
    monkeypatch.chdir(base_root)
    base = scan(["infra"])
    monkeypatch.chdir(head_root)
    result = scan(["infra"], cost_base=base.inventory)
    assert result.cost is not None
    lines = {line.resource: line for line in result.cost.lines}
    node = lines["aws_eks_node_group.training"]
    assert node.monthly_before == round(3 * HOURS * hourly("p4d.24xlarge", "us-east-1"), 2)
    assert node.monthly_after == round(5 * HOURS * hourly("p4d.24xlarge", "us-east-1"), 2)
    assert node.delta == round(node.monthly_after - node.monthly_before, 2)  # type: ignore[operator]
    assert node.delta == pytest.approx(2 * HOURS * hourly("p4d.24xlarge", "us-east-1"), abs=0.01)
    removed = lines["apps/v1/Deployment/ml/llm"]
    assert removed.monthly_after is None
    assert removed.delta == -removed.monthly_before  # type: ignore[operator]
    assert lines["google_container_node_pool.a100"].delta == 0
    assert result.cost.total_before == base.cost.total_after  # type: ignore[union-attr]
    guardrail = [f for f in result.findings if f.rule_id == "AIG-COST-201"]
    increase = result.cost.total_after - result.cost.total_before
    assert [(f.file, f.line, f.resource) for f in guardrail] == [
        ("infra/main.tf", 10, "aws_eks_node_group.training")
    ]
    assert f"by {increase:,.2f} USD" in guardrail[0].message
    text = render_console(result, "high", colour=False)
    assert "Estimated monthly cost of AI compute (USD, 730 h a month)" in text
    assert f"+{node.delta:,.2f}  aws_eks_node_group.training (infra/main.tf:10)" in text
    assert "google_container_node_pool.a100 (" not in text.split("Estimated monthly cost")[1]


def test_change_guardrails_fire_and_stay_silent(tmp_path: Path) -> None:
    result = scan([str(copy_fleet(tmp_path))])
    budget = [
        (f.rule_id, f.line, f.resource)
        for f in result.findings
        if f.rule_id.startswith("AIG-COST-20")
    ]
    # team research: 3 x p4d nodes + the pods, over the 50,000 default; serving is below it
    assert budget == [("AIG-COST-202", 10, "aws_eks_node_group.training")]
    config = Config(settings={"cost_change": {"team_monthly_budgets": {"research": 60000}}})
    relaxed = scan([str(tmp_path / "infra")], config)
    assert not [f for f in relaxed.findings if f.rule_id.startswith("AIG-COST-20")]


def test_manifest_rules_never_see_the_change_document(tmp_path: Path) -> None:
    result = scan([str(copy_fleet(tmp_path))])
    change_rules = {r.id for r in result.rules_run.values() if is_change_rule(r)}
    assert change_rules == {"AIG-COST-201", "AIG-COST-202"}
    assert all(
        r.kinds == [COST_CHANGE_KIND] for r in result.rules_run.values() if is_change_rule(r)
    )
    located = [f for f in result.findings if f.rule_id not in change_rules]
    assert all(f.file.endswith(("main.tf", "serving.yaml")) for f in located)


def test_json_report_carries_the_cost_and_matches_the_schema(tmp_path: Path) -> None:
    result = scan([str(copy_fleet(tmp_path))])
    document = json.loads(render_json(result, "high"))
    schema = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["cost"]["total_after"] == result.cost.total_after  # type: ignore[union-attr]
    assert {line["resource"] for line in document["cost"]["lines"]} == set(by_resource(result))
    assert render_json(result, "high") == render_json(scan([str(tmp_path / "infra")]), "high")


def aiguard(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from aiguard.cli import run; run()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def test_bad_price_config_exits_2_with_file_and_line(tmp_path: Path) -> None:
    copy_fleet(tmp_path)
    (tmp_path / ".aiguard.yaml").write_text(
        "version: 1\ncosts:\n  instance_types:\n    p4d.24xlarge: -3\n", encoding="utf-8"
    )
    result = aiguard("scan", "infra", cwd=tmp_path)
    assert result.returncode == 2
    assert ".aiguard.yaml:4: costs.instance_types.p4d.24xlarge" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_catalogue_exits_2_with_file_and_line(tmp_path: Path) -> None:
    copy_fleet(tmp_path)
    broken = (REPO / "rules" / "prices.yaml").read_text(encoding="utf-8")
    broken = broken.replace("hourly: {us-east-1: 21.957642,", "hourly: {us-east-1: free,")
    (tmp_path / "prices.yaml").write_text(broken, encoding="utf-8")
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "free," in text)
    (tmp_path / ".aiguard.yaml").write_text("version: 1\ncosts:\n  catalogue: prices.yaml\n")
    result = aiguard("scan", "infra", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        f"prices.yaml:{line}: price catalogue instance_types.p4d.24xlarge.hourly.us-east-1"
        in result.stderr
    )


def test_cost_command_prints_every_line_with_its_basis(tmp_path: Path) -> None:
    copy_fleet(tmp_path)
    result = aiguard("cost", "infra", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    p4d = round(3 * HOURS * hourly("p4d.24xlarge", "us-east-1"), 2)
    assert f"  {p4d:>14,.2f}  aws_eks_node_group.training (infra/main.tf:10)\n" in result.stdout
    assert (
        "3 x p4d.24xlarge x 730 h x 21.957642 USD/h (rules/prices.yaml, us-east-1" in result.stdout
    )
    assert result.stderr.startswith("cost: aws_instance.legacy (infra/main.tf:51)")
    as_json = aiguard("cost", "infra", "--format", "json", cwd=tmp_path)
    document = json.loads(as_json.stdout)
    assert document["total_before"] is None
    assert document["total_after"] == scan([str(tmp_path / "infra")]).cost.total_after  # type: ignore[union-attr]


def copy_managed(root: Path) -> Path:
    target = root / "ml"
    shutil.copytree(FIXTURES / "managed", target)
    return target


def test_managed_compute_attached_gpus_and_default_gpu_hour(tmp_path: Path) -> None:
    target = copy_managed(tmp_path)
    result = scan([str(target)])
    gpu_hour = CATALOGUE["gpu_hour"]
    assert by_resource(result) == {
        # Azure ML: VM size x scale_settings.min_node_count
        "azurerm_machine_learning_compute_cluster.train": round(
            2 * HOURS * hourly("standard_nc24ads_a100_v4", "eastus"), 2
        ),
        # N1 host not in the catalogue: its 2 x 2 attached T4s are priced, the host is not
        "google_container_node_pool.t4": round(4 * HOURS * gpu_hour["T4"]["hourly"], 2),
        # no node selector: the default GPU-hour price
        "apps/v1/Deployment/ml/anything": round(
            3 * HOURS * CATALOGUE["default_gpu_hour"]["hourly"], 2
        ),
    }
    main, workloads = target / "main.tf", target / "workloads.yaml"
    assert [n for n in result.notices if n.startswith("cost:")] == [
        f"cost: batch/v1/Job/ml/finetune ({workloads}:21) is not in the estimate: a Job runs "
        "for a time the manifest does not state; docs/cost.md says how to price it",
        f"cost: google_container_node_pool.t4 ({main}:33) is only partly estimated: its GPUs "
        "are priced but not its host machines: no USD price for n1-standard-8 in us-central1",
        f"cost: google_vertex_ai_deployment_resource_pool.llm ({main}:19) is not in the "
        "estimate: no USD Vertex AI node price for g2-standard-8 (vertex:g2-standard-8); "
        "docs/cost.md says how to price it",
    ]


def test_vertex_prices_from_aiguard_yaml(tmp_path: Path) -> None:
    target = copy_managed(tmp_path)
    config_file = tmp_path / ".aiguard.yaml"
    config_file.write_text(
        "version: 1\ncosts:\n"
        "  instance_types: {vertex:g2-standard-8: 1.1}\n"
        "  gpu_hour: {vertex:NVIDIA_L4: 0.5}\n",
        encoding="utf-8",
    )
    result = scan([str(target)], load_config(config_file))
    pool = by_resource(result)["google_vertex_ai_deployment_resource_pool.llm"]
    assert pool == round(2 * HOURS * 1.1 + 2 * 1 * HOURS * 0.5, 2)


def test_unknown_costs_key_exits_2_naming_the_allowed_keys(tmp_path: Path) -> None:
    copy_fleet(tmp_path)
    (tmp_path / ".aiguard.yaml").write_text(
        "version: 1\ncosts:\n  hours_per_month: 720\n  prise: 3\n", encoding="utf-8"
    )
    result = aiguard("cost", "infra", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        ".aiguard.yaml:4: unknown key 'costs.prise'; allowed keys: currency, hours_per_month"
        in (result.stderr)
    )


def test_diff_base_through_the_cli_reports_before_after_and_fires_the_guardrail(
    tmp_path: Path,
) -> None:
    """`aiguard scan --diff-base` (the gate's git handling) feeds the base to the estimate."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    copy_fleet(tmp_path)
    git("init", "-q")
    git("add", "-A")
    git("-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-qm", "base")
    main = tmp_path / "infra" / "main.tf"
    main.write_text(main.read_text().replace("desired_size = 3", "desired_size = 5"))
    result = aiguard("scan", "infra", "--diff-base", "HEAD", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    cost = json.loads(result.stdout)["cost"]
    p4d = HOURS * hourly("p4d.24xlarge", "us-east-1")
    changed = [line for line in cost["lines"] if line["delta"]]
    assert [(ln["resource"], ln["monthly_before"], ln["monthly_after"]) for ln in changed] == [
        ("aws_eks_node_group.training", round(3 * p4d, 2), round(5 * p4d, 2))
    ]
    assert cost["total_after"] - cost["total_before"] == pytest.approx(changed[0]["delta"])
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule_id"], f["line"]) for f in findings if f["rule_id"] == "AIG-COST-201"] == [
        ("AIG-COST-201", 10)
    ]
