"""A Jupyter notebook becomes a module: its code cells, in order, without IPython syntax.

Nothing here runs learner code: cells are only parsed (to tell plain Python from IPython
syntax). The child runs each cell separately (``sandbox/child.py``), so that a failing
cell is reported with its number and does not stop the cells after it.

Cells that only check the work are left out, as nbgrader leaves them to its own grading:
nbgrader's test cells (``nbgrader`` metadata with ``grade`` true and ``solution`` false,
autograde's own check cell among them) and any cell that calls autograde's notebook
``check``. The graders test the learner's functions themselves; running those cells would
only spend time (a test cell that calls a hanging function hangs) or fail for want of
autograde inside the sandbox.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from dataclasses import dataclass
from typing import Any

from autograde.errors import SubmissionError
from autograde.i18n.text import Join, Text, say

# `files = !ls`, `t = %timeit f()`: an assignment whose value is a shell or magic line.
_CAPTURE = re.compile(r"^[\w.\[\]\s,()]+=\s*[!%]")
_SHOWN_LINE = 60  # longest skipped line quoted in a note
# The import in autograde's check cell (autograde.notebooks.CHECK_CELL).
_CHECK_IMPORT = re.compile(r"^\s*from\s+autograde\.notebooks\s+import\s+check\b", re.MULTILINE)


@dataclass(frozen=True)
class Cell:
    """One code cell: its 1-based position among all the notebook's cells, and its code."""

    number: int
    source: str


def read_notebook(text: str, shown: str) -> tuple[tuple[Cell, ...], tuple[str, ...]]:
    """The code cells of notebook ``text`` (named ``shown`` in messages) that do the work,
    with IPython lines replaced by ``pass``, and notes on what was left out: one for the
    cells that only check the work, one for IPython lines (none when nothing was).

    Raises :class:`SubmissionError` for broken JSON or a notebook format other than 4.
    """
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(say("{notebook} is not a readable notebook: broken JSON at line {line}, column {column} "
                                  "({error}); open it in Jupyter and save it again", notebook=shown, line=exc.lineno,
                                  column=exc.colno, error=exc.msg)) from None
    version = raw.get("nbformat") if isinstance(raw, dict) else None
    if version != 4:
        raise SubmissionError(say("{notebook} is a notebook of format {version}; autograde reads format 4 (Jupyter 4 "
                                  "and later): open it in a current Jupyter and save it again", notebook=shown,
                                  version=repr(version)))
    cells = _well_formed_cells(raw)
    if cells is None:
        cells = _cells_read_by_nbformat(text, shown)
    code: list[Cell] = []
    skipped: list[str] = []
    checks: list[int] = []
    for number, kind, source, check in cells:
        if kind != "code" or not isinstance(source, str):
            continue
        if check:
            checks.append(number)
            continue
        if source.lstrip().startswith("%%"):  # a cell magic: the whole cell is not Python
            skipped.append(say("cell {number}: {line} (the whole cell)", number=number,
                               line=_quote(source.lstrip().splitlines()[0])))
            continue
        kept, lines = _strip_ipython(source)
        skipped += [say("cell {number}: {line}", number=number, line=_quote(line)) for line in lines]
        code.append(Cell(number, kept))
    notes = (_checks_note(shown, checks), _note(shown, skipped))
    return tuple(code), tuple(note for note in notes if note is not None)


def _well_formed_cells(raw: dict[str, Any]) -> list[tuple[int, Any, Any, bool]] | None:
    """Each cell's number, type, source and whether it only checks the work, read from the
    parsed JSON, for a notebook whose cells have the shape nbformat 4 gives them (a list
    of objects, each with a string type, a source that is a string or a list of strings,
    and metadata that is an object when present); None for any other shape, which
    nbformat then reads or refuses with its own message. This is what nbformat's reader
    gives such a notebook, without importing nbformat: its schema validator's format
    checkers take seconds to import (jsonschema compiles grammars), more than grading a
    notebook takes."""
    cells = raw.get("cells")
    if not isinstance(cells, list):
        return None
    read = []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            return None
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)  # nbformat's reader joins a source kept as lines the same way
        if not isinstance(source, str) or not isinstance(cell.get("metadata", {}), dict):
            return None
        read.append((number, cell["cell_type"], source, _is_check({**cell, "source": source})))
    return read


def _cells_read_by_nbformat(text: str, shown: str) -> list[tuple[int, Any, Any, bool]]:
    """The cells of a notebook of an unusual shape, as nbformat reads them; its error, for
    the learner, when it cannot."""
    import nbformat  # seconds to import (see _well_formed_cells): only for what needs it

    try:
        with warnings.catch_warnings():  # old 4.x minors lack cell ids; nbformat warns and adds them
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
        return [(i, c.get("cell_type"), c.get("source", ""), _is_check(c)) for i, c in enumerate(notebook.cells, 1)]
    except Exception as exc:  # nbformat's readers raise a variety of types for malformed content
        raise SubmissionError(say("{notebook} is not a readable notebook ({type}: {error}); open it in Jupyter and save "
                                  "it again", notebook=shown, type=type(exc).__name__, error=str(exc))) from None


def _is_check(cell: Any) -> bool:
    """Whether a code cell only checks the work: an nbgrader test cell (autograde's check
    cell is one), or a cell that imports autograde's notebook ``check``."""
    meta = cell.get("metadata", {}).get("nbgrader", {}) if isinstance(cell.get("metadata"), dict) else {}
    if isinstance(meta, dict) and meta.get("grade") is True and not meta.get("solution"):
        return True
    source = cell.get("source", "")
    return isinstance(source, str) and _CHECK_IMPORT.search(source) is not None


def _checks_note(shown: str, numbers: list[int]) -> Text | None:
    """What a notebook's test cells became (a message kept as data, autograde.i18n.text)."""
    if not numbers:
        return None
    if len(numbers) == 1:
        return say("{notebook}: cell {number} only checks the work (test cells) and did not run: the graders test "
                   "your functions themselves", notebook=shown, number=numbers[0])
    return say("{notebook}: cells {numbers} only check the work (test cells) and did not run: the graders test "
               "your functions themselves", notebook=shown, numbers=", ".join(map(str, numbers)))


def _strip_ipython(source: str) -> tuple[str, list[str]]:
    """``source`` with each IPython line replaced by ``pass`` at its indentation (so the
    cell stays valid and its line numbers keep), and the lines replaced."""
    if _is_python(source):  # plain Python is left alone: a '%' in a string is no magic
        return source, []
    out, skipped = [], []
    for line in source.splitlines(keepends=True):
        body = line.strip()
        if body.startswith(("%", "!", "?")) or _CAPTURE.match(body) or (body.endswith("?") and not body.startswith("#")):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}pass\n" if line.endswith("\n") else f"{indent}pass")
            skipped.append(body)
        else:
            out.append(line)
    return "".join(out), skipped


def _is_python(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    except (RecursionError, MemoryError):  # too deeply nested to check: leave it to the child
        return True
    return True


def _quote(line: str) -> str:
    line = line.strip()
    return line if len(line) <= _SHOWN_LINE else line[: _SHOWN_LINE - 3] + "..."


def _note(shown: str, skipped: list[Text]) -> Text | None:
    if not skipped:
        return None
    lines = Join(tuple(skipped), "; ")
    if len(skipped) == 1:
        return say("{notebook}: skipped 1 IPython line ({lines})", notebook=shown, lines=lines)
    return say("{notebook}: skipped {count} IPython lines ({lines})", notebook=shown, count=len(skipped), lines=lines)
