"""Worker processes that grade submissions, and the rows made of their replies.

A worker is ``python -m autograde.batch.worker`` (``worker.py``): it grades one submission
at a time with a :class:`~autograde.grading.GradingSession` and keeps its fork servers warm.
``LocalPool`` feeds N of them on this machine (``autograde grade --jobs N``); a
:class:`Lane` keeps one and waits for each of its replies, which is what every Dask worker
does (``autograde.batch.cluster``). Either way a :class:`Reply` comes back and
:class:`Rows` makes the gradebook's row of it. ``grader_version`` says what a verdict was
computed with. See ``docs/batch.md``.
"""

from __future__ import annotations

import base64
import contextlib
import functools
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
from typing import IO, Callable, Sequence

import autograde
from autograde import config, loaders
from autograde.config import Course
from autograde.errors import EnvironmentProblem
from autograde.gradebook import Row, RowStatus
from autograde.plugin.markers import GradeSpec
from autograde.i18n import Words
from autograde.results import Result, placeholder, ungraded_message, unreadable_message
from autograde.sandbox import isolation

Inventory = dict[str, list[tuple[str, GradeSpec]]]

ENVIRONMENT = "environment"  # a worker's reply when the sandbox's self-test failed (no row is stored)
READY = "ready"  # a worker's reply to {"op": "ready"} once its self-test passed


def grader_version(course: Course) -> str:
    """A hash of everything a verdict depends on besides the submission: autograde's own
    code, the course settings, the graders and the reference solutions."""
    digest = hashlib.sha256(code_fingerprint().encode())
    course_files = [course.root / "pyproject.toml", *(course.grader(e) for e in course.exercises),
                    *(course.solutions / f"{e}.py" for e in course.exercises)]
    for file in course_files:
        if file.is_file():
            digest.update(f"{file.name}\0{file.stat().st_size}\0".encode())
            digest.update(file.read_bytes())
    return f"{autograde.__version__}+{digest.hexdigest()[:16]}"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of autograde's own code (every module of the installed package): two
    installations grade alike only when theirs are equal."""
    digest = hashlib.sha256()
    package = Path(autograde.__file__).parent
    for file in sorted(package.rglob("*.py")):
        digest.update(f"{file.relative_to(package).as_posix()}\0{file.stat().st_size}\0".encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------------- workers


@dataclass(frozen=True)
class Reply:
    """How grading one submission in a worker process ended: plain data, which crosses
    from a Dask worker to the coordinator too (``cluster.py``). ``status`` is a
    :class:`RowStatus` value or ``ENVIRONMENT``; ``result`` a result document, or None
    when the coordinator writes the row's placeholder."""

    status: str
    result: dict | None
    error: str
    elapsed: float

    @classmethod
    def of(cls, data: dict) -> Reply:
        return cls(str(data["status"]), data.get("result"), str(data.get("error", "")), float(data["elapsed"]))

    def to_dict(self) -> dict:
        return {"status": self.status, "result": self.result, "error": self.error, "elapsed": self.elapsed}


@dataclass
class _Worker:
    """One worker process (``python -m autograde.batch.worker``) and what it is grading."""

    process: subprocess.Popen[bytes]
    log: IO[bytes]  # where its stderr goes, shown when it crashes
    buffer: bytearray = field(default_factory=bytearray)
    job: object | None = None  # what it is grading: the pool's candidate; None when idle
    started: float = 0.0
    eof: bool = False

    @classmethod
    def start(cls, course: Path, hidden: bool, language: str, log: IO[bytes],
              settings: dict[str, str] | None = None, also_hidden: Sequence[str] = ()) -> _Worker:
        """Start a worker for ``course``. ``settings``: the ``AUTOGRADE_*`` course settings
        to use instead of this process's (a Dask worker grades with the coordinator's);
        ``also_hidden``: folders learner code must not see besides the course's."""
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        if settings is not None:
            env = {**{k: v for k, v in env.items() if k not in config.ENVIRONMENT}, **settings}
        process = subprocess.Popen(
            [sys.executable, "-m", "autograde.batch.worker", str(course), "1" if hidden else "0", language,
             json.dumps(list(also_hidden))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env,
            start_new_session=True,  # Ctrl-C is the coordinator's; killpg reaches all it started
        )
        assert process.stdout is not None
        os.set_blocking(process.stdout.fileno(), False)
        return cls(process, log)

    def send(self, job: object, line: bytes) -> None:
        self.job, self.started = job, time.monotonic()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(line)
            self.process.stdin.flush()
        except BrokenPipeError:  # it died while idle: the end of its stdout reports this job's crash
            pass

    def read(self) -> None:
        """Move what the worker wrote into its buffer (it must be readable); note end of file."""
        assert self.process.stdout is not None
        chunk = os.read(self.process.stdout.fileno(), 1 << 20)
        if chunk:
            self.buffer.extend(chunk)
        else:
            self.eof = True

    def reply(self, budget_s: float) -> Reply | None:
        """How its job ended once it is done, dead or over ``budget_s``; None while it runs.
        A worker over budget is killed."""
        elapsed = time.monotonic() - self.started
        if b"\n" in self.buffer:
            line, _, rest = bytes(self.buffer).partition(b"\n")
            self.buffer = bytearray(rest)
            self.job = None
            return Reply.of({**json.loads(line), "elapsed": elapsed})
        if self.eof:
            self.process.wait()
            self.job = None
            message = f"grading stopped: the worker process ended ({_exit_reason(self.process.returncode)})"
            return Reply(RowStatus.CRASHED.value, None, message + _tail(self.log), elapsed)
        if elapsed > budget_s:
            self.kill()
            self.job = None
            message = (f"grading this submission took longer than {budget_s:.0f} s in all (the sum of its "
                       "time limits) and was stopped")
            return Reply(RowStatus.TIMED_OUT.value, None, message, elapsed)
        return None

    def kill(self) -> None:
        """End the worker with everything it started, and release its pipes."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # the worker, its fork servers and children
        except ProcessLookupError:
            pass
        self.process.wait()
        self.eof = True
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


@dataclass(frozen=True)
class Rows:
    """Makes the gradebook's rows of one run from its workers' replies; a row without a
    result document gets a placeholder that has every test (so totals never miss points)."""

    tests: Inventory
    hidden: bool
    version: str
    words: Words  # the rows' messages are written in its language (and kept as data)

    def of(self, candidate: loaders.Candidate, reply: Reply) -> Row:
        if reply.status == ENVIRONMENT:  # no row: nothing was graded, and nothing is the learner's
            raise EnvironmentProblem(reply.error)
        status = RowStatus(reply.status)
        result = Result.from_json(reply.result) if reply.result else None
        if result is None:
            text, data = self.words.written(unreadable_message(reply.error) if status is RowStatus.UNREADABLE
                                            else ungraded_message(reply.error))
            result = placeholder(self.tests, submission=candidate.student, message=text, message_data=data,
                                 hidden=self.hidden, environment={"autograde": autograde.__version__},
                                 language=self.words.language)
        return Row(
            student=candidate.student, origin=candidate.origin, status=status, result=result,
            content_hash=candidate.content_hash, grader_version=self.version, hidden=self.hidden,
            graded_at=_now(), duration_s=round(reply.elapsed, 3), error=reply.error,
        )

    def unreadable(self, candidate: loaders.Candidate) -> Row:
        """The row of a submission that discovery could not read: no worker sees it."""
        return self.of(candidate, Reply(RowStatus.UNREADABLE.value, None, candidate.problem, 0.0))


class LocalPool:
    """N local workers fed one submission at a time; rows go to ``store`` as results arrive
    (``autograde.batch.Pool``)."""

    def __init__(self, *, course: Course, jobs: int, budget_s: float, hidden_seed: int, rows: Rows) -> None:
        self.course, self.jobs, self.rows = course, jobs, rows
        self.hidden_seed = hidden_seed
        self.budget_s = budget_s
        self.selector = selectors.DefaultSelector()
        self.log = tempfile.TemporaryFile()  # the workers' stderr, shown when one crashes

    where = ""

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.selector.close()
        self.log.close()

    def environments(self, warn: Callable[[str], None] | None) -> list[dict[str, str]]:
        from autograde.grading import current_environment, sandbox_unavailable

        why = sandbox_unavailable()
        if why and warn is not None:
            warn(isolation.fallback_warning(why))
        return [current_environment(why)]

    def width(self, todo: int) -> int:
        return max(1, min(self.jobs, todo))

    def run(self, todo: list[loaders.Candidate], store: Callable[[Row], None]) -> None:
        queue = list(reversed(todo))
        workers = [self._start() for _ in range(min(self.jobs, len(queue)))]
        try:
            while queue or any(w.job for w in workers):
                for worker in workers:
                    if worker.job is None and queue:
                        candidate = queue.pop()
                        worker.send(candidate, encode_job(candidate, self.hidden_seed))
                for key, _ in self.selector.select(0.2):
                    key.data.read()
                    if key.data.eof:
                        self.selector.unregister(key.fileobj)
                for index, worker in enumerate(workers):
                    candidate = worker.job
                    reply = worker.reply(self.budget_s) if candidate is not None else None
                    if reply is None:
                        continue
                    assert isinstance(candidate, loaders.Candidate)
                    store(self.rows.of(candidate, reply))
                    if worker.process.poll() is not None or worker.eof:  # it died: a fresh one takes its place
                        self._forget(worker)
                        workers[index] = self._start()
        finally:
            for worker in workers:
                self._forget(worker)

    def _start(self) -> _Worker:
        worker = _Worker.start(self.course.root, self.rows.hidden, self.rows.words.language, self.log)
        self.selector.register(worker.process.stdout, selectors.EVENT_READ, worker)  # type: ignore[arg-type]
        return worker

    def _forget(self, worker: _Worker) -> None:
        if worker.process.stdout is not None:  # found by identity when already closed
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(worker.process.stdout)
        worker.kill()


class Lane:
    """One worker process that grades one submission at a time and waits for each: what
    every Dask worker keeps (``autograde.batch.cluster``). The process, its fork servers
    and their self-test start once and stay warm; one that crashed or ran over ``budget_s``
    is replaced before the next submission."""

    def __init__(self, course: Path, *, hidden: bool, language: str, budget_s: float,
                 settings: dict[str, str] | None = None, also_hidden: Sequence[str] = ()) -> None:
        self.course, self.hidden, self.language, self.budget_s = course, hidden, language, budget_s
        self.settings, self.also_hidden = settings, tuple(also_hidden)
        self.log = tempfile.TemporaryFile()
        self.worker: _Worker | None = None

    def start(self) -> None:
        """Start the worker process now, unless one is running. Its parent-death signal is
        tied to the calling thread: a Dask plugin starts it from the worker's main thread."""
        if self.worker is None or self.worker.eof or self.worker.process.poll() is not None:
            if self.worker is not None:
                self.worker.kill()
            self.worker = _Worker.start(self.course, self.hidden, self.language, self.log, self.settings,
                                        self.also_hidden)

    def ready(self) -> tuple[dict[str, str], str]:
        """Start the worker process and run its fork server's start-up self-test; the
        environment its results will record, and why learner code runs without namespaces
        ('' when it runs in them). Raises :class:`EnvironmentProblem`."""
        reply = self._ask(b'{"op": "ready"}\n', None)
        if reply.status != READY:
            raise EnvironmentProblem(reply.error)
        assert reply.result is not None
        return {str(k): str(v) for k, v in reply.result["environment"].items()}, str(reply.result["isolation"])

    def grade(self, candidate: loaders.Candidate, hidden_seed: int) -> Reply:
        """Grade ``candidate`` (with hidden tests drawn from ``hidden_seed``) and wait."""
        return self._ask(encode_job(candidate, hidden_seed), candidate)

    def _ask(self, line: bytes, job: object) -> Reply:
        self.start()
        worker = self.worker
        assert worker is not None
        worker.send(job if job is not None else "ready", line)
        with selectors.DefaultSelector() as selector:
            selector.register(worker.process.stdout, selectors.EVENT_READ)  # type: ignore[arg-type]
            while True:
                if selector.select(0.5):
                    worker.read()
                reply = worker.reply(self.budget_s)
                if reply is not None:
                    return reply

    def close(self) -> None:
        """Stop the worker process, its fork servers and their children."""
        if self.worker is not None:
            self.worker.kill()
            self.worker = None
        self.log.close()


def _tail(log: IO[bytes]) -> str:
    """The end of the workers' stderr, for a crash's message."""
    log.seek(0, os.SEEK_END)
    size = log.tell()
    log.seek(max(0, size - 2000))
    text = log.read().decode("utf-8", "replace").strip()
    log.seek(0, os.SEEK_END)
    return f"\n{text}" if text else ""


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def encode_job(candidate: loaders.Candidate, hidden_seed: int) -> bytes:
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
