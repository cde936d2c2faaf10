"""Every policy under a real OPA: strict compile, formatting, and the Rego unit tests.

Regopy cannot run the Rego unit tests (`with input as` on rules that call functions
crashes it, shared/ENGINES.md), so they run here under the reference engine. Without
an `opa` binary these tests skip with instructions; CI sets AIGUARD_REQUIRE_OPA=1 so
that a skip there is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import POLICIES

OPA = shutil.which("opa")
HOW = (
    "no `opa` binary on PATH; install it with "
    "`go install github.com/open-policy-agent/opa@v1.22.3` and add $(go env GOPATH)/bin to PATH"
)

if OPA is None:
    if os.environ.get("AIGUARD_REQUIRE_OPA") == "1":
        pytest.fail(HOW, pytrace=False)
    pytestmark = pytest.mark.skip(reason=HOW)


def opa(*args: str) -> subprocess.CompletedProcess[str]:
    assert OPA is not None
    return subprocess.run([OPA, *args], capture_output=True, text=True, check=False)


def test_policies_compile_strictly() -> None:
    result = opa("check", "--strict", "--ignore", "fixtures", str(POLICIES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_policies_are_formatted() -> None:
    result = opa("fmt", "--list", "--fail", str(POLICIES))
    assert result.returncode == 0, f"not `opa fmt`-formatted: {result.stdout}"


def test_rego_unit_tests_pass() -> None:
    result = opa("test", "--ignore", "fixtures", str(POLICIES), "--format", "json")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    assert '"fail": true' not in result.stdout
    names = {
        line.split('"name": "')[1].split('"')[0]
        for line in result.stdout.splitlines()
        if '"name": "' in line
    }
    assert len(names) >= 20
