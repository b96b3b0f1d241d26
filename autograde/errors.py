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
    │   ├── UnsupportedValue            a value that is not plain data crossed the boundary
    │   ├── GradingFailure              a grader's check found a wrong answer (also an
    │   │                               AssertionError: pytest fails the test)
    │   └── NotAttempted                a grader found the stub's own value where the learner
    │                                   fills one in (a table of weights left at zero)
    ├── ConfigError                     the instructor's course set-up is wrong
    │   ├── UnknownExercise             an exercise name that the course does not have
    │   └── ToleranceError              a grader gave rtol without atol, or atol without rtol
    ├── SubmissionError                 the submission path cannot be read as a submission
    │   └── NoSubmissions               ``grade`` found no submission in the paths it was given
    ├── GradebookError                  the gradebook file is not ours, or of a version we cannot read
    ├── EnvironmentProblem              autograde's own environment cannot grade (self-test)
    ├── ClusterError                    the Dask cluster ``grade --cluster`` names cannot grade
    │   └── WorkerRefused               one Dask worker cannot grade this coordinator's course
    ├── SandboxFailure                  the sandbox stopped working while grading
    ├── ProtocolError                   the child broke the wire protocol (treated as a crash)
    │   └── MessageTooLarge             a message announced more bytes than its reader takes
    └── ChildError                      a request to a learner's child got no reply; never
        │                               leaves autograde.sandbox: the proxy turns each into
        │                               the learner's error written beside it
        ├── ChildTimeout                -> StudentTimeout
        ├── ChildDied                   -> StudentCrash
        └── ReplyTooLarge               -> UnsupportedValue

Whose mistake it is decides who reads it: ``LearnerError`` is the learner's, shown as a
test's feedback (``NotAttempted`` and a stub's ``NotImplementedError``, a
``StudentException``, read as "not attempted", not as a wrong answer); ``ConfigError`` the instructor's, to fix in the course or its graders;
``SubmissionError`` and ``GradebookError`` are about the paths the person running
autograde named; ``EnvironmentProblem`` and ``SandboxFailure`` are our environment's, never
counted against a learner; ``ClusterError`` is the cluster's that ``grade --cluster`` named,
for whoever runs it. ``ProtocolError`` and ``ChildError`` are what the sandbox sees of
a child; the proxy turns them into the learner's errors.

Our own bugs are not in this tree: they surface as ordinary Python exceptions and are
reported as "internal error" so that they are never mistaken for the learner's mistake.
Nor is ``autograde.sandbox.child._CellStopped``: a private ``BaseException`` the child
raises inside a notebook cell that ran past its time limit (so that the learner's
``except Exception`` cannot swallow it), caught by the child itself; it never leaves that
process.

This module is imported in the sandboxed child too: it imports nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence


class AutogradeError(Exception):
    """Base class of every error autograde raises on purpose. Its message is a string, or
    a message kept as data (``autograde.i18n.text``; ``said``), which a command writes in
    the language it speaks (``str()`` is the English)."""

    said: object = None

    def __init__(self, *args: object) -> None:
        if args and (hasattr(args[0], "id") or hasattr(args[0], "parts")):  # a Text or a Join
            self.said = args[0]
            args = (str(args[0]), *args[1:])
        super().__init__(*args)


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

    @property
    def function(self) -> str:
        """The name of the function that was called (``call`` up to its arguments)."""
        return self.call.split("(")[0]

    @property
    def syntax_error(self) -> bool:
        """True when Python could not read the learner's code (it never ran)."""
        return self.type_name in ("SyntaxError", "IndentationError", "TabError")


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


class MissingModule(LearnerError):
    """The submission has no file for the exercise the grader tests. ``where`` is the
    submission's path, for the person running autograde; the learner's message does not
    show it (on a grading machine it is a path of the instructor's disk)."""

    def __init__(self, module: str, where: str) -> None:
        self.module = module
        self.where = where
        super().__init__(f"no {module}.py in {where}")


class MissingName(LearnerError):
    """The learner's module has no attribute ``name``; ``available`` lists what it has;
    ``unfinished`` the notes of its notebook cells that did not finish (a cell stops at the
    line that raised or ran out of time: what it defines below that line is never defined)."""

    def __init__(self, module: str, name: str, available: tuple[str, ...], unfinished: tuple[object, ...] = ()) -> None:
        self.module = module
        self.name = name
        self.available = available
        self.unfinished = unfinished
        found = ", ".join(available) if available else "nothing public"
        super().__init__(f"{module} has no name {name!r} (found: {found})")


class UnsupportedValue(LearnerError):
    """A value of a type that cannot cross the boundary as plain data."""


class GradingFailure(LearnerError, AssertionError):
    """A grader's check failed. ``message`` says what happened; ``hint`` how to fix it (or
    None). An ``AssertionError`` too, so that plain pytest reports a failed test."""

    def __init__(self, message: object, hint: object = None) -> None:
        # str or a message kept as data (autograde.i18n.text, whose str() is its English)
        self.message = message
        self.hint = hint
        super().__init__(str(message) + (f"\nHint: {hint}" if hint else ""))

    @property
    def text(self) -> str:
        """The message in English."""
        return str(self.message)

    @property
    def hint_text(self) -> str | None:
        """The hint in English (None when there is none)."""
        return None if self.hint is None else str(self.hint)


class NotAttempted(LearnerError):
    """A grader found the learner's work as the stub left it, where there is no
    ``NotImplementedError`` to say so (a constant the learner fills in, still the stub's
    value). ``message`` says what is still to do; the test reads as not attempted."""

    def __init__(self, message: object) -> None:
        self.message = message
        super().__init__(str(message))

    @property
    def text(self) -> str:
        """The message in English."""
        return str(self.message)


class ConfigError(AutogradeError):
    """The course configuration or a grader is wrong: the instructor's mistake."""


class UnknownExercise(ConfigError):
    """An exercise name the course does not define."""

    def __init__(self, name: str, available: tuple[str, ...]) -> None:
        from autograde.i18n.text import say  # here: the i18n package imports this module

        self.name = name
        self.available = available
        super().__init__(say("no exercise named {name}; available exercises: {names}", name=repr(name),
                             names=", ".join(available) or say("none")))


class ToleranceError(ConfigError):
    """A grader called ``function`` with ``rtol`` or ``atol`` alone: the two are one choice."""

    def __init__(self, function: str, rtol: float | None, atol: float | None) -> None:
        given, missing, value = ("rtol", "atol", rtol) if atol is None else ("atol", "rtol", atol)
        super().__init__(
            f"{function}({given}={value!r}) has no {missing}: rtol and atol are given together or not at all; "
            f"give {missing} as well, or neither to use the defaults for the expected value's dtype "
            "(autograde.compare.TOLERANCES)"
        )


class SubmissionError(AutogradeError):
    """A submission path that cannot be read (missing, wrong layout)."""


class GradebookError(AutogradeError):
    """The gradebook file is not one of ours, or of a version this autograde cannot read."""


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


class ClusterError(AutogradeError):
    """``autograde grade --cluster``: the scheduler cannot be reached, no worker can grade
    the course, or the cluster stopped mid-run. Nothing of it is a learner's: the run stops
    (exit status 2) and the rows written so far stay."""


class WorkerRefused(ClusterError):
    """A Dask worker's autograde or unpacked course differs from the coordinator's: that
    worker takes none of the run's submissions (its plugin says why)."""


class SandboxFailure(AutogradeError):
    """The sandbox itself stopped working while grading (its fork server ended): our
    failure, never the learner's; a batch records the submission as crashed."""


class ProtocolError(AutogradeError):
    """The child sent bytes that do not follow the protocol (or too many of them)."""


class MessageTooLarge(ProtocolError):
    """A message announced more bytes than the reader accepts."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"message of {size} bytes exceeds the limit of {limit} bytes")


class ChildError(AutogradeError):
    """A request to a learner's child got no reply. Raised by the sandbox's ``Child`` and
    caught by the proxy right above it, which raises the learner's error instead."""


class ChildTimeout(ChildError):
    """The child did not answer before the deadline (it has been killed)."""


class ChildDied(ChildError):
    """The child ended; ``reason`` says how, in a learner's words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class ReplyTooLarge(ChildError):
    """The child announced a reply larger than the limit (it has been killed)."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"{size} bytes, over the limit of {limit} bytes")


class NoSubmissions(SubmissionError):
    """``autograde grade`` found no submission in ``paths``: nothing to grade, so nothing is
    written (an empty gradebook would look like a class that scored nothing)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        super().__init__(f"no submissions found in {', '.join(str(p) for p in self.paths)}: a class is a folder with "
                         "one submission per student (a folder, .py, .ipynb or .zip each), or an LMS export")
