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

from autograde.i18n import N_, Words
from autograde.results import ExerciseResult, Result, Status, TestResult


class Audience(Enum):
    """Who reads a report."""

    LEARNER = "learner"
    STAFF = "staff"


HIDDEN_DETAILS = N_("hidden test: details are not shown")

# Each outcome as every report names it (translated where it is shown: outcome()).
LABEL = {
    Status.PASSED: N_("passed"),
    Status.FAILED: N_("failed"),
    Status.ERROR: N_("error"),
    Status.TIMEOUT: N_("timeout"),
    Status.NOT_ATTEMPTED: N_("not attempted"),
    Status.SKIPPED: N_("skipped"),
}

ENGLISH = Words()


def outcome(status: Status, words: Words = ENGLISH) -> str:
    """The outcome's name in ``words``' language."""
    return words(LABEL[status])


def localized(result: Result, words: Words = ENGLISH) -> Result:
    """``result`` with every test's message and hint in ``words``' language: written again
    from their language-neutral data where the result was written in another."""
    if result.language == words.language:
        return result

    def again(test: TestResult) -> TestResult:
        if test.message_data is None and test.hint_data is None:
            return test
        hint = words.again(test.hint or "", test.hint_data)
        return dataclasses.replace(test, message=words.again(test.message, test.message_data), hint=hint or None)

    exercises = tuple(ExerciseResult(e.name, tuple(map(again, e.tests)), words.again_each(e.notes, e.notes_data),
                                     e.notes_data) for e in result.exercises)
    return dataclasses.replace(result, exercises=exercises, notes=words.again_each(result.notes, result.notes_data),
                               language=words.language)


def visible(test: TestResult, audience: Audience = Audience.LEARNER, words: Words = ENGLISH) -> TestResult:
    """``test`` as ``audience`` may see it: for a learner, a hidden test keeps its name,
    outcome and points, and its message becomes :data:`HIDDEN_DETAILS`."""
    if audience is Audience.STAFF or not test.hidden:
        return test
    return dataclasses.replace(test, message=words(HIDDEN_DETAILS), hint=None, output="", warnings=())


def hidden_details(test: TestResult, words: Words = ENGLISH) -> bool:
    """True when what is shown of ``test`` is only that its details are hidden."""
    return test.message == words(HIDDEN_DETAILS)


def label(test: TestResult, words: Words = ENGLISH) -> str:
    """The test's name as reports show it: a hidden test says so."""
    _ = words
    return _("{test} (hidden)", test=test.name) if test.hidden else test.name


def hidden_note(result: Result, *, hidden_elsewhere: bool = False, words: Words = ENGLISH) -> str:
    """The one sentence about hidden tests that this result did not run ("" when it ran
    them). ``hidden_elsewhere``: a student bundle, which has no hidden tests in it."""
    if result.hidden_tests_run:
        return ""
    _, n = words, result.hidden_tests_not_run
    if hidden_elsewhere:
        return _("These were the public tests. Your instructor also runs hidden tests, which are not in this "
                     "bundle, so passing here is necessary but not sufficient.")
    if n:
        return _.plural("These were the public tests. Your instructor will also run {n} hidden test on these "
                            "exercises, so passing here is necessary but not sufficient.",
                            "These were the public tests. Your instructor will also run {n} hidden tests on these "
                            "exercises, so passing here is necessary but not sufficient.", n)
    return _("These graders have no hidden tests: this is the whole grade.")
