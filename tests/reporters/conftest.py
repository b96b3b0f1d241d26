"""Rows to report on: three real submissions graded once per session (full marks, the
stubs, wrong functions that print), plus rows built by hand for the edge cases."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from autograde import loaders
from autograde.config import Course
from autograde.gradebook import Row, RowStatus
from autograde.grading import GradingSession
from autograde.results import ExerciseResult, Result, Status, TestResult
from autograde.sandbox.forkserver import ServerPool

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ("perceptron", "activations", "losses")
MUTANTS = {"perceptron": "step_ge_zero", "activations": "softmax_no_max_shift", "losses": "cce_axis_one"}
# A gate that prints markup and raises: its output must stay text in every format.
PRINTING_GATE = """
def AND(x1, x2):
    print("<script>alert('pwned')</script>")
    raise ValueError("boom")
"""

FULL, STUB, WRONG, UNREADABLE = "김민수", "stub/student", 'Lee, "Jay"', "broken"


def make_row(student: str, result: Result, status: RowStatus = RowStatus.GRADED, error: str = "") -> Row:
    """A gradebook row for ``result`` as the gradebook would store it."""
    return Row(student=student, origin=f"class/{student}", status=status, result=result,
               content_hash="c0ffee" + str(len(student)), grader_version="g1", hidden=result.hidden_tests_run,
               graded_at=result.graded_at, duration_s=result.duration_s, error=error)


def unreadable(result: Result, error: str) -> Result:
    """``result``'s tests, all ``error`` with ``error`` as message: what a load failure stores."""
    return replace(result, exercises=tuple(
        ExerciseResult(e.name, tuple(replace(t, score=0.0, status=Status.ERROR, message=error, hint=None, output="",
                                             warnings=()) for t in e.tests))
        for e in result.exercises
    ))


def hand_result(*tests: TestResult, exercise: str = "perceptron", hidden_run: bool = True, notes: tuple[str, ...] = (),
                duration_s: float = 0.5) -> Result:
    """A one-exercise result made of ``tests``."""
    return Result(submission="hand", exercises=(ExerciseResult(exercise, tests),), hidden_tests_run=hidden_run,
                  hidden_tests_not_run=0 if hidden_run else 2, environment={"autograde": "0.1.0"},
                  graded_at="2026-11-23T03:40:12+00:00", duration_s=duration_s, notes=notes)


@pytest.fixture(scope="session")
def graded(course: Course, servers: ServerPool, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Real results, by student: the solutions, the stubs, and solutions with mutants."""
    wrong = tmp_path_factory.mktemp("wrong") / "submission"
    shutil.copytree(ROOT / "solutions", wrong)
    for exercise, mutant in MUTANTS.items():
        with (wrong / f"{exercise}.py").open("a", encoding="utf-8") as source:
            source.write("\n" + (ROOT / "graders" / "mutants" / exercise / f"{mutant}.py").read_text(encoding="utf-8"))
    with (wrong / "perceptron.py").open("a", encoding="utf-8") as source:
        source.write(PRINTING_GATE)
    folders = {FULL: ROOT / "solutions", STUB: ROOT / "exercises", WRONG: wrong}
    return {student: GradingSession(course, servers=servers).grade(loaders.load(folder), exercises=EXERCISES, hidden=True)
            for student, folder in folders.items()}


@pytest.fixture(scope="session")
def rows(graded: dict[str, Result]) -> list[Row]:
    """The class, sorted by student: three graded rows and one unreadable."""
    made = [make_row(student, result) for student, result in graded.items()]
    made.append(make_row(UNREADABLE, unreadable(graded[FULL], "cannot read 'broken.zip': not a zip file"),
                         RowStatus.UNREADABLE, "cannot read 'broken.zip': not a zip file"))
    return sorted(made, key=lambda row: row.student)
