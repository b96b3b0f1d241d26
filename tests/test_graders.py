"""Grade the graders: the reference gets full marks, the stub gets zero, every known
wrong implementation loses points on the test meant to catch it, and every correct
implementation written in another style gets full marks.

Wrong implementations live in ``graders/mutants/EXERCISE/*.py``: each holds only the
functions it gets wrong (appended to the reference, so later definitions win) and
``CAUGHT_BY``, the test that must catch it, and ``MESSAGE``, text that its message (or
hint) must contain; ``HIDDEN = True`` where that test is a hidden one. Correct ones live in
``graders/variants/EXERCISE/*.py`` as whole modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from autograde.results import Status, TestResult
from autograde.config import find_course
from conftest import ROOT, solution_source

EXERCISES = find_course(ROOT).exercises
MUTANTS = sorted((ROOT / "graders" / "mutants").glob("*/*.py"))
VARIANTS = sorted((ROOT / "graders" / "variants").glob("*/*.py"))


_MISSING = object()


def _constant(path: Path, name: str, default: object = _MISSING) -> object:
    """A module-level constant, read without running the file."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    if default is _MISSING:
        raise AssertionError(f"{path} has no {name}")
    return default


@pytest.mark.parametrize("exercise", EXERCISES)
def test_reference_gets_full_marks(grade_sources, exercise):
    result = grade_sources({exercise: solution_source(exercise)})
    failures = [(t.name, t.message) for e in result.exercises for t in e.tests if t.status is not Status.PASSED]
    assert failures == []
    assert result.score == result.max_score > 0


@pytest.mark.parametrize("exercise", EXERCISES)
def test_stub_gets_zero_with_a_message_per_test(grade_sources, exercise):
    stub = (ROOT / "exercises" / f"{exercise}.py").read_text(encoding="utf-8")
    result = grade_sources({exercise: stub})
    tests = result.exercises[0].tests
    assert result.score == 0
    assert tests and all(t.status is not Status.PASSED for t in tests)
    assert all(t.message for t in tests)
    assert sum(t.status is Status.NOT_ATTEMPTED for t in tests) >= len(tests) - 1


def test_every_exercise_has_at_least_five_mutants():
    counts = {e: len([m for m in MUTANTS if m.parent.name == e]) for e in EXERCISES}
    assert all(n >= 5 for n in counts.values()), counts


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_mutant_loses_points_on_its_test(grade_sources, mutant):
    exercise = mutant.parent.name
    caught_by = str(_constant(mutant, "CAUGHT_BY"))
    source = solution_source(exercise) + "\n\n" + mutant.read_text(encoding="utf-8")
    result = grade_sources({exercise: source}, hidden=bool(_constant(mutant, "HIDDEN", False)))
    tests: dict[str, TestResult] = {}
    for test in result.exercises[0].tests:
        if test.status is not Status.PASSED:
            tests.setdefault(test.name.split("[")[0], test)  # the first of a parametrized family
    assert result.score < result.max_score
    assert caught_by in tests, f"{mutant.stem} was not caught by {caught_by}; failed: {sorted(tests)}"
    caught = tests[caught_by]
    assert str(_constant(mutant, "MESSAGE")) in caught.message + "\n" + (caught.hint or "")
    if caught.status is Status.FAILED:
        assert caught.hint, "a failed check must come with a hint"


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_correct_variant_gets_full_marks(grade_sources, variant):
    result = grade_sources({variant.parent.name: variant.read_text(encoding="utf-8")})
    failures = [(t.name, t.message) for e in result.exercises for t in e.tests if t.status is not Status.PASSED]
    assert failures == []
