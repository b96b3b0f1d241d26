"""The instructor's commands: ``autograde grade``, ``autograde export``, ``autograde report``."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograde.cli import main
from autograde.config import Course
from autograde.gradebook import Gradebook, RowStatus


def grade(course: Course, *args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["grade", *args, "--course", str(course.root)])
    return done.exit_code, done.output


def test_grade_writes_gradebook_csv_feedback_and_report(small_course: Course, class_folder: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = grade(small_course, str(class_folder), "--out", str(out), "--jobs", "2")
    assert code == 1, output  # dee's zip is unreadable: graded, but not every submission
    lines = [line.strip() for line in output.splitlines()]
    assert "submissions found    4" in lines
    assert "failed to load       1" in lines
    assert any(line.startswith("dee unreadable: ") for line in lines)
    assert f"gradebook: {out / 'gradebook.db'}" in lines
    assert f"report:    {out / 'report.html'}" in lines
    with Gradebook(out / "gradebook.db") as book:
        assert [(r.student, r.status) for r in book.rows()] == [
            ("ana", RowStatus.GRADED), ("bo", RowStatus.GRADED), ("cy", RowStatus.GRADED),
            ("dee", RowStatus.UNREADABLE)]
    with open(out / "grades.csv", encoding="utf-8-sig", newline="") as f:
        table = {row["student"]: row for row in csv.DictReader(f)}
    assert sorted(table) == ["ana", "bo", "cy", "dee"]
    assert table["ana"]["total"] == table["ana"]["max_total"] and table["cy"]["total"] == "0"
    assert {p.name for p in (out / "feedback").iterdir()} == {
        f"{s}.{x}" for s in ("ana", "bo", "cy", "dee") for x in ("md", "html")}
    assert "<svg" in (out / "report.html").read_text(encoding="utf-8")


def test_a_second_run_keeps_unchanged_rows(small_course: Course, class_folder: Path, tmp_path: Path) -> None:
    book = str(tmp_path / "g.db")
    grade(small_course, str(class_folder / "ana"), str(class_folder / "cy"), "--gradebook", book)
    code, output = grade(small_course, str(class_folder / "ana"), str(class_folder / "cy"), "--gradebook", book)
    assert code == 0, output
    assert "2 submissions already graded and unchanged: kept (use --force to regrade)" in output
    assert "graded now           0 in" in output
    code, output = grade(small_course, str(class_folder / "ana"), "--gradebook", book, "--force")
    assert "graded now           1 in" in output


def test_public_grading_leaves_hidden_tests_out(small_course: Course, class_folder: Path, tmp_path: Path) -> None:
    book = tmp_path / "g.db"
    code, output = grade(small_course, str(class_folder / "ana"), "--gradebook", str(book), "--public")
    assert code == 0, output
    with Gradebook(book) as gradebook:
        (row,) = gradebook.rows()
    assert not row.hidden and not row.result.hidden_tests_run
    assert not any(t.hidden for e in row.result.exercises for t in e.tests)


@pytest.fixture
def graded(small_course: Course, class_folder: Path, tmp_path: Path) -> Path:
    book = tmp_path / "g.db"
    grade(small_course, str(class_folder), "--gradebook", str(book))
    return book


@pytest.mark.parametrize("format_, out_name", [
    ("csv", "grades.csv"), ("json", "json"), ("gradescope", "gradescope"), ("junit", "junit.xml"),
    ("markdown", "md"), ("html", "html"),
])
def test_export_each_format(graded: Path, tmp_path: Path, format_: str, out_name: str) -> None:
    out = tmp_path / out_name
    done = CliRunner().invoke(main, ["export", "--gradebook", str(graded), "--format", format_, "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert done.output.strip() == f"4 students exported as {format_} to {out}"
    if format_ == "csv":
        assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 5
    elif format_ == "json":
        assert json.loads((out / "ana.json").read_text())["schema"] == "autograde.result/1"
    elif format_ == "gradescope":
        assert json.loads((out / "bo" / "results.json").read_text())["tests"]
    elif format_ == "junit":
        assert int(ET.parse(out).getroot().get("failures", "0")) > 0
    else:
        suffix = ".md" if format_ == "markdown" else ".html"
        assert sorted(p.name for p in out.iterdir()) == [f"{s}{suffix}" for s in ("ana", "bo", "cy", "dee")]


def test_report_command(graded: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    done = CliRunner().invoke(main, ["report", "--gradebook", str(graded), "--out", str(out), "--title", "CS 101"])
    assert done.exit_code == 0, done.output
    assert "<title>CS 101" in out.read_text(encoding="utf-8")


def test_export_without_a_gradebook_says_what_to_do(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    done = CliRunner().invoke(main, ["export", "--gradebook", str(missing), "--format", "csv", "--out", "x.csv"])
    assert done.exit_code == 2
    assert done.output.strip() == (f"error: no gradebook at {missing}: grade a class first (autograde grade "
                                   "SUBMISSIONS), or name the file with --gradebook")
    assert not missing.exists()  # asking did not create an empty one


def test_grade_refuses_a_file_that_is_not_a_gradebook(small_course: Course, class_folder: Path,
                                                      tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n" * 200)
    code, output = grade(small_course, str(class_folder / "ana"), "--gradebook", str(notes))
    assert code == 2
    assert f"error: {notes} is not an autograde gradebook" in output
    assert notes.read_text() == "my notes\n" * 200
