"""Grade a whole class: find the submissions, grade them in worker processes, store rows.

The coordinator (this module, in the ``autograde grade`` process) never runs graders or
learner code. It finds the submissions (``loaders.discover``), skips those whose gradebook
row is up to date, hands the rest to N worker processes (``autograde.batch.worker``), and
writes each row to the gradebook the moment its result arrives. A worker that dies or
overruns its budget is replaced, and its submission still gets a row (``crashed`` or
``timed_out``). See ``docs/batch.md``.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol, Sequence

from autograde import loaders
from autograde.batch.workers import Inventory, LocalPool, Rows, grader_version
from autograde.config import Course
from autograde.errors import ClusterError, NoSubmissions
from autograde.gradebook import Gradebook, Row, RowStatus
from autograde.i18n import Words

__all__ = ["BatchResult", "Listener", "Pool", "grade_class", "grader_version", "submission_budget"]

SLACK_S = 60.0  # on top of the sum of a submission's time limits, before the watchdog acts


class Listener(Protocol):
    """Who watches a batch: the CLI's progress bar, or nobody."""

    def started(self, total: int, up_to_date: int, environment_changed: str) -> None: ...

    def finished(self, row: Row) -> None: ...


class _Silent:
    def started(self, total: int, up_to_date: int, environment_changed: str) -> None:
        pass

    def finished(self, row: Row) -> None:
        pass


@dataclass(frozen=True)
class BatchResult:
    """What one ``grade_class`` run did. ``rows`` are the current rows of every submission
    found (graded now or earlier), sorted by student."""

    rows: tuple[Row, ...]
    graded_now: tuple[str, ...]
    up_to_date: tuple[str, ...]
    wall_s: float
    jobs: int  # submissions graded at a time: local workers, or the cluster's workers
    environment_changed: str = ""  # why rows were graded again for their environment, if any were
    cluster: str = ""  # the Dask cluster's address when graded on one

    @property
    def not_graded(self) -> tuple[Row, ...]:
        """Rows of submissions that could not be graded (unreadable, crashed, timed out)."""
        return tuple(r for r in self.rows if r.status is not RowStatus.GRADED)


def grade_class(
    *,
    course: Course,
    paths: Sequence[Path],
    gradebook: Gradebook,
    jobs: int,
    hidden: bool = True,
    force: bool = False,
    listener: Listener | None = None,
    warn: Callable[[str], None] | None = None,
    language: str = "en",
    cluster: str | None = None,
) -> BatchResult:
    """Grade every submission found under ``paths`` into ``gradebook``, ``jobs`` at a time
    in local worker processes, or on the Dask cluster ``cluster`` (an address, or
    ``local:N``; see ``autograde.batch.cluster``).

    A submission whose row was graded from the same files, graders and hidden setting is
    not graded again unless ``force``. Raises :class:`NoSubmissions` when ``paths`` hold
    none; ``warn`` hears the sandbox's fallback warning, if any.
    """
    from autograde.grading import inventory as collect

    listener = listener or _Silent()
    started = time.perf_counter()
    candidates = loaders.discover(list(paths), exercises=course.exercises)
    if not candidates:
        raise NoSubmissions(paths)
    tests = collect(course=course)  # also proves the graders load before any worker starts
    version = grader_version(course)
    rows = Rows(tests, hidden, version, Words(language, course.root))
    budget = submission_budget(course, tests)
    seed = gradebook.hidden_seed()
    pool: Pool
    if cluster is None:
        pool = LocalPool(course=course, jobs=jobs, budget_s=budget, hidden_seed=seed, rows=rows)
    else:
        try:
            from autograde.batch.cluster import ClusterPool  # Dask is imported only for a cluster
        except ModuleNotFoundError as exc:
            if exc.name not in ("dask", "distributed"):
                raise
            raise ClusterError(f"--cluster needs Dask's distributed ({exc.name} is not installed in "
                               f"{sys.prefix}): pip install 'autograde-dl[cluster]', or from a course "
                               "checkout pip install -e '.[cluster]'") from None
        pool = ClusterPool(cluster, course=course, budget_s=budget, hidden_seed=seed, rows=rows)
    with pool:
        environments = pool.environments(warn)
        todo: list[loaders.Candidate] = []
        fresh: list[loaders.Candidate] = []
        changed: dict[str, list[str]] = {}  # how the environment changed -> the students graded again for it
        for candidate in candidates:
            stamp = gradebook.stamp(candidate.student)
            current = stamp is not None and any(stamp.up_to_date(candidate.content_hash, version, hidden, environment)
                                                for environment in environments)
            (fresh if current and not force else todo).append(candidate)
            if stamp is not None and not force and not current:
                for change in stamp.environment_changes(environments[0]):
                    changed.setdefault(change, []).append(candidate.student)
        regraded = _environment_sentence(changed)
        listener.started(len(todo), len(fresh), regraded)

        def store(row: Row) -> None:
            gradebook.put(row)
            listener.finished(row)

        for candidate in todo:  # unreadable: nothing for a worker to do
            if candidate.problem:
                store(rows.unreadable(candidate))
        pool.run([c for c in todo if not c.problem], store)
    wanted = {c.student for c in candidates}
    return BatchResult(
        rows=tuple(r for r in gradebook.rows() if r.student in wanted),
        graded_now=tuple(c.student for c in todo),
        up_to_date=tuple(c.student for c in fresh),
        wall_s=time.perf_counter() - started,
        jobs=pool.width(len(todo)),
        environment_changed=regraded,
        cluster=pool.where,
    )


class Pool(Protocol):
    """Where the submissions of one run are graded: local worker processes, or a Dask
    cluster. Entered before the gradebook's rows are compared, since which environment
    a row graded now would record is the pool's to say."""

    where: str  # '' for local workers; the cluster's address

    def __enter__(self) -> Pool: ...

    def __exit__(self, *exc: object) -> None: ...

    def environments(self, warn: Callable[[str], None] | None) -> list[dict[str, str]]:
        """The environments a result graded now would record (a row graded in one of
        them is up to date); says the sandbox's fallback to ``warn``."""
        ...

    def width(self, todo: int) -> int:
        """How many submissions were graded at a time."""
        ...

    def run(self, todo: list[loaders.Candidate], store: Callable[[Row], None]) -> None:
        """Grade ``todo`` (every one readable), giving each row to ``store`` as it comes."""
        ...


def _environment_sentence(changed: dict[str, list[str]]) -> str:
    """Why rows are graded again although nothing of theirs changed ('' when none are).
    Rows graded at different times may each have changed differently: every one counts once."""
    if not changed:
        return ""
    count = len({student for students in changed.values() for student in students})
    return (f"{count} submission{'s were' if count != 1 else ' was'} graded in another environment "
            f"({'; '.join(changed)}): graded again")


def submission_budget(course: Course, tests: Inventory) -> float:
    """Seconds one submission may take in all: every limit it could use, plus slack."""
    total = SLACK_S
    for exercise, specs in tests.items():
        settings = course.for_exercise(exercise)
        total += settings.limits.load_timeout_s + sum(spec.timeout_s for _, spec in specs)
    return total


