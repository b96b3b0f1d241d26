"""One comparison, one message format.

Every numeric check in a grader goes through :func:`assert_close` (or :func:`check`,
which calls the learner's and the reference's function and compares). A failure
message always has the same anatomy, written for a beginner::

    When calling softmax(array([[1000., 1001., 1002.]])):
      3 / 3 elements differ (100%).
      Largest absolute difference: nan at index (0, 0)
      Largest relative difference: nan at index (0, 0)
      expected: array([[0.09, 0.2447, 0.6652]])
      got:      array([[nan, nan, nan]])

A type, shape or dtype mismatch is reported first and alone. The hint travels beside the
message (``GradingFailure.hint``) so that reporters can show it in its own place.

A test that checks several cases (one per function, say) wraps each in :func:`every_case`
so that one run reports every case that fails, not only the first; :func:`not_attempted`
says that the learner's work is still the stub's where no ``NotImplementedError`` says so.
"""

from __future__ import annotations

import copy
from collections import Counter
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Callable, Iterator, NoReturn, Union

import numpy as np

from autograde.compare import format as fmt
from autograde.compare.numerical import central_differences, relative_error
from autograde.errors import GradingFailure, NotAttempted, StudentException, ToleranceError
from autograde.i18n.text import Join, Message, Text, course, lines, say

Hint = Union[Message, Callable[[Any, Any], Union[Message, None]], None]

# Default (rtol, atol) by the expected value's dtype: loose enough for any correct
# formula (a different but exact rearrangement), tight enough for a wrong one.
TOLERANCES = {
    np.dtype(np.float16): (1e-3, 1e-3),
    np.dtype(np.float32): (1e-5, 1e-6),
    np.dtype(np.float64): (1e-7, 1e-10),
}


# The learner's words are messages kept as data (autograde.i18n.text): each one sentence
# with named placeholders, translated whole where it is shown.


def fail(message: Message, *, call: str | fmt.LazyCall | None = None, hint: Message | None = None) -> NoReturn:
    """Raise a :class:`GradingFailure` for ``call`` (a rendered call, or None). A plain
    string from a grader is the course's text (translated by the course's catalogue);
    ``t("... {name}", name=...)`` says one whose values are known only when it runs."""
    __tracebackhide__ = True
    said = course(message)
    if call:
        said = Join((say("When calling {call}:", call=str(call)), Join((said,), indent="  ")))
    raise GradingFailure(said, course(hint))


def not_attempted(message: Message) -> NoReturn:
    """Say that the learner has not started what this test checks (``message`` says what is
    still to do): for a constant the stub gives a placeholder value, where no
    ``NotImplementedError`` tells. The test reads as not attempted, not as failed."""
    __tracebackhide__ = True
    raise NotAttempted(course(message))


def explained(exc: StudentException, doing: Message | None = None) -> Message:
    """What the learner reads about an exception their code raised while ``doing``
    something (default: calling the function): that the stub is not written yet, or what
    the call raised, with the learner's own frames."""
    if exc.not_implemented and doing is None:
        return say("`{function}` is not written yet: it still raises NotImplementedError.", function=exc.function)
    doing = doing if doing is not None else say("calling {call}", call=exc.call)
    frames: list[Message] = []
    if exc.frames:
        frames.append(say("Traceback (your code only):"))
        for frame in exc.frames:
            frames.append(f'  File "{frame.file}", line {frame.line}, in {frame.function}')
            if frame.code:
                frames.append(f"    {frame.code}")
    return lines(say("When {doing}, your code raised {type}: {message}", doing=doing, type=exc.type_name,
                     message=exc.message), *frames)


class Cases:
    """The cases of one :func:`every_case` block: ``with cases:`` around each case keeps its
    failure (a wrong answer, or an exception the learner's code raised) and goes on."""

    def __init__(self) -> None:
        self.total = 0
        self.found: list[GradingFailure | StudentException] = []

    def __enter__(self) -> Cases:
        self.total += 1
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
        if isinstance(exc, (GradingFailure, StudentException)):
            self.found.append(exc)
            return True
        return False  # a timeout, a crash, the grader's own error: the test stops here

    def raise_found(self) -> None:
        """Raise what the cases found: nothing; the one failure as it was; the first stub's
        ``NotImplementedError`` when that is all; otherwise one failure listing each."""
        __tracebackhide__ = True
        if not self.found:
            return
        if len(self.found) == 1 or all(isinstance(f, StudentException) and f.not_implemented for f in self.found):
            raise self.found[0]
        texts = [f.message if isinstance(f, GradingFailure) else explained(f) for f in self.found]
        hints = dict.fromkeys(f.hint for f in self.found if isinstance(f, GradingFailure) and f.hint)
        head = say("{failed} of the {total} checks of this test failed; here is each of them:",
                   failed=len(self.found), total=self.total)
        raise GradingFailure(Join((head, *texts), "\n\n"), Join(tuple(hints), " ") if hints else None)


@contextmanager
def every_case() -> Iterator[Cases]:
    """Check each case of a test and report all that fail, in one message::

        with every_case() as case:
            for name in ("sigmoid", "tanh"):
                with case:
                    check(getattr(student, name), getattr(reference, name), x)

    One failing case is reported as it is; several, each under one heading. A case whose
    function still raises ``NotImplementedError`` counts too, so a stub still reads as not
    attempted. A timeout or a crash ends the test at once (the child is gone).
    """
    __tracebackhide__ = True
    cases = Cases()
    yield cases
    cases.raise_found()


def assert_close(
    actual: Any,
    expected: Any,
    *,
    call: str | fmt.LazyCall | None = None,
    rtol: float | None = None,
    atol: float | None = None,
    hint: Hint = None,
    what: Message | None = None,
) -> None:
    """Check ``actual`` against ``expected``: type, then shape and dtype, then values.

    Arrays must come back as arrays of the same shape and dtype kind (float, integer,
    boolean); scalars may be Python numbers, NumPy scalars or 0-d arrays. Tuples and
    lists are compared item by item. ``rtol`` and ``atol`` go together or not at all.
    ``what`` names what was compared when it is not what the function returned ("your
    history", "the outputs of GATES['AND']").
    """
    __tracebackhide__ = True
    _paired("assert_close", rtol, atol)
    problem = _difference(actual, expected, rtol, atol, course(what), "")
    if problem:
        fail(problem, call=call, hint=_hint(hint, actual, expected))


def check(
    student_fn: Any,
    reference_fn: Callable[..., Any],
    *args: Any,
    rtol: float | None = None,
    atol: float | None = None,
    hint: Hint = None,
    **kwargs: Any,
) -> Any:
    """Call the learner's function and the reference with the same arguments; compare.

    Returns the learner's result. Whether the call changed its inputs is a separate
    check (:func:`assert_unchanged`), so one habit costs points in one test only.
    """
    __tracebackhide__ = True
    _paired("check", rtol, atol)  # before the learner's code runs: the grader is wrong, not the answer
    record = student_fn.call(*args, **kwargs)
    expected = reference_fn(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    assert_close(record.value, expected, call=record.call, rtol=rtol, atol=atol, hint=hint)
    return record.value


def assert_unchanged(record: Any, *, hint: Message | None = None) -> None:
    """Fail when the call of ``record`` (a ``CallRecord``) changed its arguments; ``hint``
    says how that function comes to change them (default: work on a copy)."""
    __tracebackhide__ = True
    if record.mutated:
        names = ", ".join(record.mutated)
        fail(
            say("your function changed its input ({names}) instead of leaving it as it was.", names=names),
            call=record.call,
            hint=hint or say("Work on a copy (x = x.copy()) or build a new array (np.where, x * 2, ...); "
                             "the caller may still need the original."),
        )


def assert_no_warnings(record: Any, *, hint: Message | None = None) -> None:
    """Fail when the call of ``record`` raised a warning (e.g. overflow in exp)."""
    __tracebackhide__ = True
    if record.warnings:
        # One warning raised again and again (in a loop, or by each of two calls) is shown once.
        counts = Counter(str(w) for w in record.warnings)
        shown = [say("{warning} ({count} times)", warning=w, count=n) if n > 1 else w
                 for w, n in list(counts.items())[:3]]
        fail(lines(say("your code raised {count} warning(s):", count=len(record.warnings)),
                   Join(tuple(shown), indent="  ")), call=record.call, hint=hint)


def expect_raises(
    student_fn: Any,
    error: str,
    *args: Any,
    own: bool = False,
    reason: Message | None = None,
    hint: Message | None = None,
    **kwargs: Any,
) -> Any:
    """Call the learner's function and require that it raises ``error`` (a type name such as
    ``"ValueError"``); return the :class:`~autograde.errors.StudentException`.

    ``reason`` says why the call must fail, in the learner's terms. With ``own=True`` the
    exception must come from a ``raise`` statement in the learner's code, not from a
    library call that happened to fail. A stub's NotImplementedError is passed on, so the
    test reports "not written yet".
    """
    __tracebackhide__ = True
    expected = (say("Expected {error}: {reason}.", error=error, reason=course(reason)) if reason
                else say("Expected {error}.", error=error))
    try:
        record = student_fn.call(*args, **kwargs)
    except StudentException as exc:
        if exc.not_implemented:
            raise
        if exc.type_name != error:
            fail(lines(say("your code raised {type}: {message}", type=exc.type_name, message=exc.message), expected),
                 call=exc.call, hint=hint)
        if own and exc.frames and "raise" not in exc.frames[-1].code:
            last = exc.frames[-1]
            fail(lines(say("a library call inside your code raised {error}: {message}", error=error,
                           message=exc.message),
                       Join((say("(at line {line}: {code}).", line=last.line, code=last.code), expected,
                             say("Raise it yourself: `raise {error}(...)`.", error=error)), " ")),
                 call=exc.call, hint=hint)
        return exc
    fail(lines(say("your function returned a result instead of raising {error}.", error=error), expected,
               say("It returned: {value}", value=fmt.short(record.value, limit=80))), call=record.call, hint=hint)


def _paired(function: str, rtol: float | None, atol: float | None) -> None:
    """Refuse a grader's ``rtol`` without ``atol`` or the other way round."""
    if (rtol is None) != (atol is None):
        raise ToleranceError(function, rtol, atol)


def _hint(hint: Hint, actual: Any, expected: Any) -> Message | None:
    if callable(hint):
        return hint(actual, expected)
    return hint


def _kind(value: Any) -> str:
    """'array', 'scalar', 'sequence', 'other' — what a value is for comparison."""
    if isinstance(value, np.ndarray):
        return "scalar" if value.ndim == 0 else "array"
    if isinstance(value, (bool, int, float, complex, np.number, np.bool_)):
        return "scalar"
    if isinstance(value, (list, tuple)):
        return "sequence"
    return "other"


def _describe(value: Any) -> Text:
    if isinstance(value, np.ndarray):
        return say("an array of shape {shape} and dtype {dtype}", shape=str(value.shape), dtype=str(value.dtype))
    return say("a {type} ({value})", type=type(value).__name__, value=fmt.short(value, limit=60))


def _difference(actual: Any, expected: Any, rtol: float | None, atol: float | None, what: Message | None,
                path: str) -> Message | None:
    """A message for the first difference, or None when ``actual`` matches. ``what``: what
    returned the values (default: the learner's function)."""
    subject = what if what is not None else say("your function")
    got = (say("in item{path} of the result, {what} returned", path=path, what=subject) if path
           else say("{what} returned", what=subject))
    kind_a, kind_e = _kind(actual), _kind(expected)
    if kind_e == "sequence":
        if kind_a != "sequence" or len(actual) != len(expected):
            return say("{got} {actual}; expected a {type} of {count} items.", got=got, actual=_describe(actual),
                       type=type(expected).__name__, count=len(expected))
        for i, (a, e) in enumerate(zip(actual, expected)):
            problem = _difference(a, e, rtol, atol, what, f"{path} [{i}]")
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            keys = str(sorted(map(str, expected)))
            if isinstance(actual, dict):
                return say("{got} {actual}; expected a dict with the keys {keys} (found {found}).", got=got,
                           actual=_describe(actual), keys=keys, found=str(sorted(map(str, actual))))
            return say("{got} {actual}; expected a dict with the keys {keys}.", got=got, actual=_describe(actual),
                       keys=keys)
        for key, e in expected.items():
            problem = _difference(actual[key], e, rtol, atol, what, f"{path}[{key!r}]")
            if problem:
                return problem
        return None
    if kind_e == "other":
        try:
            same = bool(actual == expected)
        except (ValueError, TypeError):  # e.g. an array compared with a string
            same = False
        return None if same else say("{got} {actual}; expected {expected}.", got=got, actual=fmt.short(actual),
                                     expected=fmt.short(expected))
    if kind_e == "array" and kind_a != "array":
        return say("{got} {actual}; expected a NumPy array of shape {shape}.", got=got, actual=_describe(actual),
                   shape=str(np.shape(expected)))
    if kind_e == "scalar" and kind_a not in ("scalar",) and not (kind_a == "array" and np.size(actual) == 1 and np.ndim(actual) == 0):
        return say("{got} {actual}; expected a single number.", got=got, actual=_describe(actual))
    a = np.asarray(actual)
    e = np.asarray(expected)
    if a.shape != e.shape:
        return say("{got} shape {shape}; expected shape {expected}.", got=got, shape=str(a.shape),
                   expected=str(e.shape))
    dkind = {"f": "float", "c": "complex", "i": "integer", "u": "integer", "b": "boolean"}
    ka, ke = dkind.get(a.dtype.kind, a.dtype.kind), dkind.get(e.dtype.kind, e.dtype.kind)
    if kind_e == "array" and ka != ke:
        return say("{got} an array of dtype {dtype} ({kind}); expected {expected_kind} values (dtype {expected}).",
                   got=got, dtype=str(a.dtype), kind=ka, expected_kind=ke, expected=str(e.dtype))
    if kind_e == "scalar" and not (ka in ("float", "integer", "boolean") and ke in ("float", "integer", "boolean")):
        return say("{got} {actual}; expected a number.", got=got, actual=_describe(actual))
    return _values(a, e, rtol, atol, got, path, what)


def _values(a: np.ndarray, e: np.ndarray, rtol: float | None, atol: float | None, got: Message,
            path: str, what: Message | None) -> Message | None:
    if rtol is None or atol is None:
        rtol, atol = TOLERANCES.get(e.dtype, (0.0, 0.0)) if e.dtype.kind in "fc" else (0.0, 0.0)
    af, ef = a.astype(np.complex128 if "c" in (a.dtype.kind, e.dtype.kind) else np.float64), e.astype(
        np.complex128 if "c" in (a.dtype.kind, e.dtype.kind) else np.float64
    )
    with np.errstate(all="ignore"):
        close = np.isclose(af, ef, rtol=rtol, atol=atol, equal_nan=True)
        bad = ~close
        if not bad.any():
            return None
        diff = np.abs(af - ef)
        rel = diff / np.abs(ef)
    n_bad, n = int(bad.sum()), bad.size
    if a.ndim == 0:
        return lines(say("{got} {actual}; expected {expected}.", got=got, actual=fmt.short(a.item()),
                         expected=fmt.short(e.item())),
                     None if np.isfinite(af).all() else say("(the result is not a finite number)"))
    count = say("{bad} / {total} elements differ ({share:.0f}%).", bad=n_bad, total=n, share=100 * n_bad / n)
    if path:
        count = say("in item{path} of the result, {count}", path=path, count=count)
    if what is not None:  # name what was compared, e.g. "the outputs of GATES['AND']"
        count = say("{what}: {count}", what=what, count=count)
    said: list[Message] = [count, _largest(say("Largest absolute difference: {value} at index {index}"), diff, bad)]
    # Relative to an expected 0 a difference is not defined (dividing gives inf): leave those out.
    defined = bad & (ef != 0)
    said.append(_largest(say("Largest relative difference: {value} at index {index}"), rel, defined) if defined.any()
                else say("Largest relative difference: not defined, since the expected value is 0 wherever the "
                         "values differ"))
    if a.size > fmt.SMALL:
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        said.append(say("First difference at index {index}: expected {expected}, got {got}", index=str(first),
                        expected=fmt.short(e[first].item()), got=fmt.short(a[first].item())))
    shown_e, shown_a = fmt.short(e, limit=200), fmt.short(a, limit=200)
    if shown_e == shown_a and n_bad > 1:
        # Summaries of two large arrays can read the same ("values 0..1"): show what differs
        # instead (one difference is the "First difference" line's).
        said += _differing(a, e, bad)
    else:
        said += [say("expected: {value}", value=shown_e), say("got:      {value}", value=shown_a)]
    return lines(*said)


def _largest(line: Text, values: np.ndarray, among: np.ndarray) -> Text:
    """``line`` (with ``{value}`` and ``{index}``) for the largest of ``values`` among the
    elements ``among``."""
    masked = np.where(among, np.nan_to_num(values, nan=np.inf), -np.inf)
    where = np.unravel_index(int(np.argmax(masked)), values.shape)
    return Text(line.id, (("value", fmt.short(float(values[where]))), ("index", str(tuple(int(i) for i in where)))),
                line.domain)


def _differing(a: np.ndarray, e: np.ndarray, bad: np.ndarray) -> list[Message]:
    """The elements that differ (the first few), in place of two summaries that read the same."""
    places = [tuple(int(i) for i in p) for p in np.argwhere(bad)[: fmt.SMALL]]
    indices = ", ".join(map(str, places))
    count = int(bad.sum())  # at least 2
    head = (say("At the {count} indices that differ, {indices}:", count=count, indices=indices) if count == len(places)
            else say("At the first {shown} of the {count} indices that differ, {indices}:", shown=len(places),
                     count=count, indices=indices))
    return [head, say("expected: {value}", value=fmt.short(np.array([e[p] for p in places]), limit=200)),
            say("got:      {value}", value=fmt.short(np.array([a[p] for p in places]), limit=200))]
