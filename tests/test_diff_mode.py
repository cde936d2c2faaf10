"""`aiguard scan --diff-base REF` in a temporary git repository with two commits.

The base commit has two unencrypted buckets (`kept` and `removed`); the second commit
removes one and adds another (`added`). Only `added` is new and fails the run; `kept`
is reported as unchanged; `removed` is listed as fixed.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import REPO
from tests.test_cli import aiguard, write


def bucket(name: str) -> str:
    return f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{name}"\n}}\n\n'


# A small GPU instance without cost tags: AIG-COST-002 and AIG-HOT-001, medium; cheap
# enough (g4dn.xlarge) to stay under the change-cost guardrail.
GPU = """resource "aws_instance" "gpu" {
  instance_type = "g4dn.xlarge"
}
"""


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env
    )
    return done.stdout.strip()


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """infra/main.tf at two commits; the working tree is the second."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "infra").mkdir()
    write(tmp_path / "infra", "main.tf", bucket("kept") + bucket("removed"))
    commit_all(tmp_path, "base")
    # `kept` moves down two lines: its fingerprint, not its line, identifies it.
    write(tmp_path / "infra", "main.tf", "# buckets\n\n" + bucket("kept") + bucket("added"))
    commit_all(tmp_path, "change")
    return tmp_path


def findings(report: dict[str, object], key: str = "findings") -> list[tuple[str, str]]:
    items = report[key]
    assert isinstance(items, list)
    return [(f["resource"], f.get("diff")) for f in items]


def test_only_findings_the_change_introduces_fail(repo: Path) -> None:
    result = aiguard("scan", "infra", "--diff-base", "HEAD~1", "--format", "json", cwd=repo)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert findings(report) == [
        ("aws_s3_bucket.kept", "unchanged"),
        ("aws_s3_bucket.added", "new"),
    ]
    assert [f["line"] for f in report["findings"]] == [3, 7]
    assert [(f["resource"], f["file"], f["line"]) for f in report["fixed"]] == [
        ("aws_s3_bucket.removed", "infra/main.tf", 5)
    ]
    assert "diff" not in report["fixed"][0] or report["fixed"][0]["diff"] is None
    summary = report["summary"]
    assert (summary["new"], summary["unchanged"], summary["fixed"]) == (1, 1, 1)
    assert summary["failed"] is True
    assert summary["diff_base"] == git(repo, "rev-parse", "HEAD~1")
    schema = json.loads((REPO / "docs" / "report.schema.json").read_text())
    jsonschema.validate(report, schema)


def test_unchanged_findings_are_reported_but_never_fail(repo: Path) -> None:
    write(repo / "infra", "main.tf", bucket("kept") + GPU)
    result = aiguard("scan", ".", "--diff-base", "main~1", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "infra/main.tf"
    assert lines[1].split()[:3] == ["1", "HIGH", "AIG-ENC-002"]
    assert lines[1].endswith("[aws_s3_bucket.kept]  (unchanged: already in the diff base)")
    assert [line.split()[2] for line in lines[2:4]] == ["AIG-COST-002", "AIG-HOT-001"]
    assert "fixed by this change" in lines
    fixed = lines[lines.index("fixed by this change") + 1]
    assert fixed.startswith("  infra/main.tf:5  AIG-ENC-002")
    assert fixed.endswith("[aws_s3_bucket.removed]")
    assert lines[-1].endswith("; 2 new, 1 unchanged, 1 fixed; passed at --fail-on high")


def test_paths_are_relative_to_the_current_directory_inside_the_repository(
    repo: Path,
) -> None:
    result = aiguard("scan", ".", "--diff-base", "HEAD~1", "--format", "json", cwd=repo / "infra")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert findings(report) == [
        ("aws_s3_bucket.kept", "unchanged"),
        ("aws_s3_bucket.added", "new"),
    ]
    assert {f["file"] for f in [*report["findings"], *report["fixed"]]} == {"main.tf"}


def test_a_directory_the_base_does_not_have_is_all_new(repo: Path) -> None:
    (repo / "extra").mkdir()
    write(repo / "extra", "gpu.tf", bucket("brand_new"))
    result = aiguard("scan", "extra", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert findings(report) == [("aws_s3_bucket.brand_new", "new")]
    assert report["fixed"] == []


def test_no_change_means_nothing_new_and_a_passing_run(repo: Path) -> None:
    result = aiguard("scan", "infra", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert findings(report) == [
        ("aws_s3_bucket.kept", "unchanged"),
        ("aws_s3_bucket.added", "unchanged"),
    ]
    assert (report["summary"]["new"], report["summary"]["fixed"]) == (0, 0)
    assert report["summary"]["diff_base"] == git(repo, "rev-parse", "HEAD")


def test_the_repository_is_left_as_it_was(repo: Path) -> None:
    before = git(repo, "status", "--porcelain=v1", "--untracked-files=all")
    worktrees = git(repo, "worktree", "list")
    aiguard("scan", "infra", "--diff-base", "HEAD~1", cwd=repo)
    assert git(repo, "status", "--porcelain=v1", "--untracked-files=all") == before
    assert git(repo, "worktree", "list") == worktrees


def test_deleting_an_inline_waiver_makes_its_finding_new(repo: Path) -> None:
    waiver = '# aiguard:waive AIG-ENC-002 reason="public data"\n'
    write(repo / "infra", "main.tf", waiver + bucket("kept"))
    commit_all(repo, "waive kept")
    waived = aiguard("scan", "infra", "--diff-base", "HEAD~1", "--format", "json", cwd=repo)
    assert waived.returncode == 0
    assert [(f["diff"], f["waiver"]["reason"]) for f in json.loads(waived.stdout)["findings"]] == [
        ("unchanged", "public data")
    ]

    write(repo / "infra", "main.tf", bucket("kept"))
    result = aiguard("scan", "infra", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 1
    assert findings(json.loads(result.stdout)) == [("aws_s3_bucket.kept", "new")]


def test_a_bad_ref_is_exit_2_naming_it(repo: Path) -> None:
    result = aiguard("scan", "infra", "--diff-base", "no-such-branch", cwd=repo)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "aiguard: error: --diff-base: 'no-such-branch' is not a commit in this repository; "
        "fetch it first (in CI: a full clone, or `git fetch origin <base>`)\n"
    )


def test_diff_mode_outside_a_git_repository_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", bucket("x"))
    result = aiguard("scan", ".", "--diff-base", "HEAD", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "aiguard: error: --diff-base needs the scan to run inside a git repository; "
        "run aiguard from the repository's checkout\n"
    )


def test_the_head_is_priced_against_the_base(repo: Path) -> None:
    """The head scan gets the base's inventory (`cost_base`): the cost of the change
    has a `before` side, 0 here because the base has no GPU."""
    write(repo / "infra", "main.tf", bucket("kept") + GPU)
    result = aiguard("scan", "infra", "--diff-base", "HEAD", "--format", "json", cwd=repo)
    cost = json.loads(result.stdout)["cost"]
    assert cost["total_before"] == 0.0
    assert [(line["resource"], line["monthly_before"]) for line in cost["lines"]] == [
        ("aws_instance.gpu", None)
    ]
    assert cost["total_after"] > 0


def test_sarif_marks_new_and_unchanged_results(repo: Path) -> None:
    result = aiguard("scan", "infra", "--diff-base", "HEAD~1", "--format", "sarif", cwd=repo)
    assert result.returncode == 1, result.stderr
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"]) for r in results] == [
        ("AIG-ENC-002", "unchanged"),
        ("AIG-ENC-002", "new"),
    ]
