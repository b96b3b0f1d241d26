"""Learner notebooks: their text and metadata, and that they run in a real kernel (nbclient)
and in real nbgrader (generate_assignment, then autograde)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode

from autograde import notebooks
from autograde.solution_markers import BEGIN_SOLUTION, END_SOLUTION, strip_markers
from autograde.config import Course, find_course

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def course() -> Course:
    return find_course(ROOT)


def stub(course: Course, exercise: str) -> str:
    return (course.stubs / f"{exercise}.py").read_text(encoding="utf-8")


def solution(course: Course, exercise: str) -> str:
    return (course.solutions / f"{exercise}.py").read_text(encoding="utf-8")


def learner(course: Course, exercise: str) -> NotebookNode:
    return notebooks.build(course=course, exercise=exercise, stub_source=stub(course, exercise))


def source(course: Course, exercise: str) -> NotebookNode:
    return notebooks.build(course=course, exercise=exercise, stub_source=stub(course, exercise),
                           solution_source=solution(course, exercise))


def solved_sources(course: Course, exercise: str) -> dict[str, str]:
    """What a learner who got everything right has in each code cell, by cell id: the
    source notebook's solution cells without markers, and the reference's constants."""
    plain = strip_markers(solution(course, exercise))
    lines = plain.splitlines()
    constants = {f"{exercise}-{u.name}": "\n".join(lines[u.first - 1:u.last]) + "\n"
                 for u in notebooks.units(plain) if u.kind == "assignment"}
    cells = {c.id: strip_markers(c.source) for c in source(course, exercise).cells
             if c.metadata.get("nbgrader", {}).get("solution")}
    return {**constants, **cells}


def nbgrader_meta(notebook: NotebookNode) -> dict[str, dict]:
    return {c.id: dict(c.metadata["nbgrader"]) for c in notebook.cells if "nbgrader" in c.metadata}


# --- building -------------------------------------------------------------------------------------


def test_every_exercise_has_a_valid_notebook_with_a_solution_cell_per_function(course):
    for exercise in course.exercises:
        for notebook in (learner(course, exercise), source(course, exercise)):
            nbformat.validate(notebook)
            ids = [c.id for c in notebook.cells]
            assert len(ids) == len(set(ids)), exercise
            solutions = {c.id for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution")}
            defined = {f"{exercise}-{u.name}" for u in notebooks.units(stub(course, exercise))
                       if u.kind in ("function", "class")}
            assert solutions == defined, exercise
            assert notebook.cells[-1].source.endswith(f'check("{exercise}")\n')


def test_perceptron_metadata_marks_lesson_read_only_stubs_as_solutions_and_the_check_as_graded(course):
    meta = nbgrader_meta(learner(course, "perceptron"))
    assert meta["perceptron-check"] == {"grade": True, "grade_id": "perceptron-check", "locked": True,
                                        "schema_version": 3, "solution": False, "task": False, "points": 20.0}
    assert meta["perceptron-step"] == {"grade": False, "grade_id": "perceptron-step", "locked": False,
                                       "schema_version": 3, "solution": True, "task": False}
    assert meta["perceptron-step-text"]["locked"] and not meta["perceptron-step-text"]["grade"]
    assert meta["perceptron-imports"]["locked"]
    assert "perceptron-GATES" not in meta  # a constant the learner edits, which nbgrader cannot clear


def test_learner_cells_hold_the_stub_and_the_explanation_its_docstring(course):
    cells = {c.id: c.source for c in learner(course, "activations").cells}
    assert cells["activations-sigmoid"] == (
        "def sigmoid(x: ArrayLike) -> NDArray[np.float64]:\n"
        '    raise NotImplementedError("sigmoid(x) is not written yet: replace this line with your code")\n'
    )
    text = cells["activations-sigmoid-text"]
    assert text.startswith("## `sigmoid(x)`\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n\n")
    assert ("```python\n>>> np.round(sigmoid(np.array([-2.0, 0.0, 2.0])), 4)\n"
            "array([0.1192, 0.5   , 0.8808])\n```\n\n**Pitfall (overflow): for `x = -1000`") not in text  # no label: a sentence
    assert ("```python\n>>> np.round(sigmoid(np.array([-2.0, 0.0, 2.0])), 4)\n"
            "array([0.1192, 0.5   , 0.8808])\n```\n\nPitfall (overflow): for `x = -1000` the formula") in text
    assert cells["activations-lesson"].startswith("# Exercise:")
    assert "out of 25;" in cells["activations-lesson"]
    assert "plt.plot(xs, ys, label=name)" in cells["activations-plot"]


def test_source_notebook_marks_the_reference_body_and_nests_the_helpers_it_needs(course):
    cells = {c.id: c.source for c in source(course, "perceptron").cells}
    assert cells["perceptron-step"] == (
        "def step(x: ArrayLike) -> NDArray[np.int64]:\n"
        "    ### BEGIN SOLUTION\n"
        "    return np.asarray(np.asarray(x) > 0, dtype=np.int64)\n"
        "    ### END SOLUTION\n"
    )
    # _gate is the reference's private helper: nbgrader would turn a top-level solution
    # region into a `raise` at the cell's top level, so it travels inside the body.
    assert cells["perceptron-AND"].startswith(
        "def AND(x1: ArrayLike, x2: ArrayLike) -> NDArray[np.int64]:\n    ### BEGIN SOLUTION\n    def _gate(")
    assert cells["perceptron-AND"].endswith('    return _gate("AND", x1, x2)\n    ### END SOLUTION\n')
    assert "_gate" not in cells["perceptron-step"]
    assert "NotImplementedError" not in cells["perceptron-AND"]


def test_source_notebook_marks_each_method_of_a_class(course):
    cell = next(c.source for c in source(course, "gradient_descent").cells if c.id == "gradient_descent-SGD")
    assert cell.count(BEGIN_SOLUTION) == 2 and cell.count(END_SOLUTION) == 2
    assert "params[key] -= self.lr * grads[key]" in cell
    assert "NotImplementedError" not in cell


def test_docstring_markdown_converts_tables_doctests_literal_blocks_and_labels():
    doc = textwrap.dedent('''\
        Gate with ``x1`` and ``x2``.

        ====  ====  ===
        x1    x2    AND
        ====  ====  ===
        0     1     0
        1     1     1
        ====  ====  ===

        Each update::

            v = m * v - lr * g

        Example:

        >>> AND(1, 1)
        array(1)
        ''')
    assert notebooks.docstring_markdown(doc) == textwrap.dedent('''\
        Gate with `x1` and `x2`.

        | x1 | x2 | AND |
        |---|---|---|
        | 0 | 1 | 0 |
        | 1 | 1 | 1 |

        Each update:

        ```
        v = m * v - lr * g
        ```

        **Example:**

        ```python
        >>> AND(1, 1)
        array(1)
        ```''')


def test_submission_notebook_keeps_definitions_and_leaves_out_tries_and_the_check():
    inputs = [
        "import numpy as np\nfrom autograde.notebooks import check",
        "def f(x):\n    return x + 1\n\nprint(f(1))",
        "f(2)",
        "SCALE = 2.0",
        "this is no python",
        'check("ex")',
    ]
    cells = [c.source for c in notebooks.submission_notebook(inputs).cells]
    assert cells == ["import numpy as np\n", "def f(x):\n    return x + 1\n", "SCALE = 2.0\n"]


# --- running in a kernel --------------------------------------------------------------------------

def outputs(cell: NotebookNode) -> tuple[str, str]:
    """A code cell's printed text (ANSI colours removed) and its result's text."""
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    result = "".join(o.data["text/plain"] for o in cell.outputs if o.output_type == "execute_result")
    return ANSI.sub("", printed), result


@pytest.mark.parametrize("exercise, points", [("perceptron", 20), ("activations", 25)])
def test_notebook_runs_in_a_kernel_scoring_zero_then_full_marks_once_filled_in(course, exercise, points):
    nbclient = pytest.importorskip("nbclient", reason="nbclient is a test dependency: pip install -e '.[test]'")
    pytest.importorskip("ipykernel", reason="ipykernel is a test dependency: pip install -e '.[test]'")
    notebook = learner(course, exercise)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(course.root)}})
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):  # raises CellExecutionError on any error
            client.execute_cell(cell, index)
        check = notebook.cells[-1]
        printed, result = outputs(check)
        assert f"Total: 0 / {points} (0%)" in printed
        assert result == "0.0"
        assert not [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
                    if o.output_type == "error" or o.get("name") == "stderr"]
        # The learner fills in every cell and runs it again, then the check.
        for index, cell in enumerate(notebook.cells):
            if cell.id in (solved := solved_sources(course, exercise)):
                cell.source = solved[cell.id]
                client.execute_cell(cell, index)
        client.execute_cell(check, len(notebook.cells) - 1)
    printed, result = outputs(check)
    assert f"Total: {points} / {points} (100%)" in printed
    assert result == f"{points:.1f}"
    assert "Result written to" not in printed


@pytest.mark.parametrize("exercise", sorted(notebooks.PLOTS))
def test_the_plot_waits_for_the_stub_then_draws_from_the_learners_functions(course, exercise):
    """Each plot cell says what it waits for while the stub raises, and draws a picture (a
    PNG output, no error, nothing on stderr) once the learner's functions work."""
    nbclient = pytest.importorskip("nbclient", reason="nbclient is a test dependency: pip install -e '.[test]'")
    pytest.importorskip("ipykernel", reason="ipykernel is a test dependency: pip install -e '.[test]'")
    pytest.importorskip("matplotlib", reason="matplotlib is a test dependency: pip install -e '.[test]'")
    notebook = learner(course, exercise)
    plot = next(i for i, c in enumerate(notebook.cells) if c.id == f"{exercise}-plot")
    solved = solved_sources(course, exercise)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(course.root)}})
    with client.setup_kernel():
        client.execute_cell(nbformat.v4.new_code_cell("%matplotlib inline"), 0)
        for index, cell in enumerate(notebook.cells[:plot]):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        client.execute_cell(notebook.cells[plot], plot)
        assert outputs(notebook.cells[plot])[0].startswith("No plot yet (NotImplementedError: ")
        for index, cell in enumerate(notebook.cells[:plot]):
            if cell.id in solved:
                cell.source = solved[cell.id]
                client.execute_cell(cell, index)
        client.execute_cell(notebook.cells[plot], plot)
    drawn = notebook.cells[plot].outputs
    assert [o.output_type for o in drawn if o.output_type in ("error", "stream")] == [], drawn
    assert any("image/png" in o.get("data", {}) for o in drawn), drawn


def test_check_outside_a_notebook_says_where_it_works():
    with pytest.raises(RuntimeError, match=r"call it in a Jupyter notebook's cell; outside Jupyter run "
                                           r"`autograde check perceptron` instead"):
        notebooks.check("perceptron")


# --- nbgrader -------------------------------------------------------------------------------------


def nbgrader(root: Path, *args: str) -> None:
    env = {**os.environ, "AUTOGRADE_COURSE": str(ROOT)}  # the check cell finds the course through it
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_real_nbgrader_releases_the_source_notebook_and_autogrades_submissions(course, tmp_path):
    pytest.importorskip("nbgrader", reason="nbgrader is a test dependency: pip install -e '.[test]'")
    from nbgrader.api import Gradebook

    (tmp_path / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(tmp_path)!r}\n"
        "c.CourseDirectory.course_id = 'autograde'\nc.ExecutePreprocessor.timeout = 300\n")
    (tmp_path / "source" / "ps1").mkdir(parents=True)
    nbformat.write(source(course, "activations"), tmp_path / "source" / "ps1" / "activations.ipynb")

    nbgrader(tmp_path, "generate_assignment", "ps1", "--force")
    released = nbformat.read(tmp_path / "release" / "ps1" / "activations.ipynb", as_version=4)
    softmax = next(c.source for c in released.cells if c.id == "activations-softmax")
    assert softmax == ("def softmax(x: ArrayLike, axis: int = -1) -> NDArray[np.float64]:\n"
                       "    # YOUR CODE HERE\n    raise NotImplementedError()\n")

    solved = solved_sources(course, "activations")
    done = nbformat.from_dict(released)
    for cell in done.cells:
        cell.source = solved.get(cell.id, cell.source)
    for student, notebook in (("alice", done), ("bob", released)):  # bob hands in the release untouched
        folder = tmp_path / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        nbformat.write(notebook, folder / "activations.ipynb")

    nbgrader(tmp_path, "autograde", "ps1", "--create")
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        assert gradebook.find_submission("ps1", "alice").score == 25.0
        assert gradebook.find_submission("ps1", "bob").score == 0.0


# --- cells that hang, cells that only check ------------------------------------------------------

HANGING_SOFTMAX = ("def softmax(x, axis=-1):\n    while True:  # never ends\n        pass\n")
TRY_SOFTMAX = 'print("trying softmax")\nsoftmax(np.array([1.0, 2.0]))\n'
# nbgrader's public test cells, as an instructor writes them: read-only, graded, no solution.
NBGRADER_TESTS = {
    "test-relu": "assert np.allclose(relu(np.array([-1.0, 2.0])), [0.0, 2.0])\n",
    "test-softmax": "assert np.allclose(softmax(np.array([0.0, 0.0])), [0.5, 0.5])\n",
}
SOFTMAX_TESTS = {"test_softmax_values", "test_softmax_large_logits", "test_softmax_axis",
                 "test_softmax_single_vector", "test_dtypes_and_shapes", "test_inputs_unchanged"}


def test_a_hanging_cell_is_stopped_and_only_its_functions_tests_lose(course, tmp_path):
    """A notebook released by real nbgrader, nbgrader's test cells left in, solved but for a
    softmax that loops forever, and a cell of the learner's own that calls it."""
    pytest.importorskip("nbgrader", reason="nbgrader is a test dependency: pip install -e '.[test]'")
    from autograde.grading import GradingSession

    (tmp_path / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(tmp_path)!r}\nc.CourseDirectory.course_id = 'autograde'\n")
    notebook = source(course, "activations")
    at = next(i for i, c in enumerate(notebook.cells) if c.id == "activations-softmax") + 1
    tests = [notebooks._locked(nbformat.v4.new_code_cell(code), grade_id) for grade_id, code in NBGRADER_TESTS.items()]
    for cell in tests:
        cell.metadata["nbgrader"].update(grade=True, points=1)
    notebook.cells[at:at] = [nbformat.v4.new_code_cell(TRY_SOFTMAX), *tests]
    (tmp_path / "source" / "ps1").mkdir(parents=True)
    nbformat.write(notebook, tmp_path / "source" / "ps1" / "activations.ipynb")
    nbgrader(tmp_path, "generate_assignment", "ps1", "--force")

    released = nbformat.read(tmp_path / "release" / "ps1" / "activations.ipynb", as_version=4)
    assert [c.id for c in released.cells if c.id in NBGRADER_TESTS] == list(NBGRADER_TESTS)  # nbgrader kept them
    solved = {**solved_sources(course, "activations"), "activations-softmax": HANGING_SOFTMAX}
    for cell in released.cells:
        cell.source = solved.get(cell.id, cell.source)
    numbers = {c.id: i for i, c in enumerate(released.cells, 1)}
    tried = next(i for i, c in enumerate(released.cells, 1) if c.source == TRY_SOFTMAX)
    (tmp_path / "submitted").mkdir()
    nbformat.write(released, tmp_path / "submitted" / "activations.ipynb")

    limited = course.with_overrides(cell_timeout_s=2.0)
    with GradingSession(limited, exercises=["activations"]) as session:
        result = session.grade(session.load(tmp_path / "submitted"))
    skipped = sorted((numbers["test-relu"], numbers["test-softmax"], numbers["activations-check"]))
    shown = tmp_path / "submitted" / "activations.ipynb"  # as messages name a file of a folder
    assert (f"{shown}: cells {', '.join(map(str, skipped))} only check the work (test cells) and did not "
            "run: the graders test your functions themselves") in result.notes
    [exercise] = result.exercises
    stopped = (f"{shown}: cell {tried} did not finish within 2 s and was stopped; the cells after it "
               "ran anyway")
    assert stopped in exercise.notes
    lost = {t.name for t in exercise.tests if t.score < t.max_score}
    assert lost == SOFTMAX_TESTS
    assert all(t.status.value == "timeout" for t in exercise.tests if t.name in lost)
    assert exercise.score == exercise.max_score - sum(t.max_score for t in exercise.tests if t.name in lost) > 0
    # The child is replaced after each timed-out test; the stopped cell is never run again.
    outputs = "".join(t.output for t in exercise.tests)
    assert outputs.count("trying softmax") <= 1
