"""Errors that stop a run with exit code 2: bad configuration, policies or data.

Each names the file and line and says what to do, so a user can fix it without
reading our code. Bad *input* files never raise these; they become findings.
"""

from __future__ import annotations

from typing import TypeVar

_Error = TypeVar("_Error", bound="UsageError")


class UsageError(Exception):
    """A problem the user can fix; the CLI prints it and exits with code 2."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        super().__init__(self.render())

    def render(self) -> str:
        """`file:line: message`, or as much of it as is known."""
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"

    @classmethod
    def from_yaml_error(cls: type[_Error], prefix: str, error: Exception, file: str) -> _Error:
        """`prefix: what the YAML parser found wrong`, at the line it points at."""
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", error)
        return cls(f"{prefix}: {problem}", file=file, line=mark.line + 1 if mark else None)


class ConfigError(UsageError):
    """`.aiguard.yaml` is invalid."""


class PolicyError(UsageError):
    """A Rego policy, its METADATA block or a rule data file is invalid."""


class EngineError(UsageError):
    """The policy engine could not evaluate the policies."""
