"""Waivers: accepted risks on the record, inline in the manifests or in `.aiguard.yaml`.

A waiver names a rule and a target (a resource, a `for_each`/`count` instance, a
module, or a path glob), says why, and may say who owns it and until when. A waiver
that has expired no longer waives anything and becomes an AIG-WAIVER-001 finding of
its own, so an exception cannot silently outlive its deadline. An inline waiver that
cannot be read (no reason, a bad date, an unknown rule) is an AIG-WAIVER-002 finding
at its line and waives nothing: bad input is reported, never ignored (docs/gate.md).

Inline syntax, the same in a Terraform comment and a Kubernetes annotation value:

    # aiguard:waive AIG-ENC-002 reason="public data only" owner=ml-platform expires=2027-01-31
    aiguard.io/waive: 'AIG-ENC-002 reason="public data only" expires=2027-01-31'
"""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from aiguard.findings import TOOL_RULES, WAIVER_EXPIRED_RULE, WAIVER_INVALID_RULE, WAIVER_RULES
from aiguard.model import Finding, Resource, Waiver

if TYPE_CHECKING:
    from aiguard.config import Config  # config imports this module for ConfigWaiver
    from aiguard.policies import PolicySet

ANNOTATION = "aiguard.io/waive"
_MARKER = "aiguard:waive"
# A comment carrying a waiver: `# aiguard:waive ...`, `// aiguard:waive ...`, `/* ... */`.
_COMMENT_WAIVER = re.compile(r"(?:#|//|/\*)\s*aiguard:waive\b(.*?)(?:\*/)?\s*$")
_COMMENT_LINE = re.compile(r"^\s*(?:#|//|/\*)")
_RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
_INLINE_KEYS = ("reason", "owner", "ticket", "expires", "since", "instance")
_INSTANCE_KEY = r'\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]'
_MODULE_STEP = re.compile(r"module\.[A-Za-z0-9_-]+(" + _INSTANCE_KEY + ")?")
_TRAILING_KEY = re.compile(_INSTANCE_KEY + "$")

_WAIVER_RULE_IDS = frozenset(r.id for r in WAIVER_RULES)


class ConfigWaiver(BaseModel):
    """One entry of `waivers:` in `.aiguard.yaml`."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(min_length=1, description="Rule id, or a glob such as AIG-COST-*")
    resource: str | None = Field(
        default=None, description="Resource id or glob; also covers its instances and module"
    )
    path: str | None = Field(default=None, description="Glob on the finding's file")
    reason: str = Field(min_length=1)
    owner: str | None = None
    ticket: str | None = None
    expires: date | None = None
    since: date | None = None

    @field_validator("reason")
    @classmethod
    def _reason_says_something(cls, reason: str) -> str:
        if not reason.strip():
            raise ValueError("a waiver needs a reason saying why the risk is accepted")
        return reason.strip()

    @model_validator(mode="after")
    def _has_a_target(self) -> ConfigWaiver:
        if self.resource is None and self.path is None:
            raise ValueError("give `resource` or `path` (or both): a waiver covers a target")
        return self


@dataclass(frozen=True)
class WaiverEntry:
    """A waiver and what it covers.

    `resource` and `path` are globs (`*` and `?` only; `[` is literal so that
    instance keys like `["a"]` need no escaping). `directory` limits an inline
    Terraform waiver to the module directory it is written in (and to plans).
    """

    waiver: Waiver
    resource: str | None = None
    path: str | None = None
    directory: str | None = None
    since: date | None = None

    def covers(self, finding: Finding, plan_files: frozenset[str]) -> bool:
        """Whether this waiver applies to `finding` (expiry aside)."""
        if finding.rule_id in _WAIVER_RULE_IDS:
            return False
        if not _glob(self.waiver.rule_id).fullmatch(finding.rule_id):
            return False
        if self.path is not None and not _glob(self.path).fullmatch(finding.file):
            return False
        if (
            self.directory is not None
            and finding.file not in plan_files
            and PurePosixPath(finding.file).parent != PurePosixPath(self.directory)
        ):
            return False
        if self.resource is not None:
            pattern = _glob(self.resource)
            if finding.resource is None:
                return False
            return any(pattern.fullmatch(s) for s in address_scopes(finding.resource))
        return True

    def expired(self, today: date) -> bool:
        """A waiver is valid through its expiry date and expired the day after."""
        return self.waiver.expires is not None and self.waiver.expires < today


@dataclass(frozen=True)
class InvalidWaiver:
    """An inline waiver that could not be read, and why."""

    file: str
    line: int
    resource: str | None
    problem: str


def today_utc() -> date:
    """Expiry is judged on the UTC date, so CI runners in any zone agree."""
    return datetime.now(timezone.utc).date()


def address_scopes(address: str) -> list[str]:
    """The address and every target a waiver may name to cover it.

    `module.a["x"].aws_instance.gpu[0]` is covered by itself, by the resource without
    its instance key, by `module.a["x"]` and by `module.a`. Other ids (Kubernetes
    objects) only by themselves.
    """
    scopes = [address]
    without_key = _TRAILING_KEY.sub("", address)
    if without_key != address:
        scopes.append(without_key)
    position = 0
    while address.startswith("module.", position):
        step = _MODULE_STEP.match(address, position)
        if step is None:
            break
        if step.end() < len(address):
            scopes.append(address[: step.end()])
            if step.group(1):
                scopes.append(address[: step.start(1)])
        position = step.end() + 1
    return scopes


@lru_cache(maxsize=1024)
def _glob(pattern: str) -> re.Pattern[str]:
    """`*` any run of characters (also `/` and `.`), `?` one; everything else literal."""
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile("".join(parts))


# --- inline waivers -----------------------------------------------------------------


def waivable_rule_ids(policy_set: PolicySet, config: Config) -> set[str]:
    """The rule ids a waiver may name: every loaded rule, the disabled ones (a waiver
    of a rule switched off is harmless) and the tool rules such as AIG-PARSE."""
    return {*policy_set.by_id(), *config.disabled_rules(), *(r.id for r in TOOL_RULES)}


def inline_waivers(
    resources: Iterable[Resource], known_rules: set[str]
) -> tuple[list[WaiverEntry], list[InvalidWaiver]]:
    """Waivers written in Terraform comments and Kubernetes annotations."""
    entries: list[WaiverEntry] = []
    invalid: list[InvalidWaiver] = []
    texts: dict[str, list[str]] = {}
    for resource in resources:
        if resource.provider == "kubernetes":
            sources = _annotation_waivers(resource)
            directory = None
        elif resource.file.endswith(".tf"):
            lines = texts.get(resource.file)
            if lines is None:
                lines = texts[resource.file] = _read_lines(resource.file)
            sources = _comment_waivers(resource, lines) if lines else []
            directory = PurePosixPath(resource.file).parent.as_posix()
        else:
            continue
        for line, text in sources:
            parsed = _parse_inline(text, resource, line, known_rules, directory)
            if isinstance(parsed, InvalidWaiver):
                invalid.append(parsed)
            else:
                entries.extend(parsed)
    return entries, invalid


def _read_lines(path: str) -> list[str]:
    """The file's lines, or none when it holds no waiver (most files: skip them fast)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # the parser already reported the file as unreadable
    return text.splitlines() if _MARKER in text else []


def _comment_waivers(resource: Resource, lines: list[str]) -> list[tuple[int, str]]:
    """`aiguard:waive` comments inside the block, or in the comment lines right above it."""
    first = resource.line
    while first > 1 and _COMMENT_LINE.match(lines[first - 2]):
        first -= 1
    found = []
    for number in range(first, min(resource.end_line, len(lines)) + 1):
        match = _COMMENT_WAIVER.search(lines[number - 1])
        if match:
            found.append((number, match.group(1)))
    return found


def _annotation_waivers(resource: Resource) -> list[tuple[int, str]]:
    """One waiver per non-empty line of the `aiguard.io/waive` annotation."""
    metadata = resource.attributes.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
    value = annotations.get(ANNOTATION) if isinstance(annotations, dict) else None
    if value is None:
        return []
    line = resource.attribute_lines.get(f"metadata.annotations.{ANNOTATION}", resource.line)
    return [(line, text) for text in str(value).splitlines() if text.strip()]


def _parse_inline(
    text: str,
    resource: Resource,
    line: int,
    known_rules: set[str],
    directory: str | None,
) -> list[WaiverEntry] | InvalidWaiver:
    """`RULE[,RULE...] key=value ...`; values with spaces in double quotes."""

    def invalid(problem: str) -> InvalidWaiver:
        return InvalidWaiver(resource.file, line, resource.id, problem)

    try:
        words = shlex.split(text.strip().removeprefix(_MARKER))
    except ValueError as exc:
        return invalid(f"cannot read it ({exc})")
    if not words:
        return invalid("it names no rule id")
    rule_ids = [r for r in words[0].split(",") if r]
    for rule_id in rule_ids:
        if not _RULE_ID.match(rule_id) or rule_id not in known_rules:
            return invalid(f"unknown rule id {rule_id!r}; `aiguard policies list` shows the ids")
    fields: dict[str, str] = {}
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if not sep or key not in _INLINE_KEYS:
            return invalid(f"unexpected {word!r}; keys are {', '.join(_INLINE_KEYS)}")
        fields[key] = value
    reason = fields.get("reason", "").strip()
    if not reason:
        return invalid('it has no reason="..." saying why the risk is accepted')
    dates: dict[str, date | None] = {}
    for key in ("expires", "since"):
        try:
            dates[key] = date.fromisoformat(fields[key]) if key in fields else None
        except ValueError:
            return invalid(f"{key}={fields[key]!r} is not a date (YYYY-MM-DD)")
    target = resource.id
    if "instance" in fields:
        if resource.provider == "kubernetes":
            return invalid("instance= applies to Terraform count/for_each resources only")
        key = fields["instance"]
        target += f"[{key}]" if key.isdigit() else f'["{key}"]'
    return [
        WaiverEntry(
            waiver=Waiver(
                rule_id=rule_id,
                reason=reason,
                owner=fields.get("owner") or None,
                ticket=fields.get("ticket") or None,
                expires=dates["expires"],
                source="inline",
                file=resource.file,
                line=line,
            ),
            resource=target,
            # A Kubernetes object's id may repeat in another file (an overlay): only
            # the object the annotation is on. Terraform: the module directory.
            path=resource.file if directory is None else None,
            directory=directory,
            since=dates["since"],
        )
        for rule_id in rule_ids
    ]


# --- config waivers -----------------------------------------------------------------


def config_waivers(
    waivers: Sequence[ConfigWaiver], source: str | None, lines: Sequence[int | None]
) -> list[WaiverEntry]:
    """The `waivers:` of `.aiguard.yaml`, each with the line it starts on."""
    return [
        WaiverEntry(
            waiver=Waiver(
                rule_id=entry.rule,
                reason=entry.reason,
                owner=entry.owner,
                ticket=entry.ticket,
                expires=entry.expires,
                source="config",
                file=source or ".aiguard.yaml",
                line=line or 1,
            ),
            resource=entry.resource,
            path=entry.path,
            since=entry.since,
        )
        for entry, line in zip(waivers, lines, strict=True)
    ]


# --- applying them ------------------------------------------------------------------


def waive_findings(
    findings: list[Finding],
    resources: Sequence[Resource],
    plan_files: frozenset[str],
    config: Config,
    known_rules: set[str],
    inline: bool,
) -> tuple[list[Finding], list[str]]:
    """Apply the config's waivers and (unless `inline` is off) the manifests' own.

    Returns the findings about waivers (expired, invalid) and notices for the run.
    """
    entries = config_waivers(config.waivers, config.source, config.waiver_lines())
    found, invalid = inline_waivers(resources, known_rules)
    notices = []
    if inline:
        entries += found
    elif found or invalid:
        count = len(found) + len(invalid)
        notices.append(f"--no-inline-waivers: {count} inline waivers ignored")
        invalid = []
    return apply_waivers(findings, entries, invalid, plan_files, today_utc()), notices


def apply_waivers(
    findings: list[Finding],
    entries: Sequence[WaiverEntry],
    invalid: Sequence[InvalidWaiver],
    plan_files: frozenset[str],
    today: date,
) -> list[Finding]:
    """Mark every finding a valid waiver covers, and return the findings about waivers.

    Config waivers are tried before inline ones, each in file and line order, so the
    waiver a finding shows does not depend on discovery order.
    """
    ordered = sorted(entries, key=lambda e: (e.waiver.source != "config", _where(e)))
    valid = [e for e in ordered if not e.expired(today)]
    for finding in findings:
        for entry in valid:
            if entry.covers(finding, plan_files):
                finding.waiver = entry.waiver
                break
    extra = [_expired_finding(e) for e in ordered if e.expired(today)]
    extra += [_invalid_finding(i) for i in invalid]
    return extra


def _where(entry: WaiverEntry) -> tuple[str, int, str]:
    return (entry.waiver.file, entry.waiver.line, entry.waiver.rule_id)


def _expired_finding(entry: WaiverEntry) -> Finding:
    waiver = entry.waiver
    target = entry.resource or entry.path or "?"
    owner = f", owner {waiver.owner}" if waiver.owner else ""
    return Finding(
        rule_id=WAIVER_EXPIRED_RULE.id,
        title=WAIVER_EXPIRED_RULE.title,
        severity=WAIVER_EXPIRED_RULE.severity,
        message=(
            f"the {waiver.source} waiver of {waiver.rule_id} for {target} expired on "
            f"{waiver.expires}{owner}; it no longer waives anything"
        ),
        file=waiver.file,
        line=waiver.line,
        resource=entry.resource if waiver.source == "inline" else None,
    )


def _invalid_finding(invalid: InvalidWaiver) -> Finding:
    return Finding(
        rule_id=WAIVER_INVALID_RULE.id,
        title=WAIVER_INVALID_RULE.title,
        severity=WAIVER_INVALID_RULE.severity,
        message=f"inline waiver ignored: {invalid.problem}",
        file=invalid.file,
        line=invalid.line,
        resource=invalid.resource,
    )


# --- age, for `aiguard waivers list` ------------------------------------------------


def written_on(entry: WaiverEntry) -> date | None:
    """When the waiver was written: its `since`, else the git commit date of its line.

    Uncommitted lines and files outside a git repository have no date.
    """
    if entry.since is not None:
        return entry.since
    path = Path(entry.waiver.file)
    if not path.is_file():
        return None
    line = entry.waiver.line
    try:
        blame = subprocess.run(
            ["git", "blame", "--porcelain", "-L", f"{line},{line}", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    if blame.returncode != 0 or blame.stdout.startswith("0000000000000000000000000000000000000000"):
        return None
    for text in blame.stdout.splitlines():
        if text.startswith("author-time "):
            stamp = int(text.split()[1])
            return datetime.fromtimestamp(stamp, timezone.utc).date()
    return None
