"""Grade the graders: the reference gets full marks, the stub gets zero, every known
wrong implementation loses points on the test meant to catch it, and every correct
implementation written in another style gets full marks.

The checks are ``autograde validate``'s (``autograde/validate.py``; the mutants' and
variants' format is in ``docs/validate.md``), run here one subject per test so that a
failure names its mutant. The mutants live in ``graders/mutants/EXERCISE/*.py``, the
variants in ``graders/variants/EXERCISE/*.py``. Flakiness (two seeds) is checked by
``tests/test_validate.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograde import validate
from autograde.config import find_course
from autograde.results import Status
from conftest import ROOT, solution_source

COURSE = find_course(ROOT)
EXERCISES = COURSE.exercises
MUTANTS = [m for e in EXERCISES for m in validate.mutants(COURSE, e)]
VARIANTS = [v for e in EXERCISES for v in validate.variants(COURSE, e)]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_reference_gets_full_marks(grade_sources, exercise):
    result = grade_sources({exercise: solution_source(exercise)}, hidden=True)
    assert validate.full_marks_problems(result, "the reference") == []
    assert result.score == result.max_score > 0


@pytest.mark.parametrize("exercise", EXERCISES)
def test_stub_gets_zero_with_a_message_per_test(grade_sources, exercise):
    stub = (ROOT / "exercises" / f"{exercise}.py").read_text(encoding="utf-8")
    result = grade_sources({exercise: stub}, hidden=True)
    assert validate.stub_problems(result, "the stub") == []
    assert result.exercises[0].tests and result.score == 0
    # An untouched stub reads as not attempted on every test, a constant's too (GATES).
    attempted = {t.name: t.message for t in result.exercises[0].tests if t.status is not Status.NOT_ATTEMPTED}
    assert attempted == {}


def test_every_exercise_has_at_least_five_mutants():
    counts = {e: len([m for m in MUTANTS if m.exercise == e]) for e in EXERCISES}
    assert all(n >= 5 for n in counts.values()), counts


def test_the_cnn_and_rnn_exercises_keep_fifteen_mutants_and_three_variants():
    """What their curriculum asked of them: the mistakes learners make with im2col, BPTT,
    gates, padding, embeddings and windows are many, and a correct answer comes in many
    styles (keras_deep's: the functional API, Sequential.add, a GRU sequence model)."""
    for exercise in ("convolution", "recurrent", "keras_deep"):
        assert len([m for m in MUTANTS if m.exercise == exercise]) >= 15, exercise
        assert len([v for v in VARIANTS if v.parent.name == exercise]) >= 3, exercise


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.label)
def test_mutant_loses_points_on_its_test(grade_sources, mutant):
    result = grade_sources({mutant.exercise: mutant.applied_to(solution_source(mutant.exercise))}, hidden=True)
    assert validate.mutant_problems(mutant, result) == []
    assert result.score < result.max_score


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_correct_variant_gets_full_marks(grade_sources, variant: Path):
    result = grade_sources({variant.parent.name: variant.read_text(encoding="utf-8")}, hidden=True)
    assert validate.full_marks_problems(result, f"variant {variant.stem}") == []
