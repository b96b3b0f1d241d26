"""From what happened in a test to its status and a message for the learner."""

from __future__ import annotations

from autograde.errors import (
    ConfigError,
    GradingFailure,
    LearnerError,
    MissingModule,
    MissingName,
    StudentCrash,
    StudentException,
    StudentLoadError,
    StudentTimeout,
    UnsupportedValue,
)
from autograde.results import Status


def classify(exc: BaseException | None, marker_hint: str | None) -> tuple[Status, str, str | None]:
    """(status, message, hint) for a test that raised ``exc`` (None: it passed)."""
    if exc is None:
        return Status.PASSED, "", None
    if isinstance(exc, GradingFailure):
        return Status.FAILED, exc.message, exc.hint or marker_hint
    if isinstance(exc, AssertionError):
        return Status.FAILED, str(exc) or "an assertion of the grader failed", marker_hint
    if isinstance(exc, StudentLoadError):
        cause = exc.cause
        if isinstance(cause, StudentException):
            detail = _exception(cause, f"importing {exc.module}")
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
        if exc.not_implemented:
            function = exc.call.split("(")[0]
            return Status.NOT_ATTEMPTED, f"`{function}` is not written yet: it still raises NotImplementedError.", None
        return Status.ERROR, _exception(exc, f"calling {exc.call}"), marker_hint
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
            f"There is no {exc.module}.py in {exc.where}.",
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


def _exception(exc: StudentException, doing: str) -> str:
    lines = [f"When {doing}, your code raised {exc.type_name}: {exc.message}"]
    if exc.frames:
        lines.append("Traceback (your code only):")
        for frame in exc.frames:
            lines.append(f'  File "{frame.file}", line {frame.line}, in {frame.function}')
            if frame.code:
                lines.append(f"    {frame.code}")
    return "\n".join(lines)


def _load_hint(exc: StudentLoadError) -> str:
    """How to see why a module could not be imported: for a notebook, which cell to run."""
    if not exc.module.endswith(".ipynb"):
        return (f"Run `python {exc.module}` yourself to see the problem. Code at the top level of the "
                "file runs on import: keep experiments inside functions or under "
                '`if __name__ == "__main__":`.')
    cells = [f.file.rpartition(", ")[2] for f in getattr(exc.cause, "frames", ()) if ", cell " in f.file]
    where = f"{cells[-1]} shows the problem" if cells else "the cell that fails or never finishes is the problem"
    return (f"Open {exc.module} in Jupyter and run all its cells in order (Kernel > Restart & Run All): "
            f"{where}. Every cell runs when the notebook is graded: keep slow experiments out of it.")
