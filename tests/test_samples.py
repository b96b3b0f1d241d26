"""The bundled sample class (``samples/class/``) is what ``samples/README.md`` says it is.

Checked without the batch loaders (class folders, LMS layouts, zips, notebooks): the files
are read with the standard library and nbformat, and each student that can be put into a
plain folder (or, for the single assignment file, a hand-made ``Submission``) is graded on
the NumPy exercises with hidden tests, against per-exercise scores worked out from which
tests each known mistake loses.
"""

from __future__ import annotations

import ast
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
import pytest

from autograde import loaders
from autograde.config import Course
from autograde.grading import grade
from autograde.results import Status
from autograde.sandbox.forkserver import ForkServer
from conftest import ROOT

CLASS = ROOT / "samples" / "class"
README = ROOT / "samples" / "README.md"
MUTANTS = ROOT / "tests" / "mutants"
NUMPY = ("perceptron", "activations", "losses", "gradient_descent", "backprop", "preprocessing", "sampling")
FULL = {"perceptron": 23.0, "activations": 28.0, "losses": 28.0, "gradient_descent": 33.0, "backprop": 33.0,
        "preprocessing": 34.0, "sampling": 36.0}
KERAS_POINTS = 30.0
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


def _scores(**changed: float) -> dict[str, float]:
    """Full marks on every NumPy exercise except those given."""
    return {**FULL, **changed}


NOT_ATTEMPTED, ERROR, FAILED = Status.NOT_ATTEMPTED, Status.ERROR, Status.FAILED

EXPECTED: dict[str, Expected] = {
    "alice_martin": Expected(_scores()),
    # step(0) == 1 changes every test whose inputs reach a weighted sum of exactly 0:
    # 2 + 1 + 1 + 2 + 1 (hidden) = 7; softmax without the max shift overflows on the two
    # large-logit tests (2 + 2 hidden); a summed MSE fails its one value test (2).
    "lee_seoyeon": Expected(
        _scores(perceptron=16.0, activations=24.0, losses=26.0),
        lost={"perceptron::test_step_values": FAILED, "perceptron::test_step_dtype_and_shape": FAILED,
              "perceptron::test_perceptron_single_sample": FAILED,
              "perceptron::test_train_perceptron_update_rule": FAILED, "perceptron::test_step_large_random": FAILED,
              "activations::test_softmax_large_logits": FAILED, "activations::test_softmax_extreme_axis0": FAILED,
              "losses::test_mse_values": FAILED}),
    "lucas_silva": Expected(
        _scores(losses=0.0, gradient_descent=0.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
        whole={e: NOT_ATTEMPTED for e in ("losses", "gradient_descent", "backprop", "preprocessing", "sampling")}),
    # Adam without bias correction is wrong from its first step, so the defaults test and the
    # hidden shared-state test (which update an Adam) fail with test_adam: 2 + 1 + 1.
    "park_jihoon": Expected(
        _scores(gradient_descent=29.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
        lost={"gradient_descent::test_adam": FAILED, "gradient_descent::test_optimizer_defaults": FAILED,
              "gradient_descent::test_optimizers_do_not_share_state": FAILED},
        whole={e: NOT_ATTEMPTED for e in ("backprop", "preprocessing", "sampling")}),
    # Without clipping, a zero probability gives nan, and eps is never used: 2 + 1.
    "songdaeun": Expected(
        _scores(losses=25.0, gradient_descent=0.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
        lost={"losses::test_cce_zeros_in_probabilities": FAILED, "losses::test_eps_argument_is_used": FAILED},
        whole={e: NOT_ATTEMPTED for e in ("gradient_descent", "backprop", "preprocessing", "sampling")}),
    # The one file stands in for every exercise: the functions of the other four are missing.
    "noah_wilson": Expected(
        _scores(gradient_descent=0.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
        whole={e: ERROR for e in ("gradient_descent", "backprop", "preprocessing", "sampling")}),
    "ines_garcia": Expected(_scores(gradient_descent=32.0),
                            lost={"gradient_descent::test_inverse_time_decay": Status.TIMEOUT}),
    "oh_jiwoo": Expected(_scores(losses=0.0), whole={"losses": ERROR}),
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
              "sampling::test_smote_not_copies": FAILED, "sampling::test_smote_distribution_matches_imblearn": FAILED}),
    # Graded on the code cells that did not raise in the learner's run, magics stripped.
    "choi_yuna": Expected(_scores(losses=0.0, gradient_descent=0.0, backprop=0.0, preprocessing=0.0, sampling=0.0),
                          whole={e: NOT_ATTEMPTED for e in ("losses", "gradient_descent", "backprop",
                                                            "preprocessing", "sampling")}),
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
]


# --- students as submissions, without the batch loaders ------------------------------------
# Each builder applies one of the batch loaders' rules by hand, in the simplest way that fits
# this data (the zip extracted, Canvas names cut to their file name, ...).

def _folder(name: str) -> Callable[[Path], loaders.Submission]:
    return lambda _tmp: loaders.load(CLASS / name)


def _zip(tmp: Path) -> loaders.Submission:
    with zipfile.ZipFile(CLASS / "park_jihoon.zip") as archive:
        archive.extractall(tmp)
    return loaders.load(tmp / "park_jihoon")


def _canvas(tmp: Path) -> loaders.Submission:
    folder = tmp / "songdaeun"
    folder.mkdir()
    for file in CLASS.glob("songdaeun_*.py"):
        shutil.copy(file, folder / _canvas_name(file).group("file"))
    return loaders.load(folder)


def _single_file(_tmp: Path) -> loaders.Submission:
    source = (CLASS / "noah_wilson.py").read_text(encoding="utf-8")
    modules = {e: loaders.SourceFile(e, "noah_wilson.py", source) for e in NUMPY}
    return loaders.Submission(name="noah_wilson", path=str(CLASS / "noah_wilson.py"), modules=modules)


def _notebooks(_tmp: Path) -> loaders.Submission:
    modules = {}
    for path in sorted((CLASS / "choi_yuna").glob("*.ipynb")):
        cells = [c.source for c in _code_cells(path) if not _raised(c)]
        modules[path.stem] = loaders.SourceFile(path.stem, path.name, "\n\n".join(map(_without_magics, cells)))
    return loaders.Submission(name="choi_yuna", path=str(CLASS / "choi_yuna"), modules=modules)


SUBMISSIONS: dict[str, Callable[[Path], loaders.Submission]] = {
    **{name: _folder(name)
       for name in ("alice_martin", "lee_seoyeon", "lucas_silva", "ines_garcia", "oh_jiwoo", "kang_doyun")},
    "park_jihoon": _zip,
    "songdaeun": _canvas,
    "noah_wilson": _single_file,
    "choi_yuna": _notebooks,
}


def _canvas_name(file: Path) -> re.Match[str]:
    found = CANVAS.fullmatch(file.name)
    assert found, f"{file.name} is not a Canvas name (login_[late_]USER_SUBMISSION_file.py)"
    return found


def _code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _raised(cell: nbformat.NotebookNode) -> bool:
    """Whether the cell raised when the learner ran it (it kept an error output)."""
    return any(o.output_type == "error" for o in cell.outputs)


def _without_magics(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


def _last_definition(source: str, name: str) -> str:
    """The last top-level function or class called ``name``, as a normalised AST dump."""
    found = [n for n in ast.parse(source).body
             if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == name]
    assert found, f"no definition of {name}"
    return ast.dump(found[-1])


def _student_source(student: str, exercise: str, tmp: Path) -> str:
    return SUBMISSIONS[student](tmp).modules[exercise].source


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


def test_only_kim_minjun_hands_in_keras_models():
    assert [p.parent.name for p in CLASS.rglob("keras_models.*")] == [MOODLE]


def test_kim_minjun_handed_in_the_reference_solutions():
    """Full marks follow from test_graders' reference test; grading them again costs TensorFlow's training."""
    for exercise in (*NUMPY, "keras_models"):
        handed_in = (CLASS / MOODLE / f"{exercise}.py").read_bytes()
        assert handed_in == (ROOT / "solutions" / f"{exercise}.py").read_bytes(), exercise


def test_the_class_holds_only_small_sources():
    files = [p for p in CLASS.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} == {".py", ".ipynb", ".zip"}
    assert max(p.stat().st_size for p in files) < 16_000


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
def test_mutated_file_ends_with_the_intended_wrong_definition(tmp_path, student, exercise, mutant):
    source = _student_source(student, exercise, tmp_path)
    wrong = (MUTANTS / exercise / f"{mutant}.py").read_text(encoding="utf-8")
    names = [n.name for n in ast.parse(wrong).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert names
    for name in names:
        assert _last_definition(source, name) == _last_definition(wrong, name)
    assert "CAUGHT_BY" not in source and "MESSAGE" not in source


# --- grades ---------------------------------------------------------------------------------

@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_student_gets_the_expected_scores(course: Course, server: ForkServer, tmp_path, student):
    expected = EXPECTED[student]
    result = grade(course=course, submission=SUBMISSIONS[student](tmp_path), server=server, hidden=True,
                   exercises=NUMPY)
    assert {e.name: e.score for e in result.exercises} == expected.scores
    for exercise in result.exercises:
        if exercise.name in expected.whole:
            assert {t.status for t in exercise.tests} == {expected.whole[exercise.name]}
    lost = {f"{e.name}::{t.name.split('[')[0]}": t.status for e in result.exercises if e.name not in expected.whole
            for t in e.tests if t.status is not Status.PASSED}
    assert lost == expected.lost
