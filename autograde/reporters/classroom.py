"""A result in the form GitHub Classroom's autograding reporter reads
(``classroom-resources/autograding-grading-reporter``): one *runner* per exercise, each a
JSON object passed base64-encoded in the environment variable ``<RUNNER>_RESULTS``.

The reporter adds up, over the runners, each runner's ``max_score`` and its tests'
``score``, and sends "Points total/max" to GitHub Classroom. A test's ``score`` here is
the points it earned, so Classroom's total is autograde's. Hidden tests keep their
details to themselves, as in the learner's feedback. The worked example is in
``docs/ci.md``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from autograde.i18n import Words
from autograde.reporters._common import number
from autograde.reporters.feedback import details_text
from autograde.reporters.visibility import ENGLISH, label, localized
from autograde.results import ExerciseResult, Result, Status, TestResult

VERSION = 1  # the runner result format's version the reporter reads
MAX_MESSAGE = 2000  # characters of a message shown in Classroom's log; the job summary has the rest
# An encoded runner travels in an environment variable, which Linux caps at 128 KiB.
MAX_ENCODED = 96 * 1024

# A test's status in the reporter's words: it knows pass, fail and error.
_STATUS = {
    Status.PASSED: "pass",
    Status.FAILED: "fail",
    Status.NOT_ATTEMPTED: "fail",
    Status.SKIPPED: "fail",
    Status.ERROR: "error",
    Status.TIMEOUT: "error",
}


def runners(result: Result, words: Words = ENGLISH) -> dict[str, dict[str, Any]]:
    """One runner result per exercise, keyed by the exercise's name, in course order."""
    return {exercise.name: _runner(exercise, words) for exercise in localized(result, words).exercises}


def _runner(exercise: ExerciseResult, words: Words) -> dict[str, Any]:
    statuses = {_STATUS[t.status] for t in exercise.tests}
    status = "error" if "error" in statuses else "fail" if "fail" in statuses else "pass"
    for limit in (MAX_MESSAGE, 200, 0):  # shorter messages until the runner fits its variable
        runner = {
            "version": VERSION,
            "status": status,
            "max_score": _points(exercise.max_score),
            "tests": [_test(t, limit, words) for t in exercise.tests],
        }
        if len(encode(runner)) <= MAX_ENCODED:
            break
    return runner


def _test(test: TestResult, limit: int, words: Words) -> dict[str, Any]:
    _ = words
    message = details_text(test, words)
    if len(message) > limit:
        message = message[:limit] + " " + _("…(cut: the job summary has it all)") if limit else ""
    return {
        "name": label(test, words),
        "status": _STATUS[test.status],
        "score": _points(test.score),
        "max_score": _points(test.max_score),
        "message": message,
        "execution_time": f"{test.duration_s:.2f}s",
    }


def _points(value: float) -> int | float:
    """Whole points as integers (Classroom shows "Points 40/50", not "40.0/50.0")."""
    return int(value) if float(value).is_integer() else float(number(value))


def encode(runner: dict[str, Any]) -> str:
    """A runner result as the reporter reads it from ``<RUNNER>_RESULTS``."""
    return base64.b64encode(json.dumps(runner, ensure_ascii=False).encode("utf-8")).decode("ascii")


def github_outputs(result: Result, words: Words = ENGLISH) -> str:
    """Lines for ``$GITHUB_OUTPUT``: one output per exercise, named as the exercise and
    holding its encoded runner result, and ``points`` ("37/50")."""
    lines = [f"{name}={encode(runner)}" for name, runner in runners(result, words).items()]
    lines.append(f"points={number(result.score)}/{number(result.max_score)}")
    return "\n".join(lines) + "\n"
