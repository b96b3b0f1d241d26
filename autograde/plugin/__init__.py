"""The pytest plugin that turns grader tests into grades.

Graders are plain pytest functions taking the fixtures ``student`` (the learner's module,
reached only through the sandbox proxy), ``reference`` (the solution module, trusted and
imported here, or its recorded answers) and ``rng`` (a seeded ``numpy.random.Generator``).
This plugin reads each test's markers once, runs the test against the deadline its
``timeout`` marker gives, and records a :class:`~autograde.results.TestResult` for it.

A :class:`~autograde.grading.GradingSession` makes one per submission (``session.plugin``);
plain pytest use goes through one too (:mod:`autograde.plain_pytest`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import secrets
import sys
import time
import zlib
from typing import Any, Iterable, Iterator, Literal

import numpy as np
import pytest

from autograde import loaders
from autograde.config import Course
from autograde.errors import AutogradeError, ConfigError, EnvironmentProblem, MissingModule, SandboxFailure
from autograde.i18n import Words
from autograde.plugin import markers
from autograde.plugin.outcome import classify
from autograde.plugin.reference import Replay, recorded
from autograde.results import Status, TestResult
from autograde.sandbox.forkserver import ServerPool
from autograde.sandbox.proxy import Clock, StudentModule


def exercise_of(item: pytest.Item) -> str:
    """The exercise a grader test belongs to: ``graders/test_NAME.py`` -> ``NAME``."""
    return item.path.stem.removeprefix("test_")


class Collector:
    """What every autograde plugin does at collection: register the markers, read each
    test's spec once, and keep the graders' collection errors (instructor mistakes)."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self.collection_errors: list[str] = []
        # The sandbox cannot work here (its self-test failed): the run stops, no test counts.
        self.environment_problem: EnvironmentProblem | None = None

    def pytest_configure(self, config: pytest.Config) -> None:
        markers.register(config)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {report.longreprtext.strip()[-2000:]}")

    def specs(self, items: list[pytest.Item]) -> list[tuple[pytest.Item, markers.GradeSpec | None]]:
        """Each item with its spec, or None (and an error kept) when its markers are wrong."""
        out: list[tuple[pytest.Item, markers.GradeSpec | None]] = []
        for item in items:
            try:
                out.append((item, markers.read(item, self.course.for_exercise(exercise_of(item)).timeout_s)))
            except ConfigError as exc:
                self.collection_errors.append(str(exc))
                out.append((item, None))
        return out


class GradingPlugin(Collector):
    """One submission's grading run inside pytest."""

    def __init__(
        self, *, course: Course, submission: loaders.Submission, servers: ServerPool, hidden: bool,
        full_tracebacks: bool = False, hidden_seed: int | None = None, words: Words | None = None,
    ) -> None:
        super().__init__(course)
        self.words = words or Words()  # the language the results' messages are written in
        self.submission = submission
        self.servers = servers
        self.hidden = hidden
        # Hidden tests draw their inputs from a secret of this run, never sent to a child.
        self.hidden_seed = secrets.randbits(63) if hidden_seed is None else hidden_seed
        self.full_tracebacks = full_tracebacks
        self.clock = Clock()
        self.students: dict[str, StudentModule] = {}
        self.references: dict[str, Any] = {}  # a module, or a replay of its recording
        self.current_test = ""  # the test running now: a recorded reference answers per test
        self.results: dict[str, list[TestResult]] = {}
        self.hidden_not_run = 0
        self.not_learners: list[AutogradeError] = []  # tests lost to the course or the sandbox, not the learner

    # ------------------------------------------------------------------ fixtures

    @pytest.fixture(scope="module")
    def student(self, request: pytest.FixtureRequest) -> Iterator[StudentModule]:
        """The learner's module for this grader file's exercise (a sandbox proxy)."""
        name = exercise_of(request.node)  # type: ignore[arg-type]
        if name not in self.submission.modules:
            raise MissingModule(name, self.submission.path)
        settings = self.course.for_exercise(name)
        proxy = StudentModule(
            name=name, submission=self.submission, server=self.servers.get(settings.preload), limits=settings.limits, clock=self.clock,
        )
        self.students[name] = proxy
        yield proxy
        proxy.close()

    @pytest.fixture(scope="module")
    def reference(self, request: pytest.FixtureRequest) -> Any:
        """The reference solution of this grader file's exercise (trusted code), or where
        the course has no solutions but recordings (a student bundle), their replay."""
        return self._reference(exercise_of(request.node))  # type: ignore[arg-type]

    @pytest.fixture
    def rng(self, request: pytest.FixtureRequest) -> np.random.Generator:
        """A generator seeded by the test's id and, for a public test, the course seed
        (stable across runs, so a learner can reproduce a failure), for a hidden test the
        run's secret seed (a learner cannot learn a hidden test's inputs in advance)."""
        node = request.node
        secret = node.stash[markers.KEY].hidden
        return np.random.default_rng([self.hidden_seed if secret else self.course.seed,
                                      zlib.crc32(node.nodeid.encode())])

    def _seed(self, item: pytest.Item) -> int:
        """The seed of ``item``'s learner-side randomness (e.g. Keras initialisers). It is
        sent to the child, so for a hidden test it is a hash of the secret, which it does
        not reveal."""
        if item.stash[markers.KEY].hidden:
            digest = hashlib.blake2b(f"{self.hidden_seed}:{item.nodeid}".encode(), digest_size=4).digest()
            return int.from_bytes(digest, "little") & 0x7FFFFFFF
        return (self.course.seed ^ zlib.crc32(item.nodeid.encode())) & 0x7FFFFFFF

    def _reference(self, name: str) -> Any:
        if name not in self.references:
            path = self.course.solutions / f"{name}.py"
            if path.is_file():
                spec = importlib.util.spec_from_file_location(f"autograde_reference.{name}", path)
                assert spec is not None and spec.loader is not None
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                self.references[name] = module
            elif recorded(self.course, name):
                self.references[name] = Replay.load(self.course, name, lambda: self.current_test).root
            else:
                raise ConfigError(f"the reference solution {path} is missing")
        return self.references[name]

    def failure_outside_learner(self) -> AutogradeError | None:
        """The error that cost every test, when all of them failed for one reason outside
        the learner's code (the course's set-up, the sandbox): not a verdict to keep."""
        ran = sum(len(tests) for tests in self.results.values())
        if ran and len(self.not_learners) == ran and len({str(e) for e in self.not_learners}) == 1:
            return self.not_learners[0]
        return None

    # ------------------------------------------------------------------ hooks

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        keep: list[pytest.Item] = []
        drop: list[pytest.Item] = []
        broken: list[pytest.Item] = []
        for item, spec in self.specs(items):
            if spec is None:
                broken.append(item)
            else:
                (drop if spec.hidden and not self.hidden else keep).append(item)
        self.hidden_not_run = len(drop)
        if broken or drop:
            config.hook.pytest_deselected(items=broken + drop)
        items[:] = keep

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        # Before fixtures run: a module fixture that calls learner code seeds it too.
        self.clock.seed = self._seed(item)
        self.current_test = item.name

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        spec = item.stash[markers.KEY]
        self.clock.limit_s = spec.timeout_s
        self.clock.deadline = time.monotonic() + spec.timeout_s
        try:
            yield
        finally:
            self.clock.deadline = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport | None:
        report = None if self.full_tracebacks else _plain_report(item, call)
        if call.when == "call" or (call.when == "setup" and call.excinfo is not None):
            self._record(item, call)
        return report

    def _record(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        spec = item.stash[markers.KEY]
        exc = call.excinfo.value if call.excinfo is not None else None
        if isinstance(exc, EnvironmentProblem) or self.environment_problem is not None:
            # Our environment's failure, not the learner's: no result, and no more tests.
            self.environment_problem = self.environment_problem or exc  # type: ignore[assignment]
            item.session.shouldstop = "the sandbox's start-up self-test failed"
            return
        if isinstance(exc, pytest.skip.Exception):
            status, message, hint = Status.SKIPPED, str(exc.msg), None
        else:
            status, message, hint = classify(exc, spec.hint, spec.timeout_hint)
        if isinstance(exc, (ConfigError, SandboxFailure)):
            self.not_learners.append(exc)
        text, data = self.words.written(message)
        hint_text, hint_data = self.words.written(hint)
        if self.full_tracebacks and status is not Status.PASSED:
            # Plain pytest use: show what a learner would see beside pytest's traceback.
            item.add_report_section(call.when, "autograde", f"{status.value}: {text}\nHint: {hint_text or None}")
        student = self.students.get(exercise_of(item))
        log = student.new_test() if student is not None else None
        self.results.setdefault(exercise_of(item), []).append(
            TestResult(
                name=item.name,
                score=spec.points if status is Status.PASSED else 0.0,
                max_score=spec.points,
                status=status,
                message=text,
                hint=hint_text or None,
                duration_s=round(call.duration, 6),
                hidden=spec.hidden,
                output=log.text() if log else "",
                warnings=_unsaid(log.warnings if log else (), text),
                message_data=data,
                hint_data=hint_data,
            )
        )


def _unsaid(warnings: Iterable[object], message: str) -> tuple[str, ...]:
    """The warnings to list beside a test's message: each once, however often it was
    raised, and none that the message already shows (``assert_no_warnings`` names them)."""
    return tuple(w for w in dict.fromkeys(map(str, warnings)) if w not in message)


def _plain_report(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """A report without pytest's rendered traceback.

    Rendering one costs tens of milliseconds (it parses the grader's source); the
    learner sees our own message instead, so a one-line summary is enough here.
    """
    excinfo = call.excinfo
    outcome: Literal["passed", "failed", "skipped"]
    longrepr: str | tuple[str, int, str] | None
    if excinfo is None:
        outcome, longrepr = "passed", None
    elif isinstance(excinfo.value, pytest.skip.Exception):
        outcome, longrepr = "skipped", (str(item.path), item.location[1] or 0, f"Skipped: {excinfo.value.msg}")
    else:
        outcome, longrepr = "failed", f"{excinfo.typename}: {excinfo.value}"
    assert call.when != "collect"
    return pytest.TestReport(
        item.nodeid, item.location, {k: 1 for k in item.keywords}, outcome, longrepr, call.when,
        duration=call.duration, start=call.start, stop=call.stop, user_properties=item.user_properties,
    )


class Inventory(Collector):
    """Collects the graders' tests and their specs without running anything."""

    def __init__(self, *, course: Course) -> None:
        super().__init__(course)
        self.tests: dict[str, list[tuple[str, markers.GradeSpec]]] = {}

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item, spec in self.specs(items):
            if spec is not None:
                self.tests.setdefault(exercise_of(item), []).append((item.name, spec))
