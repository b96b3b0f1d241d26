"""The ``student`` object graders use: the learner's module, reached through a child.

Attribute access and calls look like a normal module's (``student.softmax(x)``), but every
call is a request to the sandboxed child, every argument and result is copied as plain
data, and the grader's own arrays are never shared with learner code. A call that
changes its array arguments is detected by comparing them with what was sent.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from autograde.compare import format as fmt
from autograde.errors import (
    ChildDied,
    ChildTimeout,
    Frame,
    LearnerError,
    MissingName,
    ReplyTooLarge,
    StudentCrash,
    StudentException,
    StudentLoadError,
    StudentTimeout,
    UnsupportedValue,
)
from autograde.i18n.text import Message, from_data
from autograde.loaders import Submission
from autograde.sandbox.forkserver import Child, ForkServer
from autograde.sandbox.limits import Limits
from autograde.sandbox.protocol import Handle


@dataclass(frozen=True)
class Warning_:
    """A warning the learner's code raised during a call."""

    category: str
    message: str
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.category}: {self.message} ({self.file}:{self.line})"


@dataclass(frozen=True)
class CallRecord:
    """What one call did: its rendering, result, warnings and changed arguments."""

    call: str | fmt.LazyCall  # rendered when a message shows it
    value: Any
    warnings: tuple[Warning_, ...]
    mutated: tuple[str, ...]
    duration_s: float


@dataclass
class TestLog:
    """What the learner's code did during the current test (output, warnings, last call)."""

    output: list[str] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    last_call: CallRecord | None = None
    OUTPUT_CAP = 8192
    __test__ = False  # not a pytest test class, despite the name

    def add_output(self, text: str) -> None:
        if text and sum(map(len, self.output)) < self.OUTPUT_CAP:
            self.output.append(text)

    def text(self) -> str:
        """The captured output, truncated to ``OUTPUT_CAP`` characters."""
        joined = "".join(self.output)
        if len(joined) > self.OUTPUT_CAP:
            joined = joined[: self.OUTPUT_CAP] + "\n... (output truncated)\n"
        return joined


class Clock:
    """The current test's deadline, set by the plugin around each test's call phase."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self.limit_s: float = 0.0
        self.seed: int | None = None  # the current test's seed for learner-side randomness

    def exclude(self, seconds: float) -> None:
        """Move the running test's deadline back by ``seconds`` spent on something with a
        limit of its own (importing the learner's module)."""
        if self.deadline is not None:
            self.deadline += seconds

    def current(self, fallback_s: float) -> tuple[float, float]:
        """(deadline, limit in seconds) for a request made now."""
        if self.deadline is None:
            return time.monotonic() + fallback_s, fallback_s
        return self.deadline, self.limit_s


class StudentModule:
    """Proxy of one learner module (one exercise), served by one child at a time.

    A child that dies or times out is replaced by a fresh one on the next call, so one
    broken test never takes the exercise's other tests with it. A module that fails to
    load fails the same way for every test, without being loaded again.
    """

    def __init__(
        self, *, name: str, submission: Submission, server: ForkServer, limits: Limits, clock: Clock
    ) -> None:
        self._name = name
        self._submission = submission
        self._server = server
        self._limits = limits
        self._clock = clock
        self._child: Child | None = None
        self._names: dict[str, str] = {}
        self._load_error: StudentLoadError | None = None
        self._generation = 0  # which child the objects handed out so far live in
        self.log = TestLog()
        self.load_notes: tuple[Message, ...] = ()
        self._stopped: list[list] = []  # [file, cell] of notebook cells stopped at their time limit

    # ------------------------------------------------------------------ lifecycle

    def _ready(self) -> Child:
        if self._load_error is not None:
            raise self._load_error
        if self._child is not None and self._child.alive:
            return self._child
        if self._child is not None:
            self._child.close()
        sources = {m.module: [m.filename, m.source, [[c.number, c.source] for c in m.cells]]
                   for m in self._submission.modules.values()}
        child = Child(self._server, self._limits)
        self._child = child
        self._generation += 1
        started = time.monotonic()
        limit_s = self._load_limit_s()
        message = {"op": "load", "module": self._name, "sources": sources,
                   "cell_timeout_s": self._limits.cell_timeout_s, "skip": self._stopped}
        try:
            reply = self._exchange(child, message, f"import {self._name}", started + limit_s, limit_s)
        except LearnerError as exc:
            self._load_error = StudentLoadError(self._submission.display(self._name), exc)
            raise self._load_error from None
        self._clock.exclude(time.monotonic() - started)  # importing has its own limit
        self._names = reply["names"]
        # What running a notebook's cells noticed (a failing cell), for the exercise's result.
        self.load_notes = tuple(from_data(n) for n in reply.get("notes", ()) if isinstance(n, (str, dict)))
        self._stopped += [[str(f), int(n)] for f, n in reply.get("stopped", ())]
        return child

    def _load_limit_s(self) -> float:
        """How long loading may take: ``load_timeout_s``, plus each notebook cell's own
        limit for the cells still to run (those stopped before are skipped)."""
        cells = sum(len(m.cells) for m in self._submission.modules.values()) - len(self._stopped)
        return self._limits.load_timeout_s + cells * self._limits.cell_timeout_s

    def close(self) -> None:
        """End the child, if one is running."""
        if self._child is not None:
            self._child.close()
            self._child = None

    def new_test(self) -> TestLog:
        """Start a fresh log for the next test; return the finished one."""
        if self._child is not None and self._child.alive:
            self.log.add_output(self._child.read_output())
        done, self.log = self.log, TestLog()
        return done

    # ------------------------------------------------------------------ requests

    def _exchange(self, child: Child, message: dict, call: str | fmt.LazyCall, deadline: float, limit_s: float) -> dict:
        start = time.perf_counter()
        try:
            reply = child.request(message, deadline)
        except ChildTimeout:
            raise StudentTimeout(str(call), limit_s) from None
        except ChildDied as exc:
            raise StudentCrash(str(call), exc.reason) from None
        except ReplyTooLarge as exc:
            raise UnsupportedValue(
                f"the result of {call} is {exc.size / 2**20:.1f} MiB, over the limit of {exc.limit / 2**20:.0f} MiB"
            ) from None
        finally:
            # A dead child's output is still in its memfd: what it printed before a crash
            # or a timeout is often the learner's best clue.
            self.log.add_output(child.read_output())
        warnings = tuple(Warning_(*w) for w in reply.get("warnings", ()) if _is_warning(w))
        self.log.warnings.extend(warnings)
        if not reply.get("ok"):
            if "unsupported" in reply:
                raise UnsupportedValue(f"{call} returned {reply['unsupported']}")
            err = reply["error"]
            frames = tuple(Frame(str(f), int(l), str(n), str(c)) for f, l, n, c in err.get("frames", ()))
            raise StudentException(str(call), str(err["type"]), str(err["message"]), frames)
        reply["_warnings"] = warnings
        reply["_duration"] = time.perf_counter() - start
        return reply

    def _request(self, message: dict, call: str | fmt.LazyCall) -> dict:
        child = self._ready()
        deadline, limit_s = self._clock.current(self._limits.load_timeout_s)
        return self._exchange(child, message, call, deadline, limit_s)

    def _invoke(self, target: Handle | None, name: str, label: str, args: tuple, kwargs: dict,
                inplace: bool) -> CallRecord:
        sent = copy.deepcopy((list(args), kwargs))
        call = fmt.LazyCall(label, *sent)
        reply = self._request({"op": "call", "target": target, "name": name, "args": list(args), "kwargs": kwargs,
                               "seed": self._clock.seed}, call)
        after = reply.get("after")
        mutated = tuple(_mutations(sent, after))
        if inplace and after is not None:
            _copy_back((list(args), kwargs), after)
        value = reply["value"]
        if isinstance(value, Handle):
            value = RemoteObject(self, value, self._generation)
        record = CallRecord(call, value, reply["_warnings"], mutated, reply["_duration"])
        self.log.last_call = record
        return record

    # ------------------------------------------------------------------ module surface

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        self._ready()
        kind = self._names.get(name, "").removeprefix("imported ")
        if not kind:
            own = tuple(sorted(n for n, k in self._names.items() if not k.startswith("imported ")))
            # every load note is a notebook cell that did not finish: the likely reason
            raise MissingName(self._submission.display(self._name), name, own, self.load_notes)
        if kind in ("callable", "class"):
            return RemoteFunction(self, None, name, name)
        return self._fetch(None, name, name)

    def _fetch(self, target: Handle | None, name: str, label: str) -> Any:
        reply = self._request({"op": "getattr", "target": target, "name": name}, label)
        if reply["kind"] == "value":
            value = reply["value"]
            return RemoteObject(self, value, self._generation) if isinstance(value, Handle) else value
        return RemoteFunction(self, target, name, label, self._generation)

    def _check_alive(self, generation: int, label: str) -> None:
        """Refuse to use an object of a child that has since been replaced."""
        if generation != self._generation or self._child is None or not self._child.alive:
            raise StudentCrash(label, "this object was created in a process that has since ended (after "
                               "an earlier crash or timeout), so it no longer exists")

    def __dir__(self) -> list[str]:  # what a grader author sees in a debugger
        self._ready()
        return sorted(self._names)

    def __repr__(self) -> str:
        return f"<student module {self._name!r} of {self._submission.name!r}>"


class RemoteFunction:
    """A learner function or class; calling it calls it in the child."""

    def __init__(self, module: StudentModule, target: Handle | None, name: str, label: str,
                 generation: int = 0) -> None:
        self._module = module
        self._target = target
        self._name = name
        self._generation = generation  # for methods: the child their object lives in
        self.label = label

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.call(*args, **kwargs).value

    def call(self, *args: Any, inplace: bool = False, **kwargs: Any) -> CallRecord:
        """Call and return the whole :class:`CallRecord`. With ``inplace=True`` the
        changes the learner made to array arguments are copied back into them."""
        if self._target is not None:
            self._module._check_alive(self._generation, self.label)
        return self._module._invoke(self._target, self._name, self.label, args, kwargs, inplace)

    def __repr__(self) -> str:
        return f"<student function {self.label}>"


class RemoteObject:
    """An object that lives in the child (for example an optimizer instance)."""

    def __init__(self, module: StudentModule, handle: Handle, generation: int) -> None:
        self._module = module
        self._handle = handle
        self._generation = generation

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        self._module._check_alive(self._generation, f"{self._handle.cls}.{name}")
        return self._module._fetch(self._handle, name, f"{self._handle.cls}.{name}")

    def __repr__(self) -> str:
        return f"<student {self._handle.cls} object>"


def _is_warning(w: Any) -> bool:
    return isinstance(w, list) and len(w) == 4 and all(isinstance(x, (str, int)) for x in w)


def _mutations(sent: tuple[list, dict], after: Any) -> list[str]:
    """Names of the arguments whose contents the call changed (``x``, ``params['W']``)."""
    args, kwargs = sent
    if not (isinstance(after, (list, tuple)) and len(after) == 2):
        return []
    args_after, kwargs_after = after
    out = []
    for i, before in enumerate(args):
        now = args_after[i] if isinstance(args_after, list) and i < len(args_after) else None
        out += [f"argument {i + 1}{p}" for p in _diff(before, now, "")]
    for key, before in kwargs.items():
        now = kwargs_after.get(key) if isinstance(kwargs_after, dict) else None
        out += [f"{key}{p}" for p in _diff(before, now, "")]
    return out


def _diff(before: Any, after: Any, path: str) -> list[str]:
    """Paths below ``path`` of arrays and containers whose contents differ."""
    if isinstance(before, np.ndarray):
        same = (
            isinstance(after, np.ndarray)
            and before.shape == after.shape
            and before.dtype == after.dtype
            and np.array_equal(before, after, equal_nan=before.dtype.kind in "fc")
        )
        return [] if same else [path]
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(after) != len(before):
            return [path]
        return [p for i, b in enumerate(before) for p in _diff(b, after[i], f"{path}[{i}]")]
    if isinstance(before, dict):
        if not isinstance(after, dict) or set(after) != set(before):
            return [path]
        return [p for k, b in before.items() for p in _diff(b, after[k], f"{path}[{k!r}]")]
    return []


def _copy_back(originals: Any, after: Any) -> None:
    """Write the child's post-call contents into the grader's own arrays, in place."""
    if isinstance(originals, np.ndarray):
        if isinstance(after, np.ndarray) and after.shape == originals.shape:
            originals[...] = after
        return
    if isinstance(originals, (list, tuple)) and isinstance(after, (list, tuple)):
        for o, a in zip(originals, after):
            _copy_back(o, a)
    elif isinstance(originals, dict) and isinstance(after, dict):
        for k, o in originals.items():
            if k in after:
                _copy_back(o, after[k])
