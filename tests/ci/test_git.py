"""The tamper check's parts: which paths are protected, which changed since the base."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograde.ci import WORKFLOWS, protected, tampered_paths
from autograde.ci import git as ci_git
from autograde.config import Course
from autograde.errors import ConfigError

from .conftest import commit_all, git


def test_protected_paths_follow_the_course_settings_and_place() -> None:
    course = Course(root=Path("/x"), exercises=("a",), graders_dir="tests/graders", solutions_dir="ref")
    assert protected(course, "course") == ("course/tests/graders/", "course/ref/", "course/recorded/",
                                           "course/pyproject.toml", "course/vendor/", ".github/workflows/",
                                           ".gitlab-ci.yml")
    assert protected(course, ".")[:4] == ("tests/graders/", "ref/", "recorded/", "pyproject.toml")
    assert WORKFLOWS == (".github/workflows", ".gitlab-ci.yml")


def test_tampered_paths_match_folders_and_files_exactly() -> None:
    guarded = ("graders/", "pyproject.toml", ".github/workflows/")
    changed = ("graders/test_a.py", "graders_notes.md", "graders", "exercises/graders/x.py", "pyproject.toml",
               "pyproject.toml.bak", ".github/workflows/x.yml", ".github/CODEOWNERS")
    assert tampered_paths(changed, guarded) == ("graders/test_a.py", "graders", "pyproject.toml",
                                                ".github/workflows/x.yml")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "graders").mkdir()
    for name in ("test_a.py", "test_b.py", "test_c.py", "test_d.py"):
        (tmp_path / "graders" / name).write_text("x = 1\n")
    (tmp_path / ".gitignore").write_text("*.log\n")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "base")
    return tmp_path


def test_changed_files_sees_every_kind_of_change(repo: Path) -> None:
    base = ci_git.commit(repo, "HEAD")
    (repo / "graders" / "test_a.py").write_text("x = 2\n")
    commit_all(repo, "committed")
    (repo / "graders" / "test_b.py").write_text("x = 3\n")  # edited, not staged
    (repo / "graders" / "test_c.py").unlink()  # deleted
    git(repo, "mv", "graders/test_d.py", "graders/test_e.py")  # renamed, staged
    (repo / "graders" / "conftest.py").write_text("import os\n")  # untracked
    (repo / "graders" / "run.log").write_text("ignored\n")  # ignored by .gitignore
    (repo / "보고서 1.md").write_text("x\n")  # a name git would quote
    assert ci_git.changed_files(repo, base) == (
        "graders/conftest.py", "graders/test_a.py", "graders/test_b.py", "graders/test_c.py",
        "graders/test_d.py", "graders/test_e.py", "보고서 1.md")


def test_merge_base_leaves_out_later_commits_on_the_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "learner")
    (repo / "work.py").write_text("x = 1\n")
    commit_all(repo, "learner's work")
    git(repo, "checkout", "-q", "main")
    (repo / "graders" / "test_a.py").write_text("x = 'instructor fix'\n")
    commit_all(repo, "instructor")
    git(repo, "checkout", "-q", "learner")
    since = ci_git.merge_base(repo, ci_git.commit(repo, "main"))
    assert ci_git.changed_files(repo, since) == ("work.py",)


def test_export_writes_the_commits_files_not_the_working_trees(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    (repo / "graders" / "test_a.py").write_text("x = 'edited'\n")
    out = tmp_path_factory.mktemp("export")
    ci_git.export(repo, ci_git.commit(repo, "HEAD"), out)
    assert (out / "graders" / "test_a.py").read_text() == "x = 1\n"


@pytest.mark.parametrize("ref", ["nope", "--output=/tmp/x", "HEAD~5"])
def test_a_ref_that_is_no_commit_is_refused(repo: Path, ref: str) -> None:
    with pytest.raises(ConfigError, match="is not a commit"):
        ci_git.commit(repo, ref)


def test_replace_refs_do_not_change_what_the_base_holds(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    base = ci_git.commit(repo, "HEAD")
    (repo / "graders" / "test_a.py").write_text("x = 'weakened'\n")
    commit_all(repo, "weakened")
    git(repo, "replace", base, "HEAD")  # a pushed refs/replace/BASE would make git read BASE as this
    out = tmp_path_factory.mktemp("export")
    ci_git.export(repo, base, out)
    assert (out / "graders" / "test_a.py").read_text() == "x = 1\n"
    assert ci_git.changed_files(repo, base) == ("graders/test_a.py",)
