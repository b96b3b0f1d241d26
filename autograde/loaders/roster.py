"""A class: the paths an instructor gives become one :class:`Candidate` per student.

The rules (``docs/submissions.md`` explains them with LMS examples): a ``.py``/``.ipynb``
file is one submission; a zip or folder that directly holds exercise-named files is one
submission; otherwise it is a class whose entries are students, named by their folder,
zip or file name (Moodle, Canvas and Blackboard name patterns understood). Discovery reads
files but runs nothing, and never raises for one bad submission: what cannot be read
becomes that candidate's ``problem``.

A problem is read by the learner too (their feedback says why nothing was graded), so it
names files by their path inside the learner's submission and the submission itself as
"your submission", never by where the grading machine keeps it (``origin`` says that).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Sequence

from autograde.errors import SubmissionError
from autograde.loaders.archive import Tree, folder_tree, read_file, zip_tree
from autograde.loaders.submission import CODE_SUFFIXES, plan_modules

# Moodle: a folder per student, "Full Name_123456_assignsubmission_file_".
_MOODLE = re.compile(r"^(?P<student>.+?)_\d+_assignsubmission_[a-z]+_?$")
# Canvas: "login_[late_]123_456_original.py"; a resubmitted file's name gets "-1", "-2".
_CANVAS = re.compile(r"^(?P<student>.+?)_(?:late_)?\d+_\d+_(?P<file>.+)$", re.IGNORECASE)
_RESUBMISSION = re.compile(r"^(?P<stem>.+)-(?P<version>\d+)(?P<suffix>\.py|\.ipynb)$")
# Blackboard: "Assignment_user_attempt_2026-11-20-23-59-59_original.py".
_BLACKBOARD = re.compile(r"^.+_(?P<student>[^_]+)_attempt_\d{4}(?:-\d{2}){5}_(?P<file>.+)$")


@dataclass(frozen=True)
class Candidate:
    """One student's submission as found, before it is read as modules.

    ``problem`` is set (and ``files`` may be empty) when the submission cannot be read or
    is ambiguous; ``notes`` say what discovery decided for it (e.g. which version of a
    resubmitted file it kept).
    """

    student: str
    origin: str
    files: dict[str, bytes]
    problem: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def content_hash(self) -> str:
        """sha256 (hex) of the file names and bytes and the problem: what grading depends on."""
        digest = hashlib.sha256()
        for name, data in sorted(self.files.items()):
            for part in (name.encode("utf-8"), data):
                digest.update(len(part).to_bytes(8, "big"))  # lengths keep "ab"+"c" apart from "a"+"bc"
                digest.update(part)
        digest.update(self.problem.encode("utf-8"))
        return digest.hexdigest()


@dataclass(frozen=True)
class _File:
    """One file of a student, found in some entry of a class."""

    name: str
    origin: str
    data: bytes
    version: int | None = None  # Canvas' resubmission number; None where the LMS gives none
    shown: str = ""  # its path inside the learner's submission, for the learner's messages


@dataclass(frozen=True)
class _Entry:
    """What one entry of a class (or one whole input) gave for one student."""

    student: str
    origin: str
    files: tuple[_File, ...] = ()
    problem: str = ""


def discover(paths: Sequence[Path], *, exercises: Sequence[str]) -> list[Candidate]:
    """One :class:`Candidate` per student found in ``paths``, sorted by student.

    Raises :class:`SubmissionError` only for a path that does not exist; every problem of
    one submission is that candidate's ``problem``.
    """
    found: dict[str, list[tuple[Path, Candidate]]] = {}
    for path in paths:
        for candidate in _candidates(Path(path), tuple(exercises)):
            found.setdefault(candidate.student, []).append((Path(path), candidate))
    return [_single(student, candidates) for student, candidates in sorted(found.items())]


def _single(student: str, found: list[tuple[Path, Candidate]]) -> Candidate:
    """The one candidate of ``student``, or a problem when several inputs hold them (named
    by their folder or file name: the learner reads it too)."""
    if len(found) == 1:
        return found[0][1]
    inputs = "; ".join(path.name for path, _ in found)
    return Candidate(
        student=student, origin="; ".join(c.origin for _, c in found), files={},
        problem=(f"{student} was found in {len(found)} inputs ({inputs}); "
                 f"give each student's work once, or grade the inputs into separate gradebooks"),
    )


def _candidates(path: Path, exercises: tuple[str, ...]) -> list[Candidate]:
    """The candidates of one input path (rules 1 to 3)."""
    if not path.exists():
        raise SubmissionError(f"submission {str(path)!r} does not exist")
    if path.is_dir():
        tree = folder_tree(path, str(path), "")
        if _holds_exercises(tree, exercises):
            return _merge([_student_entry(path.resolve().name, tree, exercises)], exercises)
        return _merge(_class_entries(tree, exercises), exercises)
    if path.suffix == ".zip":
        try:
            tree = zip_tree(read_file(path, path.name), str(path), path.name).unwrap()
        except SubmissionError as exc:
            return [Candidate(student=path.stem, origin=str(path), files={}, problem=str(exc))]
        if _holds_exercises(tree, exercises) and not any(_holds_exercises(d, exercises) for d in tree.dirs.values()):
            return _merge([_student_entry(path.stem, tree, exercises)], exercises)
        return _merge(_class_entries(tree, exercises), exercises)
    if path.suffix in CODE_SUFFIXES:
        return _merge([_file_entry(path.name, str(path), path.name, lambda: read_file(path, path.name), exercises)],
                      exercises)
    return [Candidate(student=path.stem, origin=str(path), files={}, problem=(
        f"cannot read {path.name!r} as a submission: expected a folder, a .py file, a .ipynb notebook or a .zip archive"
    ))]


def _holds_exercises(tree: Tree, exercises: tuple[str, ...]) -> bool:
    return any(PurePosixPath(name).stem in exercises for name in tree.code())


def _class_entries(tree: Tree, exercises: tuple[str, ...]) -> list[_Entry]:
    """Each entry of a class folder or archive (rule 4): each is the top of one student's
    submission, named to the learner by its name in the class."""
    tree.rooted()
    entries = [_student_entry(_student_name(name), sub, exercises) for name, sub in tree.dirs.items()]
    for name, read in tree.files.items():
        origin = tree.origin(name)
        if name.endswith(".zip"):
            student = _student_name(PurePosixPath(name).stem)
            try:
                sub = zip_tree(read(), origin, tree.show(name))
            except SubmissionError as exc:
                entries.append(_Entry(student, origin, problem=str(exc)))
                continue
            entries.append(_student_entry(student, sub, exercises))
        else:
            entries.append(_file_entry(name, origin, tree.show(name), read, exercises))
    return entries


def _student_entry(student: str, tree: Tree, exercises: tuple[str, ...]) -> _Entry:
    """One student's folder or zip (rule 4), the top of their submission."""
    top = tree.rooted().unwrap()
    try:
        files = tuple(_File(name, top.origin(name), data, shown=top.show(name))
                      for name, data in student_files(tree).items())
    except SubmissionError as exc:
        return _Entry(student, top.where.removesuffix("!"), problem=str(exc))
    return _Entry(student, top.where.removesuffix("!"), files)


def student_files(tree: Tree, *, open_zip: bool = True) -> dict[str, bytes]:
    """The code files of one student's folder or zip: those at its top, after stripping
    one common folder. A folder holding no code but one zip (a Moodle upload of a zip) is
    read through that zip, one level deep only (so a zip holding itself ends there).

    Raises :class:`SubmissionError` when its code is only deeper down (a broken layout)
    or a file cannot be read.
    """
    top = tree.unwrap()
    zips = [name for name in top.files if name.endswith(".zip")]
    if not top.code() and open_zip and len(zips) == 1:
        return student_files(zip_tree(top.files[zips[0]](), top.origin(zips[0]), top.show(zips[0])), open_zip=False)
    if not top.code() and top.nested_code():
        raise SubmissionError(
            f"your submission holds its code only in sub-folders ({', '.join(map(top.show, top.nested_code()))}); "
            f"put the exercise files at the top of your folder or zip"
        )
    return {name: top.files[name]() for name in top.code()}


def _file_entry(name: str, origin: str, shown: str, read: Callable[[], bytes], exercises: tuple[str, ...]) -> _Entry:
    """A code file that is an entry of a class, named by its LMS's pattern (``shown``: its
    name to the learner)."""
    student, filename, version = _file_name(name, exercises)
    try:
        data = read()
    except SubmissionError as exc:
        return _Entry(student, origin, problem=str(exc))
    return _Entry(student, origin, (_File(filename, origin, data, version, shown=shown),))


def _student_name(name: str) -> str:
    """The student of a folder or zip named ``name`` (Moodle's pattern, or the name)."""
    moodle = _MOODLE.match(name)
    return moodle["student"] if moodle else name


def _file_name(name: str, exercises: tuple[str, ...]) -> tuple[str, str, int | None]:
    """(student, file name, resubmission number) of a file that is an entry of a class."""
    for pattern in (_BLACKBOARD, _CANVAS):
        found = pattern.match(name)
        if found:
            original = found["file"]
            version = None
            if pattern is _CANVAS:
                resubmitted = _RESUBMISSION.match(original)
                version = int(resubmitted["version"]) if resubmitted else 0
                original = f"{resubmitted['stem']}{resubmitted['suffix']}" if resubmitted else original
            return found["student"], original, version
    path = PurePosixPath(name)
    for exercise in sorted(exercises, key=len, reverse=True):  # "gradient_descent" before "descent"
        for separator in ("_", "-"):
            if path.stem.endswith(separator + exercise) and len(path.stem) > len(exercise) + 1:
                return path.stem[: -len(exercise) - 1], exercise + path.suffix, None
    return path.stem, name, None


def _merge(entries: list[_Entry], exercises: tuple[str, ...]) -> list[Candidate]:
    """One candidate per student of one input, merging the student's entries."""
    by_student: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_student.setdefault(entry.student, []).append(entry)
    return [_candidate(student, group, exercises) for student, group in by_student.items()]


def _candidate(student: str, entries: list[_Entry], exercises: tuple[str, ...]) -> Candidate:
    origin = ", ".join(e.origin for e in entries)
    problems = [e.problem for e in entries if e.problem]
    files: dict[str, bytes] = {}
    notes: list[str] = []
    by_name: dict[str, list[_File]] = {}
    for file in (f for e in entries for f in e.files):
        by_name.setdefault(file.name, []).append(file)
    for name, versions in sorted(by_name.items()):
        numbers = [f.version for f in versions]
        if len(versions) > 1 and (None in numbers or len(set(numbers)) < len(numbers)):
            problems.append(f"two files named {name}: {' and '.join(f.shown for f in versions)}; keep only one")
            continue
        latest = max(versions, key=lambda f: f.version or 0)
        files[name] = latest.data
        if len(versions) > 1:
            notes.append(f"{name}: kept {PurePosixPath(latest.shown).name}, the latest of {len(versions)} versions")
    if not problems:
        if not files:
            problems.append(f"your submission holds no .py or .ipynb file; hand in the exercise files "
                            f"({', '.join(f'{e}.py' for e in exercises) or 'NAME.py'}) or notebooks")
        else:
            try:
                plan_modules(files, exercises)
            except SubmissionError as exc:
                problems.append(str(exc))
    return Candidate(student=student, origin=origin, files=files, problem="; ".join(problems), notes=tuple(notes))
