"""Where the grading Python lives: a venv under /tmp or inside the course, a broken one.

The sandbox shows learner code every folder the grading interpreter imports from
(``isolation.plan``), hidden course paths excepted; a fork server whose children could
not import what the course needs stops grading with an operator's message
(``errors.EnvironmentProblem``, exit 2) instead of scoring every learner 0.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
from click.testing import CliRunner

import classroom
from autograde.cli import main
from autograde.errors import EnvironmentProblem
from autograde.sandbox import isolation

SITE = Path(numpy.__file__).resolve().parents[1]  # the system's site-packages, which holds NumPy


def make_venv(where: Path) -> Path:
    """A venv at ``where`` that sees the system's packages (autograde among them) but
    imports a copy of NumPy of its own; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(where)], check=True)
    python = where / "bin" / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    copied = [p for p in SITE.iterdir()
              if p.name in ("numpy", "numpy.libs") or (p.name.startswith("numpy-") and p.name.endswith(".dist-info"))]
    assert {p.name for p in copied} >= {"numpy", f"numpy-{numpy.__version__}.dist-info"}
    for folder in copied:
        shutil.copytree(folder, site / folder.name, symlinks=True)
    found = _run(python, "-c", "import numpy; print(numpy.__file__)").stdout.strip()
    assert Path(found) == site / "numpy" / "__init__.py", found  # NumPy comes from the venv, not the system
    return python


def _run(python: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}  # nothing of this test's Python
    env["COLUMNS"] = "200"
    return subprocess.run([str(python), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def check_solutions(python: Path, course: Path, out: Path) -> dict:
    """``autograde check --submission solutions`` by ``python``, run in ``course``: its result document."""
    done = _run(python, "-m", "autograde", "check", "--submission", "solutions", "--json", str(out), cwd=course)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_reference_solutions_get_full_marks_from_a_venv_under_tmp(tmp_path: Path) -> None:
    python = make_venv(tmp_path / "venv")
    course = classroom.make_course(tmp_path / "course")
    result = check_solutions(python, course, tmp_path / "result.json")
    assert [e["name"] for e in result["exercises"]] == list(classroom.EXERCISES)
    assert result["max_score"] > 0 and result["score"] == result["max_score"]
    assert {t["status"] for e in result["exercises"] for t in e["tests"]} == {"passed"}


def test_reference_solutions_get_full_marks_from_a_venv_inside_the_course(tmp_path: Path) -> None:
    course = classroom.make_course(tmp_path / "course")
    python = make_venv(course / ".venv")  # inside the folder the learner must not see
    result = check_solutions(python, course, tmp_path / "result.json")
    assert result["max_score"] > 0 and result["score"] == result["max_score"]
    assert {t["status"] for e in result["exercises"] for t in e["tests"]} == {"passed"}


FRESH_AFTER_A_BIG_PRELOAD = """
import importlib, pkgutil, sys
import numpy
sys.modules["hypothesis"] = None  # NumPy's test dependency, which a fresh venv does not have
for module in pkgutil.iter_modules(numpy.__path__):  # what TensorFlow's import leaves unimported, it leaves
    if not module.name.startswith("_") and module.name not in ("conftest", "distutils", "f2py", "matlib", "tests"):
        importlib.import_module("numpy." + module.name)
from autograde.sandbox.selftest import fresh_module
name = fresh_module()
importlib.import_module(name)
print(name)
"""


def test_the_self_tests_fresh_import_needs_nothing_but_numpy() -> None:
    """After a preload that imports most of NumPy, as TensorFlow does, the self-test's fresh
    module still imports where NumPy's optional test dependency is missing: numpy.conftest
    (which imports hypothesis) had been chosen, and a fresh venv stopped every grading run
    that preloads TensorFlow with exit 2."""
    done = _run(Path(sys.executable), "-c", FRESH_AFTER_A_BIG_PRELOAD)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in ("numpy.tests", "numpy.matlib")


# ---------------------------------------------------------------------- a broken environment


def preload_problem(name: str, error: str) -> str:
    """The operator's message when the course preloads ``name`` and importing it raises ``error``."""
    problem = (f"The course preloads {name!r} (pyproject.toml, preload = {[name]!r}), but this Python cannot "
               f"import it: {error}. Install it into {sys.prefix} ({sys.executable} -m pip install ...) "
               "or remove it from preload.")
    return "error: " + str(EnvironmentProblem.found(sys.executable, (name,), (problem,)))


def words(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces (the console wraps)."""
    return " ".join(text.split())


def broken_course(folder: Path, preload: str) -> Path:
    course = classroom.make_course(folder)
    with open(course / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write(f"preload = [{preload!r}]\n")
    return course


@pytest.mark.parametrize("module, source, error", [
    ("no_such_module_xyz", None, "ModuleNotFoundError: No module named 'no_such_module_xyz'"),
    ("broken_on_import_xyz", "raise RuntimeError('this install is broken')",
     "RuntimeError: this install is broken"),
])
def test_check_with_a_preload_that_cannot_be_imported_stops_with_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, source: str | None, error: str) -> None:
    if source is not None:  # a module the grading Python finds, whose import fails
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / f"{module}.py").write_text(source + "\n", encoding="utf-8")
        # after sys.path[0], the script's folder, which the fork server does not import from
        monkeypatch.setattr(sys, "path", [sys.path[0], str(tmp_path / "site"), *sys.path[1:]])
    course = broken_course(tmp_path / "course", module)
    monkeypatch.setenv("COLUMNS", "200")
    out = tmp_path / "result.json"
    done = CliRunner().invoke(main, ["check", "--submission", str(course / "solutions"), "--json", str(out),
                                     "--course", str(course)])
    assert done.exit_code == 2, done.output
    assert words(done.output) == words(preload_problem(module, error))
    assert "cannot grade with this Python" in done.output and "self-test" in done.output
    assert "docs/security.md" in done.output
    assert not out.exists()  # no result: nothing was graded, and nothing is the learner's


def test_grade_with_a_preload_that_cannot_be_imported_stops_with_exit_2_and_writes_no_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = broken_course(tmp_path / "course", "no_such_module_xyz")
    students = tmp_path / "class"
    classroom.right(students / "ana")
    classroom.wrong(students / "bo")
    out = tmp_path / "out"
    monkeypatch.setenv("COLUMNS", "200")
    done = CliRunner().invoke(main, ["grade", str(students), "--out", str(out), "--jobs", "2",
                                     "--course", str(course)])
    assert done.exit_code == 2, done.output
    expected = preload_problem("no_such_module_xyz", "ModuleNotFoundError: No module named 'no_such_module_xyz'")
    assert words(expected) in words(done.output)
    assert "This submission could not be graded" not in done.output and "crashed" not in done.output
    if (out / "gradebook.db").exists():
        from autograde.gradebook import Gradebook

        with Gradebook(out / "gradebook.db") as book:
            assert book.rows() == []
    assert not (out / "grades.csv").exists() and not (out / "report.html").exists()
    assert not (out / "feedback").exists()


# ---------------------------------------------------------------------- what the child sees


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A course with a venv inside it, beside its graders and solutions."""
    for sub in ("course/graders/helpers", "course/solutions", "course/.venv/lib/site-packages", "elsewhere"):
        (tmp_path / sub).mkdir(parents=True)
    return tmp_path


def hidden_of(tree: Path) -> list[str]:
    return [str(tree / "course"), str(tree / "course" / "graders"), str(tree / "course" / "solutions")]


def test_an_import_folder_below_a_hidden_folder_is_shown_the_hidden_folder_never(tree: Path) -> None:
    course, site = tree / "course", tree / "course" / ".venv" / "lib" / "site-packages"
    view = isolation.plan(hidden_of(tree), [str(site), str(tree / "elsewhere")])
    assert ("bind", str(site)) in view.mounts and ("bind", str(tree / "elsewhere")) in view.mounts
    assert str(site) in view.imports and str(tree / "elsewhere") in view.imports
    assert view.shows(str(site)) and view.shows(str(site / "numpy" / "__init__.py"))
    assert view.shows(str(tree / "elsewhere"))
    for hidden in (course, course / "graders", course / "solutions", course / "graders" / "test_x.py",
                   course / "pyproject.toml", course / ".venv"):
        assert not view.shows(str(hidden)), hidden
    assert not any(kind == "bind" and path in hidden_of(tree) for kind, path in view.mounts)
    assert view.refused == ()


@pytest.mark.parametrize("which", ["course", "course/graders", "course/solutions"])
def test_an_import_folder_that_is_a_hidden_folder_is_refused(tree: Path, which: str) -> None:
    folder = str(tree / which)
    view = isolation.plan(hidden_of(tree), [folder, str(tree / "elsewhere")])
    assert view.refused == ((folder, f"it is a folder the learner must not see ({folder})"),)
    assert folder not in view.imports and not view.shows(folder)
    assert not view.shows(str(tree / "course" / "graders" / "test_x.py"))
    assert view.shows(str(tree / "elsewhere"))  # the others are still shown


def test_an_unnormalised_path_to_a_hidden_folder_is_refused(tree: Path) -> None:
    sneaky = str(tree / "course" / ".venv" / ".." / "graders")
    view = isolation.plan(hidden_of(tree), [sneaky])
    graders = tree / "course" / "graders"
    assert [why for _, why in view.refused] == [f"it is a folder the learner must not see ({graders})"]
    assert not view.shows(str(tree / "course" / "graders"))


def test_a_symlink_to_a_hidden_folder_is_refused(tree: Path) -> None:
    """The kernel binds what a link points to: a link named on sys.path would show the graders."""
    for name, target in (("to_graders", "course/graders"), ("to_course", "course"), ("to_tree", ".")):
        (tree / "elsewhere" / name).symlink_to(tree / target)
        link = str(tree / "elsewhere" / name)
        view = isolation.plan(hidden_of(tree), [link])
        real = os.path.realpath(link)
        why = (f"it is a folder the learner must not see ({real})" if real in hidden_of(tree) else
               f"it leads, through a symbolic link, to {real}, which holds a folder the learner must not see "
               f"({tree / 'course'})")
        assert view.refused == ((link, why),), name
        assert not view.shows(link) and not view.shows(link + "/graders") and not view.shows(link + "/test_x.py")


def test_the_whole_host_is_refused(tree: Path) -> None:
    (tree / "to_root").symlink_to("/")
    view = isolation.plan(hidden_of(tree), ["/", "/proc", "/dev", str(tree / "to_root"), str(tree / "elsewhere")])
    why = "it would show the whole host, or a system folder the sandbox makes itself"
    assert set(view.refused) == {("/", why), ("/proc", why), ("/dev", why), (str(tree / "to_root"), why)}
    assert ("bind", "/") not in view.mounts and not view.shows(str(tree / "course"))
    assert view.shows(str(tree / "elsewhere"))


def test_an_import_folder_above_a_hidden_folder_is_shown_with_the_hidden_folder_covered(tree: Path) -> None:
    view = isolation.plan(hidden_of(tree), [str(tree)])
    assert view.refused == () and view.shows(str(tree / "elsewhere"))
    assert ("hide", str(tree / "course")) in view.mounts
    assert not view.shows(str(tree / "course")) and not view.shows(str(tree / "course" / "graders" / "test_x.py"))
    # and a folder Python needs inside it is bound again on top of the hiding tmpfs
    site = tree / "course" / ".venv" / "lib" / "site-packages"
    view = isolation.plan(hidden_of(tree), [str(tree), str(site)])
    order = [m for m in view.mounts if m[1] in (str(tree), str(tree / "course"), str(site))]
    assert order == [("bind", str(tree)), ("hide", str(tree / "course")), ("bind", str(site))]
    assert view.shows(str(site)) and not view.shows(str(tree / "course" / "solutions"))


def test_the_python_installation_and_usr_are_shown_missing_folders_are_not(tree: Path) -> None:
    view = isolation.plan(hidden_of(tree), [str(tree / "missing"), "relative/path", ""])
    assert view.shows(sys.prefix) and view.shows(sys.base_prefix) and view.shows("/usr/lib")
    assert view.shows(str(SITE))
    assert not view.shows(str(tree / "missing")) and "relative/path" not in view.imports
    assert not view.shows("/home") and not view.shows("/root/.ssh")
