"""What of a test each audience may see: the one rule every reporter follows.

A hidden test's message, hint, output and warnings name its hidden inputs (the values
it called with, the values it expected), so a learner sees only its name, outcome and
points, wherever they read it: the terminal, the feedback files, Gradescope, GitHub
Classroom, the annotations and the job summary. Staff see everything: the JUnit file, the
result documents and the class report. Reporters never test ``test.hidden`` to decide
what to show; they ask :func:`visible`.
"""

from __future__ import annotations

import dataclasses
from enum import Enum

from autograde.results import Result, TestResult


class Audience(Enum):
    """Who reads a report."""

    LEARNER = "learner"
    STAFF = "staff"


HIDDEN_DETAILS = "hidden test: details are not shown"


def visible(test: TestResult, audience: Audience = Audience.LEARNER) -> TestResult:
    """``test`` as ``audience`` may see it: for a learner, a hidden test keeps its name,
    outcome and points, and its message becomes :data:`HIDDEN_DETAILS`."""
    if audience is Audience.STAFF or not test.hidden:
        return test
    return dataclasses.replace(test, message=HIDDEN_DETAILS, hint=None, output="", warnings=())


def label(test: TestResult) -> str:
    """The test's name as reports show it: a hidden test says so."""
    return f"{test.name} (hidden)" if test.hidden else test.name


def hidden_note(result: Result, *, hidden_elsewhere: bool = False) -> str:
    """The one sentence about hidden tests that this result did not run ("" when it ran
    them). ``hidden_elsewhere``: a student bundle, which has no hidden tests in it."""
    if result.hidden_tests_run:
        return ""
    n = result.hidden_tests_not_run
    if hidden_elsewhere:
        return ("These were the public tests. Your instructor also runs hidden tests, which are not in this "
                "bundle, so passing here is necessary but not sufficient.")
    if n:
        return (f"These were the public tests. Your instructor will also run {n} hidden test{'s' if n != 1 else ''} "
                "on these exercises, so passing here is necessary but not sufficient.")
    return "These graders have no hidden tests: this is the whole grade."
