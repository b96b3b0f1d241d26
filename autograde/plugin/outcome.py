"""From what happened in a test to its status and a message for the learner."""

from __future__ import annotations

from autograde.errors import (
    ConfigError,
    GradingFailure,
    LearnerError,
    MissingModule,
    MissingName,
    NotAttempted,
    StudentCrash,
    StudentException,
    StudentLoadError,
    StudentTimeout,
    UnsupportedValue,
)
from autograde.results import Status

# The learner's words, each one sentence with named placeholders (so that it can be
# translated whole). Paths are the learner's: a file's name in their submission, never
# where the grading machine keeps it.
MISSING_MODULE = "There is no {module}.py in your submission."
SYNTAX_HINT = ("Python could not read line {line} of {file}, so none of the file ran: fix the line shown "
               "(a missing bracket, quote or colon is often reported on the line after it, so look at the "
               "line above it too).")
SYNTAX_HINT_NO_LINE = ("Python could not read {file}, so none of the file ran: fix the line the error names "
                       "(a missing bracket, quote or colon is often reported on the line after it, so look at "
                       "the line above it too).")
TOP_LEVEL_HINT = ("Run `python {file}` yourself to see the problem. Code at the top level of the file runs on "
                  'import: keep experiments inside functions or under `if __name__ == "__main__":`.')


def classify(exc: BaseException | None, marker_hint: str | None) -> tuple[Status, str, str | None]:
    """(status, message, hint) for a test that raised ``exc`` (None: it passed)."""
    if exc is None:
        return Status.PASSED, "", None
    if isinstance(exc, NotAttempted):
        return Status.NOT_ATTEMPTED, exc.message, None
    if isinstance(exc, GradingFailure):
        return Status.FAILED, exc.message, exc.hint or marker_hint
    if isinstance(exc, AssertionError):
        return Status.FAILED, str(exc) or "an assertion of the grader failed", marker_hint
    if isinstance(exc, StudentLoadError):
        cause = exc.cause
        if isinstance(cause, StudentException):
            detail = cause.explained(f"importing {exc.module}")
        elif isinstance(cause, StudentTimeout):
            detail = f"Importing it did not finish within {cause.limit_s:g} s."
        else:
            detail = f"While importing it, {cause}."
        return (
            Status.TIMEOUT if isinstance(cause, StudentTimeout) else Status.ERROR,
            f"{exc.module} could not be imported, so none of its functions could be tested.\n{detail}",
            _load_hint(exc),
        )
    if isinstance(exc, StudentException):
        status = Status.NOT_ATTEMPTED if exc.not_implemented else Status.ERROR
        return status, exc.feedback(), None if exc.not_implemented else marker_hint
    if isinstance(exc, StudentTimeout):
        return (
            Status.TIMEOUT,
            f"When calling {exc.call}: timed out after {exc.limit_s:g} s; the process was stopped.",
            "Look for a loop that never ends (a `while` whose condition never changes) or work "
            "that grows much faster than the input.",
        )
    if isinstance(exc, StudentCrash):
        return Status.ERROR, f"When calling {exc.call}: {exc.reason}.", marker_hint
    if isinstance(exc, MissingModule):
        return (
            Status.NOT_ATTEMPTED,
            MISSING_MODULE.format(module=exc.module),
            f"Start from the stub exercises/{exc.module}.py.",
        )
    if isinstance(exc, MissingName):
        return (
            Status.ERROR,
            f"{exc.module} has no `{exc.name}`. Names found: {', '.join(exc.available) or 'none'}.",
            "Keep the names and signatures of the stub exactly as given: the grader calls them by name.",
        )
    if isinstance(exc, UnsupportedValue):
        return Status.FAILED, f"{exc}.", marker_hint
    if isinstance(exc, LearnerError):
        return Status.ERROR, str(exc), marker_hint
    if isinstance(exc, ConfigError):
        return Status.ERROR, f"The grader is misconfigured (tell your instructor): {exc}", None
    return (
        Status.ERROR,
        f"The grader could not check the result ({type(exc).__name__}: {exc}). This usually "
        "means the function returned a value of an unexpected type or shape.",
        marker_hint,
    )


def _load_hint(exc: StudentLoadError) -> str:
    """What fits why a module could not be imported: for a syntax error, the line to fix;
    for code that raised or hung while importing, how to see it (for a notebook, which cell
    to run)."""
    cause = exc.cause
    if isinstance(cause, StudentException) and cause.syntax_error:
        if cause.frames:
            return SYNTAX_HINT.format(line=cause.frames[-1].line, file=cause.frames[-1].file)
        return SYNTAX_HINT_NO_LINE.format(file=exc.module)
    if not exc.module.endswith(".ipynb"):
        return TOP_LEVEL_HINT.format(file=exc.module)
    cells = [f.file.rpartition(", ")[2] for f in getattr(cause, "frames", ()) if ", cell " in f.file]
    where = f"{cells[-1]} shows the problem" if cells else "the cell that fails or never finishes is the problem"
    return (f"Open {exc.module} in Jupyter and run all its cells in order (Kernel > Restart & Run All): "
            f"{where}. Every cell runs when the notebook is graded: keep slow experiments out of it.")
