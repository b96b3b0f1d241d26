"""The gradebook: one row per student, each holding the complete result document.

SQLite, written only by the coordinator of a batch (``autograde grade``). Every result is
committed as soon as it is known, so a killed run loses at most the submissions being
graded at that moment, and re-running resumes. See ``docs/gradebook.md``.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterator

from autograde.errors import GradebookError
from autograde.results import Result


class RowStatus(str, Enum):
    """How grading one submission ended (a closed set)."""

    GRADED = "graded"          # the graders ran; the result says how each test went
    UNREADABLE = "unreadable"  # the submission could not be read (broken zip, notebook, layout)
    CRASHED = "crashed"        # grading itself failed (a worker died, an internal error)
    TIMED_OUT = "timed_out"    # grading the whole submission ran past the batch's limit


@dataclass(frozen=True)
class Row:
    """One student's line in the gradebook.

    ``result`` is always complete: when a submission could not be graded, every test of
    every exercise is in it with status ``error`` and ``error`` as its message, so that
    totals, exports and reports never miss a test.
    """

    student: str          # the student's name or id, as found in the submission's path
    origin: str           # where the submission came from (a path, or ZIP!member)
    status: RowStatus
    result: Result
    content_hash: str     # sha256 of the submission's files (names and bytes)
    grader_version: str   # hash of the graders, solutions, course settings and autograde
    hidden: bool          # whether hidden tests were run
    graded_at: str        # ISO 8601, UTC
    duration_s: float
    error: str = ""       # why the submission could not be graded; "" when graded


SCHEMA = "autograde.gradebook/1"

_CREATE = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    student        TEXT PRIMARY KEY,
    origin         TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('graded', 'unreadable', 'crashed', 'timed_out')),
    score          REAL NOT NULL,
    max_score      REAL NOT NULL,
    content_hash   TEXT NOT NULL,
    grader_version TEXT NOT NULL,
    hidden         INTEGER NOT NULL,
    graded_at      TEXT NOT NULL,
    duration_s     REAL NOT NULL,
    error          TEXT NOT NULL,
    result         TEXT NOT NULL
);
"""

_COLUMNS = ("student", "origin", "status", "score", "max_score", "content_hash", "grader_version", "hidden",
            "graded_at", "duration_s", "error", "result")


class Gradebook:
    """A gradebook file. Safe to share between processes: SQLite locks, WAL journal.

    Each :meth:`put` is its own transaction, synced to disk before it returns
    (``synchronous=FULL``), so a row that was reported written survives ``kill -9`` and a
    power cut, and a half-written row never exists.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=60.0, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            with self._transaction():
                for statement in _statements(_CREATE):  # executescript would COMMIT our transaction
                    self._db.execute(statement)
                found = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if found is None:
                    self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
                elif found[0] != SCHEMA:
                    raise GradebookError(
                        f"{self.path} is a gradebook of schema {found[0]!r}; this autograde reads {SCHEMA!r}"
                    )
        except sqlite3.DatabaseError as exc:
            raise GradebookError(f"{self.path} is not an autograde gradebook ({exc}); "
                                 "give --gradebook a new file name or the right file") from None

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock at once: two runs never interleave a read-modify-write.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def put(self, row: Row) -> None:
        """Insert or replace ``row.student``'s row, committed before returning."""
        values = (row.student, row.origin, row.status.value, row.result.score, row.result.max_score,
                  row.content_hash, row.grader_version, int(row.hidden), row.graded_at, row.duration_s,
                  row.error, row.result.to_json())
        with self._transaction():
            self._db.execute(
                f"INSERT OR REPLACE INTO results ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                values,
            )

    def hidden_seed(self) -> int:
        """The secret seed of the hidden tests' random inputs for this gradebook's class,
        made on first use and kept, so that every student, across interrupted and resumed
        runs, meets the same hidden inputs. Never sent to a learner's child."""
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('hidden_seed', ?)", (str(secrets.randbits(63)),))
            return int(self._db.execute("SELECT value FROM meta WHERE key = 'hidden_seed'").fetchone()[0])

    def stamp(self, student: str) -> Stamp | None:
        """What ``student``'s row was graded from, or None when there is no row."""
        found = self._db.execute(
            "SELECT content_hash, grader_version, hidden, status, json_extract(result, '$.environment') "
            "FROM results WHERE student = ?", (student,)
        ).fetchone()
        if found is None:
            return None
        environment = json.loads(found[4]) if found[4] else {}
        return Stamp(found[0], found[1], bool(found[2]), RowStatus(found[3]), environment)

    def rows(self) -> list[Row]:
        """Every row, sorted by student."""
        cursor = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM results ORDER BY student")
        return [_row(dict(zip(_COLUMNS, values))) for values in cursor]

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0])


@dataclass(frozen=True)
class Stamp:
    """What a stored row was graded from, and how grading it ended."""

    content_hash: str
    grader_version: str
    hidden: bool
    status: RowStatus
    environment: dict[str, str] = field(default_factory=dict)  # the graded result's environment

    def up_to_date(self, content_hash: str, grader_version: str, hidden: bool, environment: dict[str, str]) -> bool:
        """Whether grading again would give the same row. A crash is never up to date:
        it says our grading failed, not what the submission deserves; nor is a verdict
        reached in another environment (interpreter, packages, sandbox), which is where
        a broken environment's wrong grades would otherwise stay."""
        return (self.status is not RowStatus.CRASHED
                and (self.content_hash, self.grader_version, self.hidden) == (content_hash, grader_version, hidden)
                and not self.environment_changes(environment))

    def environment_changes(self, environment: dict[str, str]) -> tuple[str, ...]:
        """How ``environment`` differs from the one this graded row was graded in, each
        as a phrase (``numpy 2.4.6 -> 2.3.1``); () when it does not, or for a row that
        holds no verdict (unreadable, timed out: the environment did not decide them)."""
        if self.status is not RowStatus.GRADED:
            return ()
        changes = []
        for key in sorted(set(environment) | set(self.environment)):
            before, now = self.environment.get(key, "none"), environment.get(key, "none")
            if before != now:
                changes.append({"installation": "the Python installation or its packages",
                                "sandbox": "the sandbox"}.get(key, f"{key} {before} -> {now}"))
        return tuple(changes)


def _row(d: dict) -> Row:
    return Row(
        student=d["student"], origin=d["origin"], status=RowStatus(d["status"]),
        result=Result.from_json(d["result"]), content_hash=d["content_hash"],
        grader_version=d["grader_version"], hidden=bool(d["hidden"]), graded_at=d["graded_at"],
        duration_s=d["duration_s"], error=d["error"],
    )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
