"""Grade a whole class: find the submissions, grade them in worker processes, store rows.

The coordinator (this module, in the ``autograde grade`` process) never runs graders or
learner code. It finds the submissions (``loaders.discover``), skips those whose gradebook
row is up to date, hands the rest to N worker processes (``autograde.batch.worker``), and
writes each row to the gradebook the moment its result arrives. A worker that dies or
overruns its budget is replaced, and its submission still gets a row (``crashed`` or
``timed_out``). See ``docs/batch.md``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Protocol, Sequence

import autograde
from autograde import loaders
from autograde.config import Course
from autograde.errors import EnvironmentProblem, NoSubmissions
from autograde.gradebook import Gradebook, Row, RowStatus
from autograde.plugin.markers import GradeSpec
from autograde.i18n import Words
from autograde.results import Result, placeholder, ungraded_message, unreadable_message
from autograde.sandbox import isolation

Inventory = dict[str, list[tuple[str, GradeSpec]]]

ENVIRONMENT = "environment"  # a worker's reply when the sandbox's self-test failed (no row is stored)
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
    jobs: int
    environment_changed: str = ""  # why rows were graded again for their environment, if any were

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
) -> BatchResult:
    """Grade every submission found under ``paths`` into ``gradebook``, ``jobs`` at a time.

    A submission whose row was graded from the same files, graders and hidden setting is
    not graded again unless ``force``. Raises :class:`NoSubmissions` when ``paths`` hold
    none; ``warn`` hears the sandbox's fallback warning, if any.
    """
    from autograde.grading import current_environment, inventory as collect, sandbox_unavailable

    listener = listener or _Silent()
    started = time.perf_counter()
    candidates = loaders.discover(list(paths), exercises=course.exercises)
    if not candidates:
        raise NoSubmissions(paths)
    tests = collect(course=course)  # also proves the graders load before any worker starts
    version = grader_version(course)
    why = sandbox_unavailable()
    if why and warn is not None:
        warn(isolation.fallback_warning(why))
    environment = current_environment(why)
    todo: list[loaders.Candidate] = []
    fresh: list[loaders.Candidate] = []
    changed: dict[str, list[str]] = {}  # how the environment changed -> the students graded again for it
    for candidate in candidates:
        stamp = gradebook.stamp(candidate.student)
        current = stamp is not None and stamp.up_to_date(candidate.content_hash, version, hidden, environment)
        (fresh if current and not force else todo).append(candidate)
        if stamp is not None and not force:
            for change in stamp.environment_changes(environment):
                changed.setdefault(change, []).append(candidate.student)
    regraded = _environment_sentence(changed)
    listener.started(len(todo), len(fresh), regraded)
    budget = submission_budget(course, tests)

    def store(row: Row) -> None:
        gradebook.put(row)
        listener.finished(row)

    jobs = max(1, min(jobs, len(todo)))
    _Pool(course=course, jobs=jobs, hidden=hidden, version=version, tests=tests, budget_s=budget,
          hidden_seed=gradebook.hidden_seed(), words=Words(language, course.root)).run(todo, store)
    wanted = {c.student for c in candidates}
    return BatchResult(
        rows=tuple(r for r in gradebook.rows() if r.student in wanted),
        graded_now=tuple(c.student for c in todo),
        up_to_date=tuple(c.student for c in fresh),
        wall_s=time.perf_counter() - started,
        jobs=jobs,
        environment_changed=regraded,
    )


def _environment_sentence(changed: dict[str, list[str]]) -> str:
    """Why rows are graded again although nothing of theirs changed ('' when none are).
    Rows graded at different times may each have changed differently: every one counts once."""
    if not changed:
        return ""
    count = len({student for students in changed.values() for student in students})
    return (f"{count} submission{'s were' if count != 1 else ' was'} graded in another environment "
            f"({'; '.join(changed)}): graded again")


def grader_version(course: Course) -> str:
    """A hash of everything a verdict depends on besides the submission: autograde's own
    code, the course settings, the graders and the reference solutions."""
    digest = hashlib.sha256()
    package = Path(autograde.__file__).parent
    course_files = [course.root / "pyproject.toml", *(course.grader(e) for e in course.exercises),
                    *(course.solutions / f"{e}.py" for e in course.exercises)]
    for file in [*sorted(package.rglob("*.py")), *course_files]:
        if file.is_file():
            digest.update(f"{file.name}\0{file.stat().st_size}\0".encode())
            digest.update(file.read_bytes())
    return f"{autograde.__version__}+{digest.hexdigest()[:16]}"


def submission_budget(course: Course, tests: Inventory) -> float:
    """Seconds one submission may take in all: every limit it could use, plus slack."""
    total = SLACK_S
    for exercise, specs in tests.items():
        settings = course.for_exercise(exercise)
        total += settings.limits.load_timeout_s + sum(spec.timeout_s for _, spec in specs)
    return total


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------------- workers


@dataclass
class _Worker:
    """One worker process and the submission it is grading, if any."""

    process: subprocess.Popen[bytes]
    buffer: bytearray = field(default_factory=bytearray)
    job: loaders.Candidate | None = None
    started: float = 0.0
    eof: bool = False

    def send(self, candidate: loaders.Candidate, hidden_seed: int) -> None:
        self.job, self.started = candidate, time.monotonic()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(_encode_job(candidate, hidden_seed))
            self.process.stdin.flush()
        except BrokenPipeError:  # it died while idle: the end of its stdout reports this job's crash
            pass

    def kill(self) -> None:
        """End the worker with everything it started, and release its pipes."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # the worker, its fork servers and children
        except ProcessLookupError:
            pass
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


class _Pool:
    """N workers fed one submission at a time; rows go to ``store`` as results arrive."""

    def __init__(self, *, course: Course, jobs: int, hidden: bool, version: str, tests: Inventory,
                 budget_s: float, hidden_seed: int, words: Words) -> None:
        self.course, self.jobs, self.hidden, self.version = course, jobs, hidden, version
        self.words = words  # the rows' messages are written in its language (and kept as data)
        self.hidden_seed = hidden_seed
        self.tests, self.budget_s = tests, budget_s
        self.selector = selectors.DefaultSelector()
        self.log = tempfile.TemporaryFile()  # the workers' stderr, shown when one crashes

    def run(self, todo: list[loaders.Candidate], store: Callable[[Row], None]) -> None:
        for candidate in todo:  # unreadable: nothing for a worker to do
            if candidate.problem:
                store(self._row(candidate, RowStatus.UNREADABLE, None, candidate.problem, 0.0))
        queue = [c for c in reversed(todo) if not c.problem]
        workers = [self._start() for _ in range(min(self.jobs, len(queue)))]
        try:
            while queue or any(w.job for w in workers):
                for worker in workers:
                    if worker.job is None and queue:
                        worker.send(queue.pop(), self.hidden_seed)
                self._read(timeout=0.2)
                for index, worker in enumerate(workers):
                    row = self._check(worker)
                    if row is not None:
                        store(row)
                        if worker.process.poll() is not None:  # it died: a fresh one takes its place
                            self._forget(worker)
                            workers[index] = self._start()
        finally:
            for worker in workers:
                self._forget(worker)
            self.selector.close()
            self.log.close()

    def _start(self) -> _Worker:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        process = subprocess.Popen(
            [sys.executable, "-m", "autograde.batch.worker", str(self.course.root), "1" if self.hidden else "0",
             self.words.language],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, env=env,
            start_new_session=True,  # Ctrl-C is the coordinator's; killpg reaches all it started
        )
        assert process.stdout is not None
        os.set_blocking(process.stdout.fileno(), False)
        worker = _Worker(process)
        self.selector.register(process.stdout, selectors.EVENT_READ, worker)
        return worker

    def _forget(self, worker: _Worker) -> None:
        if not worker.eof:
            assert worker.process.stdout is not None
            self.selector.unregister(worker.process.stdout)
            worker.eof = True
        worker.kill()

    def _read(self, timeout: float) -> None:
        """Move what the workers wrote into their buffers; forget pipes at end of file."""
        for key, _ in self.selector.select(timeout):
            worker: _Worker = key.data
            chunk = os.read(key.fd, 1 << 20)
            if chunk:
                worker.buffer.extend(chunk)
            else:
                self.selector.unregister(key.fileobj)
                worker.eof = True

    def _check(self, worker: _Worker) -> Row | None:
        """The row of ``worker``'s job once it is done, dead or over its budget."""
        if worker.job is None:
            return None
        if b"\n" in worker.buffer:
            line, _, rest = bytes(worker.buffer).partition(b"\n")
            worker.buffer = bytearray(rest)
            return self._finish(worker, json.loads(line))
        if worker.eof:
            worker.process.wait()
            return self._finish(worker, None)
        if time.monotonic() - worker.started > self.budget_s:
            self._forget(worker)
            return self._finish(worker, None, timed_out=True)
        return None

    def _finish(self, worker: _Worker, reply: dict | None, *, timed_out: bool = False) -> Row:
        candidate, elapsed = worker.job, time.monotonic() - worker.started
        assert candidate is not None
        worker.job = None
        if reply is not None:
            if reply["status"] == ENVIRONMENT:  # no row: nothing was graded, and nothing is the learner's
                raise EnvironmentProblem(reply["error"])
            status = RowStatus(reply["status"])
            result = Result.from_json(reply["result"]) if reply.get("result") else None
            return self._row(candidate, status, result, reply.get("error", ""), elapsed)
        if timed_out:
            message = (f"grading this submission took longer than {self.budget_s:.0f} s in all (the sum of its "
                       "time limits) and was stopped")
            return self._row(candidate, RowStatus.TIMED_OUT, None, message, elapsed)
        message = f"grading stopped: the worker process ended ({_exit_reason(worker.process.returncode)})"
        return self._row(candidate, RowStatus.CRASHED, None, message + self._log_tail(), elapsed)

    def _row(self, candidate: loaders.Candidate, status: RowStatus, result: Result | None, error: str,
             elapsed: float) -> Row:
        if result is None:
            text, data = self.words.written(unreadable_message(error) if status is RowStatus.UNREADABLE
                                            else ungraded_message(error))
            result = placeholder(self.tests, submission=candidate.student, message=text, message_data=data,
                                 hidden=self.hidden, environment={"autograde": autograde.__version__},
                                 language=self.words.language)
        return Row(
            student=candidate.student, origin=candidate.origin, status=status, result=result,
            content_hash=candidate.content_hash, grader_version=self.version, hidden=self.hidden,
            graded_at=_now(), duration_s=round(elapsed, 3), error=error,
        )

    def _log_tail(self) -> str:
        self.log.seek(0, os.SEEK_END)
        size = self.log.tell()
        self.log.seek(max(0, size - 2000))
        tail = self.log.read().decode("utf-8", "replace").strip()
        return f"\n{tail}" if tail else ""


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _encode_job(candidate: loaders.Candidate, hidden_seed: int) -> bytes:
    # The seed travels on the worker's stdin: not in its argv or environment, which other
    # processes of the machine can read.
    job = {
        "hidden_seed": hidden_seed,
        "student": candidate.student,
        "origin": candidate.origin,
        "notes": list(candidate.notes),
        "files": {name: base64.b64encode(data).decode("ascii") for name, data in candidate.files.items()},
    }
    return json.dumps(job).encode() + b"\n"


def decode_job(line: bytes) -> tuple[loaders.Candidate, int]:
    """The candidate and hidden seed a job line written by the coordinator carries."""
    job = json.loads(line)
    candidate = loaders.Candidate(student=job["student"], origin=job["origin"], notes=tuple(job["notes"]),
                                  files={n: base64.b64decode(d) for n, d in job["files"].items()})
    return candidate, int(job["hidden_seed"])
