"""The embedded engine: compile once, evaluate many units, clear policy errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aiguard.engine import Violation
from aiguard.engine.embedded import EmbeddedEngine
from aiguard.errors import EngineError, PolicyError
from aiguard.paths import builtin_policies_dir
from aiguard.policies import PolicyModule, entrypoint_module, load_policies

RULES = ["test.bad", "test.named"]
RULE = """package aiguard.rules.test.named

deny contains {"resource": r.id, "msg": msg, "attribute": "n"} if {
	some r in input.resources
	r.n > data.aiguard.config.limits.max
	msg := sprintf("%s has %d replicas", [r.id, r.n])
}
"""


def engine(*extra: PolicyModule, workers: int = 2) -> EmbeddedEngine:
    packages = [m.source.split()[1].removeprefix("aiguard.rules.") for m in extra]
    modules = [*extra, entrypoint_module(packages)]
    instance = EmbeddedEngine(workers=workers)
    instance.load(modules, {"aiguard": {"config": {"limits": {"max": 2}}}})
    return instance


INPUTS = [
    {"resources": [{"id": f"r{i}", "n": i}], "context": {"unit": f"u{i}", "rules": RULES}}
    for i in range(100)
]


def test_violations_come_back_per_input_in_order() -> None:
    results = engine(PolicyModule("rule.rego", RULE), workers=1).evaluate(INPUTS)
    assert results[2] == []
    assert results[3] == [Violation("test.named", "r3 has 3 replicas", "r3", "n")]
    assert sum(len(r) for r in results) == 97


def test_worker_processes_give_the_same_answers_in_the_same_order() -> None:
    single = engine(PolicyModule("rule.rego", RULE), workers=1).evaluate(INPUTS)
    assert engine(PolicyModule("rule.rego", RULE), workers=2).evaluate(INPUTS) == single


def test_non_ascii_passes_through() -> None:
    results = engine(PolicyModule("rule.rego", RULE), workers=1).evaluate(
        [{"resources": [{"id": "münchen-ü", "n": 9}], "context": {"rules": RULES}}]
    )
    assert results[0][0].msg == "münchen-ü has 9 replicas"


def test_syntax_error_names_file_and_line() -> None:
    broken = PolicyModule("org/broken.rego", "package aiguard.rules.x.y\n\ndeny contains {\n")
    with pytest.raises(PolicyError) as error:
        engine(broken)
    assert error.value.file == "org/broken.rego"
    assert error.value.line == 3


def test_builtin_error_at_runtime_is_an_engine_error() -> None:
    bad = PolicyModule(
        "bad.rego",
        'package aiguard.rules.test.bad\n\ndeny contains {"msg": x} if {\n'
        "\tsome r in input.resources\n\tx := upper(r.n)\n}\n",
    )
    one_unit = [{"resources": [{"id": "a", "n": 1}], "context": {"unit": "u1", "rules": RULES}}]
    culprit = re.escape("failed on u1: package aiguard.rules.test.bad raised an error")
    with pytest.raises(EngineError, match=culprit):
        engine(bad, workers=1).evaluate(one_unit)
    with pytest.raises(EngineError, match="policy evaluation failed on u0"):
        engine(bad, workers=2).evaluate(INPUTS)


def test_only_rules_listed_in_the_context_are_evaluated() -> None:
    unit = {"resources": [{"id": "r9", "n": 9}], "context": {"unit": "u", "rules": []}}
    assert engine(PolicyModule("rule.rego", RULE), workers=1).evaluate([unit]) == [[]]


def test_shipped_policies_compile() -> None:
    policy_set = load_policies(builtin_policies_dir(), [])
    instance = EmbeddedEngine(workers=1)
    instance.load(policy_set.engine_modules(), {"aiguard": {"config": {}}})
    assert instance.evaluate([{"resources": []}]) == [[]]


def test_compiled_bundle_is_cached_by_content(tmp_path: Path) -> None:
    modules = [PolicyModule("rule.rego", RULE), entrypoint_module(["test.named"])]
    data = {"aiguard": {"config": {"limits": {"max": 2}}}}
    first = EmbeddedEngine(workers=1, cache_dir=tmp_path)
    first.load(modules, data)
    [cached] = tmp_path.glob("*.rbb")
    written = cached.stat().st_mtime_ns
    second = EmbeddedEngine(workers=1, cache_dir=tmp_path)
    second.load(modules, data)
    assert cached.stat().st_mtime_ns == written
    assert second.evaluate(INPUTS[3:4]) == first.evaluate(INPUTS[3:4])
    other = EmbeddedEngine(workers=1, cache_dir=tmp_path)
    other.load(modules, {"aiguard": {"config": {"limits": {"max": 5}}}})
    assert len(list(tmp_path.glob("*.rbb"))) == 2


def test_corrupt_cache_entry_is_rebuilt(tmp_path: Path) -> None:
    modules = [PolicyModule("rule.rego", RULE), entrypoint_module(["test.named"])]
    data = {"aiguard": {"config": {"limits": {"max": 2}}}}
    EmbeddedEngine(workers=1, cache_dir=tmp_path).load(modules, data)
    [cached] = tmp_path.glob("*.rbb")
    cached.write_bytes(b"not a bundle")
    engine_after = EmbeddedEngine(workers=1, cache_dir=tmp_path)
    engine_after.load(modules, data)
    assert engine_after.evaluate(INPUTS[3:4])[0][0].msg == "r3 has 3 replicas"
    assert cached.read_bytes() != b"not a bundle"
