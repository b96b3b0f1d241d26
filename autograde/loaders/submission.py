"""What a submission is once read (:class:`Submission`), and :func:`from_files`, which
turns a learner's files (names and bytes) into one: module names, sources, notebook cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Callable, Iterable, Mapping, Sequence

from autograde.errors import SubmissionError
from autograde.i18n.text import Message, say
from autograde.loaders.notebook import Cell, read_notebook

MAX_SOURCE_BYTES = 2 << 20  # a learner module larger than this is not a module
CODE_SUFFIXES = (".py", ".ipynb")


@dataclass(frozen=True)
class SourceFile:
    """One learner module: its import name, the file name shown in tracebacks, its text.

    For a notebook, ``cells`` holds its code cells (run one by one in the child) and
    ``source`` their joined text; for a ``.py`` file ``cells`` is empty.
    """

    module: str
    filename: str
    source: str
    cells: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Submission:
    """What one learner handed in: modules by name, plus notes made while loading.
    ``problem`` says why it could not be read ("" when it was; then ``modules`` is empty)."""

    name: str
    path: str
    modules: dict[str, SourceFile]
    notes: tuple[Message, ...] = field(default=())  # what loading noticed (text, or messages kept as data)
    problem: Message = ""  # why it could not be read (text, or a message kept as data)

    def display(self, module: str) -> str:
        """How to name ``module``'s file to the learner."""
        found = self.modules.get(module)
        return found.filename if found else f"{module}.py"


def from_files(
    files: Mapping[str, bytes],
    *,
    name: str,
    path: str,
    exercises: Sequence[str] = (),
    notes: Sequence[Message] = (),
    display: Callable[[str], str] = str,
) -> Submission:
    """The submission made of ``files`` (file name -> bytes; other than ``.py`` and
    ``.ipynb`` files are ignored). ``notes`` are kept (e.g. a :class:`Candidate`'s);
    ``display`` maps a file name to how the learner should see it.

    Raises :class:`SubmissionError` when a file is too big, not UTF-8, a broken
    notebook, or when the files' roles are ambiguous (see :func:`plan_modules`).
    """
    plan, planned = plan_modules(files, exercises)
    read: dict[str, tuple[str, tuple[Cell, ...], tuple[str, ...]]] = {}
    for filename in dict.fromkeys(plan.values()):  # a stand-in file is read once
        read[filename] = _read(filename, files[filename], display(filename))
    modules = {
        module: SourceFile(module=module, filename=display(filename), source=read[filename][0],
                           cells=read[filename][1])
        for module, filename in plan.items()
    }
    found = tuple(note for _, _, notes in read.values() for note in notes)
    return Submission(name=name, path=path, modules=modules, notes=(*notes, *planned, *found))


def plan_modules(names: Iterable[str], exercises: Sequence[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Which file is which module (module -> file name), and notes on the choice.

    ``NAME.py`` or ``NAME.ipynb`` is module ``NAME`` (names that are no Python identifier are
    left out). With ``exercises`` given and no file named after one, a single code file
    stands in for every exercise's module. Raises :class:`SubmissionError` for two files of
    one module, or several code files none named after an exercise.
    """
    code = sorted(n for n in names if PurePosixPath(n).suffix in CODE_SUFFIXES)
    by_module: dict[str, list[str]] = {}
    for filename in code:
        by_module.setdefault(PurePosixPath(filename).stem, []).append(filename)
    for module, both in by_module.items():
        if len(both) > 1:
            raise SubmissionError(say("two files for module {module}: {files}; keep only one of them",
                                      module=module, files=" and ".join(both)))
    if exercises and code and not any(module in exercises for module in by_module):
        expected = ", ".join(f"{e}.py" for e in exercises)
        if len(code) > 1:
            raise SubmissionError(say("ambiguous submission: {count} code files ({files}) and none named after an "
                                      "exercise; name each file after its exercise ({expected}, or .ipynb)",
                                      count=len(code), files=", ".join(code), expected=expected))
        note = (f"{code[0]} is not named after an exercise; as the only code file it stands in for every "
                f"exercise's module ({', '.join(exercises)})")
        return {e: code[0] for e in exercises}, (note,)
    return {m: files[0] for m, files in by_module.items() if m.isidentifier()}, ()


def _read(filename: str, raw: bytes, shown: str) -> tuple[str, tuple[Cell, ...], tuple[str, ...]]:
    """(source, cells, notes) of one code file."""
    check_size(shown, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(say("{file} is not UTF-8 text (byte {byte}); save it as UTF-8", file=shown,
                                  byte=exc.start)) from None
    if not filename.endswith(".ipynb"):
        return text, (), ()
    cells, notes = read_notebook(text, shown)
    return "\n\n".join(c.source for c in cells), cells, notes


def check_size(shown: str, size: int) -> None:
    """Refuse a module of more than :data:`MAX_SOURCE_BYTES`."""
    if size > MAX_SOURCE_BYTES:
        raise SubmissionError(say("{file} is {size} bytes; a module may have at most {most}", file=shown, size=size,
                                  most=MAX_SOURCE_BYTES))
