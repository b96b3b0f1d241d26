"""The one table of what a gradebook's rows can be written as: ``autograde export
--format NAME``, ``autograde report`` and ``autograde grade --out``/``--csv``/``--feedback``/
``--report`` all write through it, so a format means the same file whichever command
wrote it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal, Sequence

from autograde.gradebook import Row
from autograde.reporters import csvfile, feedback, gradescope, jsonfiles, junit, report

Target = Literal["file", "folder"]


@dataclass(frozen=True)
class Exporter:
    """One format: whether it writes a file or a folder, and how."""

    name: str
    target: Target
    description: str
    writer: Callable[..., object]

    def write(self, rows: Sequence[Row], out: Path, **options: Any) -> None:
        """Write ``rows`` to ``out`` (a file or folder, made with its parents)."""
        (out.parent if self.target == "file" else out).mkdir(parents=True, exist_ok=True)
        self.writer(rows, out, **options)


def exercises_of(rows: Sequence[Row]) -> list[str]:
    """The exercises of the rows' results, in the order they were graded."""
    return list(dict.fromkeys(e.name for row in rows for e in row.result.exercises))


REPORT_TITLE = "autograde class report"

EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("csv", "file", "one row per student (LMS import)",
             lambda rows, out: csvfile.write(rows, out, exercises=exercises_of(rows))),
    Exporter("json", "folder", "the result documents, with index.json", jsonfiles.write),
    Exporter("gradescope", "folder", "results.json per student", gradescope.write),
    Exporter("junit", "file", "one JUnit XML file", junit.write),
    Exporter("markdown", "folder", "feedback per student (.md)",
             lambda rows, out: feedback.write(rows, out, formats=("md",))),
    Exporter("html", "folder", "feedback per student (.html)",
             lambda rows, out: feedback.write(rows, out, formats=("html",))),
    Exporter("feedback", "folder", "feedback per student (.md and .html)", feedback.write),
    Exporter("report", "file", "the class report (one HTML page)",
             lambda rows, out, title=REPORT_TITLE: report.write(rows, out, title=title)),
)}
