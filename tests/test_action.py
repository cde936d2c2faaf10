"""The GitHub Action (action.yml), run locally on a temporary git repository with two
commits: the base has one unencrypted bucket, the pull request adds another.

The steps' shell scripts are taken from action.yml and run with bash as the runner
would run them, with `${{ ... }}` expressions evaluated by a small evaluator that
knows only the expression forms action.yml uses (an unknown form fails the test).
What cannot run here is replaced, and only that:
- `actions/setup-python` and the `pip install "$GITHUB_ACTION_PATH"` step are skipped:
  this test process already runs the aiguard of this checkout;
- `github/codeql-action/upload-sarif` is a remote action: the test checks the inputs
  it would get (an existing, valid SARIF file);
- the GitHub REST API cannot be reached, so a small real HTTP server on loopback
  stands in for it, and the test asserts the exact requests the comment step makes:
  a new comment the first time, an update of that same comment the second time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from aiguard.ci_comment import MARKER
from tests.conftest import REPO
from tests.test_cli import write
from tests.test_diff_mode import bucket, commit_all, git

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
REPOSITORY = "octo/infra"
FOREIGN = {"id": 11, "body": "LGTM", "user": {"login": "reviewer"}}


class FakeGitHub(ThreadingHTTPServer):
    """Issue comments of one pull request, served over HTTP on 127.0.0.1."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, str, Any]] = []
        self.headers_seen: list[dict[str, str]] = []
        self.comments: list[dict[str, Any]] = [dict(FOREIGN)]
        self.next_id = 100

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeGitHub

    def _answer(self, status: int, document: Any) -> None:
        payload = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _record(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        self.server.requests.append((self.command, self.path, body))
        self.server.headers_seen.append({k.lower(): v for k, v in self.headers.items()})
        return body

    def do_GET(self) -> None:
        self._record()
        authorized = (
            self.headers["Authorization"] == "Bearer test-token"
            or self.headers["PRIVATE-TOKEN"] == "test-token"
        )
        if not authorized:
            self._answer(403, {"message": "Resource not accessible by integration"})
        elif self.path.endswith("?per_page=100&page=1"):
            self._answer(200, self.server.comments)
        else:
            self._answer(200, [])

    def do_POST(self) -> None:
        body = self._record()
        comment = {"id": self.server.next_id, "body": body["body"], "user": {"login": "bot"}}
        self.server.next_id += 1
        self.server.comments.append(comment)
        self._answer(201, comment)

    def do_PATCH(self) -> None:
        body = self._record()
        [comment] = [c for c in self.server.comments if self.path.endswith(f"/{c['id']}")]
        comment["body"] = body["body"]
        self._answer(200, comment)

    do_PUT = do_PATCH

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test asserts the requests instead."""


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    server = FakeGitHub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


# --- a tiny evaluator for the expressions in action.yml ---------------------------------

_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(expression: str, context: dict[str, Any]) -> str:
    """`a || b`, `a && b`, `x == 'v'`, `x != 'v'`, dotted names and 'literals'."""
    for alternative in expression.split("||"):
        value = _conjunction(alternative.strip(), context)
        if value:
            return value
    return ""


def _conjunction(expression: str, context: dict[str, Any]) -> str:
    value = ""
    for part in expression.split("&&"):
        value = _comparison(part.strip(), context)
        if not value:
            return ""
    return value


def _comparison(expression: str, context: dict[str, Any]) -> str:
    match = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", expression)
    if match:
        left, op, right = (_operand(match.group(1), context), match[2], _operand(match[3], context))
        return "true" if (left == right) == (op == "==") else ""
    return _operand(expression, context)


def _operand(text: str, context: dict[str, Any]) -> str:
    text = text.strip()
    if re.fullmatch(r"'[^']*'", text):
        return text[1:-1]
    assert re.fullmatch(r"[a-z_]+(\.[A-Za-z0-9_-]+)+", text), f"unsupported: {text}"
    value: Any = context
    for name in text.split("."):
        value = value.get(name) if isinstance(value, dict) else None
    return "" if value is None else str(value)


def substitute(text: str, context: dict[str, Any]) -> str:
    return _EXPRESSION.sub(lambda m: evaluate(m.group(1), context), text)


# --- running the action -------------------------------------------------------------------


def run_action(
    workspace: Path, tmp: Path, event: dict[str, Any], api_url: str, inputs: dict[str, str]
) -> dict[str, Any]:
    """Run action.yml's steps in `workspace`; returns outputs, step log and outcome."""
    defaults = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    context: dict[str, Any] = {
        "inputs": {**defaults, **inputs},
        "github": {"token": "test-token", "event": event},
        "steps": {},
    }
    context["inputs"] = {k: substitute(v, context) for k, v in context["inputs"].items()}
    runner_temp = tmp / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    event_path = tmp / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    ran: list[str] = []
    uploads: list[dict[str, str]] = []
    failed: int | None = None
    for step in ACTION["runs"]["steps"]:
        condition = step.get("if")
        if condition and not evaluate(condition, context):
            continue
        name = step.get("id") or step["name"]
        if "uses" in step:
            if step["uses"].startswith("github/codeql-action/upload-sarif@"):
                uploads.append({k: substitute(str(v), context) for k, v in step["with"].items()})
                ran.append(name)
            continue
        if step.get("id") == "install":
            continue
        output_file = tmp / f"output-{len(ran)}"
        output_file.write_text("")
        env = {
            **os.environ,
            "GITHUB_ACTION_PATH": str(REPO),
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_EVENT_PATH": str(event_path),
            "GITHUB_REPOSITORY": REPOSITORY,
            "GITHUB_API_URL": api_url,
            "RUNNER_TEMP": str(runner_temp),
            **{k: substitute(str(v), context) for k, v in step.get("env", {}).items()},
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        ran.append(name)
        outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if line)
        context["steps"][step.get("id", name)] = {"outputs": outputs, "log": done.stdout}
        context["steps"][step.get("id", name)]["stderr"] = done.stderr
        if done.returncode != 0 and not step.get("continue-on-error"):
            failed = done.returncode
            break
    return {"ran": ran, "uploads": uploads, "failed": failed, "steps": context["steps"]}


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A repository whose HEAD adds an unencrypted bucket to its base commit."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    git(workspace, "init", "-q", "-b", "main")
    write(workspace, "main.tf", bucket("kept"))
    base = commit_all(workspace, "base")
    write(workspace, "main.tf", bucket("kept") + bucket("added"))
    commit_all(workspace, "pull request")
    event = {"pull_request": {"number": 7, "base": {"sha": base}}}
    return workspace, event


def test_first_run_creates_the_comment_second_run_updates_it(
    tmp_path: Path, pull_request: tuple[Path, dict[str, Any]], github: FakeGitHub
) -> None:
    workspace, event = pull_request
    first = run_action(workspace, tmp_path, event, github.url, {})

    assert first["ran"] == [
        "scan",
        "Upload SARIF to code scanning",
        "Post or update the pull request comment",
        "Fail on findings",
    ]
    assert first["failed"] == 1  # the pull request adds a high finding
    scan = first["steps"]["scan"]
    out = tmp_path / "runner-temp" / "aiguard"
    assert scan["outputs"] == {
        "exit-code": "1",
        "sarif-file": str(out / "aiguard.sarif"),
        "comment-file": str(out / "comment.md"),
    }
    assert "1 new, 1 unchanged, 0 fixed; FAILED: 1 at or above high" in scan["log"]
    assert first["uploads"] == [{"sarif_file": str(out / "aiguard.sarif"), "category": "aiguard"}]
    sarif = json.loads((out / "aiguard.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["AIG-ENC-002", "AIG-ENC-002"]

    comment_body = MARKER + "\n" + (out / "comment.md").read_text()
    assert "aws_s3_bucket.added" in comment_body
    comments_path = f"/repos/{REPOSITORY}/issues/7/comments"
    assert github.requests == [
        ("GET", f"{comments_path}?per_page=100&page=1", None),
        ("POST", comments_path, {"body": comment_body}),
    ]
    assert github.headers_seen[1]["authorization"] == "Bearer test-token"
    assert github.headers_seen[1]["x-github-api-version"] == "2022-11-28"

    # The author fixes the bucket and pushes again: same comment, new text.
    write(workspace, "main.tf", bucket("kept"))
    commit_all(workspace, "fix")
    github.requests.clear()
    second = run_action(workspace, tmp_path, event, github.url, {})
    assert second["failed"] is None
    assert second["steps"]["scan"]["outputs"]["exit-code"] == "0"
    second_body = MARKER + "\n" + (out / "comment.md").read_text()
    assert "aws_s3_bucket.added" not in second_body
    assert github.requests == [
        ("GET", f"{comments_path}?per_page=100&page=1", None),
        ("PATCH", f"/repos/{REPOSITORY}/issues/comments/100", {"body": second_body}),
    ]
    assert [c["id"] for c in github.comments] == [11, 100]
    assert github.comments[1]["body"] == second_body


def test_a_push_scans_everything_and_posts_no_comment(
    tmp_path: Path, pull_request: tuple[Path, dict[str, Any]], github: FakeGitHub
) -> None:
    workspace, _ = pull_request
    result = run_action(
        workspace,
        tmp_path,
        {"ref": "refs/heads/main"},
        github.url,
        {"fail-on": "critical", "upload-sarif": "false"},
    )
    assert result["ran"] == ["scan"]
    assert result["failed"] is None
    assert result["steps"]["scan"]["outputs"]["exit-code"] == "0"
    assert "2 findings (2 high)" in result["steps"]["scan"]["log"]
    assert "new" not in result["steps"]["scan"]["log"].splitlines()[-1]
    assert github.requests == []


def test_a_read_only_token_does_not_hide_the_verdict(
    tmp_path: Path, pull_request: tuple[Path, dict[str, Any]], github: FakeGitHub
) -> None:
    """A pull request from a fork: the comment is refused, the scan still decides."""
    workspace, event = pull_request
    result = run_action(workspace, tmp_path, event, github.url, {"github-token": "read-only"})
    assert result["ran"][-2:] == ["Post or update the pull request comment", "Fail on findings"]
    comment_step = result["steps"]["Post or update the pull request comment"]
    assert "answered 403 to GET" in comment_step["stderr"]
    assert result["failed"] == 1
    assert [method for method, _, _ in github.requests] == ["GET"]


def test_a_bad_base_ref_fails_the_action_with_exit_2(
    tmp_path: Path, pull_request: tuple[Path, dict[str, Any]], github: FakeGitHub
) -> None:
    workspace, event = pull_request
    git(workspace, "remote", "add", "origin", str(workspace))
    result = run_action(workspace, tmp_path, event, github.url, {"base-ref": "0" * 40})
    assert result["failed"] == 2
    assert result["steps"]["scan"]["outputs"] == {"exit-code": "2"}
    assert result["ran"] == ["scan", "Post or update the pull request comment", "Fail on findings"]
    assert github.requests == []  # no report, so no comment


def test_comment_errors_name_the_status_and_the_permission(
    tmp_path: Path, github: FakeGitHub
) -> None:
    body = write(tmp_path, "comment.md", "report\n")
    event = write(tmp_path, "event.json", json.dumps({"pull_request": {"number": 8}}))
    env = {
        **os.environ,
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_TOKEN": "test-token",
        "GITHUB_API_URL": github.url,
    }

    def comment() -> subprocess.CompletedProcess[str]:
        """aiguard.ci_comment with `env` as it is at the call."""
        command = ["python3", "-m", "aiguard.ci_comment", "--body", str(body)]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False)

    github.comments = []
    done = comment()
    assert done.returncode == 0, done.stderr
    assert done.stdout == "created the aiguard comment on pull request #8\n"

    env["GITHUB_TOKEN"] = "read-only"
    done = comment()
    assert done.returncode == 1
    assert done.stderr == (
        f"aiguard comment: error: {github.url} answered 403 to GET "
        f"/repos/{REPOSITORY}/issues/8/comments?per_page=100&page=1: "
        '{"message": "Resource not accessible by integration"} '
        "(does the workflow grant `pull-requests: write`?)\n"
    )

    env["GITHUB_API_URL"] = "http://127.0.0.1:9"  # discard port: nothing listens
    done = comment()
    assert done.returncode == 1
    assert done.stderr.startswith("aiguard comment: error: cannot reach http://127.0.0.1:9: ")


# --- the GitLab CI template ------------------------------------------------------------

GITLAB = yaml.safe_load((REPO / ".gitlab" / "aiguard.gitlab-ci.yml").read_text(encoding="utf-8"))


def run_gitlab_job(workspace: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The template's `script`, as the runner runs it: each entry with `sh -e`, stopping
    at the first that fails. (`before_script` only pip-installs aiguard, which this
    test process already runs from this checkout.)"""
    job = GITLAB[".aiguard"]
    merged = {**os.environ, **job["variables"], **env}
    done = subprocess.CompletedProcess[str]([], 0, "", "")
    for entry in job["script"]:
        done = subprocess.run(
            ["sh", "-e", "-c", entry],
            cwd=workspace,
            env=merged,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            break
    return done


def test_gitlab_template_reports_code_quality_and_keeps_one_note(
    pull_request: tuple[Path, dict[str, Any]], github: FakeGitHub
) -> None:
    workspace, event = pull_request
    assert GITLAB["aiguard"]["extends"] == ".aiguard"
    assert GITLAB[".aiguard"]["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json"
    }
    env = {
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": event["pull_request"]["base"]["sha"],
        "CI_MERGE_REQUEST_IID": "3",
        "CI_PROJECT_ID": "42",
        "CI_API_V4_URL": f"{github.url}/api/v4",
        "AIGUARD_GITLAB_TOKEN": "test-token",
    }
    first = run_gitlab_job(workspace, env)
    assert first.returncode == 1, first.stderr
    assert "1 new, 1 unchanged, 0 fixed; FAILED: 1 at or above high" in first.stdout
    assert first.stdout.endswith("created the aiguard comment on merge request !3\n")

    quality = json.loads((workspace / "gl-code-quality-report.json").read_text())
    report = json.loads(
        subprocess.run(
            ["aiguard", "scan", ".", "--format", "json"],
            cwd=workspace,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    )
    assert [(i["check_name"], i["severity"], i["location"]) for i in quality] == [
        ("AIG-ENC-002", "critical", {"path": "main.tf", "lines": {"begin": 1}}),
        ("AIG-ENC-002", "critical", {"path": "main.tf", "lines": {"begin": 5}}),
    ]
    assert [i["fingerprint"] for i in quality] == [f["fingerprint"] for f in report["findings"]]

    notes = "/api/v4/projects/42/merge_requests/3/notes"
    body = MARKER + "\n" + (workspace / "aiguard-comment.md").read_text()
    assert github.requests == [
        ("GET", f"{notes}?per_page=100&page=1", None),
        ("POST", notes, {"body": body}),
    ]
    github.requests.clear()
    second = run_gitlab_job(workspace, env)
    assert second.returncode == 1
    assert github.requests == [
        ("GET", f"{notes}?per_page=100&page=1", None),
        ("PUT", f"{notes}/100", {"body": body}),
    ]
    assert github.headers_seen[-1]["private-token"] == "test-token"


def test_gitlab_template_on_a_branch_scans_everything_without_a_note(
    pull_request: tuple[Path, dict[str, Any]], github: FakeGitHub
) -> None:
    workspace, _ = pull_request
    done = run_gitlab_job(workspace, {"AIGUARD_FAIL_ON": "critical"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith("passed at --fail-on critical")
    assert "new" not in done.stdout.splitlines()[-1]
    assert github.requests == []


def test_the_action_installs_every_aiguard_package() -> None:
    """The action runs `pip install "$GITHUB_ACTION_PATH"`, a regular (not editable)
    install: a package missing from pyproject.toml would be missing on the runner
    while every test here, run from the checkout, still passes."""
    import tomllib

    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "aiguard").rglob("__init__.py")
    }
    assert on_disk <= listed, f"add {sorted(on_disk - listed)} to [tool.setuptools] packages"
    install = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "install")
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
