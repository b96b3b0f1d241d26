"""The SQLite gradebook: rows round-trip, replace without duplicates, survive reopening,
refuse files that are not gradebooks, and stay whole under concurrent writers."""

from __future__ import annotations

import dataclasses

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from autograde.errors import GradebookError
from autograde.gradebook import SCHEMA, Gradebook, Row, RowStatus, Stamp
from autograde.results import ExerciseResult, Result, Status, TestResult


def make_row(student: str, score: float = 1.0, status: RowStatus = RowStatus.GRADED, content: str = "h1") -> Row:
    test = TestResult("test_step", score, 2.0, Status.PASSED if score == 2.0 else Status.FAILED,
                      message="" if score == 2.0 else "When calling step(...)")
    result = Result(submission=student, exercises=(ExerciseResult("perceptron", (test,)),), hidden_tests_run=True,
                    hidden_tests_not_run=0, environment={"autograde": "0.1.0"}, graded_at="2026-11-23T00:00:00+00:00",
                    duration_s=0.5)
    return Row(student=student, origin=f"class/{student}", status=status, result=result, content_hash=content,
               grader_version="0.1.0+abc", hidden=True, graded_at="2026-11-23T00:00:01+00:00", duration_s=0.5,
               error="" if status is RowStatus.GRADED else "broken notebook")


def test_rows_round_trip_sorted(tmp_path: Path) -> None:
    with Gradebook(tmp_path / "g.db") as book:
        for name in ("민수", "bob", "alice"):
            book.put(make_row(name))
        rows = book.rows()
    assert [r.student for r in rows] == ["alice", "bob", "민수"]
    assert rows[2] == make_row("민수")


def test_put_replaces_the_students_row(tmp_path: Path) -> None:
    with Gradebook(tmp_path / "g.db") as book:
        book.put(make_row("alice", score=0.0))
        book.put(make_row("alice", score=2.0, content="h2"))
        assert len(book) == 1
        assert book.rows()[0].result.score == 2.0


def test_rows_survive_reopening(tmp_path: Path) -> None:
    with Gradebook(tmp_path / "g.db") as book:
        book.put(make_row("alice"))
    with Gradebook(tmp_path / "g.db") as book:
        assert [r.student for r in book.rows()] == ["alice"]


def test_stamp_says_what_a_row_was_graded_from(tmp_path: Path) -> None:
    env = {"autograde": "0.1.0"}
    with Gradebook(tmp_path / "g.db") as book:
        assert book.stamp("alice") is None
        book.put(make_row("alice"))
        stamp = book.stamp("alice")
    assert stamp == Stamp("h1", "0.1.0+abc", True, RowStatus.GRADED, env)
    assert stamp.up_to_date("h1", "0.1.0+abc", True, env)
    assert not stamp.up_to_date("h2", "0.1.0+abc", True, env)      # the submission changed
    assert not stamp.up_to_date("h1", "0.1.1+def", True, env)      # the graders changed
    assert not stamp.up_to_date("h1", "0.1.0+abc", False, env)     # public tests only this time


def test_a_verdict_reached_in_another_environment_is_not_up_to_date(tmp_path: Path) -> None:
    graded_in = {"autograde": "0.1.0", "numpy": "2.4.6", "installation": "aaaa", "sandbox": "namespaces"}
    row = make_row("alice")
    row = dataclasses.replace(row, result=dataclasses.replace(row.result, environment=graded_in))
    with Gradebook(tmp_path / "g.db") as book:
        book.put(row)
        book.put(make_row("bob", status=RowStatus.UNREADABLE))
        alice, bob = book.stamp("alice"), book.stamp("bob")
    assert alice.up_to_date("h1", "0.1.0+abc", True, graded_in)
    elsewhere = {**graded_in, "numpy": "2.3.1", "installation": "bbbb"}
    assert not alice.up_to_date("h1", "0.1.0+abc", True, elsewhere)
    assert alice.environment_changes(elsewhere) == ("the Python installation or its packages", "numpy 2.4.6 -> 2.3.1")
    assert alice.environment_changes({**graded_in, "sandbox": "fallback"}) == ("the sandbox",)
    # An unreadable submission's row holds no verdict that an environment decided.
    assert bob.up_to_date("h1", "0.1.0+abc", True, elsewhere)


def test_a_crash_is_never_up_to_date(tmp_path: Path) -> None:
    with Gradebook(tmp_path / "g.db") as book:
        book.put(make_row("alice", status=RowStatus.CRASHED))
        assert not book.stamp("alice").up_to_date("h1", "0.1.0+abc", True, {"autograde": "0.1.0"})
        book.put(make_row("bob", status=RowStatus.UNREADABLE))
        assert book.stamp("bob").up_to_date("h1", "0.1.0+abc", True, {"autograde": "0.1.0"})


def test_a_file_that_is_not_a_gradebook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(GradebookError, match=r"notes.db is not an autograde gradebook"):
        Gradebook(path)


def test_a_gradebook_of_another_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    Gradebook(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'autograde.gradebook/9' WHERE key = 'schema'")
    with pytest.raises(GradebookError) as caught:
        Gradebook(path)
    assert str(caught.value) == (f"{path} is a gradebook of schema 'autograde.gradebook/9'; "
                                 f"this autograde reads {SCHEMA!r}")


def _writer(path: str, worker: int) -> None:
    with Gradebook(path) as book:
        for i in range(40):
            # half the names are shared between writers: the same rows written concurrently
            name = f"shared_{i % 20}" if i % 2 else f"w{worker}_{i}"
            book.put(make_row(name, score=float(worker % 3)))


def test_concurrent_writers_do_not_corrupt_it(tmp_path: Path) -> None:
    path = str(tmp_path / "g.db")
    Gradebook(path).close()
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(path, w)) for w in range(4)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
        assert process.exitcode == 0
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Gradebook(path) as book:
        rows = book.rows()
    names = [r.student for r in rows]
    assert len(names) == len(set(names)) == 4 * 20 + 10
    assert all(r.result.exercises[0].tests[0].name == "test_step" for r in rows)


def test_the_hidden_seed_is_made_once_and_kept(tmp_path: Path) -> None:
    with Gradebook(tmp_path / "g.db") as book:
        seed = book.hidden_seed()
        assert book.hidden_seed() == seed
    with Gradebook(tmp_path / "g.db") as book:
        assert book.hidden_seed() == seed  # a resumed run meets the same hidden inputs
    with Gradebook(tmp_path / "other.db") as book:
        assert book.hidden_seed() != seed  # another class, another secret
