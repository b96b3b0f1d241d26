"""From the instructor's course to what learners get: stubs, public graders, the release.

A solution is written once, as the learner-facing stub with the solution inside marked
regions (nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION``, the grammar of
:mod:`autograde.solution_markers`); ``generate_stub`` replaces each region by its
placeholder, ``strip_hidden`` removes a grader's ``### BEGIN HIDDEN TESTS`` blocks,
``record`` writes down the reference's answers on the public tests, and ``release``
writes the student and instructor bundles. The grammar and the bundles' guarantees are
in ``docs/release.md``.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import nbformat

from autograde import loaders, notebooks, wheel
from autograde.config import Course
from autograde.i18n import LANGUAGES
from autograde.errors import ConfigError
from autograde.grading import GradingSession
from autograde.plugin import GradingPlugin
from autograde.plugin.reference import FOLDER as RECORDED, Recorder
from autograde.results import Status
from autograde.solution_markers import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, blocks, stub_texts

# The default placeholder goes on one line when it fits in this many columns, and is
# wrapped the way a formatter would wrap it otherwise.
LINE_LENGTH = 100
NOT_WRITTEN = "{what} is not written yet: replace this line with your code"
# A pyproject.toml table header, at the start of a line.
HEADER = re.compile(r"^\[\[?\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(#.*)?$")


@dataclass(frozen=True)
class Region:
    """One marked block: its ``BEGIN`` and ``END`` lines (0-based), what replaces it."""

    begin: int
    end: int
    placeholder: tuple[str, ...]  # whole lines, newlines included; empty: the block goes


def generate_stub(source: str, *, name: str = "<source>") -> str:
    """The learner's stub for a marked solution ``source``: every solution region replaced
    by its placeholder (``docs/release.md``). ``name`` names the file in errors."""
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    done = 0
    for region in solution_regions(source, name=name):
        kept = lines[done:region.begin]
        if not region.placeholder:
            # A block that leaves nothing takes its leading blank lines along, so that the
            # code around it is spaced as if it had never been there.
            while kept and not kept[-1].strip():
                kept.pop()
        out += kept
        out += region.placeholder
        done = region.end + 1
    out += lines[done:]
    return "".join(out)


def solution_regions(source: str, *, name: str = "<source>") -> list[Region]:
    """The solution regions of ``source`` in order; unbalanced markers raise ``ConfigError``."""
    lines = source.splitlines(keepends=True)
    found = blocks(lines, BEGIN_SOLUTION, END_SOLUTION, name=name)
    if not found:
        return []
    functions = _functions(source, name)
    regions = []
    for begin, end in found:
        indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
        explicit = [f"{indent}{text}\n" if text else "\n" for text in stub_texts(lines, begin, end)]
        if explicit:
            placeholder = tuple(explicit)
        else:
            what = next((w for first, last, w in reversed(functions) if first < begin + 1 <= last), None)
            placeholder = _default_placeholder(indent, what) if what else ()
        regions.append(Region(begin, end, placeholder))
    return regions


def strip_hidden(grader_source: str, *, name: str = "<grader>") -> str:
    """``grader_source`` without its ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS``
    blocks (markers included), the blank lines around each block closed up so that the
    public grader reads as if written that way."""
    lines = grader_source.splitlines(keepends=True)
    out: list[str] = []
    done = 0
    for begin, end in blocks(lines, BEGIN_HIDDEN, END_HIDDEN, name=name):
        out += lines[done:begin]
        while out and not out[-1].strip():
            out.pop()
        done = end + 1
        while done < len(lines) and not lines[done].strip():
            done += 1
        if out and done < len(lines):
            out.append("\n\n")  # two blank lines, as between top-level definitions
    return "".join(out + lines[done:])


def _functions(source: str, name: str) -> list[tuple[int, int, str]]:
    """``(first line, last line, what)`` of every function, outer before inner, where
    ``what`` is how the default placeholder names it: ``f(x, y)``, ``Class(a)`` for an
    ``__init__``, ``Class.method(a)`` for another method."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ConfigError(f"{name}, line {exc.lineno}: not valid Python ({exc.msg}); fix the solution.") from None
    found: list[tuple[int, int, str]] = []

    def visit(node: ast.AST, owner: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = child.args
                names = [a.arg for a in (*args.posonlyargs, *args.args)]
                if owner is not None and names[:1] in (["self"], ["cls"]):
                    names = names[1:]
                names += [f"*{args.vararg.arg}"] if args.vararg else ["*"] if args.kwonlyargs else []
                names += [a.arg for a in args.kwonlyargs]
                names += [f"**{args.kwarg.arg}"] if args.kwarg else []
                label = owner if owner and child.name == "__init__" else (
                    f"{owner}.{child.name}" if owner else child.name
                )
                found.append((child.lineno, child.end_lineno or child.lineno, f"{label}({', '.join(names)})"))
                visit(child, None)
            elif isinstance(child, ast.ClassDef):
                visit(child, child.name)
            else:
                visit(child, owner)

    visit(tree, None)
    return found


def _default_placeholder(indent: str, what: str) -> tuple[str, ...]:
    message = '"' + NOT_WRITTEN.format(what=what) + '"'
    line = f"{indent}raise NotImplementedError({message})\n"
    if len(line) - 1 <= LINE_LENGTH:
        return (line,)
    return (f"{indent}raise NotImplementedError(\n", f"{indent}    {message}\n", f"{indent})\n")


def release(*, course: Course, out: Path) -> Path:
    """Write the course's release into ``out`` and return ``out``.

    ``out/student/`` is what learners get: ``pyproject.toml`` (the course's
    ``[tool.autograde]`` tables), ``exercises/`` (stubs generated from the solutions),
    ``notebooks/`` (one learner notebook per exercise), ``graders/`` (hidden tests
    stripped; ``mutants/`` and ``variants/`` left out), ``recorded/`` (the reference's
    answers on the public tests, so that ``autograde check`` works without solutions),
    ``vendor/`` (this autograde as a wheel, which learners and the workflow install) and
    ``README.md``; no solution and no hidden test. ``out/instructor/`` is the course as it
    is, plus the nbgrader source notebooks. Neither folder may exist yet.
    """
    student, instructor = out / "student", out / "instructor"
    for folder in (student, instructor):
        if folder.exists():
            raise ConfigError(f"{folder} exists already: a release is written into new folders only; "
                              "remove it or choose another --out.")
    solutions = {exercise: _solution(course, exercise) for exercise in course.exercises}
    stubs = {exercise: generate_stub(source, name=str(course.solutions / f"{exercise}.py"))
             for exercise, source in solutions.items()}
    graders = _public_graders(course)
    try:
        _write_student(course, student, stubs, graders)
        shutil.copytree(course.root, instructor, ignore=_instructor_ignore(course))
        for exercise, source in solutions.items():
            notebook = notebooks.build(course=course, exercise=exercise, stub_source=stubs[exercise],
                                       solution_source=source)
            nbformat.write(notebook, _new_file(instructor / "notebooks" / f"{exercise}.ipynb"))
    except BaseException:
        # Half a release must not pass for a whole one (nor block the next attempt).
        for folder in (student, instructor):
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return out


def _write_student(course: Course, student: Path, stubs: dict[str, str], graders: dict[str, str]) -> None:
    """Write the student bundle into the new folder ``student``."""
    student.mkdir(parents=True)
    tables = _course_tables(course.root / "pyproject.toml").replace(
        "[tool.autograde]\n", '[tool.autograde]\nbundle = "student"  # the hidden tests are not in this bundle\n', 1)
    (student / "pyproject.toml").write_text(tables, encoding="utf-8")
    _write_tree(student / course.stubs_dir, {f"{name}.py": text for name, text in stubs.items()})
    _write_tree(student / course.graders_dir, graders)
    _write_catalogues(course, student)
    for exercise in course.exercises:
        notebook = notebooks.build(course=course, exercise=exercise, stub_source=stubs[exercise])
        nbformat.write(notebook, _new_file(student / "notebooks" / f"{exercise}.ipynb"))
    record(course=course, out=student)
    wheel.build(student / wheel.VENDOR)
    (student / "README.md").write_text(_student_readme(course, student), encoding="utf-8")


def _write_catalogues(course: Course, student: Path) -> None:
    """The course's translations of what the public graders say, compiled (``locale/``):
    the texts of hidden tests stay out of the student bundle, as their tests do."""
    if not (course.root / "locale").is_dir():
        return
    from autograde.i18n import catalogues
    from autograde.i18n.text import COURSE

    public = {found.id for found in catalogues.course_messages(dataclasses.replace(course, root=student))[0]}
    for language in LANGUAGES[1:]:
        po = catalogues.po_path(COURSE, language, course)
        if po.exists():
            mo = catalogues.po_path(COURSE, language, dataclasses.replace(course, root=student)).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(catalogues.mo_bytes(po, keep=public))


# ---------------------------------------------------------------------- the reference's recording


class _RecordingPlugin(GradingPlugin):
    """A grading run whose ``reference`` fixture records what the graders ask of it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.recorders: dict[str, Recorder] = {}

    def _reference(self, name: str) -> Any:
        if name not in self.recorders:
            self.recorders[name] = Recorder(super()._reference(name), name, lambda: self.current_test)
        return self.recorders[name].root


def record(*, course: Course, out: Path, exercises: Sequence[str] = ()) -> Path:
    """Record the reference's answers on the public tests of ``exercises`` (all when
    empty) into ``out/recorded/`` (:mod:`autograde.plugin.reference`); return that folder.

    The course's solutions are graded as the learner's submission too, so every test must
    pass: a test that fails for the reference would record the answers of a failing run,
    and raises :class:`ConfigError` instead.
    """
    selected = course.select(tuple(exercises))
    submission = loaders.load(course.solutions, exercises=course.exercises)
    with GradingSession(course, exercises=selected) as session:
        plugin = session.plugin(submission, kind=_RecordingPlugin)
        result = session.run(plugin, selected)
    assert isinstance(plugin, _RecordingPlugin)
    failed = [f"{e.name}::{t.name}: {t.message}" for e in result.exercises for t in e.tests
              if t.status is not Status.PASSED]
    if failed:
        raise ConfigError("the reference solution does not pass every public test, so its answers were not "
                          "recorded; fix the solution or the grader first:\n" + "\n".join(failed))
    for exercise in selected:
        recorder = plugin.recorders.get(exercise) or Recorder(None, exercise, lambda: "")
        recorder.save(out)
    return out / RECORDED


def _solution(course: Course, exercise: str) -> str:
    """The marked solution of ``exercise``; one without a solution region would be its own stub."""
    path = course.solutions / f"{exercise}.py"
    if not path.is_file():
        raise ConfigError(f"{path} does not exist: a release generates each stub from its solution; "
                          f"write the solution of {exercise!r} there.")
    source = path.read_text(encoding="utf-8")
    if not solution_regions(source, name=str(path)):
        raise ConfigError(f"{path} has no {BEGIN_SOLUTION!r} region, so its stub would be the solution itself; "
                          f"put what learners write between {BEGIN_SOLUTION!r} and {END_SOLUTION!r} "
                          "(docs/release.md).")
    return source


def _public_graders(course: Course) -> dict[str, str]:
    """The grader folder's files by name, hidden blocks stripped; subfolders
    (``mutants/``, ``variants/``, caches) stay behind."""
    graders: dict[str, str] = {}
    for path in sorted(course.graders.iterdir()):
        if not path.is_file() or path.suffix == ".pyc":
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            text = strip_hidden(text, name=str(path))
            leak = next((n for n, line in enumerate(text.splitlines(), 1) if "mark.hidden" in line), None)
            if leak is not None:
                raise ConfigError(f"{path}: a hidden test is outside the {BEGIN_HIDDEN!r} block (line {leak} after "
                                  "stripping), so it would reach learners; move it into the block.")
        graders[path.name] = text
    return graders


def _course_tables(pyproject: Path) -> str:
    """The ``[tool.autograde]`` tables of ``pyproject``, comments included, as a file's text."""
    text = pyproject.read_text(encoding="utf-8")
    kept: list[str] = []
    inside = False
    for line in text.splitlines(keepends=True):
        header = HEADER.match(line.strip())
        if header and line[:1] == "[":
            name = header.group(1).replace(" ", "")
            inside = name == "tool.autograde" or name.startswith("tool.autograde.")
            if inside and kept:
                kept.append("\n")
        if inside:
            kept.append(line)
    result = "".join(kept).strip("\n") + "\n"
    # A table whose text could not be cut out faithfully (say, a dotted key outside its
    # table) must not silently change the learners' course.
    if tomllib.loads(result) != {"tool": {"autograde": tomllib.loads(text)["tool"]["autograde"]}}:
        raise ConfigError(f"{pyproject}: the [tool.autograde] settings could not be copied on their own; write them "
                          "as [tool.autograde] and [tool.autograde.*] tables, without dotted keys elsewhere.")
    return result


def _instructor_ignore(course: Course) -> Callable[[str, list[str]], set[str]]:
    """What ``shutil.copytree`` leaves out of the instructor bundle: everything but the
    course's own files and folders, and caches anywhere."""
    keep = course.own_names
    root = str(course.root)

    def ignore(folder: str, names: list[str]) -> set[str]:
        caches = {n for n in names if n == "__pycache__" or n.endswith(".pyc")}
        return caches | ({n for n in names if n not in keep} if folder == root else set())

    return ignore


def _write_tree(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        _new_file(folder / name).write_text(text, encoding="utf-8")


def _new_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _student_readme(course: Course, student: Path) -> str:
    rows = "\n".join(f"| `{e}` | `{course.stubs_dir}/{e}.py` or `notebooks/{e}.ipynb` |" for e in course.exercises)
    first = course.exercises[0] if course.exercises else "EXERCISE"
    commands = [("autograde list", "the exercises and their points"),
                ("autograde check", f"every exercise in {course.stubs_dir}/, with the public tests"),
                (f"autograde check {first}", "one exercise"),
                (f"autograde hint {first}", "the hints of its tests")]
    width = max(len(command) for command, _ in commands) + 2
    usage = "\n".join(f"{command:<{width}}# {why}" for command, why in commands)
    wanted = wheel.extras(course)
    install, _ = wheel.course_install(student, wanted)  # what the workflow installs too; quoted below for any shell
    meta = wheel.metadata()
    python = f" (it needs Python `{meta.requires_python}`)" if meta.requires_python else ""
    needed = ", ".join(f"`{d}`" for d in wheel.dependencies(meta, wanted))
    return f"""# Exercises

| exercise | where you write it |
|---|---|
{rows}

Each stub's docstrings say what to write: names, shapes, formulas and examples. Replace
each `raise NotImplementedError(...)` with your code; keep the names and the signatures.

## Install autograde

This folder brings its own autograde, in `{wheel.VENDOR}/`. Inside this folder{python}:

```bash
python -m pip install "{install}"
```

pip takes autograde from that file, and downloads what autograde needs that is not
installed yet:
{needed}.

To install without internet, have those installed first (in the same Python) and add
`--no-index`, so that pip looks for nothing online:

```bash
python -m pip install --no-index "{install}"
```

Do not install autograde by its name from a package index: on PyPI, `autograde` is an
unrelated project.

## Check your work

With autograde installed, inside this folder:

```bash
{usage}
```

Or open `notebooks/EXERCISE.ipynb` in Jupyter or Colab: fill in the code cells, then run
the last cell, which checks the notebook's code with the same tests and shows the score.

The tests in `{course.graders_dir}/` are the public ones; your final grade also uses hidden
tests, which check the same contract on other inputs.

`recorded/` holds the reference solution's answers to the public tests' fixed inputs, so
the checks work offline, without any solution.
"""
