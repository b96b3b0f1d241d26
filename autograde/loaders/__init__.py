"""A path becomes a :class:`Submission`: the learner's module sources, read as text.

One loader per kind of input, each a function from a path to a ``Submission``;
:func:`load` picks one by what the path is. Loading never runs learner code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autograde.errors import SubmissionError

MAX_SOURCE_BYTES = 2 << 20  # a learner module larger than this is not a module


@dataclass(frozen=True)
class SourceFile:
    """One learner module: its import name, the file name shown in tracebacks, its text."""

    module: str
    filename: str
    source: str


@dataclass(frozen=True)
class Submission:
    """What one learner handed in: modules by name, plus notes made while loading."""

    name: str
    path: str
    modules: dict[str, SourceFile]
    notes: tuple[str, ...] = field(default=())

    def display(self, module: str) -> str:
        """How to name ``module``'s file to the learner."""
        found = self.modules.get(module)
        return found.filename if found else f"{module}.py"


def load(path: str | Path, *, name: str | None = None) -> Submission:
    """Load a folder of ``.py`` modules or a single ``.py`` file."""
    p = Path(path)
    if not p.exists():
        raise SubmissionError(f"submission {str(p)!r} does not exist")
    if p.is_dir():
        return load_folder(p, name=name)
    if p.suffix == ".py":
        return load_file(p, name=name)
    raise SubmissionError(
        f"cannot read {str(p)!r} as a submission: expected a folder of .py files or a .py file"
    )


def load_folder(path: Path, *, name: str | None = None) -> Submission:
    """Every top-level ``NAME.py`` in ``path`` becomes module ``NAME``."""
    modules = {}
    for file in sorted(path.glob("*.py")):
        if file.stem.isidentifier():
            modules[file.stem] = _read(file, _shown(file))
    return Submission(name=name or path.resolve().name, path=str(path), modules=modules)


def load_file(path: Path, *, name: str | None = None) -> Submission:
    """A single ``NAME.py`` is module ``NAME``."""
    if not path.stem.isidentifier():
        raise SubmissionError(f"{path.name!r} is not a valid Python module name")
    module = _read(path, _shown(path))
    return Submission(name=name or path.stem, path=str(path), modules={path.stem: module})


def _shown(file: Path) -> str:
    """The path a learner recognises: relative to the working directory when inside it."""
    try:
        return str(file.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)


def _read(file: Path, shown: str) -> SourceFile:
    size = file.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SubmissionError(f"{shown} is {size} bytes; a module may have at most {MAX_SOURCE_BYTES}")
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{shown} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return SourceFile(module=file.stem, filename=shown, source=text)
