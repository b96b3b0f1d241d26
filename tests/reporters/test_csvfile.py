"""The CSV gradebook, read back the way an LMS import or a spreadsheet reads it."""

from __future__ import annotations

import csv
from pathlib import Path

from autograde.gradebook import Row
from autograde.reporters import csvfile
from autograde.results import Status, TestResult

from .conftest import EXERCISES, FULL, STUB, UNREADABLE, WRONG, hand_result, make_row


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        return list(reader.fieldnames or ()), list(reader)


def test_a_row_per_student_a_column_per_exercise(rows: list[Row], tmp_path: Path) -> None:
    out = tmp_path / "grades.csv"
    csvfile.write(rows, out, exercises=EXERCISES)
    header, lines = read(out)
    assert header == ["student", "perceptron", "activations", "losses", "total", "max_total", "percent", "status"]
    by_student = {line["student"]: line for line in lines}
    assert [line["student"] for line in lines] == [row.student for row in rows]
    full = next(row for row in rows if row.student == FULL).result
    points = {e.name: f"{e.score:g}" for e in full.exercises}
    assert by_student[FULL] == {"student": FULL, **points, "total": f"{full.max_score:g}",
                                "max_total": f"{full.max_score:g}", "percent": "100", "status": "graded"}
    assert all(p.isdigit() for p in points.values())  # whole points: no "23.0"
    assert by_student[STUB]["total"] == "0" and by_student[STUB]["status"] == "graded"
    assert by_student[UNREADABLE]["status"] == "unreadable" and by_student[UNREADABLE]["total"] == "0"
    wrong = next(row for row in rows if row.student == WRONG)
    assert by_student[WRONG]["total"] == f"{wrong.result.score:g}"
    assert 0 < float(by_student[WRONG]["percent"]) < 100


def test_utf8_with_bom_and_rfc4180_quoting(rows: list[Row], tmp_path: Path) -> None:
    out = tmp_path / "grades.csv"
    csvfile.write(rows, out, exercises=EXERCISES)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "김민수".encode() in raw
    assert b'"Lee, ""Jay"""' in raw  # one cell, quotes doubled
    assert raw.count(b"\r\n") == len(rows) + 1


def test_half_points_and_missing_exercises(tmp_path: Path) -> None:
    half = TestResult("test_a", 0.5, 0.5, Status.PASSED)
    rows = [make_row("a", hand_result(half, TestResult("test_b", 17.0, 17.0, Status.PASSED),
                                      TestResult("test_c", 0.0, 2.0, Status.FAILED)))]
    out = tmp_path / "grades.csv"
    csvfile.write(rows, out, exercises=("perceptron", "losses"))
    _, [line] = read(out)
    assert (line["perceptron"], line["losses"], line["total"], line["max_total"], line["percent"]) == (
        "17.5", "", "17.5", "19.5", "89.74")


def test_a_name_that_looks_like_a_formula_is_kept_as_text(tmp_path: Path) -> None:
    rows = [make_row(name, hand_result(TestResult("test_a", 1.0, 1.0, Status.PASSED)))
            for name in ("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "plain-name")]
    out = tmp_path / "grades.csv"
    csvfile.write(rows, out, exercises=("perceptron",))
    _, lines = read(out)
    assert [line["student"] for line in lines] == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "plain-name"]
