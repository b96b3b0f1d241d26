"""The one table of what a gradebook's rows can be written as: ``autograde export
--format NAME``, ``autograde report`` and ``autograde grade --out``/``--csv``/``--feedback``/
``--report`` all write through it, so a format means the same file whichever command
wrote it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal, Sequence

from autograde.gradebook import Row
from autograde.i18n import Words
from autograde.reporters import csvfile, feedback, gradescope, jsonfiles, junit, report
from autograde.reporters.visibility import ENGLISH

Target = Literal["file", "folder"]


@dataclass(frozen=True)
class Exporter:
    """One format: whether it writes a file or a folder, and how."""

    name: str
    target: Target
    description: str
    writer: Callable[..., object]

    def write(self, rows: Sequence[Row], out: Path, *, words: Words = ENGLISH, **options: Any) -> None:
        """Write ``rows`` to ``out`` (a file or folder, made with its parents); what people
        read in it is in ``words``' language (data formats ignore it)."""
        (out.parent if self.target == "file" else out).mkdir(parents=True, exist_ok=True)
        self.writer(rows, out, words=words, **options)


def exercises_of(rows: Sequence[Row]) -> list[str]:
    """The exercises of the rows' results, in the order they were graded."""
    return list(dict.fromkeys(e.name for row in rows for e in row.result.exercises))


EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("csv", "file", "one row per student (LMS import)",
             lambda rows, out, words: csvfile.write(rows, out, exercises=exercises_of(rows))),
    Exporter("json", "folder", "the result documents, with index.json",
             lambda rows, out, words: jsonfiles.write(rows, out)),
    Exporter("gradescope", "folder", "results.json per student", gradescope.write),
    Exporter("junit", "file", "one JUnit XML file", lambda rows, out, words: junit.write(rows, out)),
    Exporter("markdown", "folder", "feedback per student (.md)",
             lambda rows, out, words: feedback.write(rows, out, formats=("md",), words=words)),
    Exporter("html", "folder", "feedback per student (.html)",
             lambda rows, out, words: feedback.write(rows, out, formats=("html",), words=words)),
    Exporter("feedback", "folder", "feedback per student (.md and .html)", feedback.write),
    Exporter("report", "file", "the class report (one HTML page)",
             lambda rows, out, words, title=None: report.write(rows, out, title=title, words=words)),
)}
