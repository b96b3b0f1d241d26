"""The bundled sample class (``samples/class/``) is what ``samples/README.md`` says it is.

The files are checked with the standard library and nbformat; then the README's main job,
``autograde grade samples/class --out DIR``, is run once, and every student's per-exercise
scores (hidden tests included) are compared with scores worked out from which tests each
known mistake loses, and their totals with the README's table.
"""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import nbformat
import pytest

from autograde import loaders
from autograde.gradebook import Gradebook, Row, RowStatus
from autograde.results import Status
from conftest import ROOT

CLASS = ROOT / "samples" / "class"
README = ROOT / "samples" / "README.md"
MUTANTS = ROOT / "graders" / "mutants"
NUMPY = ("perceptron", "activations", "losses", "gradient_descent", "backprop", "preprocessing", "sampling",
         "convolution", "recurrent")
FULL = {"perceptron": 23.0, "activations": 28.0, "losses": 28.0, "gradient_descent": 33.0, "backprop": 33.0,
        "preprocessing": 34.0, "sampling": 36.0, "convolution": 37.0, "recurrent": 36.0}
# The CNN and RNN exercises came later in the course: only Kim Minjun and lee_seoyeon hand them in.
LATER = ("convolution", "recurrent")
KERAS_POINTS = 30.0 + 40.0  # keras_models, keras_deep: only Kim Minjun hands them in
KERAS = ("keras_models", "keras_deep")
MOODLE = "Kim Minjun_100001_assignsubmission_file_"  # the reference solutions, Keras included
CANVAS = re.compile(r"(?P<login>[a-z]+)_(?:late_)?\d+_\d+_(?P<file>\w+\.py)")


@dataclass(frozen=True)
class Expected:
    """One student's expected grade on the NumPy exercises, hidden tests included.

    ``lost`` names the tests (``exercise::test``, parameters stripped) that do not pass in
    an otherwise graded exercise; ``whole`` gives, per exercise, the status every one of its
    tests has when none can pass (a missing or stub file, a module that does not import).
    """

    scores: dict[str, float]
    lost: dict[str, Status] = field(default_factory=dict)
    whole: dict[str, Status] = field(default_factory=dict)


def _scores(*, later: bool = False, **changed: float) -> dict[str, float]:
    """Full marks on every NumPy exercise except those given; nothing for the later two
    unless ``later`` (handed in)."""
    return {**FULL, **({} if later else dict.fromkeys(LATER, 0.0)), **changed}


def _later_missing(status: Status = Status.NOT_ATTEMPTED) -> dict[str, Status]:
    """Every test of the later two exercises, for a student who did not hand them in."""
    return dict.fromkeys(LATER, status)


NOT_ATTEMPTED, ERROR, FAILED = Status.NOT_ATTEMPTED, Status.ERROR, Status.FAILED

EXPECTED: dict[str, Expected] = {
    "alice_martin": Expected(_scores(), whole=_later_missing()),
    # step(0) == 1 changes every test whose inputs reach a weighted sum of exactly 0:
    # 2 + 1 + 1 + 2 + 1 (hidden) = 7; softmax without the max shift overflows on the two
    # large-logit tests (2 + 2 hidden); a summed MSE fails its one value test (2). Max-pool's
    # backward sends the gradient to every tied maximum: the ties test (1), and both training
    # tests, whose first batch meets the ReLU's zeros tied in a window (2 + 2 hidden).
    "lee_seoyeon": Expected(
        _scores(perceptron=16.0, activations=24.0, losses=26.0, convolution=32.0, later=True),
        lost={"perceptron::test_step_values": FAILED, "perceptron::test_step_dtype_and_shape": FAILED,
              "perceptron::test_perceptron_single_sample": FAILED,
              "perceptron::test_train_perceptron_update_rule": FAILED, "perceptron::test_step_large_random": FAILED,
              "activations::test_softmax_large_logits": FAILED, "activations::test_softmax_extreme_axis0": FAILED,
              "losses::test_mse_values": FAILED,
              "convolution::test_max_pool2d_backward_ties": FAILED, "convolution::test_train_cnn": FAILED,
              "convolution::test_train_cnn_larger": FAILED}),
    "lucas_silva": Expected(
        _scores(losses=0.0, gradient_descent=0.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
        whole={e: NOT_ATTEMPTED for e in ("losses", "gradient_descent", "backprop", "preprocessing", "sampling",
                                          *LATER)}),
    # Adam without bias correction is wrong from its first step, so the defaults test and the
    # hidden shared-state test (which update an Adam) fail with test_adam: 2 + 1 + 1.
    "park_jihoon": Expected(
        _scores(gradient_descent=29.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
        lost={"gradient_descent::test_adam": FAILED, "gradient_descent::test_optimizer_defaults": FAILED,
              "gradient_descent::test_optimizers_do_not_share_state": FAILED},
        whole={e: NOT_ATTEMPTED for e in ("backprop", "preprocessing", "sampling", *LATER)}),
    # Without clipping, a zero probability gives nan, and eps is never used: 2 + 1.
    "songdaeun": Expected(
        _scores(losses=25.0, gradient_descent=0.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
        lost={"losses::test_cce_zeros_in_probabilities": FAILED, "losses::test_eps_argument_is_used": FAILED},
        whole={e: NOT_ATTEMPTED for e in ("gradient_descent", "backprop", "preprocessing", "sampling", *LATER)}),
    # The one file stands in for every exercise: the functions of the other six are missing.
    "noah_wilson": Expected(
        _scores(gradient_descent=0.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
        whole={e: ERROR for e in ("gradient_descent", "backprop", "preprocessing", "sampling", *LATER)}),
    "ines_garcia": Expected(_scores(gradient_descent=32.0),
                            lost={"gradient_descent::test_inverse_time_decay": Status.TIMEOUT},
                            whole=_later_missing()),
    "oh_jiwoo": Expected(_scores(losses=0.0), whole={"losses": ERROR, **_later_missing()}),
    # Momentum uphill: 2 + 1 (defaults) + 1 (hidden, shared state). Gradients n times too
    # large fail every gradient test and, through train, every training test: 16 of 33.
    # ddof=1 fails the one fit test (1). SMOTE's self-neighbour makes copies (2 + 3 hidden).
    "kang_doyun": Expected(
        _scores(gradient_descent=29.0, backprop=17.0, preprocessing=33.0, sampling=31.0),
        lost={"gradient_descent::test_momentum": FAILED, "gradient_descent::test_optimizer_defaults": FAILED,
              "gradient_descent::test_optimizers_do_not_share_state": FAILED,
              **{f"backprop::{t}": FAILED for t in (
                  "test_gradients_relu", "test_gradients_sigmoid", "test_gradients_match_numerical",
                  "test_train_update_rule", "test_train_digits", "test_train_digits_sigmoid",
                  "test_gradients_single_sample_and_wide", "test_gradients_large_scores")},
              "preprocessing::test_fit_standardizer": FAILED,
              "sampling::test_smote_not_copies": FAILED, "sampling::test_smote_distribution_matches_imblearn": FAILED},
        whole=_later_missing()),
    # Graded on the code cells that did not raise in the learner's run, magics stripped.
    "choi_yuna": Expected(_scores(losses=0.0, gradient_descent=0.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
                          whole={e: NOT_ATTEMPTED for e in ("losses", "gradient_descent", "backprop",
                                                            "preprocessing", "sampling", *LATER)}),
}

# (student, exercise, mutant): each wrong function is the last definition of its name.
MUTATED = [
    ("lee_seoyeon", "perceptron", "step_ge_zero"),
    ("lee_seoyeon", "activations", "softmax_no_max_shift"),
    ("lee_seoyeon", "losses", "mse_sum"),
    ("park_jihoon", "gradient_descent", "adam_no_bias_correction"),
    ("songdaeun", "losses", "cce_no_clip"),
    ("kang_doyun", "gradient_descent", "momentum_sign_error"),
    ("kang_doyun", "backprop", "grad_not_divided_by_batch"),
    ("kang_doyun", "preprocessing", "fit_standardizer_ddof1"),
    ("kang_doyun", "sampling", "smote_neighbours_include_self"),
    ("lee_seoyeon", "convolution", "pool_backward_all_ties"),
]


def _canvas_name(file: Path) -> re.Match[str]:
    found = CANVAS.fullmatch(file.name)
    assert found, f"{file.name} is not a Canvas name (login_[late_]USER_SUBMISSION_file.py)"
    return found


def _code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _raised(cell: nbformat.NotebookNode) -> bool:
    """Whether the cell raised when the learner ran it (it kept an error output)."""
    return any(o.output_type == "error" for o in cell.outputs)


def _last_definition(source: str, name: str) -> str:
    """The last top-level function or class called ``name``, as a normalised AST dump."""
    found = [n for n in ast.parse(source).body
             if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == name]
    assert found, f"no definition of {name}"
    return ast.dump(found[-1])


def _student_source(student: str, exercise: str) -> str:
    """The source of ``student``'s ``exercise`` module, read as ``autograde grade`` reads it."""
    exercises = (*NUMPY, "keras_models")
    (candidate,) = [c for c in loaders.discover([CLASS], exercises=exercises) if c.student == student]
    submission = loaders.from_files(candidate.files, name=student, path=candidate.origin, exercises=exercises)
    return submission.modules[exercise].source


# --- the class folder and the README -------------------------------------------------------

def _readme_rows() -> dict[str, tuple[str, str]]:
    """README table rows: student -> (path cell, score cell)."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] not in ("student", "---"):
            rows[cells[0]] = (cells[1], cells[5])
    return rows


def test_readme_lists_every_child_of_the_class_folder_once():
    named = [path for cell, _ in _readme_rows().values() for path in re.findall(r"`([^`]+)`", cell)]
    assert len(named) == len(set(named))
    assert sorted(p.rstrip("/") for p in named) == sorted(p.name for p in CLASS.iterdir())
    assert len(_readme_rows()) == 12


def test_readme_scores_are_the_expected_totals():
    rows = _readme_rows()
    for student, expected in EXPECTED.items():
        assert rows[student][1] == f"{sum(expected.scores.values()):g}", student
    assert rows["Kim Minjun"][1] == f"{sum(FULL.values()) + KERAS_POINTS:g}"
    assert rows["oliver"][1] == "—"
    assert sorted(rows) == sorted([*EXPECTED, "Kim Minjun", "oliver"])


def test_only_kim_minjun_hands_in_the_keras_exercises():
    for exercise in KERAS:
        assert [p.parent.name for p in CLASS.rglob(f"{exercise}.*")] == [MOODLE], exercise


def test_kim_minjun_handed_in_the_reference_solutions():
    """Full marks follow from test_graders' reference test; grading them again costs TensorFlow's training."""
    for exercise in (*NUMPY, *KERAS):
        handed_in = (CLASS / MOODLE / f"{exercise}.py").read_bytes()
        assert handed_in == (ROOT / "solutions" / f"{exercise}.py").read_bytes(), exercise


def test_the_class_holds_only_small_sources():
    files = [p for p in CLASS.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} == {".py", ".ipynb", ".zip"}
    # Marked solutions carry the stubs' docstrings, which teach at length for the CNN and RNN.
    assert max(p.stat().st_size for p in files) < 32_000


# --- formats --------------------------------------------------------------------------------

def test_every_python_file_but_the_syntax_error_compiles():
    files = sorted(CLASS.rglob("*.py"))
    broken = CLASS / "oh_jiwoo" / "losses.py"
    for file in files:
        if file != broken:
            compile(file.read_text(encoding="utf-8"), str(file), "exec")
    with pytest.raises(SyntaxError) as caught:
        compile(broken.read_text(encoding="utf-8"), str(broken), "exec")
    assert caught.value.text.strip() == "def entropy(p: ArrayLike, base: float = 2) -> float"


def test_the_zip_holds_one_folder_of_modules():
    with zipfile.ZipFile(CLASS / "park_jihoon.zip") as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == [f"park_jihoon/{e}.py" for e in
                                              ("activations", "gradient_descent", "losses", "perceptron")]


def test_canvas_files_name_one_login_and_one_late_file():
    names = [_canvas_name(f) for f in sorted(CLASS.glob("songdaeun_*"))]
    assert {n.group("login") for n in names} == {"songdaeun"}
    assert sorted(n.group("file") for n in names) == ["activations.py", "losses.py", "perceptron.py"]
    assert [n.string for n in names if "_late_" in n.string] == ["songdaeun_late_24680_1003_losses.py"]


def test_lucas_silva_left_two_stubs_untouched():
    for exercise in ("losses", "gradient_descent"):
        stub = (ROOT / "exercises" / f"{exercise}.py").read_text(encoding="utf-8")
        assert (CLASS / "lucas_silva" / f"{exercise}.py").read_text(encoding="utf-8") == stub


def test_choi_yuna_notebooks_are_valid_and_raise_in_the_cells_the_readme_names():
    raised = {}
    for path in sorted((CLASS / "choi_yuna").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert notebook.nbformat == 4
        assert any(c.cell_type == "markdown" for c in notebook.cells)
        assert "%matplotlib inline" in notebook.cells[1].source.splitlines()
        raised[path.name] = [(i, o.ename) for i, c in enumerate(notebook.cells, 1)
                             for o in c.get("outputs", ()) if o.output_type == "error"]
    assert raised == {"activations.ipynb": [(14, "NameError")], "perceptron.ipynb": [(12, "AssertionError")]}
    shell = [c.source for c in _code_cells(CLASS / "choi_yuna" / "perceptron.ipynb") if c.source.startswith("!")]
    assert shell == ["!pip install numpy"]


def test_the_broken_notebook_is_not_json():
    path = CLASS / "oliver_perceptron.ipynb"
    with pytest.raises(nbformat.reader.NotJSONError):
        nbformat.read(path, as_version=4)


@pytest.mark.parametrize("student, exercise, mutant", MUTATED, ids=str)
def test_mutated_file_ends_with_the_intended_wrong_definition(student, exercise, mutant):
    source = _student_source(student, exercise)
    wrong = (MUTANTS / exercise / f"{mutant}.py").read_text(encoding="utf-8")
    names = [n.name for n in ast.parse(wrong).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert names
    for name in names:
        assert _last_definition(source, name) == _last_definition(wrong, name)
    assert "CAUGHT_BY" not in source and "MESSAGE" not in source


# --- grades ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graded_class(sample_class_graded: tuple[subprocess.CompletedProcess[str], Path]
                 ) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The README's main job, ``autograde grade samples/class --out DIR``, run once (conftest.py)."""
    return sample_class_graded


def _rows(out: Path) -> dict[str, Row]:
    with Gradebook(out / "gradebook.db") as book:
        return {row.student: row for row in book.rows()}


def test_the_readme_command_grades_the_sample_class(graded_class: tuple[subprocess.CompletedProcess[str], Path]):
    done, out = graded_class
    assert done.returncode == 1, done.stdout + done.stderr  # oliver's notebook is broken on purpose
    assert "submissions found    12" in done.stdout and "failed to load       1" in done.stdout
    rows = _rows(out)
    totals = {student: f"{row.result.score:g}" if row.status is RowStatus.GRADED else "—"
              for student, row in rows.items()}
    assert totals == {student: cells[1] for student, cells in _readme_rows().items()}
    assert rows["oliver"].status is RowStatus.UNREADABLE
    assert rows["oliver"].error.startswith("perceptron.ipynb is not a readable notebook: broken JSON")
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as f:
        assert sorted(r["student"] for r in csv.DictReader(f)) == sorted(rows)
    assert len(list((out / "feedback").glob("*.html"))) == len(list((out / "feedback").glob("*.md"))) == 12
    assert all(escape(student) in (out / "report.html").read_text(encoding="utf-8") for student in rows)


def test_notebook_magics_and_failing_cells_are_reported(graded_class: tuple[subprocess.CompletedProcess[str], Path]):
    result = _rows(graded_class[1])["choi_yuna"].result
    assert result.notes == (
        "activations.ipynb: skipped 1 IPython line (cell 2: %matplotlib inline)",
        "perceptron.ipynb: skipped 2 IPython lines (cell 2: %matplotlib inline; cell 3: !pip install numpy)",
    )
    notes = {e.name: e.notes for e in result.exercises if e.notes}
    assert notes == {
        "perceptron": ("perceptron.ipynb: cell 12 raised AssertionError: step(0) should fire?; "
                       "the cells after it ran anyway",),
        "activations": ("activations.ipynb: cell 14 raised NameError: name 'softmax' is not defined; "
                        "the cells after it ran anyway",),
    }


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_student_gets_the_expected_scores(graded_class: tuple[subprocess.CompletedProcess[str], Path], student):
    expected = EXPECTED[student]
    result = _rows(graded_class[1])[student].result
    numpy = [e for e in result.exercises if e.name in NUMPY]
    assert {e.name: e.score for e in numpy} == expected.scores
    for exercise in numpy:
        if exercise.name in expected.whole:
            assert {t.status for t in exercise.tests} == {expected.whole[exercise.name]}
    lost = {f"{e.name}::{t.name.split('[')[0]}": t.status for e in numpy if e.name not in expected.whole
            for t in e.tests if t.status is not Status.PASSED}
    assert lost == expected.lost
