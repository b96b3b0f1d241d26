"""The class as a CSV gradebook for an LMS import: a row per student, a column per exercise.

UTF-8 with a byte order mark, so that Excel shows Korean names, and RFC 4180 quoting by the
``csv`` module, so that names with commas or quotes stay in one cell.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Sequence

from autograde.gradebook import Row
from autograde.reporters._common import number, percent

# A cell starting with one of these is a formula to Excel and LibreOffice: a student
# named "=HYPERLINK(...)" would run it on the instructor's machine (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write(rows: Sequence[Row], out: Path, *, exercises: Sequence[str]) -> None:
    """Write ``rows`` to ``out``: ``student``, one column per exercise in ``exercises``'
    order, ``total``, ``max_total``, ``percent``, ``status``. An exercise a row's result
    does not contain is an empty cell, not a zero."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["student", *exercises, "total", "max_total", "percent", "status"])
        for row in rows:
            scores = {e.name: e.score for e in row.result.exercises}
            writer.writerow([
                _text(row.student),
                *(number(scores[e]) if e in scores else "" for e in exercises),
                number(row.result.score),
                number(row.result.max_score),
                number(percent(row.result.score, row.result.max_score), 2),
                row.status.value,
            ])


def _text(value: str) -> str:
    """``value`` as a cell no spreadsheet evaluates: a leading quote marks it as text."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value
