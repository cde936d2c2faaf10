"""`aiguard report --framework eu-ai-act`: articles, rules with their legal basis, status
per AI system, what infrastructure cannot show, and an evidence record that --verify
checks against changed inputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from aiguard.compliance.articles import FRAMEWORK, article_of, load_articles
from aiguard.config import Config
from aiguard.policy_set import load_policy_set
from tests.conftest import EXAMPLES


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("aiguard")
    assert executable
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764400000"}
    return subprocess.run(
        [executable, "report", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def copy_examples(tmp_path: Path) -> Path:
    root = tmp_path / "platform"
    shutil.copytree(EXAMPLES, root)
    return root


def test_every_article_a_rule_cites_is_listed() -> None:
    listed = {a.ref for a in load_articles()}
    cited = {
        article_of(ref.ref)
        for rule in load_policy_set(Config()).rules.values()
        for ref in rule.frameworks
        if ref.name == FRAMEWORK
    }
    assert cited <= listed


def test_json_report_groups_by_system_and_never_says_compliant(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    result = run(root, ".", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "does not state that any AI system is compliant" in report["disclaimer"]
    assert "compliant" not in json.dumps(report["articles"])
    systems = {s["id"]: s for s in report["systems"]}
    assert set(systems) == {"(no system id)", "credit-scoring", "support-assistant"}
    assert systems["credit-scoring"]["risk_class"] == "high"
    articles = {a["ref"]: a for a in report["articles"]}
    storage_rule = next(r for r in articles["Art. 19"]["rules"] if r["id"] == "AIG-LOG-002")
    assert storage_rule["basis"] == "law"
    assert storage_rule["references"] == ["Art. 19(1)"]
    assert [f["file"] for f in storage_rule["findings"]] == ["terraform/aws/storage.tf"]
    assert set(storage_rule["status"].values()) <= {
        "open findings",
        "waived",
        "no findings",
        "not applicable",
    }
    assert "open findings" in storage_rule["status"].values()
    not_assessable = {a["ref"] for a in report["not_assessable_from_infrastructure"]}
    assert {"Art. 4", "Art. 9", "Art. 17", "Art. 27", "Art. 73"} <= not_assessable
    evidence = report["evidence"]
    assert evidence["generated_at"] == "2025-11-29T07:06:40Z"
    assert "terraform/aws/storage.tf" in evidence["inputs"]
    assert evidence["policy_set_digest"].startswith("sha256:")
    assert len(evidence["findings"]) == 21
    # SOURCE_DATE_EPOCH makes the whole report reproducible.
    assert run(root, ".", "--format", "json").stdout == result.stdout


def test_verify_json_and_html_against_changed_inputs(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    for name, fmt in (("r.json", "json"), ("r.html", "html")):
        written = run(root, ".", "--format", fmt, "--output", name)
        assert written.returncode == 0, written.stderr
        unchanged = run(root, "--verify", name)
        assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
        assert unchanged.stdout.startswith("unchanged since ")
    html = (root / "r.html").read_text()
    assert "Not assessable from infrastructure" in html and "Art. 19: Automatically" in html

    (root / "terraform/aws/storage.tf").write_text("# edited\n", encoding="utf-8")
    (root / "kubernetes/new.yaml").write_text("apiVersion: v1\nkind: Namespace\n")
    (root / "kubernetes/quotas.yaml").unlink()
    for name in ("r.json", "r.html"):
        changed = run(root, "--verify", name)
        assert changed.returncode == 1
        assert changed.stdout.splitlines()[:3] == [
            "input changed: terraform/aws/storage.tf",
            "input added: kubernetes/new.yaml",
            "input removed: kubernetes/quotas.yaml",
        ]


def test_verify_reports_a_changed_user_policy(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    policies = root / "org-policies"
    policies.mkdir()
    (policies / "README.rego").write_text("package aiguard.lib.org\n\nx := 1\n")
    assert (
        run(
            root, "kubernetes", "--policies", "org-policies", "-o", "r.json", "--format", "json"
        ).returncode
        == 0
    )
    assert run(root, "--verify", "r.json").returncode == 0
    (policies / "README.rego").write_text("package aiguard.lib.org\n\nx := 2\n")
    changed = run(root, "--verify", "r.json")
    assert changed.returncode == 1
    assert "policy changed: org-policies/README.rego" in changed.stdout


def test_verify_rejects_a_file_without_evidence(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text("{}")
    result = run(tmp_path, "--verify", "other.json")
    assert result.returncode == 2
    assert "other.json: not a JSON or HTML compliance report" in result.stderr
    mixed = run(tmp_path, ".", "--verify", "other.json")
    assert mixed.returncode == 2 and "give it alone" in mixed.stderr


def test_secret_values_never_reach_the_compliance_report(tmp_path: Path) -> None:
    from tests.test_cli import SECRET

    root = copy_examples(tmp_path)
    for fmt in ("json", "html", "md"):
        result = run(root, ".", "--format", fmt)
        assert result.returncode == 0 and result.stdout
        assert SECRET not in result.stdout + result.stderr
