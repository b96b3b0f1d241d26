"""From the instructor's course to what learners get: stubs, public graders, the release.

A solution is written once, as the learner-facing stub with the solution inside marked
regions (nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION``); ``generate_stub``
replaces each region by its placeholder, ``strip_hidden`` removes a grader's ``### BEGIN
HIDDEN TESTS`` blocks, and ``release`` writes the student and instructor bundles.
The grammar and the bundles' guarantees are in ``docs/release.md``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class Region:
    """One marked block: its ``BEGIN`` and ``END`` lines (0-based), what replaces it."""

    begin: int
    end: int
    indent: str
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
        regions.append(Region(begin, end, indent, placeholder))
    return regions


def strip_hidden(grader_source: str, *, name: str = "<grader>") -> str:
    """``grader_source`` without its ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS``
    blocks (markers included), with the blank lines before each block and the file's end
    tidied so that the public grader reads as if written that way."""
    lines = grader_source.splitlines(keepends=True)
    out: list[str] = []
    done = 0
    for begin, end in _blocks(lines, BEGIN_HIDDEN, END_HIDDEN, name):
        out += lines[done:begin]
        while out and not out[-1].strip():
            out.pop()
        if out and end + 1 < len(lines):
            out.append("\n\n")  # two blank lines, as between top-level definitions
        done = end + 1
    rest = lines[done:]
    if not out:
        return "".join(rest)
    return "".join(out + rest).rstrip("\n") + "\n"


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
