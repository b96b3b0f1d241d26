"""Grading: the session every command grades through, and the function that runs the graders."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import io
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np
import pytest

import autograde
from autograde.config import Course
from autograde import loaders
from autograde.errors import ConfigError, SubmissionError
from autograde.loaders import Submission
from autograde.plugin import Collector, GradingPlugin, Inventory
from autograde.plugin.markers import GradeSpec
from autograde.i18n import Message, Words
from autograde.results import ExerciseResult, Result, placeholder, unreadable_message
from autograde.sandbox import isolation
from autograde.sandbox.forkserver import ServerPool, import_paths

# pytest runs with our settings only: no ini file of the course, no cache, no output.
PYTEST_ARGS = (
    "-p", "no:cacheprovider",
    "-p", "no:randomly",
    # The terminal reporter stays (its output goes nowhere): without it, pytest's assertion
    # rewriting cannot format a failed ``assert x == y, "message"`` and loses the message.
    # built-in plugins grading does not use, each a cost at start-up or per test
    "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:pastebin", "-p", "no:stepwise",
    "-p", "no:logging", "-p", "no:faulthandler", "-p", "no:unittest", "-p", "no:legacypath",
    "-p", "no:setuponly", "-p", "no:setupplan", "-p", "no:debugging",
    "-p", "no:unraisableexception", "-p", "no:threadexception",  # each runs gc.collect() at exit
    "--import-mode=importlib",
    "--strict-markers",
    "-o", "addopts=",
    "-o", "python_files=test_*.py",
    "-o", "python_functions=test_*",
    "-o", "python_classes=Test*",
)


@contextlib.contextmanager
def _no_plugin_autoload() -> Iterator[None]:
    """Graders run with autograde's plugin only: whatever else is installed (pytest-benchmark,
    hypothesis's plugin, ...) stays out of grading, and out of its start-up time."""
    saved = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        yield
    finally:
        if saved is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = saved


def run_graders(course: Course, exercises: Sequence[str], plugin: Collector, *extra: str) -> int:
    """Run the graders of ``exercises`` in this process with ``plugin``, silently; return
    pytest's code. Raises what stops every test: the self-test's EnvironmentProblem, or a
    ConfigError for graders that are missing or cannot be collected."""
    missing = [str(course.grader(e)) for e in exercises if not course.grader(e).is_file()]
    if missing:
        raise ConfigError(f"grader file(s) missing: {', '.join(missing)}")
    graders = [course.grader(e) for e in exercises]
    _forget_stale_graders(graders)
    # conftest.py files count only inside the graders' folder: one beside pyproject.toml or in
    # a learner's folder above it would otherwise run in this process.
    args = [*PYTEST_ARGS, *extra, f"--rootdir={course.root}", f"--confcutdir={course.graders}", "-c", str(_EMPTY_INI),
            *map(str, graders)]
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), _no_plugin_autoload():
        code = pytest.main(args, plugins=[plugin])
    if plugin.environment_problem is not None:
        raise plugin.environment_problem
    if plugin.collection_errors:
        raise ConfigError("the graders could not be collected:\n" + "\n".join(plugin.collection_errors))
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.NO_TESTS_COLLECTED):
        raise RuntimeError(f"pytest stopped with exit code {code!r}:\n{sink.getvalue()[-4000:]}")
    return int(code)


# Grader files imported in this process, with the modification time they had then.
_IMPORTED: dict[str, int] = {}


def _forget_stale_graders(graders: list[Path]) -> None:
    """pytest's importlib mode reuses a module already in ``sys.modules`` under the name
    it would give a grader (``graders.test_x``), even one imported from another course's
    file, or from this file before it changed. Forget those, so every run reads the
    graders it was given; a grader unchanged since its import is kept (importing it
    again for every submission of a class would cost time for nothing)."""
    wanted = {g.stem: str(g.resolve()) for g in graders}
    for name, module in list(sys.modules.items()):
        stem = name.rpartition(".")[2]
        file = getattr(module, "__file__", None)
        if stem not in wanted or file is None:
            continue
        path = str(Path(file).resolve())
        if path != wanted[stem] or _IMPORTED.get(path) != Path(path).stat().st_mtime_ns:
            del sys.modules[name]
    for path in wanted.values():
        _IMPORTED[path] = Path(path).stat().st_mtime_ns


def inventory(*, course: Course, exercises: Sequence[str] = ()) -> dict[str, list[tuple[str, GradeSpec]]]:
    """Every grader test of ``exercises`` (all when empty) with its spec, in order."""
    selected = course.select(tuple(exercises))
    plugin = Inventory(course=course)
    run_graders(course, selected, plugin, "--collect-only")
    return {e: plugin.tests.get(e, []) for e in selected}


class GradingSession:
    """Everything grading needs for one course, set up once: the fork servers (the ones
    ``exercises`` need start at once, so that their imports overlap pytest's start-up, or
    with ``start=False`` only the course's plain one; the others on first use), the fallback warning, said once to ``warn``, and the graders'
    inventory when an unreadable submission needs it. Every command grades through one::

        with GradingSession(course, exercises=selected, warn=say) as session:
            result = session.grade(session.load(path), exercises=selected)

    Learner code runs only in children of the session's servers; this process runs the
    graders and the reference solutions. Each server runs its start-up self-test before its
    first child: when it fails, grading stops with :class:`EnvironmentProblem`. ``servers``:
    a pool to share (several courses, as tests do), which the session then does not stop.
    """

    def __init__(self, course: Course, *, exercises: Sequence[str] = (), warn: Callable[[str], None] | None = None,
                 start: bool = True, servers: ServerPool | None = None, language: str = "en",
                 also_hidden: Sequence[str] = ()) -> None:
        self.course = course
        self.words = Words(language, course.root)  # the language the results are written in
        self.exercises = course.select(tuple(exercises))
        self._owned = servers is None  # servers given (shared by several courses) are their giver's to stop
        hidden = tuple(dict.fromkeys([*course.private_paths, *also_hidden]))
        self.servers = servers if servers is not None else ServerPool(hidden_paths=hidden)
        self._warn = warn
        self._start = start
        self._inventory: dict[str, list[tuple[str, GradeSpec]]] | None = None

    def __enter__(self) -> GradingSession:
        try:
            wanted = self.exercises if self._start else ()
            for preload in dict.fromkeys([self.course.for_exercise(e).preload for e in wanted] or [self.course.preload]):
                self.servers.get(preload)
            why = self.servers.isolation() if self._warn is not None else ""
            if why and self._warn is not None:
                self._warn(isolation.fallback_warning(why))
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the fork servers (their children die with them), unless they were given."""
        if self._owned:
            self.servers.close()

    def load(self, path: str | Path | None = None, *, files: Mapping[str, bytes] | None = None,
             name: str | None = None, origin: str = "", notes: Sequence[str] = ()) -> Submission:
        """The submission at ``path`` (default: the course's exercise folder), or made of
        ``files`` (name -> bytes); one that cannot be read comes back empty, with its
        ``problem``: grading it gives every test an error that says why."""
        where = Path(path) if path is not None else self.course.stubs
        try:
            if files is not None:
                return loaders.from_files(files, name=name or "submission", path=origin or str(where),
                                          exercises=self.course.exercises, notes=notes)
            return loaders.load(where, name=name, exercises=self.course.exercises)
        except SubmissionError as exc:
            return Submission(name=name or where.stem or "submission", path=origin or str(where), modules={},
                              notes=tuple(notes), problem=exc.said if exc.said is not None else str(exc))

    def plugin(self, submission: Submission, *, hidden: bool = False, hidden_seed: int | None = None,
               seed: int | None = None, full_tracebacks: bool = False,
               kind: type[GradingPlugin] = GradingPlugin) -> GradingPlugin:
        """The pytest plugin that grades ``submission`` with this session's servers."""
        course = self.course if seed is None else self.course.with_overrides(seed=seed)
        return kind(course=course, submission=submission, servers=self.servers, hidden=hidden,
                    hidden_seed=hidden_seed, full_tracebacks=full_tracebacks, words=self.words)

    def grade(self, submission: Submission, *, exercises: Sequence[str] = (), hidden: bool = False,
              hidden_seed: int | None = None, seed: int | None = None) -> Result:
        """Grade ``submission`` on ``exercises`` (default: the session's). ``hidden`` adds
        the tests marked hidden, whose random inputs come from ``hidden_seed`` (default: a
        fresh secret; never sent to a child); ``seed`` replaces the course's seed of the
        public tests' inputs (``validate`` grades under two)."""
        selected = self.course.select(tuple(exercises)) if exercises else self.exercises
        if submission.problem:
            if self._inventory is None:
                self._inventory = inventory(course=self.course)
            text, data = self.words.written(unreadable_message(submission.problem))
            notes, notes_data = self._written(submission.notes)
            return placeholder({e: self._inventory[e] for e in selected}, submission=submission.name, message=text,
                               message_data=data, hidden=hidden, environment=current_environment(), notes=notes,
                               notes_data=notes_data, language=self.words.language)
        return self.run(self.plugin(submission, hidden=hidden, hidden_seed=hidden_seed, seed=seed), selected)

    def run(self, plugin: GradingPlugin, exercises: Sequence[str] = ()) -> Result:
        """Run the graders of ``exercises`` (default: the session's) with ``plugin``; the
        result of its submission. Raises the error that cost every test when all of them
        were lost to one reason outside the learner's code (the course's set-up, the sandbox)."""
        selected = self.course.select(tuple(exercises)) if exercises else self.exercises
        started, clock = datetime.now(timezone.utc), time.perf_counter()
        run_graders(self.course, selected, plugin)
        notes, notes_data = self._written(plugin.submission.notes)
        outside = plugin.failure_outside_learner()
        if outside is not None:
            raise outside
        return Result(
            submission=plugin.submission.name,
            exercises=tuple(
                ExerciseResult(e, tuple(plugin.results.get(e, ())), *self._notes(plugin, e))
                for e in selected
            ),
            hidden_tests_run=plugin.hidden,
            hidden_tests_not_run=plugin.hidden_not_run,
            environment={**environment(), "sandbox": sandbox_description(self.servers)},
            graded_at=started.isoformat(timespec="seconds"),
            duration_s=round(time.perf_counter() - clock, 3),
            notes=notes,
            notes_data=notes_data,
            language=self.words.language,
        )

    def _notes(self, plugin: GradingPlugin, exercise: str) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """What loading ``exercise``'s module noticed, written in this session's language,
        and as data."""
        return self._written(getattr(plugin.students.get(exercise), "load_notes", ()))

    def _written(self, notes: Sequence[Message]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """``notes`` written in this session's language, and their data (none when every
        note is plain text)."""
        written = [self.words.written(note) for note in notes]
        data = tuple(d for _, d in written) if any(d is not None for _, d in written) else ()
        return tuple(text for text, _ in written), data


NAMESPACES = ("kernel namespaces (mount, PID, network, IPC, UTS), a read-only root with only the system and "
              "Python, private /tmp, unprivileged uid, rlimits, clean environment")
FALLBACK = "fallback without namespaces ({why}): separate process group, rlimits, clean environment, scratch directory"


def sandbox_description(servers: ServerPool) -> str:
    """How learner code was isolated, as a result document records it."""
    why = servers.isolation()
    return FALLBACK.format(why=why) if why else NAMESPACES


@functools.lru_cache(maxsize=1)
def environment() -> dict[str, str]:
    """What a result depends on besides the submission and the course, recorded in every
    result document: versions, and ``installation``, a fingerprint of this interpreter and
    its whole package set (a gradebook regrades rows graded under another)."""
    found = {
        "autograde": autograde.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pytest": pytest.__version__,
        "platform": f"{platform.system()} {platform.machine()}",
    }
    for name, distributions in (("tensorflow", ("tensorflow-cpu", "tensorflow")), ("keras", ("keras",))):
        for distribution in distributions:  # read from metadata: importing would cost seconds
            try:
                found[name] = importlib.metadata.version(distribution)
                break
            except importlib.metadata.PackageNotFoundError:
                continue
    found["installation"] = _installation()
    return found


def _installation() -> str:
    """A short hash of the interpreter, its prefix and every installed distribution with
    its version (the ``*.dist-info`` folders of its import paths, whose names carry both: a
    listing, far cheaper than reading each one's metadata). It changes with the Python
    installation or any package in it. ``*.egg-info`` folders are left out: a source tree
    holds one after ``pip install -e`` and is on ``sys.path`` in some processes only (one
    started in it, whose working directory then moved), which would make two processes of
    one installation disagree; pip records every install, editable ones included, as a
    ``*.dist-info`` in the environment's site-packages."""
    packages: set[str] = set()
    for folder in import_paths():  # the same folders in every process (the working directory is not one)
        try:
            packages.update(e.name for e in os.scandir(folder) if e.name.endswith(".dist-info"))
        except OSError:
            continue
    text = "\n".join([os.path.realpath(sys.executable), sys.prefix, *sorted(packages)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def current_environment(why: str | None = None) -> dict[str, str]:
    """The environment a result graded here and now would record, sandbox included,
    known without starting a fork server (``autograde grade`` compares it with its rows).
    ``why``: :func:`sandbox_unavailable`, when known already."""
    why = sandbox_unavailable() if why is None else why
    return {**environment(), "sandbox": FALLBACK.format(why=why) if why else NAMESPACES}


def sandbox_unavailable() -> str:
    """'' when learner code graded here would run in kernel namespaces, else why not."""
    return isolation.unavailable("basic" if os.environ.get("AUTOGRADE_SANDBOX") == "basic" else "auto")


_EMPTY_INI = Path(__file__).parent / "plugin" / "pytest.ini"
