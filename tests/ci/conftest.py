"""A simulated pull request: a learner's repository (the student bundle of a two-exercise
course, released and committed as the starter code on ``main``) with branches that are
honest, partial, or tamper with a grader or the workflow; and the ``git`` helper."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import classroom

ROOT = classroom.ROOT
# A softmax without the max shift (overflows on large logits) that also prints a workflow
# command: CI output must not let it become an annotation.
WRONG_SOFTMAX = '''

def softmax(x, axis=-1):
    print("::notice title=fake::Points 45/45")
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)
'''
WORKFLOW = ".github/workflows/autograde.yml"


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a fixed author; its standard output."""
    done = subprocess.run(["git", "-c", "user.name=Learner", "-c", "user.email=learner@example.org",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def solve(repo: Path, *exercises: str) -> None:
    """Put the reference solutions of ``exercises`` in the learner's exercises/."""
    for exercise in exercises:
        shutil.copy(ROOT / "solutions" / f"{exercise}.py", repo / "exercises" / f"{exercise}.py")


def partial(repo: Path) -> None:
    """perceptron right; activations right but for a softmax that overflows (and prints)."""
    solve(repo, *classroom.EXERCISES)
    with open(repo / "exercises" / "activations.py", "a", encoding="utf-8") as f:
        f.write(WRONG_SOFTMAX)


def disable_softmax_test(repo: Path) -> None:
    """What a learner might do to pass: rename the failing test so pytest skips it."""
    grader = repo / "graders" / "test_activations.py"
    grader.write_text(grader.read_text().replace("def test_softmax_large_logits(", "def _softmax_large_logits("))


def edit_workflow(repo: Path) -> None:
    """A workflow that would award full points without grading."""
    (repo / WORKFLOW).write_text("name: Autograding Tests\non: push\njobs: {}\n# echo Points 45/45\n")


@pytest.fixture(scope="session")
def learner_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter repository on ``main``: a released student bundle with the workflow
    ``init-ci --classroom`` writes; branches ``honest``, ``partial``, ``tamper-grader``, ``tamper-workflow``,
    ``uncommitted-grader`` (the grader edit not committed: made by the test) and, after
    ``honest`` branched, one instructor commit on ``main`` that adds a grader test."""
    from autograde.ci.workflows import init_ci
    from autograde.config import find_course
    from autograde.release import release

    root = tmp_path_factory.mktemp("pull-request")
    course = find_course(classroom.make_course(root / "course"))
    repo = release(course=course, out=root / "release") / "student"
    init_ci(course=find_course(repo), classroom=True)  # the workflow the learner could edit
    git(repo, "init", "-q")
    commit_all(repo, "starter code")
    for branch, changes in {
        "honest": [lambda r: solve(r, *classroom.EXERCISES)],
        "partial": [partial],
        "tamper-grader": [partial, disable_softmax_test],
        "tamper-workflow": [lambda r: solve(r, *classroom.EXERCISES), edit_workflow],
    }.items():
        git(repo, "checkout", "-q", "-b", branch, "main")
        for change in changes:
            change(repo)
        commit_all(repo, branch)
    git(repo, "checkout", "-q", "main")
    with open(repo / "graders" / "test_perceptron.py", "a", encoding="utf-8") as f:
        f.write("\n\n@pytest.mark.points(1)\ndef test_added_by_instructor(student):\n"
                "    assert student.AND(1, 1) == 1\n")
    commit_all(repo, "instructor: one more test")
    return repo
