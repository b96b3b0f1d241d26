"""``autograde validate``: it passes on this repository's graders, and it fails, naming
the culprit, when a grader is weakened, the reference is broken or a test is flaky.

The failing cases run on small temporary courses (``make_small_course``) with only the
mutants each needs, so that they stay fast."""

from __future__ import annotations

import shutil
from typing import Callable

import pytest
from rich.console import Console

from autograde.config import Course
from autograde.reporters.terminal import validation as render
from autograde.validate import ExerciseReport, Report, validate
from conftest import ROOT

MakeCourse = Callable[..., Course]


def _with_mutants(course: Course, exercise: str, *names: str) -> None:
    """Copy this repository's mutants ``names`` of ``exercise`` into ``course``."""
    folder = course.graders / "mutants" / exercise
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / "graders" / "mutants" / exercise / f"{name}.py", folder)


def _only(report: Report) -> ExerciseReport:
    assert len(report.exercises) == 1
    return report.exercises[0]


def test_passes_on_this_repository(course: Course):
    report = validate(course=course, exercises=["perceptron"])
    perceptron = _only(report)
    assert perceptron.failures == ()
    assert report.ok
    assert (perceptron.tests, perceptron.public_points, perceptron.hidden_points) == (15, 20, 3)
    assert (perceptron.mutants_caught, perceptron.mutants) == (13, 13)
    assert (perceptron.variants_passing, perceptron.variants) == (5, 5)
    assert perceptron.flaky == ()


def test_fails_when_a_grader_is_weakened(make_small_course: MakeCourse):
    course = make_small_course()
    grader = course.grader("perceptron")
    signature = "def test_perceptron_batch(student, reference, rng):\n"
    grader.write_text(grader.read_text().replace(signature, signature + "    return  # weakened: always passes\n"))
    _with_mutants(course, "perceptron", "perceptron_sum_wrong_axis", "step_ge_zero")

    perceptron = _only(report := validate(course=course, exercises=["perceptron"]))

    assert not report.ok
    assert (perceptron.mutants_caught, perceptron.mutants) == (1, 2)
    assert perceptron.failures == (
        f"the stub {course.stubs / 'perceptron.py'} must score 0; test_perceptron_batch passed",
        "mutant perceptron/perceptron_sum_wrong_axis was not caught by test_perceptron_batch, which passed; "
        "it lost points on test_gates_elementwise instead. Make test_perceptron_batch catch it, or set CAUGHT_BY in "
        "perceptron_sum_wrong_axis.py to the test that does.",
    )


def test_fails_when_the_reference_is_broken(make_small_course: MakeCourse):
    course = make_small_course()
    reference = course.solutions / "perceptron.py"
    with reference.open("a") as source:  # NAND given AND's weights: a slip in the reference itself
        source.write("\n\n" + (ROOT / "graders" / "mutants" / "perceptron" / "nand_same_as_and.py").read_text())

    perceptron = _only(report := validate(course=course, exercises=["perceptron"]))

    assert not report.ok
    assert perceptron.failures == (
        f"the reference {reference} must pass every test; test_gates_table failed:\n"
        "    When calling perceptron(all four inputs, *GATES['NAND']):\n"
        "      the outputs of GATES['NAND']: 4 / 4 elements differ (100%).\n"
        "      Largest absolute difference: 1.0 at index (0,)\n"
        "      Largest relative difference: 1.0 at index (0,)\n"
        "      expected: array([1, 1, 1, 0])\n"
        "      got:      array([0, 0, 0, 1])",
    )


# A hidden test whose input is drawn from the secret seed: 1.0 or 1e7, and a mutant that is
# wrong only above 1e6. Under seed 3 the draw is 1e7 (the mutant is caught), under seed 1
# it is 1.0 (it passes): the verdict depends on the seed.
FLAKY_TEST = '''

@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("relu(x) is x for every positive x, however large.")
def test_relu_drawn_input(student, reference, rng):
    check(student.relu, reference.relu, rng.choice([1.0, 1e7], size=1))
'''
CAPPED_RELU = '''
CAUGHT_BY = "test_relu_drawn_input"
MESSAGE = "elements differ"
HIDDEN = True


def relu(x):
    return np.minimum(np.maximum(np.asarray(x, dtype=float), 0.0), 1e6)
'''


def test_detects_a_flaky_hidden_test(make_small_course: MakeCourse):
    course = make_small_course(extra_grader=FLAKY_TEST)
    (course.graders / "mutants" / "activations").mkdir(parents=True)
    (course.graders / "mutants" / "activations" / "relu_capped.py").write_text(CAPPED_RELU)

    activations = _only(report := validate(course=course, exercises=["activations"], seeds=(3, 1)))

    assert not report.ok
    assert activations.flaky == ("test_relu_drawn_input",)
    assert (activations.mutants_caught, activations.mutants) == (1, 1)  # under the first seed it is caught
    assert activations.failures == (
        "test_relu_drawn_input is flaky: mutant activations/relu_capped got failed vs passed with seeds 3 and 1; "
        "grade a property every correct answer has, or draw inputs on which the verdict does not depend",
    )


def test_render_shows_a_row_per_exercise_and_every_failure():
    failing = ExerciseReport(name="perceptron", tests=15, public_points=20, hidden_points=3, mutants_caught=12,
                             mutants=13, variants_passing=5, variants=5, flaky=("test_x",),
                             failures=("mutant perceptron/m was not caught by test_x, which passed",))
    passing = ExerciseReport(name="activations", tests=18, public_points=25, hidden_points=3.5, mutants_caught=13,
                             mutants=13, variants_passing=5, variants=5, flaky=(), failures=())
    console = Console(record=True, width=120)

    render(Report(exercises=(failing, passing), seeds=(3, 1)), console)

    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert any(line.split() == "│ perceptron │ 15 │ 20 + 3 hidden │ 12 / 13 │ 5 / 5 │ 1 │ 1 failure(s) │".split()
               for line in lines), lines
    assert any(line.split() == "│ activations │ 18 │ 25 + 3.5 hidden │ 13 / 13 │ 5 / 5 │ 0 │ ok │".split()
               for line in lines), lines
    assert "perceptron: mutant perceptron/m was not caught by test_x, which passed" in lines
    assert lines[-1] == "seeds 3 and 1: validation failed"


def test_the_whole_course_validates_through_the_cli(monkeypatch):  # type: ignore[no-untyped-def]
    """What CI asks of this repository: `autograde validate`, every exercise, exit 0."""
    from click.testing import CliRunner

    from autograde.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "200")
    done = CliRunner().invoke(main, ["validate"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert "every grader passed validation" in done.output
    rows = [line for line in done.output.splitlines() if line.startswith("│")]
    assert len(rows) == 11 and all(" ok " in row for row in rows)


UNTRANSLATED_TEST = '''

@pytest.mark.points(1)
@pytest.mark.hint("relu(0) is 0: the kink belongs to the flat side.")
def test_relu_at_zero(student, reference):
    check(student.relu, reference.relu, np.array([0.0]))
'''


def test_with_a_language_a_grader_whose_text_is_not_translated_fails(make_small_course: MakeCourse):
    course = make_small_course(extra_grader=UNTRANSLATED_TEST)
    shutil.copytree(ROOT / "locale", course.root / "locale")  # this course's Korean: complete for its own graders

    report = validate(course=course, exercises=["activations"], language="ko")

    assert not report.ok and report.language == "ko" and report.catalogue == ()
    line = next(i for i, text in enumerate(course.grader("activations").read_text().splitlines(), start=1)
                if "the kink belongs" in text)
    assert _only(report).failures == (
        f"ko: graders/test_activations.py:{line}: not translated: 'relu(0) is 0: the kink belongs to the flat side.'",)


LOOKED_UP_TEST = '''

from autograde.i18n import N_

SAID = {"always": MARK("Said through a helper, where the extractor cannot see it.")}


def _said(key):
    return SAID[key]


@pytest.mark.points(1)
def test_said_through_a_helper(student):
    fail(_said("always"))
'''


@pytest.mark.parametrize("mark", ["", "N_"])
def test_with_a_language_a_text_said_where_extraction_cannot_see_it_fails_until_marked(
        make_small_course: MakeCourse, mark: str):
    """A text that reaches a message through a helper is never extracted, so never
    translated, whatever the catalogue holds: validate --lang says so from what the tests
    said; marked with N_, it is extracted and the catalogue check takes over."""
    said = "Said through a helper, where the extractor cannot see it."
    unseen = ("test_activations.py said a text that `autograde i18n update` does not find, so it is never "
              "translated (mark it N_(...) where it is defined): ")
    course = make_small_course(extra_grader=LOOKED_UP_TEST.replace("MARK", mark))
    shutil.copytree(ROOT / "locale", course.root / "locale", dirs_exist_ok=True)
    line = next(i for i, text in enumerate(course.grader("activations").read_text().splitlines(), start=1)
                if said in text)
    failures = _only(validate(course=course, exercises=["activations"], language="ko")).failures
    assert (f"ko: {unseen}{said!r}" in failures) == (mark == "")
    assert (f"ko: graders/test_activations.py:{line}: not translated: {said!r}" in failures) == (mark == "N_")
