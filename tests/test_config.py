"""`.aiguard.yaml`: valid files load, invalid ones stop with file, line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiguard.config import Config, load_config
from aiguard.errors import ConfigError
from aiguard.model import Severity


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".aiguard.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_default_config_gives_defaults(in_tmp: Path) -> None:
    assert load_config(None) == Config()


def test_valid_config_loads_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "fail_on: medium\npolicies: [org-policies]\nrules:\n"
        "  AIG-ENC-001: {enabled: false}\n  AIG-LOG-002: {severity: low}\n",
    )
    config = load_config(path)
    assert config.fail_on == "medium"
    assert config.policy_dirs() == [tmp_path / "org-policies"]
    assert config.disabled_rules() == {"AIG-ENC-001"}
    assert config.rules["AIG-LOG-002"].severity is Severity.LOW


def test_unknown_key_names_line_and_allowed_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "fail_on: high\nfail_onn: low\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.line == 2
    assert error.value.file == str(path)
    assert "unknown key 'fail_onn'" in error.value.message
    assert "allowed keys: version, fail_on, policies" in error.value.message


def test_bad_severity_names_line_and_allowed_values(tmp_path: Path) -> None:
    path = write(tmp_path, "rules:\n  AIG-ENC-001:\n    severity: urgent\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.line == 3
    assert "rules.AIG-ENC-001.severity" in error.value.message
    assert "'critical', 'high', 'medium', 'low' or 'info'" in error.value.message


def test_bad_fail_on_value(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\nfail_on: sometimes\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.line == 2
    assert "'none'" in error.value.message


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = write(tmp_path, "fail_on: high\nrules: [unclosed\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.line == 3
    assert "invalid YAML" in error.value.message


def test_unknown_rule_id_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "rules:\n  AIG-ENC-999: {enabled: false}\n")
    config = load_config(path)
    with pytest.raises(ConfigError) as error:
        config.check_rule_ids({"AIG-ENC-001"})
    assert error.value.line == 2
    assert "unknown rule id AIG-ENC-999" in error.value.message


def test_explicit_missing_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_config(tmp_path / "nope.yaml")
