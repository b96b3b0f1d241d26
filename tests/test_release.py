"""Solution markers, stub generation, hidden-test stripping, recording the reference and
the release bundles."""

from __future__ import annotations

import ast
import json
import shutil
import os
import re
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import classroom
from autograde import wheel
from autograde.cli import main
from autograde.config import Course, find_course
from autograde.errors import ConfigError
from autograde.release import generate_stub, record, release, solution_regions, strip_hidden
from autograde.solution_markers import STUB
from conftest import ROOT

COURSE = find_course(ROOT)
RAISE = 'raise NotImplementedError("{} is not written yet: replace this line with your code")'


def marked(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# ---------------------------------------------------------------------- the checked-in stubs


@pytest.mark.parametrize("exercise", COURSE.exercises)
def test_checked_in_stub_is_generated_from_the_solution(exercise: str):
    solution = (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")
    assert (ROOT / "exercises" / f"{exercise}.py").read_bytes() == generate_stub(solution).encode("utf-8")


@pytest.mark.parametrize("exercise", COURSE.exercises)
def test_every_function_of_a_solution_is_marked(exercise: str):
    """Each function the learner writes has its solution inside a region, so the stub's
    body is a placeholder and never a leftover of the reference."""
    source = (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")
    inside = {line for r in solution_regions(source) for line in range(r.begin + 1, r.end + 2)}
    for node in ast.walk(ast.parse(generate_stub(source))):
        if isinstance(node, ast.FunctionDef):
            assert isinstance(node.body[-1], ast.Raise), f"{exercise}.{node.name}"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            assert all(stmt.lineno in inside for stmt in body), f"{exercise}.{node.name}"


# ---------------------------------------------------------------------- the marker grammar


def test_default_placeholder_names_the_function_and_its_parameters():
    source = marked('''
        def f(x, *, out=None):
            """Doc."""
            ### BEGIN SOLUTION
            return x if out is None else out
            ### END SOLUTION
        ''')
    assert generate_stub(source) == marked(f'''
        def f(x, *, out=None):
            """Doc."""
            {RAISE.format("f(x, *, out)")}
        ''')


def test_a_long_default_placeholder_is_wrapped_as_a_formatter_would():
    source = marked('''
        def sparse_categorical_cross_entropy(y_true, y_pred, eps=1e-7):
            ### BEGIN SOLUTION
            return 0.0
            ### END SOLUTION
        ''')
    assert generate_stub(source) == marked('''
        def sparse_categorical_cross_entropy(y_true, y_pred, eps=1e-7):
            raise NotImplementedError(
                "sparse_categorical_cross_entropy(y_true, y_pred, eps) is not written yet: replace this line with your code"
            )
        ''')


def test_methods_are_named_by_their_class():
    source = marked('''
        class SGD:
            def __init__(self, lr=0.01):
                ### BEGIN SOLUTION
                self.lr = lr
                ### END SOLUTION

            def update(self, params, grads):
                ### BEGIN SOLUTION
                for key in params:
                    params[key] -= self.lr * grads[key]
                ### END SOLUTION
        ''')
    assert generate_stub(source) == marked(f'''
        class SGD:
            def __init__(self, lr=0.01):
                {RAISE.format("SGD(lr)")}

            def update(self, params, grads):
                raise NotImplementedError(
                    "SGD.update(params, grads) is not written yet: replace this line with your code"
                )
        ''')


def test_stub_lines_give_the_placeholder_at_the_region_indentation():
    source = marked('''
        GATES = {
            ### BEGIN SOLUTION
            ### STUB: "AND": (np.zeros(2), 0.0),  # TODO: choose
            ### STUB:
            ### STUB: "OR": f(
            ### STUB:     1),
            "AND": (np.array([0.5, 0.5]), -0.7),
            "OR": (np.array([0.5, 0.5]), -0.2),
            ### END SOLUTION
        }
        ''')
    assert generate_stub(source) == marked('''
        GATES = {
            "AND": (np.zeros(2), 0.0),  # TODO: choose

            "OR": f(
                1),
        }
        ''')


def test_a_module_level_region_goes_with_the_blank_lines_before_it():
    source = marked('''
        from __future__ import annotations

        ### BEGIN SOLUTION
        import math
        ### END SOLUTION

        import numpy as np


        ### BEGIN SOLUTION
        def _helper(x):
            return math.floor(x)
        ### END SOLUTION


        def f(x):
            ### BEGIN SOLUTION
            return _helper(x)
            ### END SOLUTION
        ''')
    assert generate_stub(source) == marked(f'''
        from __future__ import annotations

        import numpy as np


        def f(x):
            {RAISE.format("f(x)")}
        ''')


def test_a_solution_without_markers_is_its_own_stub():
    source = "def f(x):\n    return x\n"
    assert solution_regions(source) == []
    assert generate_stub(source) == source


@pytest.mark.parametrize("source, message", [
    ("### BEGIN SOLUTION\nx = 1\n",
     "s.py, line 1: '### BEGIN SOLUTION' is never closed; add '### END SOLUTION' after the block's last line."),
    ("x = 1\n### END SOLUTION\n",
     "s.py, line 2: '### END SOLUTION' without a '### BEGIN SOLUTION' before it; remove it or open the block."),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n",
     "s.py, line 2: '### BEGIN SOLUTION' inside the block opened on line 1; blocks do not nest: close it with "
     "'### END SOLUTION' first."),
    ("def f(:\n    ### BEGIN SOLUTION\n    ### END SOLUTION\n",
     "s.py, line 1: not valid Python (invalid syntax); fix the solution."),
])
def test_malformed_markers_are_the_instructors_mistake(source: str, message: str):
    with pytest.raises(ConfigError) as caught:
        generate_stub(source, name="s.py")
    assert str(caught.value) == message


# ---------------------------------------------------------------------- hidden tests


GRADER = marked('''
    import pytest


    def test_public(student):
        pass


    ### BEGIN HIDDEN TESTS
    @pytest.mark.hidden
    def test_secret(student):
        pass
    ### END HIDDEN TESTS


    def test_also_public(student):
        pass


    ### BEGIN HIDDEN TESTS
    @pytest.mark.hidden
    def test_last_secret(student):
        pass
    ### END HIDDEN TESTS
    ''')


def test_strip_hidden_removes_every_block_and_tidies_the_blank_lines():
    assert strip_hidden(GRADER) == marked('''
        import pytest


        def test_public(student):
            pass


        def test_also_public(student):
            pass
        ''')


def test_strip_hidden_refuses_an_unclosed_block():
    with pytest.raises(ConfigError, match="^g.py, line 1: '### BEGIN HIDDEN TESTS' is never closed"):
        strip_hidden("### BEGIN HIDDEN TESTS\ndef test_x(): pass\n", name="g.py")


@pytest.mark.parametrize("exercise", COURSE.exercises)
def test_the_public_graders_still_hold_every_public_test_and_no_hidden_one(exercise: str):
    source = COURSE.grader(exercise).read_text(encoding="utf-8")
    tests = _tests(source)
    assert _tests(strip_hidden(source)) == {name: hidden for name, hidden in tests.items() if not hidden}
    assert any(tests.values()), "every grader of this course has hidden tests"


def _tests(source: str) -> dict[str, bool]:
    """Test function name -> whether it is marked hidden."""
    return {node.name: any(ast.unparse(d) == "pytest.mark.hidden" for d in node.decorator_list)
            for node in ast.parse(source).body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


# ---------------------------------------------------------------------- the release


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's whole course, released once (it records the reference, Keras included)."""
    return release(course=COURSE, out=tmp_path_factory.mktemp("release"))


def test_student_bundle_layout(bundle: Path):
    student = bundle / "student"
    files = {str(p.relative_to(student)) for p in student.rglob("*") if p.is_file()}
    expected = {"pyproject.toml", "README.md"}
    for exercise in COURSE.exercises:
        expected |= {f"exercises/{exercise}.py", f"graders/test_{exercise}.py", f"notebooks/{exercise}.ipynb",
                     f"recorded/{exercise}.json", f"recorded/{exercise}.bin"}
    expected |= {f"vendor/{wheel.filename()}", "locale/ko/LC_MESSAGES/course.mo"}
    assert files == expected
    for exercise in COURSE.exercises:
        assert (student / "exercises" / f"{exercise}.py").read_bytes() == (ROOT / "exercises" / f"{exercise}.py").read_bytes()
        assert (student / "graders" / f"test_{exercise}.py").read_text(encoding="utf-8") == strip_hidden(
            COURSE.grader(exercise).read_text(encoding="utf-8"))


def test_student_bundle_is_the_same_course(bundle: Path):
    student = find_course(bundle / "student")
    assert student.exercises == COURSE.exercises
    assert student.exercise_settings == COURSE.exercise_settings
    pyproject = tomllib.loads((bundle / "student" / "pyproject.toml").read_text(encoding="utf-8"))
    assert list(pyproject) == ["tool"] and list(pyproject["tool"]) == ["autograde"]


def test_student_bundle_holds_no_solution_and_no_hidden_test(bundle: Path):
    assert _leaks(bundle / "student") == []


def test_the_student_bundle_translates_what_its_public_graders_say_and_nothing_more(bundle: Path):
    import gettext

    from autograde.i18n import catalogues

    student = find_course(bundle / "student")
    with (bundle / "student" / "locale" / "ko" / "LC_MESSAGES" / "course.mo").open("rb") as f:
        shipped = {key for key in gettext.GNUTranslations(f)._catalog if key}  # type: ignore[attr-defined]
    public = {found.id for found in catalogues.course_messages(student)[0]}
    everything = {found.id for found in catalogues.course_messages(COURSE)[0]}
    assert shipped == public and public < everything  # the hidden tests' texts stay with the instructor


def test_the_leak_scan_finds_a_solution_and_a_hidden_test(bundle: Path, tmp_path: Path):
    """The scan above would see a leak: a solution, or a hidden test inside a notebook."""
    shutil.copytree(bundle / "student", tmp_path / "student")
    shutil.copy(ROOT / "solutions" / "sampling.py", tmp_path / "student" / "exercises" / "sampling.py")
    notebook = tmp_path / "student" / "notebooks" / "losses.ipynb"
    document = json.loads(notebook.read_text(encoding="utf-8"))
    document["cells"][-1]["source"] = "def test_one_hot_large(student):\n    pass\n"
    notebook.write_text(json.dumps(document), encoding="utf-8")
    leaks = _leaks(tmp_path / "student")
    assert "exercises/sampling.py: rows = np.concatenate([np.arange(len(y))] + extra)" in leaks
    assert "notebooks/losses.ipynb: test_one_hot_large" in leaks


def test_instructor_bundle_is_the_course_as_it_is(bundle: Path):
    instructor = bundle / "instructor"
    for folder in ("exercises", "solutions", "graders"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                copy = instructor / path.relative_to(ROOT)
                assert copy.read_bytes() == path.read_bytes(), copy
    assert (instructor / "graders" / "mutants" / "activations" / "softmax_no_max_shift.py").is_file()
    assert (instructor / "pyproject.toml").read_bytes() == (ROOT / "pyproject.toml").read_bytes()
    assert not (instructor / "autograde").exists() and not (instructor / "tests").exists()
    source_notebook = json.loads((instructor / "notebooks" / "perceptron.ipynb").read_text(encoding="utf-8"))
    assert any("### BEGIN SOLUTION" in "".join(cell["source"]) for cell in source_notebook["cells"])


def test_check_works_inside_the_student_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Offline and without solutions: the stubs score nothing, the reference everything."""
    out = release(course=find_course(classroom.make_course(tmp_path / "course")), out=tmp_path / "release")
    student = out / "student"
    assert not (student / "solutions").exists()
    monkeypatch.chdir(student)
    monkeypatch.delenv("AUTOGRADE_COURSE", raising=False)
    stubs = CliRunner().invoke(main, ["check", "--json", str(tmp_path / "stubs.json")], catch_exceptions=False)
    assert stubs.exit_code == 1, stubs.output
    reference = CliRunner().invoke(main, ["check", "--submission", str(classroom.right(tmp_path / "reference")),
                                          "--json", str(tmp_path / "reference.json")], catch_exceptions=False)
    assert reference.exit_code == 0, reference.output
    stub_result = json.loads((tmp_path / "stubs.json").read_text(encoding="utf-8"))
    reference_result = json.loads((tmp_path / "reference.json").read_text(encoding="utf-8"))
    assert stub_result["score"] == 0 and reference_result["score"] == reference_result["max_score"] > 0
    assert reference_result["max_score"] == stub_result["max_score"]
    said = " ".join(reference.output.split())
    assert ("Your instructor also runs hidden tests, which are not in this bundle, so passing here is necessary "
            "but not sufficient.") in said
    assert "this is the whole grade" not in said


def test_the_readmes_offline_install_gives_a_learner_a_working_autograde(bundle: Path, tmp_path: Path):
    """The README's ``--no-index`` command, run as it says in a fresh venv whose Python has
    autograde's requirements (this one's, seen through ``--system-site-packages``) and no
    index at all: autograde comes from the bundle's wheel, and ``autograde check`` works."""
    student = bundle / "student"
    readme = (student / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(python -m pip install [^\n]*)\n```", readme)
    assert len(commands) == 2 and "--no-index" not in commands[0] and "--no-index" in commands[1]
    assert f"vendor/{wheel.filename()}" in commands[0]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "AUTOGRADE_"))},
                   "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "PIP_CONFIG_FILE": os.devnull}
    learner = tmp_path / "learner"
    shutil.copytree(student, learner)

    def run(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", command], cwd=learner, env=environment, capture_output=True, text=True)

    installed = run(commands[1])
    assert installed.returncode == 0, installed.stdout + installed.stderr
    where = run("python -c 'import autograde; print(autograde.__file__)'")
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    checked = run("autograde check perceptron")
    assert checked.returncode == 1, checked.stdout + checked.stderr  # the stub: not yet full marks
    assert "perceptron" in checked.stdout and "Traceback" not in checked.stdout + checked.stderr


def test_release_refuses_to_write_over_an_earlier_one(tmp_path: Path):
    (tmp_path / "out" / "student").mkdir(parents=True)
    with pytest.raises(ConfigError) as caught:
        release(course=COURSE, out=tmp_path / "out")
    assert str(caught.value) == (f"{tmp_path / 'out' / 'student'} exists already: a release is written into new "
                                 "folders only; remove it or choose another --out.")


def test_release_refuses_a_solution_without_markers(tmp_path: Path):
    course = _small_course(tmp_path)
    (course.solutions / "activations.py").write_text("def identity(x):\n    return x\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        release(course=course, out=tmp_path / "out")
    assert str(caught.value) == (
        f"{course.solutions / 'activations.py'} has no '### BEGIN SOLUTION' region, so its stub would be the "
        "solution itself; put what learners write between '### BEGIN SOLUTION' and '### END SOLUTION' "
        "(docs/release.md).")
    assert not (tmp_path / "out").exists()


def test_release_refuses_a_hidden_test_outside_the_hidden_block(tmp_path: Path):
    course = _small_course(tmp_path)
    grader = course.grader("activations")
    grader.write_text(grader.read_text(encoding="utf-8") + "\n\n@pytest.mark.hidden\ndef test_more(student):\n"
                      "    pass\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"test_activations.py: a hidden test is outside the "
                                          r"'### BEGIN HIDDEN TESTS' block \(line \d+ after stripping\), so it would "
                                          r"reach learners; move it into the block.$"):
        release(course=course, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_record_refuses_a_reference_that_fails_a_public_test(tmp_path: Path):
    course = _failing_reference(tmp_path)
    with pytest.raises(ConfigError) as caught:
        record(course=course, out=tmp_path / "out", exercises=["perceptron"])
    assert str(caught.value).startswith(
        "the reference solution does not pass every public test, so its answers were not recorded; fix the "
        "solution or the grader first:\nperceptron::test_gates_table: ")
    assert not (tmp_path / "out" / "recorded").exists()


def test_a_failed_release_leaves_nothing_behind(tmp_path: Path):
    """A step failing halfway (here recording the reference, after the stubs, graders and
    learner notebooks were written) removes what was written, so half a release never
    passes for a whole one."""
    with pytest.raises(ConfigError, match="^the reference solution does not pass every public test"):
        release(course=_failing_reference(tmp_path), out=tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def _small_course(tmp_path: Path) -> Course:
    return find_course(classroom.make_course(tmp_path / "course"))


def _failing_reference(tmp_path: Path) -> Course:
    """The small course whose reference perceptron fails a public test."""
    course = _small_course(tmp_path)
    with (course.solutions / "perceptron.py").open("a", encoding="utf-8") as f:
        f.write("\n\nGATES['AND'] = (np.array([0.5, 0.5]), 0.2)\n")  # fires on (0, 0): not AND
    return course


def _leaks(folder: Path) -> list[str]:
    """``FILE: TEXT`` for every solution line and hidden test name found in ``folder``'s
    files, notebooks' cells included (their JSON escapes quotes)."""
    secrets = _solution_lines() | _hidden_test_names()
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".ipynb":
            text += "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"])
        if path.suffix == ".whl":  # compressed: its members are read
            with zipfile.ZipFile(path) as packed:
                text = "\n".join(packed.read(name).decode("utf-8", errors="replace") for name in packed.namelist())
        found += [f"{path.relative_to(folder)}: {secret}" for secret in sorted(secrets) if secret in text]
    return found


def _solution_lines() -> set[str]:
    """Every line inside a solution region of this course that says something (12
    characters or more) and is not public anyway: in the contract's docstrings (outside
    the regions) or in the public graders."""
    public = "\n".join(strip_hidden(COURSE.grader(e).read_text(encoding="utf-8")) for e in COURSE.exercises)
    lines: set[str] = set()
    for exercise in COURSE.exercises:
        source = (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")
        rows = source.splitlines()
        regions = solution_regions(source)
        inside = {n for r in regions for n in range(r.begin, r.end + 1)}
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node):
                first = node.body[0]
                if first.lineno - 1 not in inside:
                    public += "\n" + "\n".join(rows[first.lineno - 1:first.end_lineno])
        lines |= {row.strip() for r in regions for row in rows[r.begin + 1:r.end]
                  if len(row.strip()) >= 12 and not row.strip().startswith(STUB)}
    return {line for line in lines if line not in public}


def _hidden_test_names() -> set[str]:
    return {name for e in COURSE.exercises
            for name, hidden in _tests(COURSE.grader(e).read_text(encoding="utf-8")).items() if hidden}
