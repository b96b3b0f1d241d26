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
from autograde.compare import explained
from autograde.i18n import N_
from autograde.i18n.text import Join, Message, course, lines, say
from autograde.results import Status

# The learner's words are messages kept as data (autograde.i18n.text), each one sentence
# with named placeholders, translated whole where they are shown. Paths are the learner's:
# a file's name in their submission, never where the grading machine keeps it.
SYNTAX_HINT = N_("Python could not read line {line} of {file}, so none of the file ran: fix the line shown "
                 "(a missing bracket, quote or colon is often reported on the line after it, so look at the "
                 "line above it too).")


def classify(exc: BaseException | None, marker_hint: str | None,
             timeout_hint: str | None = None) -> tuple[Status, Message, Message | None]:
    """(status, message, hint) for a test that raised ``exc`` (None: it passed). The
    marker's hint, and the ``timeout`` marker's hint (said when the test's time runs out,
    in place of the generic advice), are the course's text."""
    hint = course(marker_hint)
    if exc is None:
        return Status.PASSED, "", None
    if isinstance(exc, NotAttempted):
        return Status.NOT_ATTEMPTED, exc.message, None
    if isinstance(exc, GradingFailure):
        return Status.FAILED, exc.message, exc.hint or hint
    if isinstance(exc, AssertionError):  # a grader's plain assert: its message is the course's text
        return Status.FAILED, course(str(exc)) or say("an assertion of the grader failed"), hint
    if isinstance(exc, StudentLoadError):
        cause = exc.cause
        if isinstance(cause, StudentException):
            detail = explained(cause, say("importing {module}", module=exc.module))
        elif isinstance(cause, StudentTimeout):
            detail = say("Importing it did not finish within {limit:g} s.", limit=cause.limit_s)
        else:
            detail = say("While importing it, {cause}.", cause=str(cause))
        return (
            Status.TIMEOUT if isinstance(cause, StudentTimeout) else Status.ERROR,
            lines(say("{module} could not be imported, so none of its functions could be tested.", module=exc.module),
                  detail),
            _load_hint(exc),
        )
    if isinstance(exc, StudentException):
        status = Status.NOT_ATTEMPTED if exc.not_implemented else Status.ERROR
        return status, explained(exc), None if exc.not_implemented else hint
    if isinstance(exc, StudentTimeout):
        return (
            Status.TIMEOUT,
            say("When calling {call}: timed out after {limit:g} s; the process was stopped.", call=exc.call,
                limit=exc.limit_s),
            course(timeout_hint) if timeout_hint else
            say("Look for a loop that never ends (a `while` whose condition never changes) or work "
                "that grows much faster than the input."),
        )
    if isinstance(exc, StudentCrash):
        return Status.ERROR, say("When calling {call}: {reason}.", call=exc.call, reason=exc.reason), hint
    if isinstance(exc, MissingModule):
        return (
            Status.NOT_ATTEMPTED,
            say("There is no {module}.py in your submission.", module=exc.module),
            say("Start from the stub exercises/{module}.py.", module=exc.module),
        )
    if isinstance(exc, MissingName):
        missing = say("{module} has no `{name}`. Names found: {names}.", module=exc.module, name=exc.name,
                      names=", ".join(exc.available) or say("none"))
        if exc.unfinished:  # a notebook cell stopped before it could define the name
            return (
                Status.ERROR,
                Join((missing, say("A cell did not finish, so nothing below its failing line was defined: "
                                   "{cells}.", cells=Join(tuple(exc.unfinished), "; "))), " "),
                say("Fix that cell first: each cell runs up to the line that fails, and the functions it "
                    "defines after that line do not exist."),
            )
        return (
            Status.ERROR,
            missing,
            say("Keep the names and signatures of the stub exactly as given: the grader calls them by name."),
        )
    if isinstance(exc, UnsupportedValue):
        return Status.FAILED, f"{exc}.", hint
    if isinstance(exc, LearnerError):
        return Status.ERROR, str(exc), hint
    if isinstance(exc, ConfigError):
        return Status.ERROR, say("The grader is misconfigured (tell your instructor): {error}", error=str(exc)), None
    return (
        Status.ERROR,
        say("The grader could not check the result ({type}: {error}). This usually means the function returned a "
            "value of an unexpected type or shape.", type=type(exc).__name__, error=str(exc)),
        hint,
    )


def _load_hint(exc: StudentLoadError) -> Message:
    """What fits why a module could not be imported: for a syntax error, the line to fix;
    for code that raised or hung while importing, how to see it (for a notebook, which cell
    to run)."""
    cause = exc.cause
    if isinstance(cause, StudentException) and cause.syntax_error:
        if cause.frames:
            return say(SYNTAX_HINT, line=cause.frames[-1].line, file=cause.frames[-1].file)
        return say("Python could not read {file}, so none of the file ran: fix the line the error names "
                   "(a missing bracket, quote or colon is often reported on the line after it, so look at "
                   "the line above it too).", file=exc.module)
    if not exc.module.endswith(".ipynb"):
        return say("Run `python {file}` yourself to see the problem. Code at the top level of the file runs on "
                   'import: keep experiments inside functions or under `if __name__ == "__main__":`.',
                   file=exc.module)
    cells = [f.file.rpartition(", ")[2] for f in getattr(cause, "frames", ()) if ", cell " in f.file]
    if cells:
        return say("Open {notebook} in Jupyter and run all its cells in order (Kernel > Restart & Run All): {cell} "
                   "shows the problem. Every cell runs when the notebook is graded: keep slow experiments out of it.",
                   notebook=exc.module, cell=cells[-1])
    return say("Open {notebook} in Jupyter and run all its cells in order (Kernel > Restart & Run All): the cell "
               "that fails or never finishes is the problem. Every cell runs when the notebook is graded: keep slow "
               "experiments out of it.", notebook=exc.module)
