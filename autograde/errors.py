"""Every error autograde raises, in one tree.

::

    AutogradeError                      base of all of ours
    ├── LearnerError                    something the learner's code did; shown as feedback
    │   ├── StudentException            their code raised (type, message, their frames)
    │   ├── StudentTimeout              a call ran past the test's time limit
    │   ├── StudentCrash                the child process died (exit, signal, memory)
    │   ├── StudentLoadError            the module could not be imported
    │   ├── MissingModule               the submission has no file for the exercise
    │   ├── MissingName                 the module lacks a name the grader uses
    │   └── UnsupportedValue            a value that is not plain data crossed the boundary
    ├── ConfigError                     the instructor's course set-up is wrong
    │   └── UnknownExercise             an exercise name that the course does not have
    ├── SubmissionError                 the submission path cannot be read as a submission
    ├── EnvironmentProblem              autograde's own environment cannot grade (self-test)
    ├── SandboxFailure                  the sandbox stopped working while grading
    └── ProtocolError                   the child broke the wire protocol (treated as a crash)

Our own bugs are not in this tree: they surface as ordinary Python exceptions and are
reported as "internal error" so that they are never mistaken for the learner's mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class AutogradeError(Exception):
    """Base class of every error autograde raises on purpose."""


class LearnerError(AutogradeError):
    """Something the learner's code did. Its message is written for the learner."""


@dataclass(frozen=True)
class Frame:
    """One frame of a learner's traceback (only frames in the learner's own files)."""

    file: str
    line: int
    function: str
    code: str


class StudentException(LearnerError):
    """The learner's code raised ``type_name: message`` during ``call``."""

    def __init__(self, call: str, type_name: str, message: str, frames: tuple[Frame, ...] = ()) -> None:
        self.call = call
        self.type_name = type_name
        self.message = message
        self.frames = frames
        super().__init__(f"{type_name}: {message}")

    @property
    def not_implemented(self) -> bool:
        """True while the stub still raises ``NotImplementedError``."""
        return self.type_name == "NotImplementedError"


class StudentTimeout(LearnerError):
    """A call did not return within the test's time limit; the child was killed."""

    def __init__(self, call: str, limit_s: float) -> None:
        self.call = call
        self.limit_s = limit_s
        super().__init__(f"timed out after {limit_s:g} s")


class StudentCrash(LearnerError):
    """The learner's process ended during ``call`` (``reason`` says how)."""

    def __init__(self, call: str, reason: str) -> None:
        self.call = call
        self.reason = reason
        super().__init__(reason)


class StudentLoadError(LearnerError):
    """The learner's module could not be loaded; ``cause`` says why."""

    def __init__(self, module: str, cause: LearnerError | str) -> None:
        self.module = module
        self.cause = cause
        super().__init__(f"{module} could not be imported: {cause}")


class MissingName(LearnerError):
    """The learner's module has no attribute ``name``; ``available`` lists what it has."""

    def __init__(self, module: str, name: str, available: tuple[str, ...]) -> None:
        self.module = module
        self.name = name
        self.available = available
        found = ", ".join(available) if available else "nothing public"
        super().__init__(f"{module} has no name {name!r} (found: {found})")


class UnsupportedValue(LearnerError):
    """A value of a type that cannot cross the boundary as plain data."""


class ConfigError(AutogradeError):
    """The course configuration or a grader is wrong: the instructor's mistake."""


class UnknownExercise(ConfigError):
    """An exercise name the course does not define."""

    def __init__(self, name: str, available: tuple[str, ...]) -> None:
        self.name = name
        self.available = available
        super().__init__(
            f"no exercise named {name!r}; available exercises: {', '.join(available) or 'none'}"
        )


class SubmissionError(AutogradeError):
    """A submission path that cannot be read (missing, wrong layout)."""


class EnvironmentProblem(AutogradeError):
    """The sandbox's start-up self-test failed: in this Python installation, learner code
    could not import what the course needs. Never a learner's error: the person running
    autograde must fix the environment, and nothing is graded until then."""

    @classmethod
    def found(cls, python: str, preload: tuple[str, ...], problems: tuple[str, ...]) -> EnvironmentProblem:
        """The error for the self-test of the fork server of ``python`` preloading ``preload``."""
        server = f"the fork server that preloads {', '.join(preload)}" if preload else "the fork server"
        return cls("\n".join([
            f"autograde cannot grade with this Python ({python}): the start-up self-test of {server} failed, so "
            "every learner would get errors that are not theirs. Nothing was graded.",
            *(f"- {p}" for p in problems),
            "Where Python may live and what the self-test checks: docs/security.md.",
        ]))


class SandboxFailure(AutogradeError):
    """The sandbox itself stopped working while grading (its fork server ended): our
    failure, never the learner's; a batch records the submission as crashed."""


class ProtocolError(AutogradeError):
    """The child sent bytes that do not follow the protocol (or too many of them)."""


class MissingModule(LearnerError):
    """The submission has no file for the exercise the grader tests."""

    def __init__(self, module: str, where: str) -> None:
        self.module = module
        self.where = where
        super().__init__(f"no {module}.py in {where}")
