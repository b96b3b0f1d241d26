"""Every entry point that grades (check, ci, validate, grade's batch worker, plain pytest)
grades through one GradingSession, so the behaviours that once drifted between them are
checked here through each of them: an unreadable submission, the sandbox's fallback
warning, the per-exercise preload, output folders that do not exist yet. Also the bad
inputs every command refuses with exit 2 and one sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograde.cli import main
from autograde.gradebook import Gradebook, RowStatus
from autograde.results import Result, Status, unreadable_message
from autograde.sandbox.isolation import fallback_warning

PYPROJECT = '''[tool.autograde]
exercises = ["twice", "probe"]

[tool.autograde.exercise.probe]
preload = ["wave"]
'''
SOLUTIONS = {
    "twice": "def double(x):\n    return 2 * x\n",
    "probe": "import sys\n\ndef preloaded():\n    return 'wave' in sys.modules\n",
}
STUBS = {
    "twice": "def double(x):\n    raise NotImplementedError\n",
    "probe": "def preloaded():\n    raise NotImplementedError\n",
}
GRADERS = {
    "twice": '''
import pytest

@pytest.mark.points(2)
@pytest.mark.hint("Multiply by two.")
def test_double(student, reference):
    assert student.double(3) == reference.double(3)

@pytest.mark.hidden
@pytest.mark.points(1)
@pytest.mark.hint("Negative numbers too.")
def test_negative(student):
    got = student.double(-4)
    assert got == -8, f"SECRET-MESSAGE double(-4) returned {got}, expected -8"
''',
    # The learner's code reports whether its fork server had the exercise's preload imported.
    "probe": '''
import pytest

@pytest.mark.points(1)
def test_preloaded(student):
    assert student.preloaded() is True, "the fork server of probe did not preload wave"
''',
}
BROKEN_NOTEBOOK = b'{"cells": [ this is not JSON'
FALLBACK = fallback_warning("namespaces were turned off (AUTOGRADE_SANDBOX=basic)")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    for folder, files in (("solutions", SOLUTIONS), ("exercises", STUBS)):
        (root / folder).mkdir(parents=True)
        for name, text in files.items():
            (root / folder / f"{name}.py").write_text(text, encoding="utf-8")
    (root / "graders").mkdir()
    for name, text in GRADERS.items():
        (root / "graders" / f"test_{name}.py").write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    return root


def unreadable(folder: Path) -> Path:
    """A learner's folder whose twice notebook is not JSON (and no probe at all)."""
    folder.mkdir(parents=True)
    (folder / "twice.ipynb").write_bytes(BROKEN_NOTEBOOK)
    return folder


def right(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in SOLUTIONS.items():
        (folder / f"{name}.py").write_text(text, encoding="utf-8")
    return folder


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def plain_pytest(course: Path, submission: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "autograde.plain_pytest",
                           "--submission", str(submission), *extra, "graders"],
                          cwd=course, capture_output=True, text=True, env={**os.environ, "AUTOGRADE_COURSE": ""})


def every_message(result: Result) -> set[str]:
    return {t.message for e in result.exercises for t in e.tests}


# ---------------------------------------------------------------------- an unreadable submission


def test_check_grades_an_unreadable_submission_as_a_result_that_says_why(course, tmp_path):
    work = unreadable(tmp_path / "work")
    code, output = cli("check", "--course", str(course), "--submission", str(work), "--json",
                       str(tmp_path / "out.json"))
    assert code == 1, output
    result = Result.from_json((tmp_path / "out.json").read_text(encoding="utf-8"))
    [message] = every_message(result)
    assert message.startswith(str(unreadable_message(""))) and "twice.ipynb" in message
    assert {t.status for e in result.exercises for t in e.tests} == {Status.ERROR}
    assert result.max_score == 3 and result.score == 0  # twice's public test and probe's
    assert "Your work could not be read" in output


def test_ci_grades_an_unreadable_submission_the_same_way(course, tmp_path, monkeypatch):
    work = unreadable(course / "notebooks")
    monkeypatch.chdir(course)
    code, output = cli("ci", "--submission", str(work), "--json", str(tmp_path / "ci.json"))
    assert code == 1, output
    result = Result.from_json((tmp_path / "ci.json").read_text(encoding="utf-8"))
    [message] = every_message(result)
    assert message.startswith(str(unreadable_message(""))) and "twice.ipynb" in message
    assert result.max_score == 3 and result.score == 0


def test_the_batch_worker_gives_an_unreadable_submission_its_row(course, tmp_path):
    unreadable(tmp_path / "class" / "ana")
    right(tmp_path / "class" / "bo")
    code, output = cli("grade", str(tmp_path / "class"), "--course", str(course), "--gradebook",
                       str(tmp_path / "g.db"), "--jobs", "1")
    assert code == 1, output  # one submission could not be graded
    with Gradebook(tmp_path / "g.db") as book:
        rows = {row.student: row for row in book.rows()}
    assert rows["bo"].status is RowStatus.GRADED and rows["bo"].result.score == rows["bo"].result.max_score == 4
    assert rows["ana"].status is RowStatus.UNREADABLE and "twice.ipynb" in rows["ana"].error
    assert every_message(rows["ana"].result) == {str(unreadable_message(rows["ana"].error))}


def test_plain_pytest_stops_on_an_unreadable_submission_with_its_reason(course, tmp_path):
    done = plain_pytest(course, unreadable(tmp_path / "work"))
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, done.stdout + done.stderr
    assert "twice.ipynb" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------------- the fallback warning


@pytest.fixture
def fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTOGRADE_SANDBOX", "basic")


def test_check_warns_once_when_the_sandbox_falls_back(course, fallback):
    code, output = cli("check", "--course", str(course), "--submission", str(course / "solutions"))
    assert code == 0, output
    assert output.count(FALLBACK) == 1


def test_ci_warns_once_when_the_sandbox_falls_back(course, fallback, monkeypatch):
    monkeypatch.chdir(course)
    code, output = cli("ci", "--submission", "solutions")
    assert code == 0, output
    assert output.count(FALLBACK) == 1


def test_validate_warns_once_when_the_sandbox_falls_back(course, fallback):
    code, output = cli("validate", "--course", str(course), "twice")
    assert output.count(FALLBACK) == 1, output
    assert code in (0, 1) and "internal error" not in output  # a verdict on the graders, not a crash


def test_grade_warns_once_when_the_sandbox_falls_back(course, fallback, tmp_path):
    right(tmp_path / "class" / "ana")
    code, output = cli("grade", str(tmp_path / "class"), "--course", str(course), "--gradebook",
                       str(tmp_path / "g.db"), "--jobs", "1")
    assert code == 0, output
    assert output.count(FALLBACK) == 1


def test_plain_pytest_warns_when_the_sandbox_falls_back(course, fallback):
    done = plain_pytest(course, course / "solutions", "-W", "always")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "runs without kernel namespaces here (namespaces were turned off (AUTOGRADE_SANDBOX=basic))" in done.stdout


# ---------------------------------------------------------------------- the per-exercise preload


def test_plain_pytest_grades_each_exercise_in_the_server_that_preloads_its_modules(course):
    done = plain_pytest(course, course / "solutions", "-k", "preloaded")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_check_grades_each_exercise_in_the_server_that_preloads_its_modules(course):
    code, output = cli("check", "probe", "--course", str(course), "--submission", str(course / "solutions"))
    assert code == 0, output


# ---------------------------------------------------------------------- output folders


def test_check_creates_the_folder_of_its_json_file(course, tmp_path):
    out = tmp_path / "not" / "yet" / "result.json"
    code, output = cli("check", "--course", str(course), "--submission", str(course / "solutions"),
                       "--json", str(out))
    assert code == 0, output
    assert Result.from_json(out.read_text(encoding="utf-8")).score == 3


def test_ci_creates_the_folders_of_its_json_and_junit_files(course, tmp_path, monkeypatch):
    monkeypatch.chdir(course)
    code, output = cli("ci", "--submission", "solutions", "--json", str(tmp_path / "a" / "r.json"),
                       "--junit", str(tmp_path / "b" / "j.xml"))
    assert code == 0, output
    assert json.loads((tmp_path / "a" / "r.json").read_text(encoding="utf-8"))["score"] == 3
    assert (tmp_path / "b" / "j.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_grade_creates_the_folders_of_everything_it_writes(course, tmp_path):
    right(tmp_path / "class" / "ana")
    out = tmp_path / "deep" / "er"
    code, output = cli("grade", str(tmp_path / "class"), "--course", str(course), "--out", str(out),
                       "--csv", str(tmp_path / "csv" / "here" / "grades.csv"))
    assert code == 0, output
    assert {p.name for p in out.iterdir()} == {"gradebook.db", "feedback", "report.html"}
    assert (tmp_path / "csv" / "here" / "grades.csv").read_text(encoding="utf-8-sig").startswith("student,")


# ---------------------------------------------------------------------- bad input: exit 2, one sentence


def one_error(output: str) -> str:
    """The one error line of a refused command; no traceback."""
    assert "Traceback" not in output
    [line] = [line for line in output.splitlines() if line.startswith(("Error:", "error:"))]
    return line


@pytest.mark.parametrize("value", ["0", "-1"])
def test_a_timeout_that_is_not_positive_is_refused(course, value):
    code, output = cli("check", "--course", str(course), "--timeout", value)
    assert code == 2
    assert "--timeout" in one_error(output) and "x>0" in one_error(output)


def test_export_to_a_file_where_a_folder_goes_is_refused(course, tmp_path):
    right(tmp_path / "class" / "ana")
    assert cli("grade", str(tmp_path / "class"), "--course", str(course), "--gradebook", str(tmp_path / "g.db"))[0] == 0
    (tmp_path / "taken.txt").write_text("mine", encoding="utf-8")
    code, output = cli("export", "--gradebook", str(tmp_path / "g.db"), "--format", "html", "--out",
                       str(tmp_path / "taken.txt"))
    assert code == 2
    assert "is a file" in one_error(output) and "writes a folder" in one_error(output)
    assert (tmp_path / "taken.txt").read_text(encoding="utf-8") == "mine"


def test_an_earlier_export_is_replaced_only_with_force(course, tmp_path):
    right(tmp_path / "class" / "ana")
    assert cli("grade", str(tmp_path / "class"), "--course", str(course), "--gradebook", str(tmp_path / "g.db"))[0] == 0
    (tmp_path / "grades.csv").write_text("an earlier export", encoding="utf-8")
    export = ("export", "--gradebook", str(tmp_path / "g.db"), "--format", "csv", "--out", str(tmp_path / "grades.csv"))
    code, output = cli(*export)
    assert code == 2 and "exists already" in one_error(output) and "--force" in one_error(output)
    assert (tmp_path / "grades.csv").read_text(encoding="utf-8") == "an earlier export"
    assert cli(*export, "--force")[0] == 0
    assert (tmp_path / "grades.csv").read_text(encoding="utf-8-sig").startswith("student,")


def test_report_refuses_to_replace_a_file_without_force(course, tmp_path):
    right(tmp_path / "class" / "ana")
    assert cli("grade", str(tmp_path / "class"), "--course", str(course), "--gradebook", str(tmp_path / "g.db"))[0] == 0
    (tmp_path / "report.html").write_text("notes", encoding="utf-8")
    code, output = cli("report", "--gradebook", str(tmp_path / "g.db"), "--out", str(tmp_path / "report.html"))
    assert code == 2 and "exists already" in one_error(output)


def test_an_output_under_a_file_is_refused_where_it_is_parsed(course, tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    code, output = cli("check", "--course", str(course), "--json", str(tmp_path / "file" / "x.json"))
    assert code == 2
    assert "cannot be created" in one_error(output) and "is a file" in one_error(output)


def test_a_class_with_no_submissions_is_exit_1_and_writes_no_report(course, tmp_path):
    (tmp_path / "empty").mkdir()
    code, output = cli("grade", str(tmp_path / "empty"), "--course", str(course), "--out", str(tmp_path / "out"))
    assert code == 1
    assert one_error(output).startswith(f"error: no submissions found in {tmp_path / 'empty'}")
    assert not (tmp_path / "out" / "report.html").exists() and not (tmp_path / "out" / "grades.csv").exists()


# ---------------------------------------------------------------------- what a learner may see


def test_ci_with_hidden_tests_shows_learners_a_hidden_failure_without_its_details(course, tmp_path, monkeypatch):
    import base64

    work = tmp_path / "learner"
    work.mkdir()
    (work / "twice.py").write_text("def double(x):\n    return 2 * abs(x)\n", encoding="utf-8")  # wrong below 0
    (work / "probe.py").write_text(SOLUTIONS["probe"], encoding="utf-8")
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs.txt"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    monkeypatch.chdir(course)
    code, log = cli("ci", "--course", str(course), "--hidden", "--submission", str(work),
                    "--junit", str(tmp_path / "junit.xml"), "--json", str(tmp_path / "result.json"))
    assert code == 1, log
    runners = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    classroom = base64.b64decode(runners["twice"]).decode()
    secrets = ("SECRET-MESSAGE", "expected -8", "Negative numbers too")
    for seen, text in (("the job log and its annotations", log), ("the job summary", summary.read_text("utf-8")),
                       ("GitHub Classroom", classroom)):
        assert "test_negative" in text, seen
        for secret in secrets:
            assert secret not in text, f"{seen} shows the hidden test's {secret!r}"
    [hidden] = [t for t in json.loads(classroom)["tests"] if t["name"].startswith("test_negative")]
    assert (hidden["name"], hidden["status"], hidden["score"], hidden["max_score"]) == (
        "test_negative (hidden)", "fail", 0, 1)
    assert "::error " in log  # the annotations are there, without the details
    # the artifacts are for staff: they keep everything
    junit = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    document = (tmp_path / "result.json").read_text(encoding="utf-8")
    for secret in ("SECRET-MESSAGE double(-4) returned 8, expected -8", "Negative numbers too"):
        assert secret in document, document
    assert "SECRET-MESSAGE double(-4) returned 8, expected -8" in junit
