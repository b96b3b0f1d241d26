"""Shared fixtures: the course of this repository, one fork server per test session,
and a helper that grades a submission made of given module sources."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest

from autograde import loaders
from autograde.config import Course, find_course
from autograde.grading import fork_server, grade
from autograde.results import Result
from autograde.sandbox.forkserver import ForkServer

ROOT = Path(__file__).resolve().parents[1]

GradeSources = Callable[..., Result]


@pytest.fixture(scope="session")
def course() -> Course:
    """This repository's course, with a short import time limit so hangs stay cheap."""
    return find_course(ROOT).with_overrides(load_timeout_s=3.0)


@pytest.fixture(scope="session")
def server(course: Course) -> Iterator[ForkServer]:
    """One fork server for the whole test session."""
    with fork_server(course) as running:
        yield running


@pytest.fixture
def grade_sources(course: Course, server: ForkServer, tmp_path: Path) -> GradeSources:
    """``grade_sources({"perceptron": "...source..."}, exercises=[...])`` -> Result."""

    def run(sources: dict[str, str], *, exercises: tuple[str, ...] | list[str] = (), hidden: bool = False,
            course_: Course | None = None) -> Result:
        folder = tmp_path / f"submission{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        for name, text in sources.items():
            (folder / f"{name}.py").write_text(text, encoding="utf-8")
        return grade(course=course_ or course, submission=loaders.load(folder), server=server,
                     exercises=exercises or tuple(sources), hidden=hidden)

    return run


def solution_source(exercise: str) -> str:
    """The reference solution's source text."""
    return (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")


def results_by_test(result: Result) -> dict[str, object]:
    """Every test result of ``result`` keyed by ``exercise::test``."""
    return {f"{e.name}::{t.name}": t for e in result.exercises for t in e.tests}
