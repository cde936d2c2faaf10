"""File discovery: formats, .gitignore and .aiguardignore, explicit files."""

from __future__ import annotations

from pathlib import Path

from aiguard.discover import SourceFile, discover


def touch(root: Path, relative: str, text: str = "") -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PLAN = '{"format_version": "1.2", "planned_values": {}}'


def test_walk_classifies_and_honours_ignore_files(in_tmp: Path) -> None:
    touch(in_tmp, "k8s/app.yaml")
    touch(in_tmp, "k8s/app.yml")
    touch(in_tmp, "k8s/notes.txt")
    touch(in_tmp, "infra/main.tf")
    touch(in_tmp, "infra/plan.json", PLAN)
    touch(in_tmp, "infra/package.json", '{"name": "x"}')
    touch(in_tmp, "build/out.yaml")
    touch(in_tmp, "k8s/generated/big.yaml")
    touch(in_tmp, "infra/.terraform/modules/x/main.tf")
    touch(in_tmp, ".gitignore", "build/\n")
    touch(in_tmp, "k8s/.aiguardignore", "generated/\n")
    assert discover(["."]) == [
        SourceFile("infra/main.tf", "terraform"),
        SourceFile("infra/plan.json", "terraform-plan"),
        SourceFile("k8s/app.yaml", "kubernetes"),
        SourceFile("k8s/app.yml", "kubernetes"),
    ]


def test_gitignore_negation_and_nested_patterns(in_tmp: Path) -> None:
    touch(in_tmp, "a/x.yaml")
    touch(in_tmp, "a/keep.yaml")
    touch(in_tmp, "a/.gitignore", "*.yaml\n!keep.yaml\n")
    assert [f.path for f in discover(["a"])] == ["a/keep.yaml"]


def test_explicit_files_override_gitignore_but_not_aiguardignore(in_tmp: Path) -> None:
    touch(in_tmp, "ignored/by-git.yaml")
    touch(in_tmp, "skipped/by-us.yaml")
    touch(in_tmp, ".gitignore", "ignored/\n")
    touch(in_tmp, ".aiguardignore", "skipped/\n")
    found = discover(["ignored/by-git.yaml", "skipped/by-us.yaml"])
    assert [f.path for f in found] == ["ignored/by-git.yaml"]


def test_config_excludes_apply_everywhere(in_tmp: Path) -> None:
    touch(in_tmp, "legacy/old.tf")
    touch(in_tmp, "new/main.tf")
    assert [f.path for f in discover(["."], ["legacy/"])] == ["new/main.tf"]
    assert discover(["legacy/old.tf"], ["legacy/"]) == []


def test_each_file_once(in_tmp: Path) -> None:
    touch(in_tmp, "k8s/app.yaml")
    assert len(discover(["k8s", "k8s/app.yaml", "."])) == 1


def test_paths_outside_the_working_directory_keep_their_ignore_files(
    tmp_path: Path, in_tmp: Path
) -> None:
    outside = tmp_path.parent / (tmp_path.name + "-outside")
    touch(outside, "x.yaml")
    touch(outside, "y.yaml")
    touch(outside, ".gitignore", "y.yaml\n")
    found = discover([str(outside)])
    assert [Path(f.path).name for f in found] == ["x.yaml"]
