"""JUnit XML for the test tabs of CI systems (GitLab, Jenkins, Azure DevOps, CircleCI).

A test suite per scan unit (a scanned file), a test case per rule that looked at it:
a case fails when the rule found something at or above `--fail-on`, is skipped when
every finding of it is waived, and passes otherwise (findings below the threshold
are listed in its output), so the test tab and the exit code tell the same story.
No timings: the same input gives the same XML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING

from aiguard.model import Finding, ScanResult
from aiguard.outputs.facts import rules_per_file

if TYPE_CHECKING:
    from aiguard.outputs import ReportOptions


def render_junit(result: ScanResult, fail_on: str) -> str:
    """The JUnit XML document with an XML declaration and a trailing newline."""
    failing = {id(f) for f in result.failing(fail_on)}
    by_case: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_case[(finding.file, finding.rule_id)].append(finding)

    root = ET.Element("testsuites", name="aiguard")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for file, rule_ids in rules_per_file(result).items():
        suite = ET.SubElement(root, "testsuite", name=file)
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for rule_id in rule_ids:
            findings = by_case.get((file, rule_id), [])
            outcome = _case(suite, result, file, rule_id, findings, failing)
            counts["tests"] += 1
            if outcome != "passed":
                counts[outcome] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _case(
    suite: ET.Element,
    result: ScanResult,
    file: str,
    rule_id: str,
    findings: list[Finding],
    failing: set[int],
) -> str:
    """Add one test case; return "failures", "skipped" or "passed"."""
    rule = result.rules_run.get(rule_id)
    title = rule.title if rule else (findings[0].title if findings else rule_id)
    case = ET.SubElement(suite, "testcase", name=f"{rule_id}: {title}", classname=file, file=file)
    if findings:
        case.set("line", str(findings[0].line))
    failed = [f for f in findings if id(f) in failing]
    if failed:
        first = failed[0]
        failure = ET.SubElement(
            case,
            "failure",
            message=f"{first.file}:{first.line}: {first.message}",
            type=first.severity.value,
        )
        failure.text = "\n".join(_describe(f) for f in failed)
        return "failures"
    if findings and all(f.waiver is not None for f in findings):
        waiver = findings[0].waiver
        assert waiver is not None
        ET.SubElement(case, "skipped", message=f"waived: {waiver.reason}")
        return "skipped"
    if findings:
        output = ET.SubElement(case, "system-out")
        output.text = "\n".join(_describe(f) for f in findings)
    return "passed"


def _describe(finding: Finding) -> str:
    """`file:line: SEVERITY message [resource]` plus the waiver, if any."""
    text = f"{finding.file}:{finding.line}: {finding.severity.value.upper()} {finding.message}"
    if finding.resource:
        text += f" [{finding.resource}]"
    if finding.waiver is not None:
        text += f" (waived: {finding.waiver.reason})"
    return text


def render(result: ScanResult, options: ReportOptions) -> str:
    """`--format junit` (aiguard/outputs/__init__.py)."""
    return render_junit(result, options.fail_on)
