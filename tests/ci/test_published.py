"""``autograde publish`` and the push base: a simulated course repository whose instructor
changed the workflow and a grader in commits after the starter code. The generated grade
step is run as GitHub runs it, with the real ``autograde ci``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]
from click.testing import CliRunner

from autograde.ci.published import REF, TAG, publish
from autograde.ci.workflows import GITHUB_WORKFLOW, init_ci
from autograde.cli import main
from autograde.config import Course
from autograde.errors import ConfigError

from .conftest import commit_all, git, solve
from .test_workflows import run_script, step

EXIT_TAMPERED = 4
ADDED_TEST = ("\n\n@pytest.mark.points(1)\ndef test_added_by_instructor(student):\n"
              "    assert student.AND(1, 1) == 1\n")


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def grade_push(repo: Path) -> subprocess.CompletedProcess[str]:
    """The workflow's grade step on a push (no pull request base), as committed in ``repo``."""
    workflow = yaml.safe_load((repo / GITHUB_WORKFLOW).read_text(encoding="utf-8"))
    assert shutil.which("autograde"), "autograde is not on PATH: install it (pip install -e .)"
    return run_script(step(workflow, "Grade")["run"], repo, BASE_SHA="")


@pytest.fixture
def course_repo(small_course: Course) -> Path:
    """The starter commit (course and workflow), then two instructor commits: the workflow
    rewritten with another minimum score, and a grader test added."""
    repo = small_course.root
    init_ci(course=small_course)
    git(repo, "init", "-q")
    commit_all(repo, "starter code")
    init_ci(course=small_course, min_score="40", force=True)
    commit_all(repo, "instructor: the minimum score is 40 points")
    with open(repo / "graders" / "test_perceptron.py", "a", encoding="utf-8") as f:
        f.write(ADDED_TEST)
    commit_all(repo, "instructor: one more test")
    return repo


def test_an_honest_push_after_the_instructors_later_commits_passes_once_published(
        course_repo: Path, small_course: Course) -> None:
    published = publish(course=small_course)
    assert published.previous is None and published.commit == head(course_repo)
    assert git(course_repo, "rev-parse", REF).strip() == published.commit
    solve(course_repo, "perceptron", "activations")
    commit_all(course_repo, "learner: both exercises")
    done = grade_push(course_repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "test_added_by_instructor" in (course_repo / "autograde-junit.xml").read_text(encoding="utf-8")


def test_without_the_tag_the_instructors_later_commits_count_against_the_push(course_repo: Path) -> None:
    """The fallback (the first commit) is what made every push fail: the test above could fail."""
    solve(course_repo, "perceptron", "activations")
    commit_all(course_repo, "learner: both exercises")
    done = grade_push(course_repo)
    assert done.returncode == EXIT_TAMPERED, done.stdout + done.stderr
    assert GITHUB_WORKFLOW.as_posix() in done.stdout


def test_a_learners_grader_edit_after_the_tag_is_still_tampering(course_repo: Path, small_course: Course) -> None:
    publish(course=small_course)
    solve(course_repo, "perceptron", "activations")
    grader = course_repo / "graders" / "test_perceptron.py"
    grader.write_text(grader.read_text(encoding="utf-8").replace(ADDED_TEST, "\n"), encoding="utf-8")
    commit_all(course_repo, "learner: both exercises, and one test less")
    done = grade_push(course_repo)
    assert done.returncode == EXIT_TAMPERED, done.stdout + done.stderr
    assert "graders/test_perceptron.py" in done.stdout


def test_publishing_refuses_uncommitted_changes_and_moves_the_tag(course_repo: Path, small_course: Course) -> None:
    first = publish(course=small_course)
    assert publish(course=small_course) == first.__class__(commit=first.commit, previous=first.commit)
    (course_repo / "notes.txt").write_text("not committed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"has changes that are not committed \(notes.txt\)"):
        publish(course=small_course)
    assert git(course_repo, "rev-parse", REF).strip() == first.commit
    commit_all(course_repo, "instructor: notes")
    moved = publish(course=small_course)
    assert (moved.previous, moved.commit) == (first.commit, head(course_repo))


def test_the_command_says_where_the_tag_is_and_how_to_push_it(course_repo: Path) -> None:
    done = CliRunner().invoke(main, ["publish", "--course", str(course_repo)], catch_exceptions=False)
    commit = head(course_repo)
    assert (done.exit_code, done.output) == (
        0, f"{TAG} is at {commit[:12]} (it is new).\nPush it: git push --force origin {REF}\n")


def test_publishing_outside_a_repository_is_a_clear_error(small_course: Course,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(small_course.root.parent))
    done = CliRunner().invoke(main, ["publish", "--course", str(small_course.root)], catch_exceptions=False)
    assert done.exit_code == 2
    assert done.output.startswith("error: ")
