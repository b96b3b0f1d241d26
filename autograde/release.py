"""From the instructor's course to what learners get: stubs, public graders, the release.

A solution is written once, as the learner-facing stub with the solution inside marked
regions (nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION``); ``generate_stub``
replaces each region by its placeholder, ``strip_hidden`` removes a grader's ``### BEGIN
HIDDEN TESTS`` blocks, and ``release`` writes the student and instructor bundles.
The grammar and the bundles' guarantees are in ``docs/release.md``.
"""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable

import nbformat

from autograde import wheel
from autograde.config import Course
from autograde.errors import ConfigError

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
STUB = "### STUB:"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"

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
    blocks = _blocks(lines, BEGIN_SOLUTION, END_SOLUTION, name)
    if not blocks:
        return []
    functions = _functions(source, name)
    regions = []
    for begin, end in blocks:
        indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
        explicit = []
        for line in lines[begin + 1:end]:
            if not line.strip().startswith(STUB):
                break
            text = line.strip()[len(STUB):].removeprefix(" ")
            explicit.append(f"{indent}{text}\n" if text else "\n")
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
    for begin, end in _blocks(lines, BEGIN_HIDDEN, END_HIDDEN, name):
        out += lines[done:begin]
        while out and not out[-1].strip():
            out.pop()
        done = end + 1
        while done < len(lines) and not lines[done].strip():
            done += 1
        if out and done < len(lines):
            out.append("\n\n")  # two blank lines, as between top-level definitions
    return "".join(out + lines[done:])


def _blocks(lines: list[str], begin_marker: str, end_marker: str, name: str) -> list[tuple[int, int]]:
    """``(begin, end)`` line indices of every block; markers must pair up, unnested."""
    blocks = []
    opened: int | None = None
    for index, line in enumerate(lines):
        marker = line.strip()
        if marker == begin_marker:
            if opened is not None:
                raise ConfigError(
                    f"{name}, line {index + 1}: {begin_marker!r} inside the block opened on line "
                    f"{opened + 1}; blocks do not nest: close it with {end_marker!r} first."
                )
            opened = index
        elif marker == end_marker:
            if opened is None:
                raise ConfigError(
                    f"{name}, line {index + 1}: {end_marker!r} without a {begin_marker!r} before it; "
                    "remove it or open the block."
                )
            blocks.append((opened, index))
            opened = None
    if opened is not None:
        raise ConfigError(
            f"{name}, line {opened + 1}: {begin_marker!r} is never closed; add {end_marker!r} "
            "after the block's last line."
        )
    return blocks


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
    notebooks = _optional("notebooks")
    try:
        _write_student(course, student, stubs, graders, notebooks)
        shutil.copytree(course.root, instructor, ignore=_instructor_ignore(course))
        if notebooks is not None:
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


def _write_student(course: Course, student: Path, stubs: dict[str, str], graders: dict[str, str],
                   notebooks: ModuleType | None) -> None:
    """Write the student bundle into the new folder ``student``."""
    replay = _optional("replay")
    student.mkdir(parents=True)
    tables = _course_tables(course.root / "pyproject.toml").replace(
        "[tool.autograde]\n", '[tool.autograde]\nbundle = "student"  # the hidden tests are not in this bundle\n', 1)
    (student / "pyproject.toml").write_text(tables, encoding="utf-8")
    _write_tree(student / course.stubs_dir, {f"{name}.py": text for name, text in stubs.items()})
    _write_tree(student / course.graders_dir, graders)
    if notebooks is not None:
        for exercise in course.exercises:
            notebook = notebooks.build(course=course, exercise=exercise, stub_source=stubs[exercise])
            nbformat.write(notebook, _new_file(student / "notebooks" / f"{exercise}.ipynb"))
    if replay is not None:
        replay.record(course=course, out=student)
    wheel.build(student / wheel.VENDOR)
    (student / "README.md").write_text(
        _student_readme(course, student, notebooks=notebooks is not None, recorded=replay is not None),
        encoding="utf-8")


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
    keep = {"pyproject.toml", "recorded"} | {Path(d).parts[0] for d in (course.stubs_dir, course.solutions_dir,
                                                                         course.graders_dir)}
    root = str(course.root)

    def ignore(folder: str, names: list[str]) -> set[str]:
        caches = {n for n in names if n == "__pycache__" or n.endswith(".pyc")}
        return caches | ({n for n in names if n not in keep} if folder == root else set())

    return ignore


def _optional(name: str) -> ModuleType | None:
    """``autograde.NAME`` where this installation has it (notebooks and recordings came
    later than stubs; a release without them still has stubs and graders)."""
    try:
        return importlib.import_module(f"autograde.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"autograde.{name}":
            raise
        return None


def _write_tree(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        _new_file(folder / name).write_text(text, encoding="utf-8")


def _new_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _student_readme(course: Course, student: Path, *, notebooks: bool, recorded: bool) -> str:
    rows = "\n".join(f"| `{e}` | `{course.stubs_dir}/{e}.py`" + (f" or `notebooks/{e}.ipynb`" if notebooks else "")
                     + " |" for e in course.exercises)
    notebook_text = (
        "Or open `notebooks/EXERCISE.ipynb` in Jupyter or Colab: fill in the code cells, then run\n"
        "the last cell, which checks the notebook's code with the same tests and shows the score.\n"
        if notebooks else
        "(This release has no notebooks: the autograde that made it could not build them.)\n"
    )
    recorded_text = (
        "\n`recorded/` holds the reference solution's answers to the public tests' fixed inputs, so\n"
        "the checks work offline, without any solution.\n"
        if recorded else
        "\n(This release has no recordings of the reference: the autograde that made it could not\n"
        "record them, so the checks need the solutions.)\n"
    )
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

{notebook_text}
The tests in `{course.graders_dir}/` are the public ones; your final grade also uses hidden
tests, which check the same contract on other inputs.
{recorded_text}"""
