"""A path becomes a :class:`Submission`: the learner's module sources, read as text.

One loader per kind of input, each a function from a path to a ``Submission``;
:func:`load` picks one by what the path is (folder, ``.py``, ``.ipynb``, ``.zip``).
:func:`discover` finds a whole class's submissions (one :class:`Candidate` per student)
and :func:`from_files` reads one candidate's files. Loading never runs learner code.
``docs/submissions.md`` describes the inputs and rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from autograde.errors import SubmissionError
from autograde.i18n.text import say
from autograde.loaders.archive import MAX_ARCHIVE_BYTES, folder_tree, read_file, zip_tree
from autograde.loaders.notebook import Cell
from autograde.loaders.roster import Candidate, discover, student_files
from autograde.loaders.submission import CODE_SUFFIXES, MAX_SOURCE_BYTES, SourceFile, Submission, from_files

__all__ = [
    "MAX_ARCHIVE_BYTES", "MAX_SOURCE_BYTES", "Candidate", "Cell", "SourceFile", "Submission", "discover",
    "from_files", "load", "load_file", "load_folder", "load_zip",
]


def load(path: str | Path, *, name: str | None = None, exercises: Sequence[str] = ()) -> Submission:
    """Load a folder of modules, a single ``.py`` or ``.ipynb`` file, or a ``.zip`` of them.

    With ``exercises`` given, a submission whose only code file is not named after an
    exercise has it stand in for every exercise's module.
    """
    p = Path(path)
    if not p.exists():
        raise SubmissionError(f"submission {str(p)!r} does not exist")
    if p.is_dir():
        return load_folder(p, name=name, exercises=exercises)
    if p.suffix in CODE_SUFFIXES:
        return load_file(p, name=name, exercises=exercises)
    if p.suffix == ".zip":
        return load_zip(p, name=name, exercises=exercises)
    raise SubmissionError(say("cannot read {path} as a submission: expected a folder, a .py file, a .ipynb notebook "
                              "or a .zip archive", path=repr(str(p))))


def load_folder(path: Path, *, name: str | None = None, exercises: Sequence[str] = ()) -> Submission:
    """Every top-level ``NAME.py`` or ``NAME.ipynb`` in ``path`` becomes module ``NAME``."""
    tree = folder_tree(path, str(path))
    files = {file: tree.files[file]() for file in tree.code()}
    return from_files(files, name=name or path.resolve().name, path=str(path), exercises=exercises,
                      display=lambda file: _shown(path / file))


def load_file(path: Path, *, name: str | None = None, exercises: Sequence[str] = ()) -> Submission:
    """A single ``NAME.py`` or ``NAME.ipynb`` is module ``NAME``."""
    if not path.stem.isidentifier() and not exercises:
        raise SubmissionError(f"{path.name!r} is not a valid Python module name")
    shown = _shown(path)
    return from_files({path.name: read_file(path, shown)}, name=name or path.stem, path=str(path),
                      exercises=exercises, display=lambda _: shown)


def load_zip(path: Path, *, name: str | None = None, exercises: Sequence[str] = ()) -> Submission:
    """The code files at the top of a zip (one common folder stripped), read in memory."""
    shown = _shown(path)
    files = student_files(zip_tree(read_file(path, shown), shown, shown).rooted())
    return from_files(files, name=name or path.stem, path=str(path), exercises=exercises)


def _shown(file: Path) -> str:
    """The path a learner recognises: relative to the working directory when inside it."""
    try:
        return str(file.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)
