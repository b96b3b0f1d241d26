"""The marker grammar of a course's files: what learners write, and what they never see.

A solution marks each part that learners write between ``### BEGIN SOLUTION`` and ``###
END SOLUTION`` (nbgrader's markers); ``### STUB: TEXT`` lines right after the ``BEGIN``
line give what replaces the region in the learner's stub. A grader keeps its hidden tests
between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``. A marker is a line of its
own (indentation aside); blocks pair up and do not nest.

:mod:`autograde.release` reads the markers to write stubs and public graders,
:mod:`autograde.notebooks` writes them into nbgrader's source notebooks and reads a
solution without them. ``docs/release.md`` describes the grammar for instructors.
"""

from __future__ import annotations

from autograde.errors import ConfigError

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
STUB = "### STUB:"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"


def blocks(lines: list[str], begin_marker: str, end_marker: str, *, name: str) -> list[tuple[int, int]]:
    """``(begin, end)`` line indices (0-based) of every block of ``lines`` between
    ``begin_marker`` and ``end_marker``; markers that do not pair up, or nest, raise
    ``ConfigError`` naming the file ``name`` and the line."""
    found = []
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
            found.append((opened, index))
            opened = None
    if opened is not None:
        raise ConfigError(
            f"{name}, line {opened + 1}: {begin_marker!r} is never closed; add {end_marker!r} "
            "after the block's last line."
        )
    return found


def stub_texts(lines: list[str], begin: int, end: int) -> list[str]:
    """The texts of the ``### STUB:`` lines that open the solution block from line
    ``begin`` to ``end``: what follows ``### STUB: `` (further spaces kept, so that a
    continuation line can be indented); ``""`` for a bare ``### STUB:``."""
    texts = []
    for line in lines[begin + 1:end]:
        if not line.strip().startswith(STUB):
            break
        texts.append(line.strip()[len(STUB):].removeprefix(" "))
    return texts


def strip_markers(source: str) -> str:
    """``source`` (a solution, marked or not) as plain code: solution marker and
    ``### STUB:`` lines removed."""
    return "".join(
        line for line in source.splitlines(keepends=True)
        if not line.strip().startswith((BEGIN_SOLUTION, END_SOLUTION, STUB))
    )
