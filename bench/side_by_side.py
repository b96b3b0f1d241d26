"""Side by side: autograde and nbgrader grade the same learner notebooks (issue 19).

Builds one small assignment twice, offline, in a temporary folder: a real nbgrader course
(``nbgrader generate_assignment ps1`` on a source notebook ``functions.ipynb`` with three
NumPy functions in solution cells and six graded test cells, one point each) and the same
assignment as an autograde course (a reference, and a grader with the same six checks as
pytest tests). From nbgrader's *released* notebook it writes N learner notebooks, cycling
over five kinds with known scores (correct, a softmax without the max shift, blank, a cell
that raises at import, a softmax that loops forever), puts each into nbgrader's
``submitted/`` folder and, byte for byte the same, into an autograde class folder.

Then, R rounds, alternating which tool goes first, each from a fresh state that regrades
everyone, it times::

    nbgrader autograde ps1 --force                       (one notebook after the other)
    autograde grade CLASS --course COURSE --gradebook G --public --jobs J --force

reads every learner's score (and which checks it lost) from nbgrader's gradebook and from
autograde's, and fails (exit status 1) when either tool's score differs from the known
answer. Prints each round's times, the medians and ``ratio nbgrader / autograde``; then
the warm floor: the same six checks on the correct solution N times in this process
(no sandbox, no kernel: ``bench/direct.py``'s direct calls).

    python bench/side_by_side.py [--notebooks 20] [--rounds 3] [--jobs 2] [--keep DIR]

Both tools stop a learner's code at a time limit, and the looping notebooks spend it:
autograde each test (``timeout_s``, ``--autograde-timeout``, default 2 s), nbgrader each
cell (``ExecutePreprocessor.timeout``, ``--nbgrader-timeout``, default 5 s; nbgrader's own
default is 30 s). The header prints what those limits alone cost each tool.

Otter-Grader could be a third column; it is not built here (it is no dependency of this
project, and its assignment format would be a third copy of the checks): when it is
installed the bench says it was skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import nbformat
import numpy as np
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]  # this checkout's autograde, not an installed one

ASSIGNMENT, NOTEBOOK, EXERCISE = "ps1", "functions.ipynb", "functions"
TOOLS = ("autograde", "nbgrader")
IMPORTS = "import numpy as np\n"


# --- the assignment: three functions, six checks -------------------------------------------------


@dataclass(frozen=True)
class Function:
    """One function the learner writes: its signature line, what the notebook says about
    it, and the reference's body (indented)."""

    name: str
    signature: str
    doc: str
    body: str

    def cell(self, body: str | None = None) -> str:
        """The code of its cell, with ``body`` (default: the reference's)."""
        return f"{self.signature}\n{self.body if body is None else body}"

    def source_cell(self) -> str:
        """The instructor's cell: the reference's body between nbgrader's solution markers."""
        return f"{self.signature}\n    ### BEGIN SOLUTION\n{self.body}    ### END SOLUTION\n"


FUNCTIONS = (
    Function("relu", "def relu(x):", "`relu(x)`: `max(0, x)` element by element, as floats, any shape.",
             "    return np.maximum(np.asarray(x, dtype=float), 0.0)\n"),
    Function("softmax", "def softmax(z):",
             "`softmax(z)`: each row of `z` turned into probabilities, `exp(z) / sum(exp(z))` along the last "
             "axis. Subtract each row's maximum first, or `exp(1000)` overflows.",
             "    z = np.asarray(z, dtype=float)\n"
             "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
             "    return e / e.sum(axis=-1, keepdims=True)\n"),
    Function("mse", "def mse(y, t):", "`mse(y, t)`: the mean of the squared differences, one number.",
             "    return float(np.mean((np.asarray(y, dtype=float) - np.asarray(t, dtype=float)) ** 2))\n"),
)
BY_NAME = {f.name: f for f in FUNCTIONS}


@dataclass(frozen=True)
class Check:
    """One graded check, one point: the call ``function(args)`` against the reference's
    value. nbgrader's test cell asserts it, autograde's grader ``check``s it."""

    name: str
    function: str
    args: str  # Python source of the arguments, as both tools' code writes them
    hint: str


CHECKS = (
    Check("relu_values", "relu", "np.array([-2.0, -0.5, 0.0, 1.5, 3.0])",
          "relu keeps positive values and turns negative ones into 0: np.maximum(x, 0.0)."),
    Check("relu_matrix", "relu", "np.array([[-1.0, 2.0, -3.0], [4.0, -5.0, 6.0]])",
          "relu works element by element on arrays of any shape and keeps the shape."),
    Check("softmax_rows", "softmax", "np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 0.5, 2.0]])",
          "Each row becomes probabilities: exp of the row divided by the row's sum of exps (axis=-1, "
          "keepdims=True)."),
    Check("softmax_large_logits", "softmax", "np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]])",
          "np.exp(1000) is inf and inf / inf is nan: subtract each row's maximum before np.exp."),
    Check("mse_vector", "mse", "np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0])",
          "mse is the mean of the squared differences: np.mean((y - t) ** 2)."),
    Check("mse_matrix", "mse", "np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[1.0, 1.0], [0.0, 0.0]])",
          "mse averages over every element, whatever the shape, and returns one number."),
)
ALL_CHECKS = frozenset(c.name for c in CHECKS)


def reference_module_source() -> str:
    """``solutions/functions.py`` of the autograde course: the correct cells as a module."""
    return IMPORTS + "".join(f"\n\n{f.cell()}" for f in FUNCTIONS)


def reference_values() -> dict[str, Any]:
    """Each check's expected value, computed by the reference (nbgrader's test cells hold them)."""
    scope: dict[str, Any] = {}
    exec(reference_module_source(), scope)  # our own reference, not a learner's code
    return {c.name: eval(f"{c.function}({c.args})", scope) for c in CHECKS}


def test_cell(check: Check, expected: Any) -> str:
    """nbgrader's test cell for ``check``: shape and values against the reference's, asserted."""
    literal = np.asarray(expected).tolist()  # floats repr exactly: the test cell holds the reference's value
    return (f"# {check.name}\nresult = {check.function}({check.args})\n"
            f"assert np.shape(result) == {np.shape(expected)!r} and np.allclose(result, {literal!r}), "
            f"{check.hint!r}\n")


def grader_source() -> str:
    """``graders/test_functions.py`` of the autograde course: the same checks as pytest tests."""
    tests = "".join(
        f"\n\n@pytest.mark.points(1)\n@pytest.mark.hint({c.hint!r})\ndef test_{c.name}(student, reference):\n"
        f"    check(student.{c.function}, reference.{c.function}, {c.args})\n" for c in CHECKS)
    return ('"""Grader: functions (bench/side_by_side.py): the six checks of nbgrader\'s test cells."""\n\n'
            "import numpy as np\nimport pytest\n\nfrom autograde.compare import check\n" + tests)


# --- learner kinds and the scores they must get --------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of learner notebook: the solution cells it writes (a function not named keeps
    the release's ``raise NotImplementedError()``), and the checks it must lose.

    Each tool's answer was worked out from what that tool does (the comments below) and
    they agree for every kind here, so one set serves both: nbgrader runs the cells after
    one that raises, as autograde does. A kind on which they legitimately differ would
    carry a set per tool."""

    name: str
    cells: dict[str, str]
    lost: frozenset[str]


CORRECT = {f.name: f.cell() for f in FUNCTIONS}
SOFTMAX = BY_NAME["softmax"]
KINDS = (
    Kind("correct", CORRECT, frozenset()),
    # No max shift: right on small logits, nan on large ones (exp overflows) in both tools.
    Kind("wrong", {**CORRECT, "softmax": SOFTMAX.cell("    e = np.exp(z)\n    return e / e.sum(axis=-1, "
                                                      "keepdims=True)\n")},
         frozenset({"softmax_large_logits"})),
    # The release untouched: every function raises NotImplementedError. autograde reads it
    # as not attempted (0), nbgrader's test cells raise (0).
    Kind("blank", {}, ALL_CHECKS),
    # The first solution cell raises before it defines relu. Both tools run the later cells
    # anyway (nbgrader: allow_errors; autograde: each cell on its own, docs/notebooks.md),
    # so only relu is missing: its two checks lose (NameError in nbgrader's test cells,
    # "no relu" in autograde's), softmax and mse keep their points.
    Kind("raises", {**CORRECT, "relu": "import numpyy  # a typo: this cell stops here\n\n" + CORRECT["relu"]},
         frozenset({"relu_values", "relu_matrix"})),
    # softmax never returns. nbgrader interrupts each test cell that calls it at its cell
    # timeout and goes on; autograde times out each test that calls it and restarts the
    # child; defining it hangs nothing. Both: the two softmax checks lose, the rest pass.
    Kind("loop", {**CORRECT, "softmax": SOFTMAX.cell("    while True:\n        pass\n")},
         frozenset({"softmax_rows", "softmax_large_logits"})),
)


def students(count: int) -> dict[str, Kind]:
    """``count`` learners, the kinds cycled: ``correct00``, ``wrong01``, ..."""
    return {f"{KINDS[i % len(KINDS)].name}{i:02d}": KINDS[i % len(KINDS)] for i in range(count)}


# --- notebooks ------------------------------------------------------------------------------------


def _nbgrader_cell(cell: NotebookNode, grade_id: str, *, solution: bool = False, points: int | None = None,
                   ) -> NotebookNode:
    """``cell`` with nbgrader's metadata (schema 3): read-only unless it is a solution."""
    cell.id = grade_id
    meta: dict[str, Any] = {"grade": points is not None, "grade_id": grade_id, "locked": not solution,
                            "schema_version": 3, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    return cell


def source_notebook() -> NotebookNode:
    """nbgrader's source ``functions.ipynb``: per function a description, its solution cell
    and its two test cells."""
    v4 = nbformat.v4
    expected = reference_values()
    cells = [_nbgrader_cell(v4.new_markdown_cell("# Three NumPy functions\nWrite each function in its cell, "
                                                 "then run all cells."), "intro"),
             _nbgrader_cell(v4.new_code_cell(IMPORTS), "imports")]
    for function in FUNCTIONS:
        cells.append(_nbgrader_cell(v4.new_markdown_cell(f"## {function.name}\n{function.doc}"),
                                    f"{function.name}-about"))
        cells.append(_nbgrader_cell(v4.new_code_cell(function.source_cell()), function.name, solution=True))
        cells += [_nbgrader_cell(v4.new_code_cell(test_cell(c, expected[c.name])), c.name, points=1)
                  for c in CHECKS if c.function == function.name]
    notebook = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.validate(notebook)
    return notebook


def learner_notebook(released: NotebookNode, kind: Kind) -> NotebookNode:
    """The released notebook with ``kind``'s code in its solution cells (metadata kept)."""
    notebook = nbformat.from_dict(released)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.metadata["nbgrader"]["grade_id"] in kind.cells:
            cell.source = kind.cells[cell.metadata["nbgrader"]["grade_id"]]
    return notebook


# --- building both courses ------------------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    """Where everything lives under the work folder."""

    work: Path

    @property
    def nbgrader(self) -> Path:
        return self.work / "nbgrader_course"

    @property
    def nbgrader_db(self) -> Path:
        return self.nbgrader / "gradebook.db"

    @property
    def pristine_db(self) -> Path:
        """nbgrader's gradebook before any grading: the students and the assignment."""
        return self.work / "nbgrader_gradebook_pristine.db"

    @property
    def course(self) -> Path:
        return self.work / "autograde_course"

    @property
    def classdir(self) -> Path:
        return self.work / "autograde_class"


def run_quiet(command: list[str], cwd: Path, limit_s: float, accept: tuple[int, ...] = (0,)) -> None:
    """Run ``command`` in its own session; on ``limit_s`` kill that session (the kernels it
    started included) and stop the bench. An exit status not in ``accept`` stops it too."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=limit_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise SystemExit(f"{' '.join(command)} ran past {limit_s:.0f} s and was killed") from None
    if process.returncode not in accept:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{output[-4000:]}")


def build_nbgrader(paths: Paths, timeout_s: int, learners: dict[str, Kind]) -> NotebookNode:
    """A real nbgrader course: config, source notebook, ``generate_assignment``, the
    students in its gradebook (kept as the pristine copy); returns the released notebook."""
    from nbgrader.api import Gradebook

    root = paths.nbgrader
    (root / "source" / ASSIGNMENT).mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        "c.CourseDirectory.course_id = 'side_by_side'\n"
        f"c.CourseDirectory.db_url = {'sqlite:///' + str(paths.nbgrader_db)!r}\n"
        f"c.ExecutePreprocessor.timeout = {timeout_s}  # per cell; nbgrader's default is 30 s\n",
        encoding="utf-8")
    nbformat.write(source_notebook(), root / "source" / ASSIGNMENT / NOTEBOOK)
    run_quiet([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT, "--force"], root, 300)
    with Gradebook(f"sqlite:///{paths.nbgrader_db}") as gradebook:
        for student in learners:
            gradebook.update_or_create_student(student)
    shutil.copy2(paths.nbgrader_db, paths.pristine_db)
    return nbformat.read(root / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)


def build_autograde(paths: Paths, timeout_s: float) -> None:
    """The same assignment as an autograde course: settings, reference, grader."""
    course = paths.course
    (course / "solutions").mkdir(parents=True)
    (course / "graders").mkdir()
    (course / "pyproject.toml").write_text(
        "[tool.autograde]\n"
        f'exercises = ["{EXERCISE}"]\n'
        f"timeout_s = {timeout_s}  # per test: what a softmax that never returns costs each of its tests\n",
        encoding="utf-8")
    (course / "solutions" / f"{EXERCISE}.py").write_text(reference_module_source(), encoding="utf-8")
    (course / "graders" / f"test_{EXERCISE}.py").write_text(grader_source(), encoding="utf-8")


def write_class(paths: Paths, released: NotebookNode, learners: dict[str, Kind]) -> None:
    """Each learner's notebook, the same bytes for both tools."""
    for student, kind in learners.items():
        text = nbformat.writes(learner_notebook(released, kind))
        for folder in (paths.nbgrader / "submitted" / student / ASSIGNMENT, paths.classdir / student):
            folder.mkdir(parents=True)
            (folder / NOTEBOOK).write_text(text, encoding="utf-8")


# --- grading and reading the scores ---------------------------------------------------------------

# A learner's verdict: (score, max_score, the checks it lost).
Verdicts = dict[str, tuple[float, float, frozenset[str]]]


def grade_nbgrader(paths: Paths, limit_s: float) -> tuple[float, Verdicts]:
    """``nbgrader autograde ps1 --force`` from a fresh state (the pristine gradebook, no
    ``autograded/``); its wall time and every learner's verdict from its gradebook."""
    from nbgrader.api import Gradebook

    shutil.rmtree(paths.nbgrader / "autograded", ignore_errors=True)
    shutil.copy2(paths.pristine_db, paths.nbgrader_db)
    start = time.perf_counter()
    run_quiet([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force"], paths.nbgrader, limit_s)
    elapsed = time.perf_counter() - start
    verdicts: Verdicts = {}
    with Gradebook(f"sqlite:///{paths.nbgrader_db}") as gradebook:
        for student in gradebook.students:
            submission = gradebook.find_submission(ASSIGNMENT, student.id)
            [notebook] = submission.notebooks
            lost = frozenset(g.name for g in notebook.grades if g.score < g.max_score)
            verdicts[student.id] = (submission.score, submission.max_score, lost)
    return elapsed, verdicts


def grade_autograde(paths: Paths, gradebook: Path, jobs: int, limit_s: float) -> tuple[float, Verdicts]:
    """``autograde grade`` into a fresh gradebook with ``--force``; its wall time and every
    learner's verdict from the gradebook (a row not ``graded`` counts as lost everything)."""
    gradebook.unlink(missing_ok=True)
    command = [sys.executable, "-m", "autograde", "grade", str(paths.classdir), "--course", str(paths.course),
               "--gradebook", str(gradebook), "--public", "--jobs", str(jobs), "--force"]
    start = time.perf_counter()
    # In the checkout, as bench/batch_grading.py: `-m` puts the working folder first on the import
    # path, so the coordinator and its workers (which inherit it) grade with this checkout's autograde.
    run_quiet(command, ROOT, limit_s, accept=(0, 1))  # 1: some rows not graded, each saying why
    elapsed = time.perf_counter() - start
    verdicts: Verdicts = {}
    with sqlite3.connect(gradebook) as db:
        for student, status, score, max_score, document in db.execute(
                "SELECT student, status, score, max_score, result FROM results"):
            tests = [t for e in json.loads(document)["exercises"] for t in e["tests"]]
            lost = frozenset(t["name"].removeprefix("test_") for t in tests if t["score"] < t["max_score"])
            verdicts[student] = (score, max_score, lost if status == "graded" else ALL_CHECKS)
    return elapsed, verdicts


def mismatches(tool: str, verdicts: Verdicts, learners: dict[str, Kind]) -> list[str]:
    """Every learner whose verdict from ``tool`` is not the known answer, said in a line."""
    problems = []
    for student, kind in learners.items():
        lost = kind.lost
        want = (float(len(CHECKS) - len(lost)), float(len(CHECKS)), lost)
        got = verdicts.get(student)
        if got is None:
            problems.append(f"{tool}: {student} has no score")
        elif (float(got[0]), float(got[1]), got[2]) != want:
            problems.append(f"{tool}: {student} scored {got[0]:g}/{got[1]:g} (lost {sorted(got[2])}); "
                            f"expected {want[0]:g}/{want[1]:g} (lost {sorted(lost)})")
    return problems


# --- the warm floor ---------------------------------------------------------------------------------


def warm_floor(paths: Paths, count: int) -> float:
    """Seconds for the grader's six checks on the correct solution ``count`` times in this
    process: the learner's functions called directly (``bench/direct.py``), no sandbox."""
    import direct

    reference = direct._load(paths.course / "solutions" / f"{EXERCISE}.py", "side_by_side_reference")
    grader = direct._load(paths.course / "graders" / f"test_{EXERCISE}.py", "side_by_side_grader")
    tests: list[Callable[..., None]] = [getattr(grader, f"test_{c.name}") for c in CHECKS]
    student = direct.Module(reference, [0])
    start = time.perf_counter()
    for _ in range(count):
        for test in tests:
            test(student=student, reference=reference)
    return time.perf_counter() - start


# --- main -------------------------------------------------------------------------------------------


def otter_note() -> str | None:
    """What to say about Otter-Grader, the optional third column, when it is installed."""
    if importlib.util.find_spec("otter") is None and shutil.which("otter") is None:
        return None
    return ("otter-grader is installed: its column is skipped (building an Otter assignment is not part of this "
            "bench yet)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=int, default=20, help="learner notebooks, the five kinds cycled")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each tool, alternating which goes first")
    parser.add_argument("--jobs", type=int, default=2, help="autograde grade --jobs")
    parser.add_argument("--autograde-timeout", type=float, default=2.0, help="autograde's timeout_s per test")
    parser.add_argument("--nbgrader-timeout", type=int, default=5, help="nbgrader's ExecutePreprocessor.timeout")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR (new or empty) and keep it")
    options = parser.parse_args()
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
        if any(options.keep.iterdir()):
            parser.error(f"--keep {options.keep}: the folder is not empty")
    work = options.keep.resolve() if options.keep else Path(tempfile.mkdtemp(prefix="autograde-side-by-side-"))
    try:
        compare(Paths(work), options)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


def compare(paths: Paths, options: argparse.Namespace) -> None:
    """Build both courses, grade alternately, check every score, print the table."""
    learners = students(options.notebooks)
    released = build_nbgrader(paths, options.nbgrader_timeout, learners)
    build_autograde(paths, options.autograde_timeout)
    write_class(paths, released, learners)

    loops = sum(k.name == "loop" for k in learners.values())
    hanging = sum(c.function == "softmax" for c in CHECKS)
    # Generous whole-run limits: the time limits the loops spend, plus a minute for each notebook.
    limits = {"nbgrader": loops * hanging * options.nbgrader_timeout + 60.0 * len(learners),
              "autograde": loops * hanging * options.autograde_timeout + 60.0 * len(learners)}
    times: dict[str, list[float]] = {tool: [] for tool in TOOLS}
    problems: list[str] = []
    for round_ in range(options.rounds):
        for tool in TOOLS if round_ % 2 == 0 else TOOLS[::-1]:
            if tool == "nbgrader":
                elapsed, verdicts = grade_nbgrader(paths, limits[tool])
            else:
                elapsed, verdicts = grade_autograde(paths, paths.work / f"autograde-{round_}.db", options.jobs,
                                                    limits[tool])
            times[tool].append(elapsed)
            problems += [f"round {round_}: {p}" for p in mismatches(tool, verdicts, learners)]
    floor = warm_floor(paths, len(learners))

    counts = {k.name: sum(v is k for v in learners.values()) for k in KINDS}
    print(f"{len(learners)} notebooks of {len(CHECKS)} one-point checks ("
          f"{', '.join(f'{n} {k}' for k, n in counts.items())}), {options.rounds} rounds alternating, "
          f"{os.cpu_count()} cores")
    print(f"  time limits: autograde {options.autograde_timeout:g} s per test (--jobs {options.jobs}), nbgrader "
          f"{options.nbgrader_timeout} s per cell (one notebook at a time); the loops alone cost autograde "
          f"{loops * hanging * options.autograde_timeout / options.jobs:.0f} s of wall time and nbgrader "
          f"{loops * hanging * options.nbgrader_timeout:.0f} s")
    medians = {tool: statistics.median(times[tool]) for tool in TOOLS}
    for tool in TOOLS:
        print(f"  {tool:<10} median {medians[tool]:7.1f} s   ({', '.join(f'{t:.1f}' for t in times[tool])})")
    print(f"  ratio nbgrader / autograde  {medians['nbgrader'] / medians['autograde']:6.1f}x")
    print(f"  warm floor: the {len(CHECKS)} checks on the correct solution {len(learners)} times in one process, "
          f"no sandbox: {floor * 1000:.1f} ms (autograde / floor {medians['autograde'] / floor:.0f}x)")
    note = otter_note()
    if note:
        print(f"  {note}")
    verdicts_checked = options.rounds * len(TOOLS) * len(learners)
    if problems:
        print(f"scores: {len(problems)} of {verdicts_checked} differ from the known answers:")
        for problem in problems:
            print(f"  {problem}")
        raise SystemExit(1)
    print(f"scores: all {verdicts_checked} right ({len(learners)} learners x {len(TOOLS)} tools x "
          f"{options.rounds} rounds; score and the checks lost)")


if __name__ == "__main__":
    main()
