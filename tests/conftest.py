"""Shared fixtures: the course of this repository, one fork server per test session,
and a helper that grades a submission made of given module sources."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

import classroom
from autograde import loaders
from autograde.config import Course, find_course
from autograde.grading import GradingSession
from autograde.results import Result
from autograde.sandbox.forkserver import ForkServer, ServerPool
from autograde.sandbox.limits import Limits
from autograde.sandbox.proxy import Clock, StudentModule

ROOT = Path(__file__).resolve().parents[1]

GradeSources = Callable[..., Result]
MakeStudent = Callable[..., StudentModule]
# The hidden tests' secret seed in tests that compare verdicts with expectations: fixed, so
# those stay repeatable (test_grading.py checks verdicts of correct code under fresh seeds).
HIDDEN_SEED = 20261123


@pytest.fixture(scope="session")
def course() -> Course:
    """This repository's course, with a short import time limit so hangs stay cheap."""
    return find_course(ROOT).with_overrides(load_timeout_s=3.0)


@pytest.fixture(scope="session")
def servers(course: Course) -> Iterator[ServerPool]:
    """The fork servers of one grading session, for the whole test session (tests share
    them between courses: ``GradingSession(other, servers=servers)``)."""
    with GradingSession(course) as running:
        yield running.servers


@pytest.fixture(scope="session")
def server(servers: ServerPool) -> ForkServer:
    """The plain fork server (NumPy) of :func:`servers`."""
    return servers.get()


@pytest.fixture(scope="session")
def basic_server(course: Course) -> Iterator[ForkServer]:
    """A fork server in the fallback isolation (no namespaces), as where the kernel refuses them."""
    saved = os.environ.get("AUTOGRADE_SANDBOX")
    os.environ["AUTOGRADE_SANDBOX"] = "basic"
    try:
        running = ForkServer(hidden_paths=course.private_paths)
    finally:
        if saved is None:
            del os.environ["AUTOGRADE_SANDBOX"]
        else:
            os.environ["AUTOGRADE_SANDBOX"] = saved
    yield running
    running.close()


@pytest.fixture
def grade_sources(course: Course, servers: ServerPool, tmp_path: Path) -> GradeSources:
    """``grade_sources({"perceptron": "...source..."}, exercises=[...])`` -> Result."""

    def run(sources: dict[str, str], *, exercises: tuple[str, ...] | list[str] = (), hidden: bool = False,
            course_: Course | None = None) -> Result:
        folder = tmp_path / f"submission{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        for name, text in sources.items():
            (folder / f"{name}.py").write_text(text, encoding="utf-8")
        return GradingSession(course_ or course, servers=servers).grade(loaders.load(folder), exercises=exercises or tuple(sources), hidden=hidden, hidden_seed=HIDDEN_SEED)

    return run


def solution_source(exercise: str) -> str:
    """The reference solution's source text."""
    return (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")


def results_by_test(result: Result) -> dict[str, object]:
    """Every test result of ``result`` keyed by ``exercise::test``."""
    return {f"{e.name}::{t.name}": t for e in result.exercises for t in e.tests}


@pytest.fixture
def make_student(server: ForkServer, tmp_path: Path) -> Iterator[MakeStudent]:
    """``make_student({"mod": "source", "helper": "..."}, limits=..., clock=...)`` -> the
    :class:`StudentModule` of the first module, over a submission folder written to
    ``tmp_path`` (sources are dedented). Every module made is closed afterwards."""
    made: list[StudentModule] = []

    def make(sources: dict[str, str], *, name: str | None = None, limits: Limits | None = None,
             clock: Clock | None = None, server_: ForkServer | None = None) -> StudentModule:
        folder = tmp_path / f"learner{len(made)}"
        folder.mkdir()
        for module, text in sources.items():
            (folder / f"{module}.py").write_text(textwrap.dedent(text), encoding="utf-8")
        student = StudentModule(name=name or next(iter(sources)), submission=loaders.load(folder),
                                server=server_ or server, limits=limits or Limits(load_timeout_s=3.0),
                                clock=clock or Clock())
        made.append(student)
        return student

    yield make
    for student in made:
        student.close()


def deadline_in(clock: Clock, seconds: float) -> Clock:
    """Give ``clock`` a test deadline ``seconds`` from now, as the plugin does around a test."""
    clock.deadline = time.monotonic() + seconds
    clock.limit_s = seconds
    return clock


# ---------------------------------------------------------------------- batch grading


@pytest.fixture
def make_small_course(tmp_path: Path) -> Callable[..., Course]:
    """Makes a two-exercise course in a temporary folder (``classroom.make_course``;
    ``extra_grader`` is appended to its activations grader)."""

    def make(extra_grader: str = "") -> Course:
        return find_course(classroom.make_course(tmp_path / "course", extra_grader=extra_grader))

    return make


@pytest.fixture
def small_course(make_small_course: Callable[..., Course]) -> Course:
    """The two-exercise course, as it is."""
    return make_small_course()


@pytest.fixture
def class_folder(tmp_path: Path) -> Path:
    """A class of four students: right, wrong on softmax, only stubs, an unreadable zip."""
    return classroom.make_classroom(tmp_path / "class")


@pytest.fixture(scope="session")
def sample_class_graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The README's main job, ``autograde grade samples/class --out DIR``, run once with two
    local workers (``test_samples.py`` checks its grades; ``test_cluster.py`` compares a
    Dask cluster's rows with its rows)."""
    out = tmp_path_factory.mktemp("sample") / "demo"
    done = subprocess.run([sys.executable, "-m", "autograde", "grade", "samples/class", "--jobs", "2", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    return done, out
