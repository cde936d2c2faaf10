"""`aiguard bundle`: a deterministic OPA bundle that a real OPA serves with our answers."""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aiguard.bundle import BATCH_PATH, DATA_PATH, Bundle, build_bundle, scan_bundle
from aiguard.config import Config
from aiguard.engine import OpaOptions
from aiguard.errors import PolicyError
from aiguard.model import Finding
from aiguard.paths import builtin_rules_dir
from aiguard.policies import PolicyModule, load_rule_data
from aiguard.policy_set import load_policy_set
from aiguard.scan import run_scan
from tests.conftest import EXAMPLES, POLICIES, REPO
from tests.opa_server import opa_command, opa_required, running_opa
from tests.test_cli import aiguard
from tests.test_rule_fixtures import CASES

USER_RULE = """# METADATA
# title: Org rule
# description: Test rule from a user directory.
# custom:
#   id: ORG-TEST-001
#   severity: low
#   kinds: [aws_s3_bucket]
#   basis: practice
#   remediation: Nothing.
package aiguard.rules.org.bucket_named

deny contains {"resource": r.id, "msg": "named bucket"} if {
	some r in input.resources
	r.kind == "aws_s3_bucket"
}
"""
USER_HELPER = "package aiguard.lib\n\nshout(s) := upper(s)\n"


def by_file(findings: list[Finding]) -> dict[str, list[str]]:
    """Findings grouped by file, so that a difference names its fixture."""
    grouped: dict[str, list[str]] = {}
    for finding in findings:
        grouped.setdefault(finding.file, []).append(finding.model_dump_json())
    return grouped


def members(path: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(path) as tar:
        return {info.name: info for info in tar.getmembers()}


def read_member(path: Path, name: str) -> bytes:
    with tarfile.open(path) as tar:
        extracted = tar.extractfile(name)
        assert extracted is not None
        return extracted.read()


@pytest.fixture
def user_dirs(tmp_path: Path) -> tuple[Path, Path]:
    policies, data = tmp_path / "org-policies", tmp_path / "org-data"
    policies.mkdir()
    data.mkdir()
    (policies / "bucket_named.rego").write_text(USER_RULE, encoding="utf-8")
    (policies / "lib.rego").write_text(USER_HELPER, encoding="utf-8")
    (data / "cost.yaml").write_text("max_gpu_nodes_per_pool: 3\n", encoding="utf-8")
    return policies, data


def test_same_inputs_give_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    assert aiguard("bundle", "-o", str(first), cwd=tmp_path).returncode == 0
    assert aiguard("bundle", "-o", str(second), cwd=tmp_path).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes()[4:8] == b"\0\0\0\0", "gzip header mtime must be 0"
    for info in members(first).values():
        assert (info.mtime, info.uid, info.gid, info.uname, info.mode) == (0, 0, 0, "", 0o644)


def test_manifest_paths_and_data(tmp_path: Path) -> None:
    output = tmp_path / "aiguard-bundle.tar.gz"
    result = aiguard("bundle", "-o", str(output), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(members(output))
    assert names[0] == ".manifest"
    assert "aiguard/rules/encryption/sagemaker_endpoint_kms/policy.rego" in names
    assert {"aiguard/entrypoint.rego", BATCH_PATH, DATA_PATH} <= set(names)
    assert all(n == ".manifest" or n.startswith("aiguard/") for n in names)
    manifest = json.loads(read_member(output, ".manifest"))
    built = scan_bundle(Config(), [], [])
    assert manifest == {"revision": built.revision, "roots": ["aiguard"], "rego_version": 1}
    assert manifest["revision"] in result.stdout
    data = json.loads(read_member(output, DATA_PATH))
    assert data == load_rule_data([builtin_rules_dir()], {})["aiguard"]["config"]


def test_user_policies_data_and_config_are_included(
    tmp_path: Path, user_dirs: tuple[Path, Path]
) -> None:
    policies, data = user_dirs
    config = tmp_path / "aiguard.yaml"
    config.write_text(
        "version: 1\nrules:\n  AIG-DOC-001: {enabled: false}\n"
        "settings:\n  cost: {max_gpu_nodes_per_pool: 5}\n",
        encoding="utf-8",
    )
    output = tmp_path / "b.tar.gz"
    args = ["bundle", "-o", str(output), "--policies", str(policies), "--data", str(data)]
    result = aiguard(*args, "--config", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = set(members(output))
    assert "aiguard/user/rules/org/bucket_named/bucket_named.rego" in names
    assert "aiguard/user/lib/lib.rego" in names, "a user helper must not replace ours"
    assert "aiguard/lib/lib.rego" in names
    assert "aiguard/rules/lineage/image_digest/policy.rego" not in names  # disabled
    settings = json.loads(read_member(output, DATA_PATH))["cost"]
    assert settings["max_gpu_nodes_per_pool"] == 5  # config settings over the user's data


def test_a_package_outside_the_root_is_refused() -> None:
    outside = PolicyModule("org/helpers.rego", "package org.helpers\n\nx := 1\n")
    with pytest.raises(PolicyError, match="outside the bundle root") as error:
        build_bundle([outside], {"aiguard": {"config": {}}})
    assert error.value.file == "org/helpers.rego"


def test_revision_follows_the_contents() -> None:
    base = scan_bundle(Config(), [], [])
    data = load_rule_data([builtin_rules_dir()], {"cost": {"max_gpu_nodes_per_pool": 1}})
    changed = build_bundle(load_policy_set(Config()).engine_modules(), data)
    assert changed.revision != base.revision
    assert Bundle(dict(base.files), dict(base.sources)).revision == base.revision


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "aiguard-bundle.tar.gz"
    scan_bundle(Config(), [], []).write(path)
    return path


@pytest.fixture(scope="module")
def served_url(bundle_file: Path) -> Iterator[str]:
    """One OPA serving the bundle, as a central OPA would."""
    with running_opa("--bundle", str(bundle_file)) as server:
        yield server.url


class TestUnderOpa:
    """A real OPA loads the bundle and answers exactly like the embedded engine."""

    pytestmark = opa_required()

    def test_opa_inspects_and_checks_it(self, bundle_file: Path, tmp_path: Path) -> None:
        inspected = opa_command("inspect", "--format", "json", str(bundle_file))
        assert inspected.returncode == 0, inspected.stderr
        assert json.loads(inspected.stdout)["manifest"]["roots"] == ["aiguard"]
        with tarfile.open(bundle_file) as tar:
            tar.extractall(tmp_path, filter="data")
        checked = opa_command("check", "--strict", "--bundle", str(tmp_path))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        formatted = opa_command("fmt", "--list", "--fail", str(tmp_path / BATCH_PATH))
        assert formatted.returncode == 0, formatted.stdout

    def test_preloaded_findings_equal_embedded_on_every_fixture(
        self, served_url: str, tmp_path: Path
    ) -> None:
        """One scan of all fixtures, each in its own directory (its own Terraform module),
        per engine; tests/test_engine_differential.py compares them one by one."""
        for fixture in {f for _, f in CASES}:
            target = tmp_path / fixture.relative_to(POLICIES).with_suffix("") / fixture.name
            target.parent.mkdir(parents=True)
            target.write_bytes(fixture.read_bytes())
        preloaded = OpaOptions(url=served_url, preloaded=True)
        opa = run_scan([str(tmp_path)], Config(), workers=1, engine_name="opa", opa=preloaded)
        embedded = run_scan([str(tmp_path)], Config(), workers=1)
        assert len({f.file for f in embedded.findings}) > len(CASES) // 3
        assert by_file(opa.findings) == by_file(embedded.findings)

    def test_cli_preloaded_scan_of_the_examples(self, served_url: str) -> None:
        args = ["scan", "examples", "--format", "json"]
        embedded = aiguard(*args)
        opa = aiguard(*args, "--engine", "opa", "--opa-url", served_url, "--opa-preloaded")
        assert opa.returncode == embedded.returncode == 1, opa.stderr
        assert json.loads(opa.stdout)["findings"] == json.loads(embedded.stdout)["findings"]

    def test_a_bundle_of_other_policies_is_refused(self, served_url: str, tmp_path: Path) -> None:
        config = tmp_path / ".aiguard.yaml"  # disables a rule the bundle holds
        config.write_text("version: 1\nrules:\n  AIG-DOC-001: {enabled: false}\n")
        result = aiguard(
            "scan", str(EXAMPLES), "--engine", "opa", "--opa-url", served_url, "--opa-preloaded",
            cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 2
        assert "rebuild the bundle with `aiguard bundle`" in result.stderr

    def test_uploading_into_a_bundle_namespace_says_use_preloaded(self, served_url: str) -> None:
        result = aiguard("scan", str(REPO / "examples"), "--engine", "opa", "--opa-url", served_url)
        assert result.returncode == 2
        assert "a bundle owns `aiguard` there, so use --opa-preloaded" in result.stderr
