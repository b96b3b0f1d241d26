"""One cause, said once: the tests of an exercise that did not pass for the same reason.

A file that does not import, or is missing, fails every test of its exercise with one
message and one hint; a learner should read it once and then see what it cost. The
learner-facing reporters (the terminal, the feedback files, Gradescope, the job summary)
all group through :func:`problems`, so they agree on what counts as one problem. The
JUnit, JSON and CSV files keep one entry per test.

Two tests share a problem when they say the same (message, hint, output, warnings) both
in full and as the audience may see them (:func:`~autograde.reporters.visibility.visible`):
so a learner's hidden test never joins a public one, whose details would then tell its
own, and two hidden tests that failed differently are never said to share a cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Sequence

from autograde.i18n import N_, Words
from autograde.reporters._common import number
from autograde.reporters.visibility import ENGLISH, Audience, label, outcome, visible
from autograde.results import Status, TestResult

# Learner-facing sentences, each whole, with named placeholders (translated whole).
TITLE = N_("{count} tests with the same problem")
COST = N_("These are the tests it cost:")
COST_LINE = N_("{test}: {outcome}, {score} / {max_score} points")
SAME_AS = N_("This test did not pass for the same reason as {test}, whose output says why.")


@dataclass(frozen=True)
class Problem:
    """One reason for lost points: ``shown`` is what the audience may see of it (the
    first test that met it, through ``visible``), ``tests`` every test it cost, in
    course order."""

    shown: TestResult
    tests: tuple[TestResult, ...]

    @property
    def shared(self) -> bool:
        """True when the problem cost more than one test."""
        return len(self.tests) > 1


def problems(tests: Sequence[TestResult], *, statuses: Collection[Status],
             audience: Audience = Audience.LEARNER, words: Words = ENGLISH) -> list[Problem]:
    """The problems of ``tests`` (one exercise's) whose outcome is in ``statuses``, in
    the order of each problem's first test. A test without a message is a problem of
    its own: saying nothing alike is no shared cause."""
    found: dict[object, list[TestResult]] = {}
    for test in tests:
        if test.status not in statuses:
            continue
        shown = visible(test, audience, words)
        key = (shown.message, shown.hint, shown.output, shown.warnings,
               test.message, test.hint, test.output, test.warnings) if test.message else test.name
        found.setdefault(key, []).append(test)
    return [Problem(visible(group[0], audience, words), tuple(group)) for group in found.values()]


def title(problem: Problem, words: Words = ENGLISH) -> str:
    """The heading of a shared problem: how many tests it cost."""
    return words(TITLE, count=len(problem.tests))


def cost(words: Words = ENGLISH) -> str:
    """The line before the tests a shared problem cost."""
    return words(COST)


def cost_line(test: TestResult, words: Words = ENGLISH) -> str:
    """One test a problem cost, as every report lists it: name, outcome and points."""
    return words(COST_LINE, test=label(test, words), outcome=outcome(test.status, words), score=number(test.score),
                 max_score=number(test.max_score))


def same_as(problem: Problem, words: Words = ENGLISH) -> str:
    """What each test but the first of a shared problem says, where every test needs a
    text of its own (Gradescope): the test whose text has the problem in full."""
    return words(SAME_AS, test=label(problem.tests[0], words))
