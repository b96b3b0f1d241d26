"""Graders run with plain pytest, as instructors do while writing them::

    pytest -p autograde.plain_pytest --submission exercises graders/

The submission is graded through a :class:`~autograde.grading.GradingSession`, as every
command grades (the per-exercise ``preload``, Keras, included); pytest shows its own
tracebacks beside what a learner would see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograde.config import find_course
from autograde.grading import GradingSession
from autograde.plugin import markers

NAME = "autograde-run"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("autograde")
    group.addoption("--submission", help="grade this folder, .py or .ipynb file, or .zip with the graders")
    group.addoption("--hidden", action="store_true", help="also run hidden tests")
    group.addoption("--course", help="the course folder (default: found from the working directory)")


def pytest_configure(config: pytest.Config) -> None:
    markers.register(config)
    path = config.getoption("submission", None)
    if not path or config.pluginmanager.has_plugin(NAME):
        return
    course = find_course(config.getoption("course"), start=Path(str(config.rootpath)))
    session = GradingSession(course, warn=lambda text: config.issue_config_time_warning(
        pytest.PytestWarning(text), stacklevel=2))
    config.add_cleanup(session.close)
    session.__enter__()
    submission = session.load(path)
    if submission.problem:
        raise pytest.UsageError(f"--submission {path}: {submission.problem}")
    config.pluginmanager.register(
        session.plugin(submission, hidden=config.getoption("hidden"), full_tracebacks=True), NAME)
