"""What grading found, as versioned, always-complete data. No formatting here.

The JSON form is documented in ``docs/results.md``; ``SCHEMA`` names its version. A
document of another major version is refused by :meth:`Result.from_json` rather than
misread.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Mapping, Protocol, Sequence

from autograde.i18n.text import Message, Text, say

SCHEMA = "autograde.result/1"


class Status(str, Enum):
    """The closed set of outcomes of one test."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    NOT_ATTEMPTED = "not_attempted"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class TestResult:
    """One grader test's outcome for one submission."""

    __test__ = False  # not a pytest test class, despite the name

    name: str
    score: float
    max_score: float
    status: Status
    message: str = ""
    hint: str | None = None
    duration_s: float = 0.0
    hidden: bool = False
    output: str = ""
    warnings: tuple[str, ...] = ()
    # ``message`` and ``hint`` as language-neutral data (autograde.i18n.text), so that they
    # can be written again in another language; None where they are plain text only.
    message_data: Any = None
    hint_data: Any = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["status"] = self.status.value
        d["warnings"] = list(self.warnings)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TestResult:
        return cls(**{**d, "status": Status(d["status"]), "warnings": tuple(d.get("warnings", ()))})


@dataclass(frozen=True)
class ExerciseResult:
    """One exercise: its tests and their sum."""

    name: str
    tests: tuple[TestResult, ...]
    notes: tuple[str, ...] = ()  # what loading the exercise's module noticed (a notebook cell that failed)
    notes_data: tuple[Any, ...] = ()  # the notes as language-neutral data, where they have it (as message_data)

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tests)

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tests)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": self.score,
            "max_score": self.max_score,
            "notes": list(self.notes),
            "notes_data": list(self.notes_data),
            "tests": [t.to_dict() for t in self.tests],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExerciseResult:
        return cls(name=d["name"], tests=tuple(TestResult.from_dict(t) for t in d["tests"]),
                   notes=tuple(d.get("notes", ())), notes_data=tuple(d.get("notes_data", ())))


@dataclass(frozen=True)
class Result:
    """One submission, graded: the document ``--json`` writes and gradebooks store."""

    submission: str
    exercises: tuple[ExerciseResult, ...]
    hidden_tests_run: bool
    hidden_tests_not_run: int
    environment: dict[str, str]
    graded_at: str
    duration_s: float
    notes: tuple[str, ...] = field(default=())
    language: str = "en"  # the language its messages and hints were written in
    notes_data: tuple[Any, ...] = ()  # the notes as language-neutral data, where they have it (as message_data)

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_score for e in self.exercises)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "submission": self.submission,
            "score": self.score,
            "max_score": self.max_score,
            "hidden_tests_run": self.hidden_tests_run,
            "hidden_tests_not_run": self.hidden_tests_not_run,
            "graded_at": self.graded_at,
            "duration_s": self.duration_s,
            "environment": dict(self.environment),
            "notes": list(self.notes),
            "notes_data": list(self.notes_data),
            "language": self.language,
            "exercises": [e.to_dict() for e in self.exercises],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Result:
        d = json.loads(text)
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not an {SCHEMA} document (schema {d.get('schema')!r})")
        return cls(
            submission=d["submission"],
            exercises=tuple(ExerciseResult.from_dict(e) for e in d["exercises"]),
            hidden_tests_run=d["hidden_tests_run"],
            hidden_tests_not_run=d["hidden_tests_not_run"],
            environment=d["environment"],
            graded_at=d["graded_at"],
            duration_s=d["duration_s"],
            notes=tuple(d.get("notes", ())),
            language=d.get("language", "en"),
            notes_data=tuple(d.get("notes_data", ())),
        )


class Planned(Protocol):
    """What a placeholder needs of a test that would have run (a grader's spec)."""

    @property
    def points(self) -> float: ...

    @property
    def hidden(self) -> bool: ...


def placeholder(
    tests: Mapping[str, Sequence[tuple[str, Planned]]],
    *,
    submission: str,
    message: str,
    hidden: bool,
    environment: Mapping[str, str],
    notes: tuple[str, ...] = (),
    message_data: Any = None,
    language: str = "en",
    notes_data: tuple[Any, ...] = (),
) -> Result:
    """A complete result for a submission that could not be graded: each test of
    ``tests`` (exercise -> (name, spec) in order; hidden ones only when ``hidden``) is an
    error saying ``message``, so totals and exports still account for every point."""
    return Result(
        submission=submission,
        exercises=tuple(
            ExerciseResult(exercise, tuple(
                TestResult(name=name, score=0.0, max_score=spec.points, status=Status.ERROR, message=message,
                           hidden=spec.hidden, message_data=message_data)
                for name, spec in specs if hidden or not spec.hidden
            ))
            for exercise, specs in tests.items()
        ),
        hidden_tests_run=hidden,
        hidden_tests_not_run=0 if hidden else sum(spec.hidden for specs in tests.values() for _, spec in specs),
        environment=dict(environment),
        graded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        duration_s=0.0,
        notes=notes,
        language=language,
        notes_data=notes_data,
    )


def unreadable_message(problem: Message) -> Text:
    """What every test of a submission that could not be read says."""
    return say("Your work could not be read, so no test could run: {problem}", problem=problem)


def ungraded_message(error: Message) -> Text:
    """What every test of a submission whose grading stopped (a crash, a time limit) says."""
    return say("This submission could not be graded: {error}", error=error)
