"""Batch grading: every submission gets one row, rows resume after a kill, nothing is
graded twice without a reason, and a dying or hanging worker costs only its submission.

These tests use a small course (the perceptron and activations exercises of this
repository, copied into a temporary folder) so that a class grades in seconds.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

import autograde.batch as batch
from autograde.batch import grade_class, grader_version
from autograde.gradebook import Gradebook, RowStatus
from autograde.grading import current_environment
from autograde.reporters.batch import Progress
from autograde.results import Status, unreadable_message
from classroom import ROOT, count_rows, make_course, right, running_until, wrong


def test_every_submission_gets_a_row(small_course, class_folder: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Gradebook(tmp_path / "g.db") as book:
        outcome = grade_class(course=small_course, paths=[class_folder], gradebook=book, jobs=2)
        rows = {r.student: r for r in book.rows()}
    assert sorted(rows) == ["ana", "bo", "cy", "dee"]
    assert sorted(outcome.graded_now) == ["ana", "bo", "cy", "dee"]
    full = rows["ana"].result.max_score
    assert rows["ana"].status is RowStatus.GRADED and rows["ana"].result.score == full
    assert rows["bo"].status is RowStatus.GRADED and 0 < rows["bo"].result.score < full
    failed = {t.name for e in rows["bo"].result.exercises for t in e.tests if t.status is not Status.PASSED}
    assert "test_softmax_large_logits" in failed
    assert rows["cy"].result.score == 0
    assert Status.NOT_ATTEMPTED in {t.status for e in rows["cy"].result.exercises for t in e.tests}
    # the unreadable one still has every test, each an error saying why, and the full max score
    dee = rows["dee"]
    assert dee.status is RowStatus.UNREADABLE and "zip" in dee.error
    assert dee.result.max_score == full and dee.result.score == 0
    assert {t.status for e in dee.result.exercises for t in e.tests} == {Status.ERROR}
    assert all(t.message == str(unreadable_message(dee.error))
               for e in dee.result.exercises for t in e.tests)
    assert [r.student for r in outcome.not_graded] == ["dee"]


def test_hidden_tests_run_by_default_and_not_with_public(small_course, class_folder: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Gradebook(tmp_path / "g.db") as book:
        grade_class(course=small_course, paths=[class_folder / "ana"], gradebook=book, jobs=1)
        hidden = book.rows()[0].result
        grade_class(course=small_course, paths=[class_folder / "ana"], gradebook=book, jobs=1, hidden=False)
        public = book.rows()[0].result
    assert hidden.hidden_tests_run and any(t.hidden for e in hidden.exercises for t in e.tests)
    assert not public.hidden_tests_run and not any(t.hidden for e in public.exercises for t in e.tests)
    assert public.hidden_tests_not_run > 0 and public.max_score < hidden.max_score


def test_up_to_date_rows_are_kept_and_changed_ones_regraded(small_course, class_folder: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Gradebook(tmp_path / "g.db") as book:
        grade_class(course=small_course, paths=[class_folder], gradebook=book, jobs=2)
        first = {r.student: r for r in book.rows()}
        again = grade_class(course=small_course, paths=[class_folder], gradebook=book, jobs=2)
        assert again.graded_now == () and sorted(again.up_to_date) == ["ana", "bo", "cy", "dee"]
        assert {r.student: r for r in book.rows()} == first  # not even graded_at moved
        # bo fixes softmax: only bo is graded again, and now gets full marks
        shutil.copy(ROOT / "solutions" / "activations.py", class_folder / "bo")
        fixed = grade_class(course=small_course, paths=[class_folder], gradebook=book, jobs=2)
        assert fixed.graded_now == ("bo",)
        bo = {r.student: r for r in book.rows()}["bo"]
        assert bo.result.score == bo.result.max_score
        forced = grade_class(course=small_course, paths=[class_folder], gradebook=book, jobs=2, force=True)
        assert sorted(forced.graded_now) == ["ana", "bo", "cy", "dee"]
        assert len(book) == 4


def test_a_changed_grader_regrades_everyone(small_course, class_folder: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Gradebook(tmp_path / "g.db") as book:
        grade_class(course=small_course, paths=[class_folder / "ana"], gradebook=book, jobs=1)
        before = grader_version(small_course)
        grader = small_course.grader("perceptron")
        grader.write_text(grader.read_text() + "\n# a comment changes the grader's version too\n")
        assert grader_version(small_course) != before
        outcome = grade_class(course=small_course, paths=[class_folder / "ana"], gradebook=book, jobs=1)
        assert outcome.graded_now == ("ana",)
        assert book.rows()[0].grader_version == grader_version(small_course)


def _graded_in(gradebook: Path, student: str, key: str, value: str) -> None:
    """Make ``student``'s stored row say it was graded where ``key`` was ``value``."""
    with sqlite3.connect(gradebook) as db:
        db.execute("UPDATE results SET result = json_set(result, ?, ?) WHERE student = ?",
                   (f"$.environment.{key}", value, student))


def test_rows_graded_in_another_environment_are_graded_again(small_course, class_folder: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = [class_folder / "ana", class_folder / "bo", class_folder / "cy"]
    with Gradebook(tmp_path / "g.db") as book:
        grade_class(course=small_course, paths=paths, gradebook=book, jobs=2)
        first = {r.student: r for r in book.rows()}
    numpy = first["bo"].result.environment["numpy"]
    _graded_in(tmp_path / "g.db", "ana", "installation", "0123456789abcdef")  # another venv, say
    _graded_in(tmp_path / "g.db", "bo", "numpy", "1.0.0")  # graded before an upgrade
    with Gradebook(tmp_path / "g.db") as book:
        changes = book.stamp("ana").environment_changes(current_environment())
        assert changes == ("the Python installation or its packages",)
        screen = Console(file=io.StringIO(), width=200)
        with Progress(screen) as progress:
            again = grade_class(course=small_course, paths=paths, gradebook=book, jobs=2, listener=progress)
        assert sorted(again.graded_now) == ["ana", "bo"] and again.up_to_date == ("cy",)  # not kept
        sentence = ("2 submissions were graded in another environment (the Python installation or its packages; "
                    f"numpy 1.0.0 -> {numpy}): graded again")
        assert again.environment_changed == sentence
        assert screen.file.getvalue().splitlines() == [
            sentence, "1 submission already graded and unchanged: kept (use --force to regrade)"]
        rows = {r.student: r for r in book.rows()}
        # rewritten with the environment of now, and the same verdicts
        assert rows["ana"].result.environment == rows["bo"].result.environment == first["ana"].result.environment
        assert [rows[s].result.score for s in ("ana", "bo")] == [first[s].result.score for s in ("ana", "bo")]
        # what the workers recorded is what the coordinator compares with: a third run keeps everyone
        third = grade_class(course=small_course, paths=paths, gradebook=book, jobs=2)
        assert third.graded_now == () and third.environment_changed == ""


KILL_WORKER = '''

@pytest.mark.points(1)
def test_zz_grader_bug(student):
    import os, signal
    if float(student.sigmoid(np.array(0.0))) == 0.5 and os.environ.get("CRASH_ME") == "1":
        os.kill(os.getpid(), signal.SIGKILL)  # a grader bug that takes the worker down
'''


def test_a_worker_that_dies_costs_only_its_submission(make_small_course, tmp_path: Path, class_folder: Path,  # type: ignore[no-untyped-def]
                                                     monkeypatch) -> None:
    course = make_small_course(KILL_WORKER)
    monkeypatch.setenv("CRASH_ME", "1")  # inherited by the workers: every right sigmoid kills one
    with Gradebook(tmp_path / "g.db") as book:
        outcome = grade_class(course=course, paths=[class_folder], gradebook=book, jobs=2)
        rows = {r.student: r for r in book.rows()}
        stamp = book.stamp("ana")
    assert sorted(rows) == ["ana", "bo", "cy", "dee"]
    assert rows["ana"].status is RowStatus.CRASHED and rows["bo"].status is RowStatus.CRASHED
    assert rows["ana"].error.startswith("grading stopped: the worker process ended (killed by SIGKILL)")
    assert rows["cy"].status is RowStatus.GRADED  # stubs raise NotImplementedError: no kill, and a fresh worker
    assert rows["ana"].result.max_score == rows["cy"].result.max_score
    assert not stamp.up_to_date(rows["ana"].content_hash, rows["ana"].grader_version, True, rows["ana"].result.environment)
    assert len(outcome.rows) == 4


HANG = '''

@pytest.mark.points(1)
def test_zz_grader_hangs(student):
    import time
    time.sleep(120)  # a grader bug no per-test limit catches: it is the grader's own code
'''


def test_a_hanging_submission_is_stopped_and_recorded(make_small_course, tmp_path: Path, class_folder: Path,  # type: ignore[no-untyped-def]
                                                     monkeypatch) -> None:
    course = make_small_course(HANG)
    monkeypatch.setattr(batch, "submission_budget", lambda course, tests: 5.0)  # instead of ~100 s
    started = time.monotonic()
    with Gradebook(tmp_path / "g.db") as book:
        grade_class(course=course, paths=[class_folder / "ana"], gradebook=book, jobs=1)
        (row,) = book.rows()
    assert time.monotonic() - started < 60
    assert row.status is RowStatus.TIMED_OUT
    assert row.error == ("grading this submission took longer than 5 s in all (the sum of its time limits) "
                         "and was stopped")


def _cli(course: Path, classdir: Path, gradebook: Path) -> list[str]:
    return [sys.executable, "-m", "autograde", "grade", str(classdir), "--jobs", "2", "--gradebook", str(gradebook),
            "--course", str(course)]


def test_kill_9_halfway_then_rerun_gives_exactly_one_right_row_each(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    classdir = tmp_path / "class"
    count = 16
    for i in range(count):
        (right if i % 2 else wrong)(classdir / f"s{i:02d}")
    reference = tmp_path / "reference.db"
    subprocess.run(_cli(course, classdir, reference), check=True, capture_output=True)
    gradebook = tmp_path / "killed.db"
    process = running_until(_cli(course, classdir, gradebook), gradebook, count // 2)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = count_rows(gradebook)
    assert 0 < killed_at < count
    # its workers die with it (they asked the kernel for that), fork servers and children too
    time.sleep(1)
    leftover = subprocess.run(["pgrep", "-f", str(course)], capture_output=True, text=True).stdout.split()
    assert leftover == []
    done = subprocess.run(_cli(course, classdir, gradebook), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{killed_at} submissions already graded and unchanged: kept" in done.stdout

    def table(path: Path) -> dict[str, tuple[str, float, float]]:
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            return {s: (st, sc, mx) for s, st, sc, mx in db.execute(
                "SELECT student, status, score, max_score FROM results")}

    assert table(gradebook) == table(reference)
    assert len(table(gradebook)) == count


def test_ctrl_c_keeps_the_rows_written_and_stops_everything(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    classdir = tmp_path / "class"
    for i in range(16):
        right(classdir / f"s{i:02d}")
    gradebook = tmp_path / "g.db"
    process = running_until(_cli(course, classdir, gradebook), gradebook, 3, interruptible=True)
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 130, output
    assert "interrupted" in output
    time.sleep(0.5)
    assert subprocess.run(["pgrep", "-f", str(course)], capture_output=True, text=True).stdout.split() == []
    kept = count_rows(gradebook)
    assert 3 <= kept < 16
    with Gradebook(gradebook) as book:
        assert all(r.status is RowStatus.GRADED and r.result.score == r.result.max_score for r in book.rows())
