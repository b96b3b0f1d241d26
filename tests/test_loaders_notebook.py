"""Notebooks: code cells become the module, IPython lines are skipped and reported, and a
failing cell is reported with its number while the cells after it still run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograde import loaders
from autograde.errors import StudentException, StudentLoadError, SubmissionError
from autograde.grading import GradingSession
from autograde.loaders import Cell
from autograde.results import Result, Status
from autograde.sandbox.limits import Limits
from autograde.sandbox.proxy import Clock, StudentModule

from conftest import solution_source


def notebook(*cells: str) -> bytes:
    """A format-4 notebook; a cell starting with ``# md`` is markdown, others are code."""
    nb = new_notebook()
    nb.cells = [new_markdown_cell(c[4:]) if c.startswith("# md") else new_code_cell(c) for c in cells]
    return nbformat.writes(nb).encode("utf-8")


def read(*cells: str, name: str = "perceptron.ipynb") -> loaders.Submission:
    return loaders.from_files({name: notebook(*cells)}, name="kim", path="kim", exercises=("perceptron",))


def test_code_cells_become_the_module_numbered_among_all_cells():
    sub = read("# md # Perceptron", "import numpy as np", "# md Now the step:", "def step(x):\n    return x > 0\n")
    module = sub.modules["perceptron"]
    assert module.filename == "perceptron.ipynb"
    assert module.cells == (Cell(2, "import numpy as np"), Cell(4, "def step(x):\n    return x > 0\n"))
    assert module.source == "import numpy as np\n\ndef step(x):\n    return x > 0\n"
    assert tuple(map(str, sub.notes)) == ()


def test_magics_shell_lines_and_help_are_skipped_and_reported():
    sub = read(
        "%matplotlib inline\nimport numpy as np",
        "%%time\nx = 1",
        "# md text",
        "for i in range(2):\n    !echo hi\n    files = !ls\nnp.mean?\n?np.sum",
        "s = '%d'\nprint(s)",  # plain Python: a '%' in a string is no magic
    )
    cells = sub.modules["perceptron"].cells
    assert cells == (
        Cell(1, "pass\nimport numpy as np"),
        Cell(4, "for i in range(2):\n    pass\n    pass\npass\npass"),
        Cell(5, "s = '%d'\nprint(s)"),
    )
    assert tuple(map(str, sub.notes)) == (
        "perceptron.ipynb: skipped 6 IPython lines (cell 1: %matplotlib inline; cell 2: %%time (the whole cell); "
        "cell 4: !echo hi; cell 4: files = !ls; cell 4: np.mean?; cell 4: ?np.sum)",
    )


def test_a_notebook_of_any_4_minor_is_read(tmp_path: Path):
    raw = {"nbformat": 4, "nbformat_minor": 2, "metadata": {},
           "cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                      "source": ["def step(x):\n", "    return x\n"]}]}
    (tmp_path / "perceptron.ipynb").write_text(json.dumps(raw), encoding="utf-8")
    sub = loaders.load(tmp_path / "perceptron.ipynb")
    assert sub.modules["perceptron"].cells == (Cell(1, "def step(x):\n    return x\n"),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"cells": [', "perceptron.ipynb is not a readable notebook: broken JSON at line 1, column 12 "
                         "(Expecting value); open it in Jupyter and save it again"),
        (json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": []}).encode(),
         "perceptron.ipynb is a notebook of format 3; autograde reads format 4 (Jupyter 4 and later): "
         "open it in a current Jupyter and save it again"),
        (b"[1, 2]", "perceptron.ipynb is a notebook of format None; autograde reads format 4 (Jupyter 4 and "
                    "later): open it in a current Jupyter and save it again"),
        (b'{"nbformat": 4, "cells": "\xff"}', "perceptron.ipynb is not UTF-8 text (byte 26); save it as UTF-8"),
    ],
)
def test_unreadable_notebooks_say_why(content: bytes, message: str):
    with pytest.raises(SubmissionError) as caught:
        loaders.from_files({"perceptron.ipynb": content}, name="kim", path="kim", exercises=("perceptron",))
    assert str(caught.value) == message


def test_a_notebook_whose_cells_are_not_a_list_is_refused():
    content = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": 7}).encode()
    with pytest.raises(SubmissionError, match=r"^perceptron.ipynb is not a readable notebook \(.*\); open it"):
        loaders.from_files({"perceptron.ipynb": content}, name="kim", path="kim")


def test_a_well_formed_notebook_is_read_without_importing_nbformat():
    # nbformat's schema validator takes seconds to import (jsonschema's format checkers):
    # reading a notebook of the usual shape must not pay it
    raw = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
           "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Perceptron"]},
                     {"cell_type": "code", "metadata": {"nbgrader": {"grade": True, "solution": False}},
                      "source": "assert step(1) == 1", "outputs": [], "execution_count": None},
                     {"cell_type": "code", "metadata": {}, "source": ["def step(x):\n", "    return x\n"],
                      "outputs": [], "execution_count": None}]}
    code = ("import json, sys\nfrom autograde.loaders.notebook import read_notebook\n"
            f"cells, notes = read_notebook({json.dumps(raw)!r}, 'perceptron.ipynb')\n"
            "print([(c.number, c.source) for c in cells], len(notes), 'nbformat' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[(3, 'def step(x):\\n    return x\\n')] 1 False"


# ---------------------------------------------------------------- through the fork server


@pytest.fixture
def student_of(server):
    made: list[StudentModule] = []

    def make(sub: loaders.Submission, module: str = "perceptron", limits: Limits = Limits(load_timeout_s=3.0)
             ) -> StudentModule:
        student = StudentModule(name=module, submission=sub, server=server, limits=limits, clock=Clock())
        made.append(student)
        return student

    yield make
    for student in made:
        student.close()


def test_a_failing_cell_is_a_note_and_later_cells_still_run(student_of):
    student = student_of(read(
        "# md intro",
        "def one():\n    return 1",
        "y = undefined_name + 1",
        "def broken(:\n    pass",
        "import sys\nsys.exit(3)",
        "def two():\n    return one() + 1",
    ))
    assert student.two() == 2
    assert tuple(map(str, student.load_notes)) == (
        "perceptron.ipynb: cell 3 raised NameError: name 'undefined_name' is not defined; "
        "the cells after it ran anyway",
        "perceptron.ipynb: cell 4 raised SyntaxError: invalid syntax (perceptron.ipynb, cell 4, line 1); "
        "the cells after it ran anyway",
        "perceptron.ipynb: cell 5 raised SystemExit: your code called sys.exit(3); the cells after it ran anyway",
    )


def test_the_last_cell_failing_says_nothing_of_later_cells(student_of):
    student = student_of(read("def one():\n    return 1", "1 / 0"))
    assert student.one() == 1
    assert tuple(map(str, student.load_notes)) == ("perceptron.ipynb: cell 2 raised ZeroDivisionError: division by zero",)


def test_frames_name_the_cell_and_show_its_line(student_of):
    student = student_of(read("x = 1", "def f(a):\n    return a / 0\n"))
    with pytest.raises(StudentException) as caught:
        student.f(1)
    assert [(f.file, f.line, f.function, f.code) for f in caught.value.frames] == [
        ("perceptron.ipynb, cell 2", 2, "f", "return a / 0"),
    ]


def test_a_py_module_that_fails_at_import_still_fails_the_load(student_of):
    sub = loaders.from_files({"perceptron.py": b"def one():\n    return 1\nx = undefined_name\n"},
                             name="kim", path="kim")
    with pytest.raises(StudentLoadError, match="NameError: name 'undefined_name' is not defined"):
        student_of(sub).one()


CELL_LIMIT = Limits(load_timeout_s=3.0, cell_timeout_s=0.5)


def test_a_cell_past_its_time_limit_is_stopped_and_the_later_cells_run(student_of):
    student = student_of(read(
        "def one():\n    return 1",
        "while True:\n    pass",
        "import time\ntime.sleep(60)",
        # The stop is caught once (a bare except); it comes again a second later.
        "try:\n    while True:\n        pass\nexcept BaseException:\n    pass\nwhile True:\n    pass",
        "def two():\n    return one() + 1",
    ), limits=CELL_LIMIT)
    assert student.two() == 2
    assert tuple(map(str, student.load_notes)) == tuple(
        f"perceptron.ipynb: cell {n} did not finish within 0.5 s and was stopped; the cells after it ran anyway"
        for n in (2, 3, 4))


def test_a_reload_does_not_run_a_stopped_cell_again(student_of):
    """After a test's timeout kills the child, the next child skips the cell that was stopped:
    its load would otherwise time out (its limit counts only the cells still to run)."""
    student = student_of(read("def hang():\n    while True:\n        pass", 'print("cell 2 ran")\nhang()',
                              "def one():\n    return 1"),
                         limits=Limits(load_timeout_s=0.6, cell_timeout_s=0.5, cpu_s=60))
    assert student.one() == 1
    assert "cell 2 ran" in student.new_test().text()
    first = tuple(map(str, student.load_notes))
    student.close()  # as a timed-out test leaves it: the next call starts a fresh child
    assert student.one() == 1
    assert "cell 2 ran" not in student.new_test().text()
    assert tuple(map(str, student.load_notes)) == first == (
        "perceptron.ipynb: cell 2 did not finish within 0.5 s and was stopped; the cells after it ran anyway",)


def test_cells_that_only_check_the_work_are_not_run():
    nb = new_notebook()
    test_cell = new_code_cell("assert step(1) == 1")
    test_cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": "t1",
                                      "points": 1, "schema_version": 3}
    answer = new_code_cell("def step(x):\n    return int(x > 0)")
    answer.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "grade_id": "a1",
                                   "points": 1, "schema_version": 3}  # a graded answer: it runs
    nb.cells = [answer, test_cell, new_code_cell('from autograde.notebooks import check\ncheck("perceptron")')]
    sub = loaders.from_files({"perceptron.ipynb": nbformat.writes(nb).encode()}, name="kim", path="kim",
                             exercises=("perceptron",))
    assert sub.modules["perceptron"].cells == (Cell(1, "def step(x):\n    return int(x > 0)"),)
    assert tuple(map(str, sub.notes)) == ("perceptron.ipynb: cells 2, 3 only check the work (test cells) and did not run: "
                         "the graders test your functions themselves",)


def test_a_notebook_load_failure_hints_at_jupyter_not_python():
    from autograde.errors import Frame, StudentTimeout
    from autograde.i18n.text import render
    from autograde.plugin.outcome import classify

    crash = StudentException("import perceptron", "MemoryError", "", (Frame("kim.ipynb, cell 4", 2, "<module>", "x"),))
    hint = render(classify(StudentLoadError("kim.ipynb", crash), None)[2])
    assert hint is not None and "python kim.ipynb" not in hint
    assert hint.startswith("Open kim.ipynb in Jupyter and run all its cells in order") and "cell 4 shows" in hint
    hint = render(classify(StudentLoadError("kim.ipynb", StudentTimeout("import perceptron", 20.0)), None)[2])
    assert "the cell that fails or never finishes" in hint
    hint = render(classify(StudentLoadError("kim.py", StudentTimeout("import perceptron", 10.0)), None)[2])
    assert hint.startswith("Run `python kim.py` yourself")


def test_a_notebook_is_graded_end_to_end(course, servers, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files are shown relative to the working directory
    path = tmp_path / "kim.ipynb"
    path.write_bytes(notebook(
        "# md # My perceptron",
        "%matplotlib inline\n!pip install numpy",
        "print(not_defined_yet)",
        solution_source("perceptron"),
    ))
    sub = loaders.load(path, exercises=("perceptron",))
    result = GradingSession(course, servers=servers).grade(sub, exercises=("perceptron",))
    assert result.notes == (
        "kim.ipynb is not named after an exercise; as the only code file it stands in for every exercise's "
        "module (perceptron)",
        "kim.ipynb: skipped 2 IPython lines (cell 2: %matplotlib inline; cell 2: !pip install numpy)",
    )
    (exercise,) = result.exercises
    assert exercise.notes == (
        "kim.ipynb: cell 3 raised NameError: name 'not_defined_yet' is not defined; the cells after it ran anyway",
    )
    assert exercise.score == exercise.max_score > 0
    assert all(t.status is Status.PASSED for t in exercise.tests)
    assert Result.from_json(result.to_json()).exercises[0].notes == exercise.notes


def test_a_name_lost_to_a_cell_that_raised_says_which_cell(course, servers, tmp_path: Path, monkeypatch):
    # "perceptron.ipynb has no `step`" alone would send the learner after the stub's names,
    # when the cell that defines it stopped at an import that failed
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "perceptron.ipynb"
    path.write_bytes(notebook(solution_source("perceptron").replace("\ndef step(", "\nimport numpyy\ndef step(", 1)))
    sub = loaders.load(path, exercises=("perceptron",))
    result = GradingSession(course, servers=servers).grade(sub, exercises=("perceptron",))
    (exercise,) = result.exercises
    lost = [t for t in exercise.tests if "has no `step`" in t.message]
    assert lost and all(t.status is Status.ERROR for t in lost)
    assert lost[0].message.startswith("perceptron.ipynb has no `step`. Names found: ")
    assert lost[0].message.endswith(
        ". A cell did not finish, so nothing below its failing line was defined: perceptron.ipynb: cell 1 raised "
        "ModuleNotFoundError: No module named 'numpyy'.")
    assert lost[0].hint == ("Fix that cell first: each cell runs up to the line that fails, and the functions it "
                            "defines after that line do not exist.")


def test_exercise_notes_default_to_none_in_older_documents(grade_sources):
    document = json.loads(grade_sources({"perceptron": "x = 1\n"}).to_json())
    assert document["exercises"][0]["notes"] == []
    del document["exercises"][0]["notes"]
    assert Result.from_json(json.dumps(document)).exercises[0].notes == ()
