"""Shipped policies use only what the embedded engine evaluates correctly.

shared/ENGINES.md lists regopy's gaps; docs/engine-notes.md adds the ones we found.
Each pattern here is a construct that silently misbehaves there, so a policy that
uses one would pass under OPA and give wrong answers for every default user.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import POLICIES

FORBIDDEN = {
    "inline regex flags such as (?i)": re.compile(r"\(\?[a-zA-Z]+\)"),
    "named regex groups": re.compile(r"\(\?P<"),
    "net.* builtins": re.compile(r"\bnet\.[a-z_]+\("),
    "json.match_schema": re.compile(r"\bjson\.match_schema\("),
    "rego.metadata": re.compile(r"\brego\.metadata\."),
    "http.send": re.compile(r"\bhttp\.send\("),
    "graphql builtins": re.compile(r"\bgraphql\."),
    "strings.render_template": re.compile(r"\bstrings\.render_template\("),
    "time.parse_rfc3339_ns": re.compile(r"\btime\.parse_rfc3339_ns\("),
    "print()": re.compile(r"^\s*print\(", re.MULTILINE),
    "sprintf %q": re.compile(r"sprintf\(\"[^\"]*%q"),
    "`some k, v in` inside a comprehension": re.compile(r"[\[{][^\]}]*\|\s*some \w+, \w+ in"),
    "v0 rule syntax without `if`": re.compile(r"^\w+\[[^\]]*\]\s*\{", re.MULTILINE),
}
SHIPPED = sorted(p for p in POLICIES.rglob("*.rego") if not p.name.endswith("_test.rego"))


def _functions_using_sprintf_on_parameters(source: str) -> list[str]:
    """Functions whose body formats one of their own parameters with sprintf:
    regopy renders literal string arguments with quotes there (docs/engine-notes.md)."""
    bad = []
    for match in re.finditer(
        r"^(\w+)\(([^)]*)\)[^\n]*?(?:if \{|:=)(.*?)(?=^\S|\Z)", source, re.MULTILINE | re.DOTALL
    ):
        params = [p.strip() for p in match.group(2).split(",") if p.strip()]
        for call in re.findall(r"sprintf\([^;\n]*", match.group(3)):
            if any(re.search(rf"\b{re.escape(p)}\b", call) for p in params):
                bad.append(match.group(1))
    return bad


def _function_arities(source: str) -> dict[str, set[int]]:
    arities: dict[str, set[int]] = {}
    for name, params in re.findall(r"^(\w+)\(([^)]*)\)\s*(?::=|if\b|=)", source, re.MULTILINE):
        arities.setdefault(name, set()).add(len([p for p in params.split(",") if p.strip()]))
    return arities


def test_no_function_name_with_two_arities_across_packages() -> None:
    """regopy crashes while compiling such policies (docs/engine-notes.md)."""
    seen: dict[str, set[int]] = {}
    for policy in SHIPPED:
        for name, arities in _function_arities(policy.read_text(encoding="utf-8")).items():
            seen.setdefault(name, set()).update(arities)
    assert {name: a for name, a in seen.items() if len(a) > 1} == {}


def test_policies_exist() -> None:
    assert len(SHIPPED) >= 10


@pytest.mark.parametrize("policy", SHIPPED, ids=[str(p.relative_to(POLICIES)) for p in SHIPPED])
def test_no_forbidden_construct(policy: Path) -> None:
    source = policy.read_text(encoding="utf-8")
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    found = [name for name, pattern in FORBIDDEN.items() if pattern.search(code)]
    assert found == [], f"{policy}: {found}"
    assert _functions_using_sprintf_on_parameters(code) == []


def test_the_checker_catches_what_it_looks_for() -> None:
    assert FORBIDDEN["inline regex flags such as (?i)"].search('regex.match("(?i)abc", x)')
    assert FORBIDDEN["`some k, v in` inside a comprehension"].search("[k | some k, v in obj]")
    assert FORBIDDEN["v0 rule syntax without `if`"].search("deny[msg] {\n")
    assert _functions_using_sprintf_on_parameters('f(s) := sprintf("%s", [s])\n') == ["f"]
    assert _functions_using_sprintf_on_parameters('f(s) := concat("", [s])\n') == []
    assert _function_arities("f(a, b) := 1\nf(a) if {\n") == {"f": {1, 2}}
