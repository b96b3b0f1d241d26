"""The learner's side of the wire: load their module, then serve calls until EOF.

This code runs inside the sandboxed child, in the same process as the learner's code,
so nothing it reports is trusted by the grader beyond being plain data: the grader
compares results itself, and reads back argument arrays to see what a call changed.
"""

from __future__ import annotations

import __future__
import importlib.abc
import importlib.util
import linecache
import os
import signal
import socket
import sys
import time
import traceback
import types
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograde.i18n import N_
from autograde.i18n.text import say, to_data
from autograde.sandbox import keras_models as models
from autograde.sandbox import protocol
from autograde.errors import UnsupportedValue

# Messages from the grader are trusted but still bounded.
REQUEST_LIMIT = 1 << 30
MAX_NOTES = 20  # failing cells reported at load; a notebook of broken cells needs no more


class _SubmissionFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the submission's own modules from memory, so a learner's exercise can import
    a sibling (``from activations import sigmoid``) without any file on disk.

    A notebook module runs cell by cell, like Jupyter's "run all" with errors allowed (as
    nbgrader executes): a failing cell is recorded in ``notes`` and the later cells still
    run, so one broken cell does not cost the functions defined elsewhere. Each cell has
    ``cell_timeout_s`` (nbgrader's per-cell timeout): a cell that runs past it is stopped,
    noted, and its number kept in ``stopped``; the cells in ``skip`` (stopped when an
    earlier child loaded the same notebook) are not run again, so a reload does not pay
    for them twice.
    """

    def __init__(self, sources: dict[str, _Source], server: Server, *, cell_timeout_s: float,
                 skip: frozenset[tuple[str, int]]) -> None:
        self.sources = sources
        self.server = server
        self.cell_timeout_s = cell_timeout_s
        self.skip = skip
        self.notes: list[str] = []
        self.stopped: list[tuple[str, int]] = []

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname in self.sources:
            return importlib.util.spec_from_loader(fullname, self, origin=self.sources[fullname].filename)
        return None

    def create_module(self, spec: Any) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        found = self.sources[module.__name__]
        module.__file__ = found.filename
        if not found.cells:
            exec(compile(found.source, found.filename, "exec", dont_inherit=True), module.__dict__)
            return
        for index, (number, source) in enumerate(found.cells):
            # Notes travel as language-neutral data (autograde.i18n.text), written in the result's language.
            last = index + 1 == len(found.cells)
            stopped = to_data(say(N_("{file}: cell {number} did not finish within {limit:g} s and was stopped")
                                  if last else N_("{file}: cell {number} did not finish within {limit:g} s and was "
                                                  "stopped; the cells after it ran anyway"),
                                  file=found.filename, number=number, limit=self.cell_timeout_s))
            if (found.filename, number) in self.skip:
                self.notes.append(stopped)
                continue
            try:
                with _time_limit(self.cell_timeout_s):
                    exec(compile(source, cell_filename(found.filename, number), "exec", dont_inherit=True),
                         module.__dict__)
            except _CellStopped:
                self.stopped.append((found.filename, number))
                self.notes.append(stopped)
            except BaseException as exc:  # SyntaxError and SystemExit too: a cell's failure is a note
                error = self.server.error(exc)
                raised = (N_("{file}: cell {number} raised {type}: {message}") if last
                          else N_("{file}: cell {number} raised {type}: {message}; the cells after it ran anyway"))
                self.notes.append(to_data(say(raised, file=found.filename, number=number, type=error["type"],
                                              message=error["message"])))


class _CellStopped(BaseException):
    """Raised in a notebook cell that ran past its time limit (a BaseException, so that the
    learner's ``except Exception`` does not swallow it)."""


def _stop_cell(signum: int, frame: Any) -> None:
    raise _CellStopped


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_CellStopped` in the code run inside once ``seconds`` have passed, and
    again every second after, should that code catch it and go on."""
    previous = signal.signal(signal.SIGALRM, _stop_cell)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class _Source:
    """One module as the load request sends it; ``cells`` are (number, code) for a notebook."""

    filename: str
    source: str
    cells: tuple[tuple[int, str], ...] = ()

    def texts(self) -> dict[str, str]:
        """Each filename a traceback may name, with its text."""
        if not self.cells:
            return {self.filename: self.source}
        return {cell_filename(self.filename, number): code for number, code in self.cells}


def cell_filename(filename: str, number: int) -> str:
    """How a notebook cell is named in tracebacks: ``perceptron.ipynb, cell 3``."""
    return f"{filename}, cell {number}"


class Server:
    """State of one child: the loaded module and the objects it created for the grader."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.module: types.ModuleType | None = None
        self.files: set[str] = set()
        self.handles: dict[int, Any] = {}

    def serve(self) -> None:
        while True:
            try:
                request = protocol.receive(self.sock, limit=REQUEST_LIMIT)
            except EOFError:
                return
            reply = self.dispatch(request)
            sys.stdout.flush()
            sys.stderr.flush()
            try:
                protocol.send(self.sock, reply)
            except UnsupportedValue as exc:
                protocol.send(self.sock, {"ok": False, "unsupported": str(exc), "warnings": reply["warnings"]})
            except (MemoryError, RecursionError) as exc:  # the reply itself was too much
                protocol.send(self.sock, {"ok": False, "error": self.error(exc), "warnings": []})

    def dispatch(self, request: dict) -> dict:
        op = request["op"]
        if op == "load":
            return self.run(lambda: self.load(request["module"], request["sources"],
                                              cell_timeout_s=float(request.get("cell_timeout_s", 10.0)),
                                              skip=request.get("skip", ())))
        if op == "getattr":
            return self.run(lambda: self.describe(getattr(self.resolve(request["target"]), request["name"])))
        if op == "call":
            return self.call(request)
        if op == "drop":
            self.handles.pop(request["handle"], None)
            return {"ok": True, "value": None, "warnings": []}
        raise ValueError(f"unknown op {op!r}")

    def load(self, name: str, sources: dict[str, list], *, cell_timeout_s: float, skip: Any) -> dict:
        table = {mod: _Source(filename, source, tuple((int(n), str(c)) for n, c in cells))
                 for mod, (filename, source, cells) in sources.items()}
        for found in table.values():
            for filename, text in found.texts().items():
                self.files.add(filename)
                linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        finder = _SubmissionFinder(table, self, cell_timeout_s=cell_timeout_s,
                                   skip=frozenset((str(f), int(n)) for f, n in skip))
        sys.meta_path.insert(0, finder)
        self.module = __import__(name)
        notes = finder.notes
        if len(notes) > MAX_NOTES:
            notes = [*notes[: MAX_NOTES - 1], f"... and {len(notes) - MAX_NOTES + 1} more failing cells"]
        return {"names": self.names(), "notes": notes, "stopped": [list(cell) for cell in finder.stopped]}

    def names(self) -> dict[str, str]:
        """Public names of the module and their kinds; names it imported are marked so
        that "names found" lists show the learner's own definitions first."""
        assert self.module is not None
        out = {}
        for key, value in list(vars(self.module).items()):
            if key.startswith("_") or isinstance(value, (types.ModuleType, __future__._Feature)):
                continue
            kind = "class" if isinstance(value, type) else "callable" if callable(value) else "value"
            own = kind == "value" or getattr(value, "__module__", None) == self.module.__name__
            out[key] = kind if own else f"imported {kind}"
        return out

    def resolve(self, target: Any) -> Any:
        if isinstance(target, protocol.Handle):
            return self.handles[target.id]
        return self.module

    def describe(self, value: Any) -> dict:
        if isinstance(value, type):
            return {"kind": "class"}
        if callable(value) and not isinstance(value, np.ndarray):
            return {"kind": "callable"}
        return {"kind": "value", "value": value}

    def call(self, request: dict) -> dict:
        def invoke() -> dict:
            owner = self.resolve(request["target"])
            function = getattr(owner, request["name"])
            args, kwargs = request["args"], request["kwargs"]
            seed_frameworks(request.get("seed"))
            start = time.perf_counter()
            value = function(*args, **kwargs)
            elapsed = time.perf_counter() - start
            if isinstance(function, type) and isinstance(value, function):
                handle = protocol.Handle(id(value), function.__name__)
                self.handles[handle.id] = value
                value = handle
            # The arguments as they are now: the grader compares them with what it sent.
            return {"value": models.convert(value), "after": [args, kwargs], "elapsed": elapsed}

        return self.run(invoke)

    def run(self, action: Any) -> dict:
        """Run learner code, turning every outcome into a plain reply."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                reply = {"ok": True, **action()}
            except BaseException as exc:  # SystemExit and KeyboardInterrupt too: all are answers
                reply = {"ok": False, "error": self.error(exc)}
        reply["warnings"] = [
            [w.category.__name__, str(w.message), str(w.filename), int(w.lineno or 0)] for w in caught
        ][:50]
        return reply

    def error(self, exc: BaseException) -> dict:
        frames = [
            [f.filename, f.lineno or 0, f.name, (f.line or "").strip()]
            for f in traceback.extract_tb(exc.__traceback__)
            if f.filename in self.files
        ]
        try:
            message = str(exc)
        except BaseException:  # a learner's exception whose __str__ raises
            message = "<message could not be shown>"
        if isinstance(exc, SystemExit):
            message = f"your code called sys.exit({exc.code!r})"
        if isinstance(exc, SyntaxError) and exc.filename in self.files:
            frames.append([exc.filename, exc.lineno or 0, "<module>", (exc.text or "").strip()])
        return {"type": type(exc).__name__, "message": message[:2000], "frames": frames[-20:]}


def seed_frameworks(seed: int | None) -> None:
    """Make a framework's own randomness (Keras initialisers, shuffling) follow the test's
    seed, so that a model trains the same way on every run. Plain NumPy code draws from
    the ``seed`` arguments the exercises give it."""
    keras = sys.modules.get("keras")
    if seed is not None and keras is not None:
        keras.utils.set_random_seed(seed)


def configure_frameworks() -> None:
    """Size TensorFlow's thread pools for this machine, before its first operation."""
    tf = sys.modules.get("tensorflow")
    if tf is not None:
        tf.config.threading.set_intra_op_parallelism_threads(os.cpu_count() or 1)
        tf.config.threading.set_inter_op_parallelism_threads(1)


def main(sock: socket.socket) -> None:
    """Entry point in a freshly sandboxed child."""
    configure_frameworks()
    Server(sock).serve()
