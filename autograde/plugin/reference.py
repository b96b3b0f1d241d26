"""The reference's stand-in where a course has no solutions: recorded reference outputs.

A student bundle has no ``solutions/``, yet its graders still ask the ``reference``
fixture for expected values. When the bundle is released, the course's public tests run
once with the reference solution as the learner too (:func:`autograde.release.record`),
while a :class:`Recorder` stands in for ``reference`` and writes down every access the
graders make to it: attribute values, function and method calls (keyed by a digest of the
arguments as they were before the call) with their results and the arguments as the call
left them (in-place updates), and the objects the reference created. Public tests draw
their inputs from fixed seeds, so the same calls come again when a learner runs
``autograde check`` in the bundle; there a :class:`Replay` answers them from
``recorded/EXERCISE.json``. A call the recording lacks raises
:class:`~autograde.errors.ConfigError` ("this call was not recorded: ...").

Recordings are one message of the sandbox's wire format
(:mod:`autograde.sandbox.protocol`): the JSON document in ``EXERCISE.json``, the array
bytes in ``EXERCISE.bin``. Nothing is pickled. ``docs/replay.md`` describes the format
and its limits. This module knows nothing of pytest or of grading: the plugin's
``reference`` fixture and the recording run both build on it.
"""

from __future__ import annotations

import builtins
import copy
import hashlib
import math
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import numpy as np

from autograde.compare import format as fmt
from autograde.config import Course
from autograde.errors import ConfigError, UnsupportedValue
from autograde.sandbox import protocol
from autograde.sandbox.protocol import Handle

FORMAT = "autograde.recording/1"
FOLDER = "recorded"  # beside graders/ in a course or a student bundle
# Arguments that a grader computed with BLAS (X @ w) may differ in their last bits on
# another machine: a call whose exact digest is unknown is matched to a recorded call of
# the same function whose arguments agree to these tolerances.
NEAR = {"rtol": 1e-9, "atol": 1e-12}

Test = Callable[[], str]  # the name of the grader test running now


def paths(root: Path, exercise: str) -> tuple[Path, Path]:
    """The two files of ``exercise``'s recording in the course or bundle at ``root``."""
    return root / FOLDER / f"{exercise}.json", root / FOLDER / f"{exercise}.bin"


def recorded(course: Course, exercise: str) -> bool:
    """Whether ``course`` has a recording of ``exercise``'s reference."""
    return paths(course.root, exercise)[0].is_file()


# ---------------------------------------------------------------------- the stand-in


class Stand:
    """What a grader holds where it would hold the reference module, a function or class
    of it, or an object it made: every access goes to the session (record or replay)."""

    __slots__ = ("_session", "_path", "_label", "_target")

    def __init__(self, session: Recorder | Replay, path: str, label: str, target: Any = None) -> None:
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "_path", path)  # the key prefix of its accesses: "step", "#0.update"
        object.__setattr__(self, "_label", label)  # how a message names it: "SGD(lr=0.1).update"
        object.__setattr__(self, "_target", target)  # the real thing while recording

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probe dunders: not the reference's
            raise AttributeError(name)
        return self._session.attribute(self, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._session.call(self, args, kwargs)

    def __setattr__(self, name: str, value: Any) -> None:
        raise ConfigError(f"a grader set reference {self._label}.{name}: a recorded reference is read-only; "
                          "keep changed values in the grader")

    def __repr__(self) -> str:
        return f"<reference {self._label}>"


def _child(parent: Stand, name: str) -> tuple[str, str]:
    """The path and label of ``parent.name``."""
    return (f"{parent._path}.{name}" if parent._path else name), (
        f"{parent._label}.{name}" if parent._path else name)


def _plain(value: Any) -> Any:
    """A deep copy of ``value`` as plain data, each stand-in as a handle naming its path
    (so that a digest sees it); raises UnsupportedValue for anything else."""
    def swap(node: Any) -> Any:
        if isinstance(node, Stand):
            return Handle(0, node._path)
        if isinstance(node, (list, tuple)):
            return type(node)(swap(v) for v in node)
        if isinstance(node, dict):
            return {k: swap(v) for k, v in node.items()}
        return node

    doc, raw = protocol.encode(swap(value))
    return protocol.decode(doc, b"".join(raw))


def _digest(plain: Any) -> str:
    """A canonical digest of plain data: arrays by dtype, shape and bytes."""
    doc, raw = protocol.encode(plain)
    h = hashlib.blake2b(doc, digest_size=16)
    for chunk in raw:
        h.update(chunk)
    return h.hexdigest()


def _real(value: Any) -> Any:
    """``value`` with each stand-in replaced by the real object it stands for."""
    if isinstance(value, Stand):
        return value._target
    if isinstance(value, (list, tuple)):
        return type(value)(_real(v) for v in value)
    if isinstance(value, dict):
        return {k: _real(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------- recording


class Recorder:
    """Stands for the reference module of one exercise and writes down every access."""

    def __init__(self, module: Any, exercise: str, test: Test) -> None:
        self.exercise = exercise
        self.test = test
        self.root = Stand(self, "", "reference", module)
        # test -> key -> {"call": label, "args": plain (args, kwargs), "outcomes": [...]}
        self.tests: dict[str, dict[str, dict[str, Any]]] = {}
        self.objects: Counter[str] = Counter()  # objects made so far, per test

    def attribute(self, parent: Stand, name: str) -> Any:
        path, label = _child(parent, name)
        try:
            value = getattr(parent._target, name)
        except AttributeError as exc:
            self._add(path, label, None, {"kind": "raised", "value": ["AttributeError", str(exc)]})
            raise
        return self._answer(path, label, None, value, {})

    def call(self, stand: Stand, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        label = fmt.call(stand._label, args, kwargs)
        try:
            before = _plain((list(args), kwargs))
        except UnsupportedValue as exc:
            raise ConfigError(f"cannot record {label}: an argument is {exc}; a recorded reference takes plain "
                              "data, functions of autograde.sandbox.functions and what the reference returned")
        key = f"{stand._path}({_digest(before)})"
        try:
            value = stand._target(*_real(args), **_real(kwargs))
        except Exception as exc:
            self._add(key, label, before, {"kind": "raised", "value": [type(exc).__name__, str(exc)]})
            raise
        after = _plain((list(args), kwargs))
        changed: dict[int | str, Any] = {i: a for i, a in enumerate(after[0]) if _digest(a) != _digest(before[0][i])}
        changed |= {k: a for k, a in after[1].items() if _digest(a) != _digest(before[1][k])}
        return self._answer(key, label, before, value, changed)

    def _answer(self, key: str, label: str, before: Any, value: Any, after: dict[int | str, Any]) -> Any:
        """Record ``value`` as the outcome of ``key`` and hand the grader what it gets."""
        try:
            outcome = {"kind": "value", "value": _plain(value), "after": after}
            self._add(key, label, before, outcome)
            return value
        except UnsupportedValue:
            pass
        # A function, a class or an object: the grader gets a stand-in that records its use.
        if before is None:  # an attribute: named by its own path
            path = key
        else:  # an object a call made: numbered in its test's order
            test = self.test()
            path = f"#{self.objects[test]}"
            self.objects[test] += 1
        self._add(key, label, before, {"kind": "stand", "value": [path, label], "after": after})
        return Stand(self, path, label, value)

    def _add(self, key: str, label: str, before: Any, outcome: dict[str, Any]) -> None:
        entry = self.tests.setdefault(self.test(), {}).setdefault(
            key, {"call": label, "args": before, "outcomes": []})
        entry["outcomes"].append(outcome)

    def save(self, root: Path) -> Path:
        """Write the recording into ``root/recorded/``; return the JSON file's path."""
        for entries in self.tests.values():
            for entry in entries.values():
                # A pure call repeated: keep one outcome, which then answers every repeat.
                outcomes = entry["outcomes"]
                if all(_digest(o) == _digest(outcomes[0]) for o in outcomes[1:]):
                    entry["outcomes"] = outcomes[:1]
        doc, raw = protocol.encode({"format": FORMAT, "exercise": self.exercise, "numpy": np.__version__,
                                    "tests": self.tests})
        json_path, bin_path = paths(root, self.exercise)
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_bytes(doc)
        bin_path.write_bytes(b"".join(raw))
        return json_path


# ---------------------------------------------------------------------- replaying


class Replay:
    """Stands for the reference module of one exercise, answering from its recording."""

    def __init__(self, recording: dict[str, Any], source: Path, test: Test) -> None:
        if recording.get("format") != FORMAT:
            raise ConfigError(f"{source} is not a recording of format {FORMAT} (it says "
                              f"{recording.get('format')!r}); record it again with this version of autograde")
        self.exercise = str(recording["exercise"])
        self.numpy = str(recording["numpy"])
        self.tests: dict[str, dict[str, dict[str, Any]]] = recording["tests"]
        self.source = source
        self.test = test
        self.seen: Counter[tuple[str, str]] = Counter()
        self.root = Stand(self, "", "reference")

    @classmethod
    def load(cls, course: Course, exercise: str, test: Test) -> Replay:
        """The recording of ``exercise`` in ``course``'s ``recorded/`` folder."""
        json_path, bin_path = paths(course.root, exercise)
        try:
            recording = protocol.decode(json_path.read_bytes(), bin_path.read_bytes())
        except (OSError, protocol.ProtocolError) as exc:
            raise ConfigError(f"the recording {json_path} cannot be read ({exc}); record it again "
                              "(autograde release)") from None
        return cls(recording, json_path, test)

    def attribute(self, parent: Stand, name: str) -> Any:
        path, label = _child(parent, name)
        return self._outcome(path, label, None, (), {})

    def call(self, stand: Stand, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        try:
            before = _plain((list(args), kwargs))
        except UnsupportedValue:
            return self._outcome(stand._path, fmt.call(stand._label, args, kwargs), None, args, kwargs)
        # Rendered only if a message needs it: most calls are answered.
        label = fmt.LazyCall(stand._label, *before)
        return self._outcome(f"{stand._path}({_digest(before)})", label, before, args, kwargs)

    def _outcome(self, key: str, label: str | fmt.LazyCall, before: Any, args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> Any:
        entries = self.tests.get(self.test(), {})
        if key not in entries and before is not None:
            key = self._near(entries, key.partition("(")[0], before) or key
        if key not in entries:
            raise ConfigError(self._missing(entries, key, label))
        outcomes = entries[key]["outcomes"]
        n = self.seen[self.test(), key]
        self.seen[self.test(), key] += 1
        if n >= len(outcomes) > 1:
            raise ConfigError(self._missing(entries, key, label, times=len(outcomes)))
        outcome = outcomes[min(n, len(outcomes) - 1)]
        for where, state in outcome.get("after", {}).items():
            _restore(args[where] if isinstance(where, int) else kwargs[where], state)
        kind, value = outcome["kind"], outcome["value"]
        if kind == "raised":
            raise _exception(*value)
        if kind == "stand":
            return Stand(self, *value)
        return copy.deepcopy(value)  # the grader may change what it gets; the next repeat must not see that

    def _near(self, entries: dict[str, dict[str, Any]], path: str, before: Any) -> str | None:
        """A recorded call of ``path`` whose arguments agree with ``before`` but for rounding."""
        return next((key for key, entry in _calls(entries, path) if _close(before, entry["args"])), None)

    def _missing(self, entries: dict[str, dict[str, Any]], key: str, label: str | fmt.LazyCall,
                 times: int = 0) -> str:
        path = key.partition("(")[0]
        same = [entry["call"] for _, entry in _calls(entries, path)]
        if times:
            why = f"it was made only {times} times when the reference was recorded, and this is one more"
        else:
            why = ("the recording holds the reference's answers to the calls the public tests made with the "
                   "reference solution's own results; a call with other arguments (often computed from results "
                   "that differ from the reference's) has no recorded answer")
        shown = "; ".join(same[:3]) + (f"; and {len(same) - 3} more" if len(same) > 3 else "")
        versions = (f" The recording was made with NumPy {self.numpy}, this is NumPy {np.__version__}: random "
                    "inputs may differ." if self.numpy != np.__version__ else "")
        return (f"this call was not recorded: reference.{label} in {self.test()}: {why}. "
                f"Recorded calls of reference.{path.split('.')[-1] if path.startswith('#') else path} in this "
                f"test: {shown or 'none'}.{versions} Grade with the reference solution (solutions/"
                f"{self.exercise}.py) for this test, or record again (autograde release) after changing the grader "
                f"(source: {self.source}).")


def _calls(entries: dict[str, dict[str, Any]], path: str) -> list[tuple[str, dict[str, Any]]]:
    """The recorded calls of ``path`` (not its attribute accesses)."""
    return [(key, entry) for key, entry in entries.items() if key.startswith(f"{path}(")]


def _close(a: Any, b: Any) -> bool:
    """Whether plain data ``a`` and ``b`` agree, floating-point values to :data:`NEAR`."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype):
            return False
        if a.dtype.kind in "fc":
            return bool(np.allclose(a, b, equal_nan=True, **NEAR))
        return bool(np.array_equal(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return a == b or math.isclose(a, b, rel_tol=NEAR["rtol"], abs_tol=NEAR["atol"]) or (
            math.isnan(a) and math.isnan(b))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return (isinstance(b, dict) and list(a) == list(b)
                and all(_close(a[k], b[k]) for k in a))
    return type(a) is type(b) and bool(a == b)


def _restore(target: Any, state: Any) -> None:
    """Make ``target`` (a grader's argument) hold ``state``, in place, as the recorded
    call left it: arrays are overwritten, dict and list entries rebound."""
    if isinstance(target, np.ndarray) and isinstance(state, np.ndarray) and target.shape == state.shape:
        target[...] = state
    elif isinstance(target, dict) and isinstance(state, dict):
        for key in [k for k in target if k not in state]:
            del target[key]
        for key, value in state.items():
            if key in target and _fits(target[key], value):
                _restore(target[key], value)
            else:
                target[key] = value
    elif isinstance(target, list) and isinstance(state, list) and len(target) == len(state):
        for i, value in enumerate(state):
            if _fits(target[i], value):
                _restore(target[i], value)
            else:
                target[i] = value
    elif isinstance(target, list) and isinstance(state, list):
        target[:] = state
    elif isinstance(target, tuple) and isinstance(state, tuple) and len(target) == len(state):
        for item, value in zip(target, state):
            _restore(item, value)


def _fits(target: Any, state: Any) -> bool:
    """Whether ``state`` can be written into ``target`` in place."""
    if isinstance(target, np.ndarray):
        return isinstance(state, np.ndarray) and target.shape == state.shape
    return isinstance(target, (dict, list, tuple)) and type(target) is type(state)


def _exception(type_name: str, message: str) -> Exception:
    """The exception the reference raised when it was recorded: a built-in one as itself."""
    found = getattr(builtins, type_name, None)
    if isinstance(found, type) and issubclass(found, Exception):
        return found(message)
    return RuntimeError(f"{type_name}: {message}")
