"""Folders and zip archives as one kind of tree of files, read safely.

A zip is read in memory (nothing is extracted to disk) and refused whole when it is not a
zip, is damaged, holds an absolute or ``..`` path or an encrypted member, or is larger than
:data:`MAX_ARCHIVE_BYTES` uncompressed, or holds a module over ``MAX_SOURCE_BYTES``: sizes
are checked from the headers and again while reading, since headers can lie (zip bombs).
Only what grading can use is kept: ``.py``, ``.ipynb`` and ``.zip`` files outside the
folders tools leave behind (``__MACOSX``, ``.ipynb_checkpoints``, ``__pycache__``, hidden).
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

from autograde.errors import SubmissionError
from autograde.i18n.text import say
from autograde.loaders.submission import CODE_SUFFIXES, MAX_SOURCE_BYTES, check_size

MAX_ARCHIVE_BYTES = 64 << 20  # uncompressed, all members together
KEPT_SUFFIXES = (*CODE_SUFFIXES, ".zip")
IGNORED_FOLDERS = ("__MACOSX", ".ipynb_checkpoints", "__pycache__")


@dataclass
class Tree:
    """A folder of a class folder or archive: its kept files (read on demand) and folders.

    ``where`` names the folder to the person running autograde: a path, or
    ``class.zip!alice`` inside a zip. ``shown`` names it to the learner, whose messages never
    show where the grading machine keeps their work: its path inside their submission
    ("" at the submission's top, see :meth:`rooted`).
    """

    where: str
    files: dict[str, Callable[[], bytes]] = field(default_factory=dict)
    dirs: dict[str, Tree] = field(default_factory=dict)
    shown: str = ""

    def origin(self, name: str) -> str:
        """How to name the entry ``name`` of this folder to the person running autograde."""
        return _joined(self.where, name)

    def show(self, name: str) -> str:
        """How to name the entry ``name`` of this folder to the learner."""
        return _joined(self.shown, name) if self.shown else name

    def rooted(self) -> Tree:
        """This folder as the top of a learner's submission: from now on the learner's
        names of its entries (and the messages that reading them raises) start here."""
        self.shown = ""
        self._show_below()
        return self

    def _show_below(self) -> None:
        for name, sub in self.dirs.items():
            sub.shown = self.show(name)
            sub._show_below()

    def unwrap(self) -> Tree:
        """This folder, or its only folder when that is all it holds (one level)."""
        if not self.files and len(self.dirs) == 1:
            return next(iter(self.dirs.values()))
        return self

    def code(self) -> list[str]:
        """Names of the ``.py`` and ``.ipynb`` files directly in this folder."""
        return sorted(n for n in self.files if n.endswith(CODE_SUFFIXES))

    def nested_code(self) -> list[str]:
        """Paths of the code files in this folder's sub-folders, at any depth."""
        return sorted(f"{d}/{p}" for d, sub in self.dirs.items() for p in (*sub.code(), *sub.nested_code()))


def ignored(name: str) -> bool:
    """Whether a file or folder name is one that tools leave behind (or hidden)."""
    return name.startswith(".") or name in IGNORED_FOLDERS


def _joined(folder: str, name: str) -> str:
    return f"{folder}{name}" if folder.endswith("!") else f"{folder}/{name}"


def folder_tree(path: Path, where: str, shown: str | None = None) -> Tree:
    """The kept files of folder ``path`` and its sub-folders (symbolic links to folders are
    not followed, so a link loop cannot trap discovery). ``where`` and ``shown`` name the
    folder (see :class:`Tree`; ``shown`` is ``where`` unless given)."""
    tree = Tree(where, shown=where if shown is None else shown)
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if ignored(entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            tree.dirs[entry.name] = folder_tree(Path(entry.path), tree.origin(entry.name), tree.show(entry.name))
        elif entry.is_file() and entry.name.endswith(KEPT_SUFFIXES):
            tree.files[entry.name] = _disk_reader(Path(entry.path), tree, entry.name)
    return tree


def zip_tree(data: bytes, where: str, shown: str) -> Tree:
    """The kept members of zip ``data`` as a tree; ``where`` and ``shown`` name the zip (to
    the person running autograde, to the learner: see :class:`Tree`)."""
    tree = Tree(f"{where}!", shown=f"{shown}!")
    for member, content in read_zip(data, shown).items():
        *folders, name = member.split("/")
        node = tree
        for folder in folders:
            node = node.dirs.setdefault(folder, Tree(node.origin(folder), shown=node.show(folder)))
        node.files[name] = _held(content)
    return tree


def read_file(path: Path, shown: str) -> bytes:
    """The bytes of a kept file, refused before reading when it is too big."""
    size = path.stat().st_size
    if path.suffix == ".zip":
        if size > MAX_ARCHIVE_BYTES:
            raise SubmissionError(f"{shown} is {size} bytes; an archive may have at most {MAX_ARCHIVE_BYTES}")
    else:
        check_size(shown, size)
    return path.read_bytes()


def _disk_reader(path: Path, tree: Tree, name: str) -> Callable[[], bytes]:
    # The learner's name of the file is taken when it is read: by then the tree may be rooted.
    return lambda: read_file(path, tree.show(name))


def _held(content: bytes) -> Callable[[], bytes]:
    return lambda: content


def read_zip(data: bytes, shown: str) -> dict[str, bytes]:
    """The kept members of zip ``data`` by path; raises :class:`SubmissionError` for a zip
    that is unreadable, unsafe or too big (see the module's docstring)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise SubmissionError(say("{archive} is not a zip archive or is damaged ({error}); zip the files again",
                                  archive=shown, error=str(exc))) from None
    for member in members:
        _check_member(member, shown)
    total = sum(m.file_size for m in members)
    if total > MAX_ARCHIVE_BYTES:
        raise SubmissionError(
            f"{shown} holds {total} bytes uncompressed; an archive may hold at most {MAX_ARCHIVE_BYTES}: "
            f"leave data sets and outputs out of it"
        )
    kept = {}
    for member in members:
        parts = PurePosixPath(member.filename).parts
        if any(ignored(p) for p in parts) or not member.filename.endswith(KEPT_SUFFIXES):
            continue
        limit = member.file_size  # the header's promise; reading checks that it holds
        if member.filename.endswith(CODE_SUFFIXES):
            check_size(f"{shown}!{member.filename}", limit)
        kept[member.filename] = _read_member(archive, member, limit, shown)
    return kept


def _check_member(member: zipfile.ZipInfo, shown: str) -> None:
    name = member.filename
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":"):
        raise SubmissionError(
            f"{shown} holds an unsafe path {name!r} (absolute or with '..'); zip the files with relative paths"
        )
    if member.flag_bits & 0x1:
        raise SubmissionError(f"{shown} holds an encrypted member {name!r}; zip the files without a password")


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int, shown: str) -> bytes:
    try:
        with archive.open(member) as stream:
            content = stream.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise SubmissionError(
            f"{shown}!{member.filename} cannot be read ({exc}); zip the files again"
        ) from None
    if len(content) > limit:
        raise SubmissionError(
            f"{shown}!{member.filename} holds more than the {limit} bytes its header declares; zip the files again"
        )
    return content
