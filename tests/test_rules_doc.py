"""docs/rules.md is generated from the rules' METADATA and kept current."""

from __future__ import annotations

from aiguard.model import FrameworkRef, RuleMeta
from aiguard.paths import builtin_policies_dir
from aiguard.policies import load_policies
from aiguard.rules_doc import render_rules_markdown
from tests.conftest import REPO


def meta(rule_id: str, refs: list[str]) -> RuleMeta:
    return RuleMeta(
        id=rule_id,
        title=f"title {rule_id}",
        description="why",
        severity="high",
        kinds=["aws_s3_bucket"],
        basis="law",
        remediation="fix it",
        frameworks=[FrameworkRef(name="eu-ai-act", ref=r) for r in refs],
    )


def test_committed_rules_doc_is_current() -> None:
    rules = load_policies(builtin_policies_dir(), []).rules.values()
    expected = render_rules_markdown(rules)
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == expected, (
        "docs/rules.md is stale: run `aiguard policies docs -o docs/rules.md`"
    )


def test_tables_per_family_and_article_mapping() -> None:
    text = render_rules_markdown(
        [
            meta("AIG-LOG-002", ["Art. 19(1)", "Art. 26(6)"]),
            meta("AIG-LOG-001", ["Art. 12(1)", "Art. 12(2)"]),
            meta("AIG-DOC-001", ["Annex IV point 2", "Art. 11(1)"]),
        ]
    )
    assert "## Record-keeping and audit trail (LOG)" in text
    assert "## Model lineage and documentation (DOC)" in text
    assert text.index("[AIG-LOG-001]") < text.index("[AIG-LOG-002]") < text.index("[AIG-DOC-001]")
    table = text.split("## EU AI Act: article to rules")[1].split("##")[0]
    rows = [
        line
        for line in table.splitlines()
        if line.startswith("| Art") or line.startswith("| Annex")
    ]
    assert rows == [
        "| Art. 11 | Art. 11(1) | AIG-DOC-001 |",
        "| Art. 12 | Art. 12(1), Art. 12(2) | AIG-LOG-001 |",
        "| Art. 19 | Art. 19(1) | AIG-LOG-002 |",
        "| Art. 26 | Art. 26(6) | AIG-LOG-002 |",
        "| Annex IV | Annex IV point 2 | AIG-DOC-001 |",
    ]
    assert "not thereby compliant with the EU AI Act" in text
