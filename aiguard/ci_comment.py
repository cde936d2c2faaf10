"""Post the scan's Markdown report as ONE review comment, updated on every push.

The GitHub Action runs `python -m aiguard.ci_comment --body comment.md`; the GitLab
template adds `--gitlab`. The comment carries a hidden HTML marker, and the previous
comment with that marker is edited rather than a new one added, so a pull (merge)
request never collects a comment per push. Only the standard library is used, so the
step needs nothing beyond aiguard itself.

GitHub (set by Actions): GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_EVENT_PATH
(the event JSON, for the pull request number) and GITHUB_API_URL.
GitLab (set by GitLab CI, except the token): AIGUARD_GITLAB_TOKEN (a project or personal
access token with `api` scope; the job token cannot write notes), CI_API_V4_URL,
CI_PROJECT_ID and CI_MERGE_REQUEST_IID.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

MARKER = "<!-- aiguard-report -->"
PER_PAGE = 100


class CommentError(Exception):
    """The comment could not be posted; the message says why and what to check."""


@dataclass(frozen=True)
class Forge:
    """The comment endpoints of one pull or merge request on GitHub or GitLab."""

    api_url: str
    auth_header: tuple[str, str]
    list_path: str
    create_path: str
    update_path: str  # with `{id}`
    update_method: str
    permission_hint: str

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        headers = {
            "Accept": "application/vnd.github+json, application/json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "aiguard-ci-comment",
            self.auth_header[0]: self.auth_header[1],
        }
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(
            f"{self.api_url.rstrip('/')}{path}", data=data, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")[:300]
            raise CommentError(
                f"{self.api_url} answered {exc.code} to {method} {path}: {detail} "
                f"({self.permission_hint})"
            ) from exc
        except urllib.error.URLError as exc:
            raise CommentError(f"cannot reach {self.api_url}: {exc.reason}") from exc

    def find_comment(self) -> int | None:
        """The id of the comment carrying the marker, if any."""
        page = 1
        while True:
            comments = self.request("GET", f"{self.list_path}?per_page={PER_PAGE}&page={page}")
            for comment in comments:
                if MARKER in (comment.get("body") or ""):
                    return int(comment["id"])
            if len(comments) < PER_PAGE:
                return None
            page += 1

    def upsert(self, body: str) -> str:
        """Update the marked comment, or create it; returns `created` or `updated`."""
        existing = self.find_comment()
        if existing is None:
            self.request("POST", self.create_path, {"body": body})
            return "created"
        self.request(self.update_method, self.update_path.format(id=existing), {"body": body})
        return "updated"


def github_forge(environ: Mapping[str, str]) -> tuple[Forge, str] | None:
    """The pull request of the triggering event; None for a push or a manual run."""
    event_path = environ.get("GITHUB_EVENT_PATH")
    if not event_path:
        return None
    try:
        event = json.loads(Path(event_path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CommentError(f"cannot read the event file {event_path}: {exc}") from exc
    number = (event.get("pull_request") or {}).get("number")
    if number is None:
        return None
    _require(environ, "GITHUB_TOKEN", "GITHUB_REPOSITORY", hint="pass `github-token`")
    repository = environ["GITHUB_REPOSITORY"]
    forge = Forge(
        api_url=environ.get("GITHUB_API_URL", "https://api.github.com"),
        auth_header=("Authorization", f"Bearer {environ['GITHUB_TOKEN']}"),
        list_path=f"/repos/{repository}/issues/{number}/comments",
        create_path=f"/repos/{repository}/issues/{number}/comments",
        update_path=f"/repos/{repository}/issues/comments/{{id}}",
        update_method="PATCH",
        permission_hint="does the workflow grant `pull-requests: write`?",
    )
    return forge, f"pull request #{number}"


def gitlab_forge(environ: Mapping[str, str]) -> tuple[Forge, str] | None:
    """The merge request of the pipeline; None for a branch pipeline."""
    iid = environ.get("CI_MERGE_REQUEST_IID")
    if not iid:
        return None
    _require(
        environ,
        "AIGUARD_GITLAB_TOKEN",
        "CI_API_V4_URL",
        "CI_PROJECT_ID",
        hint="set AIGUARD_GITLAB_TOKEN to a token with `api` scope",
    )
    notes = f"/projects/{environ['CI_PROJECT_ID']}/merge_requests/{iid}/notes"
    forge = Forge(
        api_url=environ["CI_API_V4_URL"],
        auth_header=("PRIVATE-TOKEN", environ["AIGUARD_GITLAB_TOKEN"]),
        list_path=notes,
        create_path=notes,
        update_path=f"{notes}/{{id}}",
        update_method="PUT",
        permission_hint="does AIGUARD_GITLAB_TOKEN have `api` scope and Reporter access?",
    )
    return forge, f"merge request !{iid}"


def _require(environ: Mapping[str, str], *names: str, hint: str) -> None:
    missing = [name for name in names if not environ.get(name)]
    if missing:
        raise CommentError(f"{', '.join(missing)} not set; {hint}")


def post_report(body_file: Path, environ: Mapping[str, str], gitlab: bool = False) -> str:
    """Post or update the comment; returns what happened, for the log."""
    target = gitlab_forge(environ) if gitlab else github_forge(environ)
    if target is None:
        return "not a pull or merge request: no comment posted"
    if not body_file.is_file():
        return f"no report at {body_file} (the scan did not finish): no comment posted"
    forge, name = target
    body = f"{MARKER}\n{body_file.read_text(encoding='utf-8')}"
    return f"{forge.upsert(body)} the aiguard comment on {name}"


@click.command()
@click.option(
    "--body",
    "body_file",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Markdown report to post (`aiguard scan --format markdown --output FILE`).",
)
@click.option("--gitlab", is_flag=True, help="Post a merge request note on GitLab.")
def main(body_file: Path, gitlab: bool) -> None:
    """Post or update the one aiguard comment on the current pull or merge request."""
    try:
        click.echo(post_report(body_file, os.environ, gitlab))
    except CommentError as exc:
        click.echo(f"aiguard comment: error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
