"""The real pre-commit framework runs our hook from this repository.

A temporary git repository gets a `.pre-commit-config.yaml` whose `repo` is this
repository at its current commit; pre-commit installs aiguard from it into its own
environment (as it would from GitHub) and runs `aiguard scan` on the staged files.
The commit under test is HEAD: run this on a clean tree (CI always is).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

COMPLIANT = """\
provider "aws" {
  region = "eu-central-1"
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/ml/audit"
  retention_in_days = 365
  kms_key_id        = "arn:aws:kms:eu-central-1:123456789012:key/abc"
}
"""
NON_COMPLIANT = COMPLIANT.replace("365", "30")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def pre_commit(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["pre-commit", "run", "--all-files", "--color", "never"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("user-repo")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    rev = git(REPO, "rev-parse", "HEAD")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {rev}\n    hooks:\n      - id: aiguard\n"
    )
    return repo


def test_non_compliant_file_fails_the_hook(user_repo: Path) -> None:
    (user_repo / "logs.tf").write_text(NON_COMPLIANT)
    git(user_repo, "add", "-A")
    result = pre_commit(user_repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "aiguard" in result.stdout and "Failed" in result.stdout
    assert "AIG-LOG-002" in result.stdout
    assert "logs.tf" in result.stdout


def test_compliant_file_passes_the_hook(user_repo: Path) -> None:
    (user_repo / "logs.tf").write_text(COMPLIANT)
    git(user_repo, "add", "-A")
    result = pre_commit(user_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
